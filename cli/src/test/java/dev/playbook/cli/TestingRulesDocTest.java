package dev.playbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test file and the outputs in docs/testing-rules.md are what the command reads and prints. */
class TestingRulesDocTest {

  static final Path DOC = Path.of("..", "docs", "testing-rules.md");

  @TempDir Path dir;
  CliRunner cli;
  String doc;
  String testFile;

  @BeforeEach
  void setUp() {
    cli = new CliRunner(dir);
    doc = TestFiles.read(DOC);
    TestFiles.write(dir, "playbooks/acme/playbook.yaml", EvaluateCommandTest.ACME);
    testFile = DocSamples.block(doc, "# rules/meddic.test.yaml", "```yaml");
  }

  @Test
  void docs_verboseCoverageSample_isTheOutputForTheTestFileOfThePage() {
    TestFiles.write(dir, "playbooks/acme/rules/meddic.test.yaml", testFile);

    CliRunner.Run run =
        cli.run("test", dir.resolve("playbooks/acme").toString(), "--verbose", "--coverage");

    assertThat(
            DocSamples.after(
                doc, "playbook test playbooks/acme --verbose --coverage (checked", "```text"))
        .isEqualTo(run.out().replace(dir + "/", ""));
    assertThat(run.exitCode()).isEqualTo(3);
  }

  @Test
  void docs_failureSample_isTheOutputWhenTheSecondCaseHasOnlyAChampion() {
    assertThat(testFile).containsOnlyOnce("roles: [economic_buyer]");
    TestFiles.write(
        dir,
        "playbooks/acme/rules/meddic.test.yaml",
        testFile.replace("roles: [economic_buyer]", "roles: [champion]"));

    CliRunner.Run run = cli.run("test", dir.resolve("playbooks/acme").toString());

    assertThat(
            DocSamples.after(doc, "with roles: [champion] in the second case (checked", "```text"))
        .isEqualTo(run.out().replace(dir + "/", ""));
    assertThat(run.exitCode()).isEqualTo(3);
  }

  @Test
  void docs_readinessSample_passesAndFailsWhenTheMetricsAreConfirmed() {
    String readiness = DocSamples.block(doc, "# rules/readiness.test.yaml", "```yaml");
    TestFiles.write(dir, "playbooks/acme/rules/readiness.test.yaml", readiness);

    CliRunner.Run passing = cli.run("test", dir.resolve("playbooks/acme").toString());

    assertThat(passing.out()).endsWith("1 passed, 0 failed, 0 skipped\n");
    assertThat(passing.exitCode()).isZero();

    assertThat(readiness).containsOnlyOnce("status: partial");
    TestFiles.write(
        dir,
        "playbooks/acme/rules/readiness.test.yaml",
        readiness.replace("status: partial", "status: confirmed"));

    CliRunner.Run failing = cli.run("test", dir.resolve("playbooks/acme").toString());

    assertThat(failing.out().replace(dir + "/", ""))
        .isEqualTo(
            "playbooks/acme/rules/readiness.test.yaml:4: an economic buyer is met, the metrics"
                + " are not confirmed\n"
                + "  expected stage negotiation to be not ready, but it is ready\n"
                + "  expected ready_to_sign.metrics not to be met, but it is\n"
                + "  expected meddic.metrics to be partial, but it is confirmed\n"
                + "0 passed, 1 failed, 0 skipped\n");
    assertThat(failing.exitCode()).isEqualTo(3);
  }
}
