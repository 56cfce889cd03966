package dev.playbook.insights.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.playbook.Playbook;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop's files: the policy, the feedback file and the decision log, and their problems. */
class LoopFilesTest {

  static Playbook playbook;
  static LoopPolicy policy;

  @BeforeAll
  static void load() {
    playbook = Playbook.builtIn("deal-risk");
    policy =
        LoopPolicy.parse("loop.yaml", "dismiss_reasons: [not-relevant, wrong-data]\n", playbook);
  }

  static List<String> problems(Runnable r) {
    ProblemException e = catchThrowableOfType(ProblemException.class, r::run);
    assertThat(e).as("a ProblemException").isNotNull();
    return e.problems().stream().map(Problem::render).toList();
  }

  @Test
  void feedbackParse_goodLines_readsEveryResponse() {
    String text =
        """
        {"finding":"a-0123456789abcdef","deal":"D1","response":"snoozed","until":"2026-12-01","by":"ana","at":"2026-11-20T09:12:00Z","note":"on holiday"}

        {"finding":"g-0123456789abcdef","deal":"D1","response":"dismissed","reason":"wrong-data","by":"ana","at":"2026-11-20T09:13:00Z"}
        {"finding":"g-0123456789abcdef","deal":"D1","response":"done","by":"ana","at":"2026-11-21T09:13:00Z","note":null}
        """;

    List<Feedback> fb = FeedbackFile.parse("feedback.jsonl", text, policy);

    assertThat(fb)
        .containsExactly(
            new Feedback(
                "a-0123456789abcdef",
                "D1",
                Feedback.Response.SNOOZED,
                null,
                "on holiday",
                LocalDate.parse("2026-12-01"),
                "ana",
                Instant.parse("2026-11-20T09:12:00Z")),
            new Feedback(
                "g-0123456789abcdef",
                "D1",
                Feedback.Response.DISMISSED,
                "wrong-data",
                null,
                null,
                "ana",
                Instant.parse("2026-11-20T09:13:00Z")),
            new Feedback(
                "g-0123456789abcdef",
                "D1",
                Feedback.Response.DONE,
                null,
                null,
                null,
                "ana",
                Instant.parse("2026-11-21T09:13:00Z")));
  }

  @Test
  void feedbackParse_badLines_reportsEveryProblemAtItsLineAndColumn() {
    String text =
        """
        {"finding":"a-0123456789abcdef","deal":"D1","response":"dismised","by":"ana","at":"2026-11-20T09:12:00Z"}
        {"finding":"a-0123456789abcdef","deal":"D1","response":"dismissed","reason":"bored","by":"ana","at":"yesterday"}
        {"finding":"x1","deal":"D1","response":"snoozed","by":"ana","at":"2026-11-20T09:12:00Z","notes":"x"}
        {"finding":"a-0123456789abcdef","deal":"D1","response":"done","by":"ana","at":"2026-11-20T09:12:00Z","until":"2026-12-01"}
        {"finding": 7,
        [1, 2]
        """;

    assertThat(problems(() -> FeedbackFile.parse("feedback.jsonl", text, policy)))
        .containsExactly(
            "feedback.jsonl:1:56: unknown-value: response 'dismised' is not one of done, dismissed, snoozed, accepted (did you mean 'dismissed'?)",
            "feedback.jsonl:2:77: unknown-value: reason 'bored' is not one of the playbook's dismissal reasons (not-relevant, wrong-data)",
            "feedback.jsonl:2:101: invalid-value: at 'yesterday' is not a time such as 2026-11-20T09:12:00Z",
            "feedback.jsonl:3:1: missing-field: a snoozed finding needs 'until', the day it shows"
                + " again, or 'until_changed', the deal field whose change brings it back",
            "feedback.jsonl:3:12: invalid-value: finding 'x1' is not a finding id such as a-3f9c0e2b7d41a6c8",
            "feedback.jsonl:3:89: unknown-field: 'notes' is not a feedback field (did you mean 'note'?)",
            "feedback.jsonl:4:110: invalid-value: until is only for a snoozed finding, not a done one",
            "feedback.jsonl:5:13: wrong-type: finding must be a string",
            "feedback.jsonl:5:15: json-syntax: not JSON: Unexpected end-of-input within/between Object entries",
            "feedback.jsonl:6:1: json-syntax: a feedback line must be a JSON object");
  }

  @Test
  void policyParse_badPolicy_reportsEveryProblemWhereTheAuthorWroteIt() {
    String text =
        """
        dismiss_reasons: [not-relevant, not-relevant]
        rules:
          deal-risk.no-activty:
            reoffer: { after: 2, pause: 30d }
          deal-risk.stalled:
            reoffer: { after: 0, pause: soon }
            succes: { when: "stage == proposal", within: 5bd }
        """;

    assertThat(problems(() -> LoopPolicy.parse("loop.yaml", text, playbook)))
        .containsExactly(
            "loop.yaml:1:33: duplicate-name: dismissal reason 'not-relevant' is listed twice",
            "loop.yaml:3:3: unknown-rule: rule 'deal-risk.no-activty' is not in playbook deal-risk (did you mean 'deal-risk.no-activity'?)",
            "loop.yaml:6:23: invalid-value: after of rule deal-risk.stalled must be a whole number from 1 to 9999, was '0'",
            "loop.yaml:6:33: invalid-value: pause of rule deal-risk.stalled must be a span such as 3d, 5bd or 2w, was 'soon'",
            "loop.yaml:7:5: unknown-field: 'succes' is not a rule policy field (did you mean 'success'?)");
  }

  @Test
  void policyParse_successConditionWithUnknownField_reportsItAtTheCondition() {
    String text =
        """
        rules:
          deal-risk.stalled:
            success: { when: "stag == proposal", within: 5bd }
        """;

    List<String> problems = problems(() -> LoopPolicy.parse("loop.yaml", text, playbook));

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0))
        .startsWith("loop.yaml:3:22: ")
        .contains("success.when: ")
        .contains("'stag'");
  }

  @Test
  void checkNamed_problemOfTheTenthCondition_isNotTakenForTheFirst() {
    // in the order a hash set may hand them out: the tenth check before the first
    Set<String> checks = new LinkedHashSet<>(List.of("loop.success-10", "loop.success-1"));

    assertThat(LoopPolicy.checkNamed("rule loop.success-10: 'stag' is not a field", checks))
        .isEqualTo("loop.success-10");
    assertThat(LoopPolicy.checkNamed("rule loop.success-1: 'stag' is not a field", checks))
        .isEqualTo("loop.success-1");
    assertThat(LoopPolicy.checkNamed("rule loop.success-12: 'stag' is not a field", checks))
        .isNull();
    assertThat(LoopPolicy.checkNamed("'loop.success' is not a field", checks)).isNull();
  }

  @Test
  void decisionLog_pastItsSize_rotatesAndKeepsTheNewestFiles(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("decisions.jsonl");
    Loop loop = Loop.of(playbook, policy);
    Decision d =
        loop.decide(
            LoopFourDaysTest.deal("R", "2026-10-20", 1000),
            LoopFourDaysTest.day(1),
            List.of(),
            List.of(),
            LoopFourDaysTest.day(1));
    int size = DecisionJson.write(d).length() + 1;

    try (DecisionLog log = JsonlDecisionLog.open(file, Math.max(1024, size * 2L), 2)) {
      for (int i = 0; i < 7; i++) {
        log.record(d);
      }
    }

    assertThat(JsonlDecisionLog.read(file)).hasSize(1);
    assertThat(JsonlDecisionLog.read(dir.resolve("decisions.jsonl.1"))).hasSize(2);
    assertThat(JsonlDecisionLog.read(dir.resolve("decisions.jsonl.2"))).containsExactly(d, d);
    assertThat(dir.resolve("decisions.jsonl.3")).doesNotExist();
  }

  @Test
  void decisionLogRead_lineThatIsNoDecision_namesTheLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("decisions.jsonl");
    Files.writeString(
        file,
        "{\"schema\":\"playbook-decision/1\",\"id\":\"x\"}\n\n{\"schema\":\"other\"}\nnot json\n");

    assertThat(problems(() -> JsonlDecisionLog.read(file)))
        .containsExactly(
            file + ":1:1: invalid-value: not a decision: 'deal' must be a string",
            file
                + ":3:1: invalid-value: not a decision: schema must be 'playbook-decision/1', was 'other'",
            file + ":4:1: invalid-value: not a decision: not JSON");
  }
}
