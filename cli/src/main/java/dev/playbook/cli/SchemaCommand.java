package dev.playbook.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code playbook schema}: writes the JSON Schemas of the files people write (playbooks, rule
 * files, rule tests, deals), for editors that complete and check YAML and JSON as you type.
 */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Writes the JSON Schemas of playbook, rule, rule test and deal files.",
      "Editors such as VS Code (with the YAML extension) and IntelliJ use them to complete keys and"
          + " flag mistakes while you type. Prints the path of each file written."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  playbook schema", "  playbook schema --out .vscode/schema"})
final class SchemaCommand implements Callable<Integer> {

  /** Where the schemas are on the classpath. */
  static final String RESOURCE_FOLDER = "dev/playbook/schema/";

  /** The schemas, in the order written. */
  static final List<String> SCHEMAS =
      List.of(
          "playbook.schema.json", "rules.schema.json", "rule-test.schema.json", "deal.schema.json");

  @Spec CommandSpec spec;

  @ParentCommand Main main;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "The folder to write the schemas into, created if needed. Default: schema.")
  Path outDir = Path.of("schema");

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, byte[]> found = new LinkedHashMap<>();
    for (String name : SCHEMAS) {
      try (InputStream in =
          main.environment().resources().getResourceAsStream(RESOURCE_FOLDER + name)) {
        if (in != null) {
          found.put(name, in.readAllBytes());
        }
      }
    }
    if (found.isEmpty()) {
      err.println(
          "error: schema resources missing: none of "
              + String.join(", ", SCHEMAS)
              + " is on the classpath under "
              + RESOURCE_FOLDER);
      err.flush();
      return 1;
    }
    try {
      Files.createDirectories(outDir);
      for (Map.Entry<String, byte[]> schema : found.entrySet()) {
        Path file = outDir.resolve(schema.getKey());
        Files.write(file, schema.getValue());
        out.println(file);
      }
    } catch (IOException e) {
      err.println("error: cannot write the schemas into " + outDir + ": " + IoErrors.reason(e));
      err.flush();
      return 1;
    } finally {
      out.flush();
    }
    return 0;
  }
}
