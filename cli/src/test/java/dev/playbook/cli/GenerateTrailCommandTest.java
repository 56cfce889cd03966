package dev.playbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code playbook generate-trail}, run as a user would. */
class GenerateTrailCommandTest {

  @TempDir Path dir;
  CliRunner cli;

  @BeforeEach
  void setUp() {
    cli = new CliRunner(dir);
  }

  @Test
  void generateTrail_jsonl_writesTheBookAndListsItsFiles() throws IOException {
    CliRunner.Run run =
        cli.run(
            "generate-trail",
            "--deals",
            "50",
            "--seed",
            "7",
            "--format",
            "jsonl",
            "--out",
            path("book"));

    assertThat(relative(run.out()))
        .isEqualTo(
            """
        Generated 50 deals (22 won, 26 lost, 2 open) with 560 activities, seed 7, as jsonl into book:
          deals.jsonl            50 rows
          all files              50 rows
        """);
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    assertThat(Files.readAllLines(dir.resolve("book/deals.jsonl"))).hasSize(50);
  }

  @Test
  void docs_generateTrailSample_isTheOutputOfTheCommand() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "cli.md"), StandardCharsets.UTF_8);

    CliRunner.Run run =
        cli.run(
            "generate-trail",
            "--deals",
            "50",
            "--seed",
            "7",
            "--format",
            "jsonl",
            "--out",
            path("book"));

    assertThat(
            DocSamples.after(
                doc,
                "playbook generate-trail --deals 50 --seed 7 --format jsonl --out book (checked",
                "```text"))
        .isEqualTo(relative(run.out()));
  }

  @Test
  void generateTrail_sameSeedTwice_writesTheSameBytes() throws IOException {
    cli.run(
        "generate-trail",
        "--deals",
        "200",
        "--seed",
        "3",
        "--format",
        "hubspot",
        "--out",
        path("a"));
    cli.run(
        "generate-trail",
        "--deals",
        "200",
        "--seed",
        "3",
        "--format",
        "HubSpot",
        "--out",
        path("b"));

    for (String f : new String[] {"deals.csv", "calls.csv", "associations/email_deal.csv"}) {
      assertThat(Files.readAllBytes(dir.resolve("b").resolve(f)))
          .isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(f)));
    }
  }

  @Test
  void generateTrail_salesforce_listsEveryObjectFile() {
    CliRunner.Run run =
        cli.run(
            "generate-trail",
            "--deals",
            "300",
            "--seed",
            "11",
            "--format",
            "salesforce",
            "--out",
            path("export"));

    assertThat(relative(run.out()))
        .isEqualTo(
            """
        Generated 300 deals (99 won, 173 lost, 28 open) with 3,188 activities, seed 11, as salesforce into export:
          Account.csv                           100 rows
          Contact.csv                           742 rows
          Event.csv                             600 rows
          Opportunity.csv                       301 rows
          OpportunityContactRole.csv            817 rows
          OpportunityFieldHistory.csv         1,711 rows
          OpportunityHistory.csv              1,711 rows
          Task.csv                            3,670 rows
          User.csv                               29 rows
          all files                           9,681 rows
        """);
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void generateTrail_longRun_reportsProgressOnStderr() {
    CliRunner.Run run =
        cli.run("generate-trail", "--deals", "12000", "--format", "jsonl", "--out", path("big"));

    assertThat(run.err())
        .isEqualTo("generated 10,000 of 12,000 deals\ngenerated 12,000 of 12,000 deals\n");
    assertThat(run.out()).startsWith("Generated 12,000 deals (");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void generateTrail_nonEmptyFolder_isRefusedAndNothingIsWritten() throws IOException {
    TestFiles.write(dir, "full/notes.txt", "mine");

    CliRunner.Run run =
        cli.run("generate-trail", "--deals", "10", "--format", "jsonl", "--out", path("full"));

    assertThat(run.out()).isEmpty();
    assertThat(relative(run.err()))
        .isEqualTo("error: full is not empty; generate-trail writes into a new or empty folder\n");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(Files.list(dir.resolve("full")).toList())
        .containsExactly(dir.resolve("full/notes.txt"));
  }

  @Test
  void generateTrail_outIsAFile_isRefused() {
    TestFiles.write(dir, "file.txt", "x");

    CliRunner.Run run =
        cli.run("generate-trail", "--deals", "10", "--format", "jsonl", "--out", path("file.txt"));

    assertThat(relative(run.err()))
        .isEqualTo("error: file.txt is a file; generate-trail writes into a new or empty folder\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void generateTrail_badOptions_areUsageErrors() {
    cli.assertUsageError(
        "Invalid value for option '--deals': 0 is not 1 to 10000000",
        "generate-trail",
        "--deals",
        "0",
        "--format",
        "jsonl",
        "--out",
        path("x"));
    cli.assertUsageError(
        "Invalid value for option '--deals': 10000001 is not 1 to 10000000",
        "generate-trail",
        "--deals",
        "10000001",
        "--format",
        "jsonl",
        "--out",
        path("x"));
    cli.assertUsageError(
        "Invalid value for option '--format': 'csv' is not a format; use salesforce, hubspot or"
            + " jsonl",
        "generate-trail",
        "--deals",
        "5",
        "--format",
        "csv",
        "--out",
        path("x"));
    cli.assertUsageError(
        "Invalid value for option '--deals': 'many' is not an int",
        "generate-trail",
        "--deals",
        "many",
        "--format",
        "jsonl",
        "--out",
        path("x"));
    cli.assertUsageError(
        "Missing required option: '--out=FOLDER'",
        "generate-trail",
        "--deals",
        "5",
        "--format",
        "jsonl");
    assertThat(Files.exists(dir.resolve("x"))).isFalse();
  }

  @Test
  void generateTrail_help_printsTheUsage() {
    assertThat(cli.assertHelp("generate-trail"))
        .contains("--deals=N", "--seed=S", "--format=FORMAT", "--out=FOLDER");
  }

  private String path(String name) {
    return dir.resolve(name).toString();
  }

  private String relative(String output) {
    return output.replace(dir + "/", "");
  }
}
