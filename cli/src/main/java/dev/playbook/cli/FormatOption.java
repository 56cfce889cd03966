package dev.playbook.cli;

import picocli.CommandLine.Option;

/** {@code --format text|json}, for the commands that can write for programs too. */
final class FormatOption {

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      converter = Converters.FormatName.class,
      description = "text (for people) or json (for programs). Default: text.")
  Format format = Format.TEXT;

  boolean json() {
    return format == Format.JSON;
  }
}
