package dev.playbook.cli;

import dev.playbook.RuleTestReport;
import dev.playbook.RuleTests;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code playbook test}: runs the rule test files ({@code *.test.yaml}, {@code *.test.yml}) under
 * some folders, with the same runner that {@code mvn test} uses for the built-in playbooks.
 */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs rule tests.",
      "Runs every rule test file (*.test.yaml, *.test.yml) under each PATH against the playbook of its folder"
          + " and prints the cases that failed, what was expected and what happened, then a summary."
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  every case passed (and, with --coverage, every rule is covered)",
      "  1  a test file or its playbook has problems, or no test file was found",
      "  2  the command line is wrong",
      "  3  a case failed, or with --coverage a rule is not covered",
      "",
      "Examples:",
      "  playbook test",
      "  playbook test playbooks/acme --verbose --coverage",
      "  playbook test playbooks/acme/rules/meddic.test.yaml --format json"
    })
final class TestCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..*",
      paramLabel = "PATH",
      description =
          "A folder to search for rule test files, or a rule test file. Default: the current"
              + " folder.")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = {"-v", "--verbose"},
      description = "Also print the cases that passed or were skipped.")
  boolean verbose;

  @Option(
      names = "--coverage",
      description =
          "Also list, for each playbook the test files belong to, the rules of that playbook"
              + " folder that no passing case expects to fire, or not to fire.")
  boolean coverage;

  @Mixin FormatOption format;

  @Override
  public Integer call() {
    List<Path> roots = paths.isEmpty() ? List.of(Path.of("")) : paths;
    Set<Path> files = new LinkedHashSet<>();
    for (Path root : roots) {
      if (!Files.exists(root)) {
        throw new ParameterException(
            spec.commandLine(),
            "Invalid value for PATH: '" + root + "' is neither a folder nor a file");
      }
      files.addAll(RuleTests.find(root));
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (files.isEmpty()) {
      err.println(
          "no rule test files found under "
              + roots.stream().map(TestCommand::shown).collect(Collectors.joining(", ")));
      err.flush();
      return 1;
    }

    List<RuleTestReport> reports = RuleTests.runAll(files.stream().sorted().toArray(Path[]::new));
    List<RuleTestRun.Coverage> covered = null;
    if (coverage) {
      covered = new ArrayList<>();
      // each playbook folder, and whether all its test files and the playbook loaded
      Map<Path, Boolean> folders = new TreeMap<>();
      for (RuleTestReport report : reports) {
        Path folder = playbookFolder(Path.of(report.file()));
        if (folder != null) {
          folders.merge(folder, report.playbook() != null, Boolean::logicalAnd);
        }
      }
      for (Map.Entry<Path, Boolean> folder : folders.entrySet()) {
        covered.add(
            folder.getValue()
                ? new RuleTestRun.Coverage(
                    shown(folder.getKey()), true, RuleTests.uncovered(reports, folder.getKey()))
                : new RuleTestRun.Coverage(shown(folder.getKey()), false, List.of()));
      }
    }
    RuleTestRun run = new RuleTestRun(reports, covered);
    out.print(format.json() ? run.json() : run.text(verbose));
    out.flush();
    return run.exitCode();
  }

  /**
   * The nearest folder, from the file's own upwards, that holds a {@code playbook.yaml}: the
   * playbook the file's cases run against. Relative to the current folder when the file is.
   */
  static Path playbookFolder(Path file) {
    Path dir = file.toAbsolutePath().normalize().getParent();
    while (dir != null && !Files.isRegularFile(dir.resolve("playbook.yaml"))) {
      dir = dir.getParent();
    }
    if (dir == null || file.isAbsolute()) {
      return dir;
    }
    return Path.of("").toAbsolutePath().relativize(dir);
  }

  /** The current folder, which is the empty path, as {@code .}. */
  private static String shown(Path path) {
    return path.toString().isEmpty() ? "." : path.toString();
  }
}
