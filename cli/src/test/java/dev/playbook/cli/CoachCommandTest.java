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
            Coaching plan for maria: 2 reps, 8 rep-and-rule comparisons (intervals Bonferroni-adjusted for all of them)

            ana (10 open deals): findings shown 80, done 0, dismissed 0, snoozed 0, no answer 80
              deal-risk.no-activity: 10 of 10 deals (100%) vs team 0 of 10 (0%), +100 points (adjusted 39 to 100)

            ben (10 open deals): findings shown 60, done 0, dismissed 0, snoozed 0, no answer 60
              nothing stands out from the team

            Which actions work (closed deals; done = marked done or success met):
              deal-risk.few-contacts: suggested on 20 deals, marked done 0, success met 0; none of them closed yet
              deal-risk.no-activity: suggested on 10 deals, marked done 0, success met 0; none of them closed yet
              deal-risk.no-power: suggested on 20 deals, marked done 0, success met 0; none of them closed yet
              deal-risk.stalled: suggested on 20 deals, marked done 0, success met 0; none of them closed yet
            """);
    assertThat(run.exitCode()).isZero();
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
        .isEqualTo("{\"method\":\"bonferroni\",\"comparisons\":8,\"family_error\":0.05}");
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
                + "<td>deal-risk.no-activity: 10 of 10 vs team 0 of 10, +100 points (adjusted 39 to"
                + " 100)</td></tr>");
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
}
