package dev.playbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One deal that cannot be evaluated never takes the others with it; data never forges output lines.
 */
class FaultIsolationCommandTest {

  static final String NESTED =
      """
      playbook: nested
      stages: [prospecting, proposal, closed_won, closed_lost]
      rules:
        - id: nested.triple
          when: any(activities, any(stage_history, any(close_date_history, changed_at < occurred_at and entered_at > changed_at)))
          gap: { severity: low, message: "{deal.name} had it" }
        - id: nested.open
          when: stage == proposal
          gap: { severity: high, message: "{deal.name} is at proposal" }
      """;

  @TempDir Path dir;
  CliRunner cli;
  String playbook;

  @BeforeEach
  void setUp() {
    cli = new CliRunner(dir);
    playbook = TestFiles.write(dir, "nested/playbook.yaml", NESTED).getParent().toString();
  }

  /**
   * A deal whose nested rule walks 300 × 300 × 300 items, 27 million steps, past the default budget
   * of 10 million.
   */
  static String costlyDeal(String id) {
    StringBuilder d =
        new StringBuilder(
            "{\"id\": \"" + id + "\", \"name\": \"Costly\", \"stage\": \"proposal\",");
    StringBuilder activities = new StringBuilder();
    StringBuilder stages = new StringBuilder();
    StringBuilder closes = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      String sep = i == 0 ? "" : ", ";
      activities
          .append(sep)
          .append("{\"id\": \"a")
          .append(i)
          .append("\", \"type\": \"call\", \"occurred_at\": \"2026-11-01T00:00:00Z\"}");
      stages
          .append(sep)
          .append("{\"stage\": \"prospecting\", \"entered_at\": \"2025-01-01T00:00:00Z\"}");
      closes
          .append(sep)
          .append(
              "{\"from\": \"2026-12-01\", \"to\": \"2026-12-02\", \"changed_at\": \"2026-11-02T00:00:00Z\"}");
    }
    return d.append(" \"activities\": [")
        .append(activities)
        .append("], \"stage_history\": [")
        .append(stages)
        .append("], \"close_date_history\": [")
        .append(closes)
        .append("]}")
        .toString();
  }

  @Test
  void evaluate_oneDealTooCostly_printsEveryOtherDealAndTheFailure_andExitsPartial() {
    String deals =
        TestFiles.write(
                dir,
                "deals.jsonl",
                "{\"id\": \"D-1\", \"name\": \"Globex\", \"stage\": \"proposal\"}\n"
                    + costlyDeal("D-2")
                    + "\n{\"id\": \"D-3\", \"name\": \"Initech\", \"stage\": \"prospecting\"}\n")
            .toString();

    CliRunner.Run run = cli.run("evaluate", deals, "--playbook", playbook, "--as-of", "2026-11-20");

    assertThat(run.out())
        .isEqualTo(
            """
        Playbook nested (2 rules) · as of 2026-11-20 · 3 deals

        D-1  Globex — proposal
          Gaps (1)
            HIGH     Globex is at proposal  [nested.open]

        D-3  Initech — prospecting
          No gaps or actions.

        3 deals: 1 gap (1 high), 0 actions; 1 could not be evaluated
        """);
    assertThat(run.err())
        .isEqualTo(
            "error: deal 'D-2' is too costly to evaluate: it took more than 10000000 steps,"
                + " the budget of one deal; the budget ran out at rule 'nested.triple', condition 'any(activities,"
                + " any(stage_history, any(close_date_history, changed_at < occurred_at and entered_at > changed_at)))'"
                + " (quantifiers nested 3 deep, about 13 × n^3 steps for lists of n items)\n");
    assertThat(run.exitCode()).isEqualTo(Main.PARTIAL);
  }

  @Test
  void evaluate_controlCharactersAndLineBreaksInDealData_arePrintedVisibly() {
    String deals =
        TestFiles.write(
                dir,
                "deals.json",
                "[{\"id\": \"D-1\\u001b[2J\", \"name\": \"Globex\\nplaybook.yaml:1:1:"
                    + " syntax-error: forged\", \"stage\": \"proposal\", \"owner\": \"Ana\\u202eRuiz\"},"
                    + " {\"id\": \"D-2\\nerror: forged\", \"stage\": \"won\"}]")
            .toString();

    CliRunner.Run run = cli.run("evaluate", deals, "--playbook", playbook, "--as-of", "2026-11-20");

    assertThat(run.out())
        .isEqualTo(
            """
        Playbook nested (2 rules) · as of 2026-11-20 · 2 deals

        D-1\\u001B[2J  Globex\\u000Aplaybook.yaml:1:1: syntax-error: forged — proposal · owner Ana\\u202ERuiz
          Gaps (1)
            HIGH     Globex\\u000Aplaybook.yaml:1:1: syntax-error: forged is at proposal  [nested.open]

        2 deals: 1 gap (1 high), 0 actions; 1 could not be evaluated
        """);
    assertThat(run.err())
        .isEqualTo(
            "error: deal 'D-2\\u000Aerror: forged' is at stage 'won', which playbook 'nested'"
                + " does not define; its stages are: prospecting, proposal, closed_won, closed_lost\n");
    assertThat(run.exitCode()).isEqualTo(Main.PARTIAL);
  }

  @Test
  void evaluate_anAsOfBeyondTheCalendar_isAUsageErrorNotAJavaTimeMessage() {
    String deals =
        TestFiles.write(dir, "deals.jsonl", "{\"id\": \"D-1\", \"stage\": \"proposal\"}\n")
            .toString();

    CliRunner.Run run =
        cli.run("evaluate", deals, "--playbook", playbook, "--as-of", "+999999999-12-31");

    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith(
            "Invalid value for option '--as-of': '+999999999-12-31' is outside the years 1"
                + " to 9999 that deals can be evaluated at\n");
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void report_aBookWithOneTooCostlyDeal_writesTheReportWithTheFailureCounted_andExitsPartial()
      throws Exception {
    String book =
        TestFiles.write(
                dir,
                "book.jsonl",
                "{\"id\": \"D-1\", \"name\": \"Globex\", \"stage\": \"proposal\"}\n"
                    + costlyDeal("D-2")
                    + "\n")
            .toString();

    CliRunner.Run run =
        cli.run(
            "report",
            book,
            "--playbook",
            playbook,
            "--as-of",
            "2026-11-20",
            "--out",
            dir.resolve("r.html").toString());

    assertThat(run.err())
        .contains("error: deal 'D-2' is too costly to evaluate: it took more than 10000000 steps");
    assertThat(run.out()).contains("  Input       2 rows, 0 bad rows, 1 failed deal\n");
    assertThat(run.exitCode()).isEqualTo(Main.PARTIAL);
    assertThat(dir.resolve("r.html")).exists();
    assertThat(Files.readString(dir.resolve("r.json"))).contains("\"failed_deals\" : 1");
  }
}
