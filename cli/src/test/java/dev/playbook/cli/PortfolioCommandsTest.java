package dev.playbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playbook.insights.Portfolio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code playbook report} and {@code playbook backtest}, run as a user would, on a small book. */
class PortfolioCommandsTest {

  /**
   * Two open deals and six closed ones: with an economic buyer two of three won, without one of
   * three.
   */
  static final String BOOK =
      """
      {"id": "D-1", "name": "Globex renewal", "stage": "negotiation", "owner": "Ana Ruiz", "team": "West", "amount": 120000, "created_at": "2026-09-01", "contacts": [{"id": "c1", "name": "Li Wei", "roles": ["champion"]}]}
      {"id": "D-2", "name": "Initech pilot", "stage": "discovery", "owner": "Li Wei", "team": "East", "amount": 8000, "created_at": "2026-10-20"}
      {"id": "D-3", "name": "Hooli expansion", "stage": "closed_won", "owner": "Ana Ruiz", "team": "West", "amount": 50000, "created_at": "2026-06-01", "close_date": "2026-08-15", "contacts": [{"id": "c2", "name": "Gavin Belson", "roles": ["economic_buyer"]}]}
      {"id": "D-4", "name": "Umbrella", "stage": "closed_lost", "owner": "Li Wei", "team": "East", "amount": 30000, "created_at": "2026-07-01", "close_date": "2026-09-30", "stage_history": [{"stage": "proposal", "entered_at": "2026-09-01"}]}
      {"id": "D-5", "name": "Stark", "stage": "closed_won", "owner": "Li Wei", "team": "East", "amount": 9000, "created_at": "2026-08-01", "close_date": "2026-08-20", "contacts": [{"id": "c3", "name": "Pepper Potts", "roles": ["economic_buyer"]}]}
      {"id": "D-6", "name": "Wayne", "stage": "closed_lost", "owner": "Ana Ruiz", "team": "West", "amount": 70000, "created_at": "2026-05-01", "close_date": "2026-09-10", "contacts": [{"id": "c4", "name": "Lucius Fox", "roles": ["economic_buyer"]}]}
      {"id": "D-7", "name": "Acme Corp", "stage": "closed_won", "owner": "Ana Ruiz", "team": "West", "amount": 15000, "created_at": "2026-07-15", "close_date": "2026-10-01"}
      {"id": "D-8", "name": "Soylent", "stage": "closed_lost", "owner": "Li Wei", "team": "East", "amount": 22000, "created_at": "2026-08-01", "close_date": "2026-10-20"}
      """;

  /** Progress lines, then the timing line; their numbers vary from run to run. */
  static final String PROGRESS =
      "(?s)(.*\\n)?Evaluated 8 deals in \\d+\\.\\d s \\([\\d,]+ deals/s, 2 threads\\)\\n";

  @TempDir Path dir;
  CliRunner cli;

  @BeforeEach
  void setUp() {
    cli = new CliRunner(dir);
    TestFiles.write(dir, "acme/playbook.yaml", EvaluateCommandTest.ACME);
    TestFiles.write(dir, "book.jsonl", BOOK);
  }

  @Test
  void report_smallBook_writesHtmlAndJsonBesideItAndPrintsTheHeadline() throws IOException {
    CliRunner.Run run =
        cli.run(
            "report",
            path("book.jsonl"),
            "--playbook",
            path("acme"),
            "--as-of",
            "2026-11-20",
            "--threads",
            "2",
            "--out",
            path("out/review.html"));

    assertThat(relative(run.out()))
        .isEqualTo(
            """
        Playbook acme (2 rules) · as of 2026-11-20 · 8 deals from 1 file
          Deals       2 open, 3 won, 3 lost · win rate 50.0%
          Compliance  50.0% of open deals have no gap of medium severity or worse · 1 open action · 0 stalled
          Gaps        0 critical, 1 high, 0 medium, 0 low, 0 info
          Input       8 rows, 0 bad rows
        Warnings: figures to read with care
          ! rule acme.stale fires on none of the 6 deals evaluated (18 evaluations: a deal at each landmark it was open at): with no deal flagged there is nothing to compare
        Time to win (open deals censored at the report date, loss a competing risk)
          Median      the cumulative incidence of winning reaches 41.7% by day 132, the last day observed, and never 50%: there is no median time to win
          Won within 30 days  12.5% (95% CI 0.7% to 42.3%)
          Won within 60 days  12.5% (95% CI 0.7% to 42.3%)
          Won within 90 days  41.7% (95% CI 9.3% to 72.4%)
        Win rate by cycle length (closed deals only; see time to win)
          0-15         —  0 of 0 won (small sample)
          16-30   100.0%  1 of 1 won (small sample)
          31-60        —  0 of 0 won (small sample)
          61-90    66.7%  2 of 3 won (small sample)
          91-120    0.0%  0 of 1 won (small sample)
          121+      0.0%  0 of 1 won (small sample)
        Rules whose flag goes with losing (landmark backtest, stratified by stage and segment)
          none: no rule's interval lies below zero
        Wrote out/review.html
        Wrote out/review.json
        """);
    assertThat(run.err()).matches(PROGRESS);
    assertThat(run.exitCode()).isZero();
    assertThat(
            DocSamples.after(
                doc(),
                "playbook report book.jsonl --playbook acme --as-of 2026-11-20 --out"
                    + " out/review.html (checked",
                "```text"))
        .isEqualTo(relative(run.out()));
    JsonNode json = new ObjectMapper().readTree(dir.resolve("out/review.json").toFile());
    assertThat(json.path("totals").path("deals").asInt()).isEqualTo(8);
    assertThat(Files.readString(dir.resolve("out/review.html")))
        .startsWith("<!DOCTYPE html>")
        .contains("data-key=\"totals.won\">3<");
  }

  @Test
  void backtest_text_printsEveryRuleWithItsLift() {
    CliRunner.Run run =
        cli.run(
            "backtest",
            path("book.jsonl"),
            "--playbook",
            path("acme"),
            "--as-of",
            "2026-11-20",
            "--threads",
            "2");

    assertThat(run.out())
        .isEqualTo(
            """
        Backtest of playbook acme on 6 closed deals
        rule                     fired: won/closed  rate    not fired: won/closed  rate    lift    difference, 95% CI
        acme.eb-before-proposal                1/3   33.3%                    2/3   66.7%   0.50×  -71.8 to +31.6 pp  small sample
        acme.stale                             0/0       —                    3/6   50.0%       —  —  small sample
        Lift: the win rate when the rule fired divided by the win rate when it did not. Small sample: fewer than 30 closed deals on one side.
        """
                + Portfolio.AS_OF_METHOD
                + "\n"
                + """

        Landmark backtest (no look-ahead): at ages 14 days (6 open then, 2 unresolved), 30 days (5 open then, 2 unresolved), 60 days (5 open then, 1 unresolved), 90 days (2 open then, 0 unresolved)
        rule                     flagged: won/deals  not flagged: won/deals  crude pp  stratified pp, 95% CI       reading
        acme.eb-before-proposal                 0/4                    7/14     -50.0  —                            not-testable
        acme.stale                              0/0                    7/18         —  —                            not-testable
        """
                + Portfolio.LANDMARK_METHOD
                + "\n");
    assertThat(run.err()).matches(PROGRESS);
    assertThat(run.exitCode()).isZero();
    assertThat(
            DocSamples.after(
                doc(),
                "playbook backtest book.jsonl --playbook acme --as-of 2026-11-20 (checked",
                "```text"))
        .isEqualTo(run.out());
  }

  @Test
  void backtest_json_printsTheBacktestOfTheReport() {
    CliRunner.Run run =
        cli.run(
            "backtest",
            path("book.jsonl"),
            "--playbook",
            path("acme"),
            "--as-of",
            "2026-11-20",
            "--threads",
            "2",
            "--format",
            "json");

    assertThat(run.out())
        .isEqualTo(
            """
        {
          "playbook": "acme",
          "as_of": "2026-11-20T00:00:00Z",
          "as_of_method": "METHOD",
          "deals": 6,
          "skipped": 0,
          "rules": [
            {
              "rule": "acme.eb-before-proposal",
              "title": "Economic buyer identified before proposal",
              "fired": {
                "closed": 3,
                "won": 1,
                "win_rate": 0.3333
              },
              "not_fired": {
                "closed": 3,
                "won": 2,
                "win_rate": 0.6667
              },
              "lift": 0.5,
              "diff_ci_low": -0.7178,
              "diff_ci_high": 0.3158,
              "small_sample": true
            },
            {
              "rule": "acme.stale",
              "title": "Activity within the stale threshold",
              "fired": {
                "closed": 0,
                "won": 0,
                "win_rate": null
              },
              "not_fired": {
                "closed": 6,
                "won": 3,
                "win_rate": 0.5
              },
              "lift": null,
              "diff_ci_low": null,
              "diff_ci_high": null,
              "small_sample": true
            }
          ]
        }
        """
                .replace("METHOD", Portfolio.AS_OF_METHOD));
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void report_csvWithABadRow_reportsTheRowWritesTheReportAndExits1() {
    Path data = Path.of("..", "examples", "data", "maven-crm");
    for (String side : List.of("sales_teams.csv", "accounts.csv", "products.csv")) {
      TestFiles.write(dir, "crm/" + side, TestFiles.read(data.resolve(side)));
    }
    TestFiles.write(
        dir,
        "crm/pipeline.csv",
        """
        opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value
        1C1I7A6R,Moses Frase,GTX Plus Basic,Cancity,Won,2016-10-20,2017-03-01,1054
        Z063OYW0,Darcel Schlecht,GTXPro,Isdom,Lost,2016-10-25,2017-03-11,0
        EC4QE1BX,Darcel Schlecht,MG Special,Cancity,Engaging,2016-13-25,,
        MV1LWRNH,Moses Frase,GTX Basic,Codehow,Prospecting,,,
        """);

    CliRunner.Run run =
        cli.run(
            "report",
            path("crm/pipeline.csv"),
            "--mapping",
            "maven-crm",
            "--playbook",
            path("acme"),
            "--as-of",
            "2017-04-01",
            "--threads",
            "2",
            "--out",
            path("crm.html"));

    assertThat(relative(run.err()))
        .contains("crm/pipeline.csv:4:6: invalid-value: column 'engage_date':", "1 problem found\n")
        .matches("(?s).*Evaluated 3 deals in .*")
        .endsWith("\nerror: 1 bad row was left out; the problems above say why\n");
    assertThat(relative(run.out())).contains("  Input       4 rows, 1 bad row\n");
    assertThat(relative(run.out())).endsWith("Wrote crm.html\nWrote crm.json\n");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(dir.resolve("crm.html")).exists();
  }

  @Test
  void report_noOut_isAUsageError() {
    cli.assertUsageError("Missing required option: '--out=FILE'", "report", path("book.jsonl"));
  }

  @Test
  void report_unknownMapping_isAUsageErrorThatListsTheBuiltInMappings() {
    cli.assertUsageError(
        "Invalid value for option '--mapping': 'maven' is neither a mapping file nor a built-in"
            + " mapping (the built-in mappings are: hubspot, maven-crm, salesforce,"
            + " salesforce-opportunity)",
        "backtest",
        path("book.jsonl"),
        "--playbook",
        path("acme"),
        "--mapping",
        "maven");
  }

  @Test
  void report_unknownByField_isAUsageErrorThatListsTheFields() {
    cli.assertUsageError(
        "Invalid value for option '--by': by field 'region' is not a deal field; use one of owner,"
            + " team, segment, lead_source, stage, account, currency, forecast_category, deal_size,"
            + " cohort or custom.<name>",
        "report",
        path("book.jsonl"),
        "--playbook",
        path("acme"),
        "--out",
        path("r.html"),
        "--by",
        "lead_source,region");
  }

  @Test
  void backtest_landmarksNotWholeDays_isAUsageError() {
    cli.assertUsageError(
        "Invalid value for option '--landmarks': 'two weeks' is not a whole number of days (or"
            + " 'none')",
        "backtest",
        path("book.jsonl"),
        "--playbook",
        path("acme"),
        "--landmarks",
        "two weeks");
    cli.assertUsageError(
        "Invalid value for option '--landmarks': landmarks [30, 14] must be increasing whole days"
            + " from 1 to 3650",
        "backtest",
        path("book.jsonl"),
        "--playbook",
        path("acme"),
        "--landmarks",
        "30,14");
  }

  @Test
  void backtest_landmarksNone_printsTheDayBeforeClosingBacktestOnly() {
    CliRunner.Run run =
        cli.run(
            "backtest",
            path("book.jsonl"),
            "--playbook",
            path("acme"),
            "--as-of",
            "2026-11-20",
            "--threads",
            "2",
            "--landmarks",
            "none");

    assertThat(run.out()).endsWith(Portfolio.AS_OF_METHOD + "\n").doesNotContain("Landmark");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void report_onlyWonDealsCarryARep_printsTheWarningsAndNoLift() {
    StringBuilder book = new StringBuilder();
    for (int i = 1; i <= 4; i++) {
      book.append(
          "{\"id\": \"W-"
              + i
              + "\", \"stage\": \"closed_won\", \"owner\": \"Ana Ruiz\", \"created_at\":"
              + " \"2026-01-0"
              + i
              + "\", \"close_date\": \"2026-03-01\"}\n");
    }
    for (int i = 1; i <= 6; i++) {
      book.append(
          "{\"id\": \"L-"
              + i
              + "\", \"stage\": \"closed_lost\", \"created_at\": \"2026-02-0"
              + i
              + "\"}\n");
    }
    TestFiles.write(dir, "funnel.jsonl", book.toString());

    CliRunner.Run run =
        cli.run(
            "report",
            path("funnel.jsonl"),
            "--playbook",
            path("acme"),
            "--as-of",
            "2026-11-20",
            "--threads",
            "2",
            "--out",
            path("funnel.html"));

    assertThat(run.out())
        .contains(
            "  ! no lost deal has an owner: rep win rates are not comparable (owner present on 4"
                + " of 4 won deals, 0 of 6 lost)\n",
            "  ! no open deals in this book (4 won, 6 lost): there is nothing to follow up, and no"
                + " rule can flag an open deal\n",
            "Win rate by cycle length not shown: no lost deal has a close date (6 of 6 lost deals"
                + " have none): win rates by cycle length are not comparable\n",
            "Rule effects not shown: landmark backtest: the backtest has no lost deals (4 won, 0"
                + " lost): every closed deal was won, so no rule's effect on winning can be"
                + " measured\n")
        .doesNotContain("×")
        .doesNotContain("100.0%");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void report_noDealReadable_printsTheProblemAndWritesNothing() {
    CliRunner.Run run =
        cli.run(
            "report", path("missing.jsonl"), "--playbook", path("acme"), "--out", path("r.html"));

    assertThat(relative(run.err()))
        .isEqualTo(
            """
        missing.jsonl: file-unreadable: cannot read file: no such file
        1 problem found
        error: no deal could be read, so there is nothing to report
        """);
    assertThat(run.out()).isEmpty();
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(dir.resolve("r.html")).doesNotExist();
  }

  private static String doc() {
    return TestFiles.read(CliDocsTest.DOC);
  }

  private String path(String name) {
    return dir.resolve(name).toString();
  }

  private String relative(String output) {
    return output.replace(dir + "/", "");
  }
}
