package dev.playbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample outputs in docs/cli.md are what the command prints for the same input. */
class CliDocsTest {

  static final Path DOC = Path.of("..", "docs", "cli.md");

  @TempDir Path dir;
  CliRunner cli;
  String doc;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliRunner(dir);
    Path playbook = dir.resolve("acme/playbook.yaml");
    Files.createDirectories(playbook.getParent());
    Files.writeString(playbook, EvaluateCommandTest.ACME, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("deals.json"), EvaluateCommandTest.DEALS, StandardCharsets.UTF_8);
    TestFiles.write(dir, "acme/rules/eb.test.yaml", TestCommandTest.PASSING);
    TestFiles.write(dir, "acme/rules/wrong.test.yaml", TestCommandTest.FAILING);
    TestFiles.write(dir, "broken/playbook.yaml", ValidateCommandTest.BROKEN);
    doc = Files.readString(DOC, StandardCharsets.UTF_8);
  }

  @Test
  void docs_textSample_isTheOutputOfTheCommand() {
    CliRunner.Run run =
        cli.run(
            "evaluate",
            dir.resolve("deals.json").toString(),
            "--playbook",
            dir.resolve("acme").toString(),
            "--as-of",
            "2026-11-20");

    assertThat(run.exitCode()).isZero();
    assertThat(sample("--as-of 2026-11-20 (checked by a test)", "```text")).isEqualTo(run.out());
  }

  @Test
  void docs_jsonSample_isTheOutputOfTheCommand() throws IOException {
    Path deals = dir.resolve("doc-deals.json");
    String first =
        EvaluateCommandTest.DEALS.substring(
            EvaluateCommandTest.DEALS.indexOf('{'),
            EvaluateCommandTest.DEALS.indexOf("},\n  {") + 1);
    Files.writeString(
        deals,
        "[\n  " + first + ",\n  { \"id\": \"D-9\", \"name\": \"Hooli\", \"stage\": \"won\" }\n]\n");

    CliRunner.Run run =
        cli.run(
            "evaluate",
            deals.toString(),
            "--playbook",
            dir.resolve("acme").toString(),
            "--as-of",
            "2026-11-20",
            "--format",
            "json");

    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(sample("--format json, for deal D-1042", "```json"))
        .isEqualTo(run.out().replace(dir + "/", ""));
  }

  @Test
  void docs_explainSamples_areTheOutputOfTheCommand() {
    CliRunner.Run all =
        cli.run(
            "explain",
            path("deals.json"),
            "--deal",
            "D-1042",
            "--playbook",
            path("acme"),
            "--as-of",
            "2026-11-20");
    CliRunner.Run one =
        cli.run(
            "explain",
            path("deals.json"),
            "--deal",
            "D-7",
            "--rule",
            "acme.eb-before-proposal",
            "--playbook",
            path("acme"),
            "--as-of",
            "2026-11-20");
    CliRunner.Run noDeal =
        cli.run("explain", path("deals.json"), "--deal", "D-1024", "--playbook", path("acme"));
    CliRunner.Run noRule =
        cli.run(
            "explain",
            path("deals.json"),
            "--deal",
            "D-7",
            "--rule",
            "acme.stail",
            "--playbook",
            path("acme"));

    assertThat(
            sample("explain deals.json --deal D-1042 --playbook acme --as-of 2026-11-20 (checked"))
        .isEqualTo(relative(all.out()));
    assertThat(
            sample(
                "explain deals.json --deal D-7 --rule acme.eb-before-proposal --playbook acme --as-of"
                    + " 2026-11-20 (checked"))
        .isEqualTo(relative(one.out()));
    assertThat(sample("--deal D-1024 --playbook acme, then --deal D-7 --rule acme.stail (checked"))
        .isEqualTo(relative(noDeal.err() + noRule.err()));
    assertThat(List.of(all.exitCode(), one.exitCode(), noDeal.exitCode(), noRule.exitCode()))
        .containsExactly(0, 0, 1, 1);
  }

  @Test
  void docs_validateSamples_areTheOutputOfTheCommand() {
    CliRunner.Run ok = cli.run("validate", path("acme"));
    CliRunner.Run broken = cli.run("validate", path("broken"));

    assertThat(sample("playbook validate acme (checked")).isEqualTo(relative(ok.out()));
    assertThat(sample("playbook validate broken (checked")).isEqualTo(relative(broken.out()));
    assertThat(List.of(ok.exitCode(), broken.exitCode())).containsExactly(0, 1);
  }

  @Test
  void docs_testSamples_areTheOutputOfTheCommand() {
    CliRunner.Run plain = cli.run("test", path("acme"));
    CliRunner.Run verbose = cli.run("test", path("acme"), "--verbose", "--coverage");
    CliRunner.Run json =
        cli.run("test", path("acme/rules/eb.test.yaml"), "--format", "json", "--coverage");

    assertThat(sample("playbook test acme (checked")).isEqualTo(relative(plain.out()));
    assertThat(sample("playbook test acme --verbose --coverage (checked"))
        .isEqualTo(relative(verbose.out()));
    assertThat(
            sample(
                "playbook test acme/rules/eb.test.yaml --format json --coverage (checked",
                "```json"))
        .isEqualTo(relative(json.out()));
    assertThat(List.of(plain.exitCode(), verbose.exitCode(), json.exitCode()))
        .containsExactly(3, 3, 3);
  }

  @Test
  void docs_initSample_isTheOutputOfTheCommand() {
    CliRunner.Run run = cli.run("init", path("playbooks/acme-emea"), "--extends", path("acme"));

    assertThat(sample("playbook init playbooks/acme-emea --extends acme (checked"))
        .isEqualTo(relative(run.out()));
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void docs_schemaSample_isTheOutputOfTheCommand() {
    CliRunner.Run run = cli.run("schema", "--out", path("schema"));

    assertThat(sample("playbook schema (checked")).isEqualTo(relative(run.out()));
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void docs_everyCommand_hasASection() {
    for (String command : cli.commandNames()) {
      assertThat(doc)
          .as("docs/cli.md has a section for %s", command)
          .contains("\n## `playbook " + command + "`\n");
    }
  }

  private String path(String name) {
    return dir.resolve(name).toString();
  }

  /** Output with the paths of the test's folder written relative to it, as in the docs. */
  private String relative(String output) {
    return output.replace(dir + "/", "");
  }

  private String sample(String marker) {
    return sample(marker, "```text");
  }

  /** The fenced block that follows the comment containing {@code marker}. */
  private String sample(String marker, String fence) {
    return DocSamples.after(doc, marker, fence);
  }
}
