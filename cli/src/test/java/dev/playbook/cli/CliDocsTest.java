package dev.playbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    doc = Files.readString(DOC, StandardCharsets.UTF_8);
  }

  @Test
  void docs_textSample_isTheOutputOfTheCommand() {
    CliRunner.Run run = cli.run("evaluate", dir.resolve("deals.json").toString(), "--playbook",
        dir.resolve("acme").toString(), "--as-of", "2026-11-20");

    assertThat(run.exitCode()).isZero();
    assertThat(sample("--as-of 2026-11-20 (checked by a test)", "```text")).isEqualTo(run.out());
  }

  @Test
  void docs_jsonSample_isTheOutputOfTheCommand() throws IOException {
    Path deals = dir.resolve("doc-deals.json");
    String first = EvaluateCommandTest.DEALS.substring(EvaluateCommandTest.DEALS.indexOf('{'),
        EvaluateCommandTest.DEALS.indexOf("},\n  {") + 1);
    Files.writeString(deals, "[\n  " + first + ",\n  { \"id\": \"D-9\", \"name\": \"Hooli\", \"stage\": \"won\" }\n]\n");

    CliRunner.Run run = cli.run("evaluate", deals.toString(), "--playbook", dir.resolve("acme").toString(),
        "--as-of", "2026-11-20", "--format", "json");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(sample("--format json, for deal D-1042", "```json"))
        .isEqualTo(run.out().replace(dir + "/", ""));
  }

  /** The fenced block that follows the comment containing {@code marker}. */
  private String sample(String marker, String fence) {
    int at = doc.indexOf(marker);
    assertThat(at).as("docs/cli.md has a sample marked '%s'", marker).isNotNegative();
    int start = doc.indexOf(fence + "\n", at) + fence.length() + 1;
    int end = doc.indexOf("```\n", start);
    return doc.substring(start, end);
  }
}
