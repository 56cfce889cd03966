package dev.playbook.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Runs the command as a user would, capturing the exit code, stdout and stderr. */
final class CliRunner {

  /** What one run printed. */
  record Run(int exitCode, String out, String err) {}

  private final Environment environment;

  /** Defaults are looked up in {@code home}; there are no built-in playbooks. */
  CliRunner(Path home) {
    this.environment = new Environment(home, List::of);
  }

  Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), environment);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The usage help of {@code subcommand}, or of the top command when null, as printed on errors. */
  String usage(String subcommand) {
    var cmd = Main.commandLine(environment);
    return subcommand == null ? cmd.getUsageMessage() : cmd.getSubcommands().get(subcommand).getUsageMessage();
  }
}
