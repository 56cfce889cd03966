package dev.playbook.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.RuleTestReport;
import dev.playbook.RuleTests;
import dev.playbook.problem.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every rule test file of every built-in playbook, and fails when a rule file has no test file
 * beside it or a rule has no case that fires it and one that does not.
 */
class RuleFixturesTest {

  static final Path ROOT = Path.of("src/main/resources/playbooks");

  static List<Path> playbookFolders() throws IOException {
    if (!Files.isDirectory(ROOT)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(ROOT)) {
      return s.filter(p -> Files.isRegularFile(p.resolve("playbook.yaml"))).sorted().toList();
    }
  }

  @TestFactory
  Stream<DynamicNode> builtInPlaybooks() throws IOException {
    return builtInPlaybooks(RuleTests::runAll);
  }

  /**
   * The same cases with the conditions compiled to bytecode ({@code playbook.backend=generated},
   * docs/performance.md): the generated code must find what the closures find.
   */
  @TestFactory
  Stream<DynamicNode> builtInPlaybooks_onGeneratedCode() throws IOException {
    return builtInPlaybooks(
        folder -> {
          String before = System.getProperty(BACKEND);
          System.setProperty(BACKEND, "generated");
          try {
            return RuleTests.runAll(folder);
          } finally {
            if (before == null) {
              System.clearProperty(BACKEND);
            } else {
              System.setProperty(BACKEND, before);
            }
          }
        });
  }

  private static final String BACKEND = "playbook.backend";

  /** Runs the rule tests of one playbook folder. */
  private interface Runner {
    List<RuleTestReport> run(Path folder) throws IOException;
  }

  private static Stream<DynamicNode> builtInPlaybooks(Runner runner) throws IOException {
    List<DynamicNode> out = new ArrayList<>();
    for (Path folder : playbookFolders()) {
      List<RuleTestReport> reports = runner.run(folder);
      List<DynamicNode> nodes = new ArrayList<>();
      for (RuleTestReport report : reports) {
        nodes.add(file(report));
      }
      nodes.add(
          DynamicTest.dynamicTest(
              "every rule file has a test file beside it",
              () ->
                  assertThat(rulesWithoutTests(folder))
                      .as("rule files without a .test.yaml beside them")
                      .isEmpty()));
      nodes.add(
          DynamicTest.dynamicTest(
              "every rule has a case that fires and one that does not",
              () ->
                  assertThat(RuleTests.uncovered(reports, folder))
                      .as("uncovered rules")
                      .isEmpty()));
      out.add(DynamicContainer.dynamicContainer(folder.getFileName().toString(), nodes));
    }
    return out.stream();
  }

  private static DynamicNode file(RuleTestReport report) {
    List<DynamicNode> tests = new ArrayList<>();
    if (!report.problems().isEmpty()) {
      tests.add(
          DynamicTest.dynamicTest(
              "loads",
              () ->
                  assertThat(report.problems().stream().map(Problem::render).toList())
                      .as("problems")
                      .isEmpty()));
    }
    for (RuleTestReport.Case c : report.cases()) {
      tests.add(
          DynamicTest.dynamicTest(
              c.name(),
              () -> {
                org.junit.jupiter.api.Assumptions.assumeTrue(
                    c.status() != RuleTestReport.Status.SKIPPED, "marked todo");
                assertThat(c.failures())
                    .as(report.file() + ":" + c.line() + ": " + c.name())
                    .isEmpty();
              }));
    }
    return DynamicContainer.dynamicContainer(
        Path.of(report.file()).getFileName().toString(), tests);
  }

  static List<String> rulesWithoutTests(Path folder) throws IOException {
    try (Stream<Path> s = Files.walk(folder)) {
      return s.filter(Files::isRegularFile)
          .map(Path::toString)
          .filter(
              n -> n.endsWith(".yaml") && !n.endsWith(".test.yaml") && !n.endsWith("playbook.yaml"))
          .filter(
              n -> {
                try {
                  return Files.readString(Path.of(n)).lines().anyMatch(l -> l.startsWith("rules:"))
                      && !Files.exists(Path.of(n.replaceFirst("\\.yaml$", ".test.yaml")));
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .sorted()
          .toList();
    }
  }
}
