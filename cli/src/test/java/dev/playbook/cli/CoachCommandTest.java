package dev.playbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.Playbook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code playbook coach}, run as a user would. */
class CoachCommandTest {

  @TempDir Path dir;
  CliRunner cli;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliRunner(new Environment(dir, Playbook::builtInNames));
    Files.writeString(
        dir.resolve("loop.yaml"),
        """
        teams:
          west: { manager: maria, reps: [ana, ben] }
        """);
    List<String> lines = new ArrayList<>();
    for (String rep : List.of("ana", "ben")) {
      for (int i = 0; i < 10; i++) {
        // ana's deals all went quiet, ben's were touched three days ago
        String touched = rep.equals("ana") ? "2026-10-20" : "2026-11-13";
        lines.add(
            ("{\"id\": \"%s-%d\", \"name\": \"n\", \"account\": \"a\", \"owner\": \"%s\","
                    + " \"segment\": \"mid_market\", \"stage\": \"discovery\", \"created_at\":"
                    + " \"2026-09-01T09:00:00Z\", \"activities\": [{\"id\": \"a1\", \"type\": \"call\","
                    + " \"direction\": \"outbound\", \"occurred_at\": \"%sT10:00:00Z\"}]}")
                .formatted(rep, i, rep, touched));
      }
    }
    Files.write(dir.resolve("deals.jsonl"), lines);
  }

  String path(String name) {
    return dir.resolve(name).toString();
  }

  @Test
  void coach_manager_printsTheDigestOfTheTeam() {
    CliRunner.Run run =
        cli.run(
            "coach",
            "--manager",
            "maria",
            "--policy",
            path("loop.yaml"),
            "--deals",
            path("deals.jsonl"),
            "--playbook",
            "deal-risk",
            "--as-of",
            "2026-11-16");

    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .isEqualTo(
            """
            Coaching plan for maria: 2 reps, 8 rep-and-rule and 2 rep-and-stage comparisons (intervals Bonferroni-adjusted for each family)

            ana (10 open deals): 80 findings shown; done 0 (0%), dismissed 0 (0%), snoozed 0 (0%), no answer 80 (100%)
              deal-risk.no-activity: 10 of 10 deals (100%) vs team 0 of 10 (0%), +100 points (adjusted 39 to 100)
                practise: When we last spoke you were aiming to have this solved by the date we discussed. Is that still the plan, or has something moved up or down your list that I should know about?

            ben (10 open deals): 60 findings shown; done 0 (0%), dismissed 0 (0%), snoozed 0 (0%), no answer 60 (100%)
              nothing stands out from the team

            Which actions work (closed deals; done = marked done or success met):
              4 actions were suggested only on deals that have not closed yet
            """);
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void report_policyAndManager_addsThePlanToThePageAndTheJson() throws IOException {
    CliRunner.Run run =
        cli.run(
            "report",
            path("deals.jsonl"),
            "--playbook",
            "deal-risk",
            "--as-of",
            "2026-11-16T00:00:00Z",
            "--policy",
            path("loop.yaml"),
            "--manager",
            "maria",
            "--out",
            path("out/r.html"));

    assertThat(run.exitCode()).isZero();
    String html = Files.readString(dir.resolve("out/r.html"));
    assertThat(html)
        .contains(
            "<h2>Coaching plan for maria</h2>\n",
            "<tr><td>ana</td><td>10</td><td>80</td><td>0</td><td>0</td><td>0</td><td>80</td>"
                + "<td>no stage stands out</td><td>deal-risk.no-activity: 10 of 10 vs team 0 of 10,"
                + " +100 points (adjusted 39 to 100)<br>practise: ");
    String json = Files.readString(dir.resolve("out/r.json"));
    assertThat(json).contains("\"coaching\" : {\n    \"missing\" : null,\n    \"plan\" : {\n");
    assertThat(
            dev.playbook.insights.PortfolioReport.fromJson(json)
                .coaching()
                .plan()
                .reps()
                .get(0)
                .points())
        .extracting(dev.playbook.insights.loop.Coaching.Point::rule)
        .containsExactly("deal-risk.no-activity");
  }

  @Test
  void report_managerWithoutPolicy_isAUsageError() {
    CliRunner.Run run =
        cli.run(
            "report",
            path("deals.jsonl"),
            "--playbook",
            "deal-risk",
            "--manager",
            "maria",
            "--out",
            path("out/r.html"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith(
            "The coaching plan needs both --policy and --manager (--decisions and --feedback are"
                + " read for it)\n");
    assertThat(dir.resolve("out/r.html")).doesNotExist();
  }

  @Test
  void report_managerOfNoTeam_isAnErrorNamingTheManagers() {
    CliRunner.Run run =
        cli.run(
            "report",
            path("deals.jsonl"),
            "--playbook",
            "deal-risk",
            "--policy",
            path("loop.yaml"),
            "--manager",
            "omar",
            "--out",
            path("out/r.html"));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .endsWith(
            "error: omar leads no team in " + path("loop.yaml") + " (its managers are: maria)\n");
    assertThat(dir.resolve("out/r.html")).doesNotExist();
  }

  @Test
  void coach_managerOfNoTeam_isAnErrorNamingTheManagers() {
    CliRunner.Run run =
        cli.run(
            "coach",
            "--manager",
            "omar",
            "--policy",
            path("loop.yaml"),
            "--deals",
            path("deals.jsonl"),
            "--playbook",
            "deal-risk",
            "--as-of",
            "2026-11-16");

    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "error: omar leads no team in " + path("loop.yaml") + " (its managers are: maria)\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void coach_badPolicy_printsItsProblems() throws IOException {
    Files.writeString(dir.resolve("loop.yaml"), "teams: [maria]\n");

    CliRunner.Run run =
        cli.run(
            "coach",
            "--manager",
            "maria",
            "--policy",
            path("loop.yaml"),
            "--deals",
            path("deals.jsonl"),
            "--playbook",
            "deal-risk");

    assertThat(run.out())
        .isEqualTo(
            path("loop.yaml")
                + ":1:8: wrong-type: teams must be a mapping, not a list\n1 problem found\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  CliRunner.Run coach(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "coach",
                "--manager",
                "maria",
                "--policy",
                path("loop.yaml"),
                "--deals",
                path("deals.jsonl"),
                "--playbook",
                "deal-risk",
                "--as-of",
                "2026-11-16"));
    args.addAll(List.of(more));
    return cli.run(args.toArray(String[]::new));
  }

  @Test
  void coach_formatJson_printsThePlanAsOneDocument() throws IOException {
    CliRunner.Run run = coach("--format", "json");

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    com.fasterxml.jackson.databind.JsonNode doc =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
    assertThat(doc.get("schema").asText()).isEqualTo("playbook-coaching/1");
    assertThat(doc.get("correction").toString())
        .isEqualTo(
            "{\"method\":\"bonferroni\",\"comparisons\":8,\"stall_comparisons\":2,"
                + "\"family_error\":0.05}");
    assertThat(doc.get("reps").get(0).get("points").get(0).get("rule").asText())
        .isEqualTo("deal-risk.no-activity");
    assertThat(doc.get("reps").get(0).get("points").get(0).get("adjusted").toString())
        .isEqualTo("{\"value\":1.0,\"low\":0.395,\"high\":1.0}");
    assertThat(doc.get("reps").get(1).get("points")).isEmpty();
    assertThat(doc.get("actions")).hasSize(4);
  }

  @Test
  void coach_formatHtml_printsOneSection() {
    CliRunner.Run run = coach("--format", "html");

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("<section class=\"coaching\">\n<h2>Coaching plan for maria</h2>");
    assertThat(run.out()).endsWith("</table>\n</section>\n");
    assertThat(run.out())
        .contains(
            "<tr><td>ana</td><td>10</td><td>80</td><td>0</td><td>0</td><td>0</td><td>80</td>"
                + "<td>no stage stands out</td>"
                + "<td>deal-risk.no-activity: 10 of 10 vs team 0 of 10, +100 points (adjusted 39 to"
                + " 100)<br>practise: When we last spoke you were aiming to have this solved by the date we discussed. Is that still the plan, or has something moved up or down your list that I should know about?</td></tr>");
  }

  @Test
  void coach_unknownFormat_isAUsageErrorNamingTheFormats() {
    CliRunner.Run run = coach("--format", "pdf");

    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith(
            "Invalid value for option '--format': 'pdf' is not a format of the coaching plan;"
                + " use text, json or html\n");
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void coach_csvWithMapping_readsTheBookThroughTheMapping() throws IOException {
    Path crm = Files.createDirectories(dir.resolve("crm"));
    List<String> pipeline =
        new ArrayList<>(
            List.of(
                "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value"));
    for (int i = 0; i < 4; i++) {
      pipeline.add("W%d,Ann Lee,GTX Basic,Acme,Won,2017-01-02,2017-02-01,500".formatted(i));
      pipeline.add("L%d,Bo Chan,GTX Basic,Acme,Lost,2017-01-02,2017-02-01,0".formatted(i));
      pipeline.add("O%d,Ann Lee,GTX Basic,Acme,Engaging,2017-10-02,,".formatted(i));
    }
    Files.write(crm.resolve("sales_pipeline.csv"), pipeline);
    Files.writeString(
        crm.resolve("sales_teams.csv"),
        "sales_agent,manager,regional_office\nAnn Lee,Kim Park,West\nBo Chan,Kim Park,West\n");
    Files.writeString(
        crm.resolve("accounts.csv"),
        "account,sector,year_established,revenue,employees,office_location,subsidiary_of\n"
            + "Acme,retail,2001,10.5,100,United States,\n");
    Files.writeString(
        crm.resolve("products.csv"), "product,series,sales_price\nGTX Basic,GTX,550\n");
    Files.writeString(
        dir.resolve("crm-loop.yaml"),
        "teams:\n  Kim Park: { manager: Kim Park, reps: [Ann Lee, Bo Chan] }\n");

    CliRunner.Run run =
        cli.run(
            "coach",
            "--manager",
            "Kim Park",
            "--policy",
            path("crm-loop.yaml"),
            "--deals",
            crm.resolve("sales_pipeline.csv").toString(),
            "--mapping",
            "maven-crm",
            "--playbook",
            "standard-b2b",
            "--as-of",
            "2017-12-31");

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines().limit(4))
        .containsExactly(
            "Coaching plan for Kim Park: 1 reps, 0 rep-and-rule and 0 rep-and-stage comparisons"
                + " (intervals Bonferroni-adjusted for each family)",
            "",
            "Ann Lee (4 open deals): 28 findings shown; done 0 (0%), dismissed 0 (0%), snoozed 0"
                + " (0%), no answer 28 (100%)",
            "  nothing stands out from the team");
  }

  @Test
  void coach_unknownMapping_isAUsageErrorNamingTheBuiltInMappings() {
    CliRunner.Run run = coach("--mapping", "sap");

    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith(
            "Invalid value for option '--mapping': 'sap' is neither a mapping file nor a built-in"
                + " mapping (the built-in mappings are: ");
    assertThat(run.exitCode()).isEqualTo(2);
  }
}
