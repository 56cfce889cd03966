package dev.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loading reports every problem with the position the author wrote it at. */
class PlaybookLoadProblemsTest {

  static final String HEADER =
      """
      playbook: t
      stages: [prospecting, qualification, proposal, negotiation, closed_won, closed_lost]
      parameters:
        stale_days: 14
      """;

  static List<String> problems(String yaml) {
    ProblemException e =
        catchThrowableOfType(ProblemException.class, () -> Playbook.parse("t.yaml", yaml));
    assertThat(e).as("expected problems").isNotNull();
    return e.problems().stream().map(Problem::render).toList();
  }

  static String rule(String when) {
    return HEADER + "rules:\n  - id: r1\n    when: " + when + "\n    action: { title: Do it }\n";
  }

  @Test
  void load_conditionSyntaxError_pointsAtTheColumnInTheFile() {
    assertThat(problems(rule("stage >= proposal and")))
        .containsExactly("t.yaml:7:32: syntax-error: the condition ends too early");
  }

  @Test
  void load_breakOutOfGrammar_isRejectedAsProblem() {
    assertThat(problems(rule("\"stage >= proposal) then System.exit(3); end\"")))
        .containsExactly(
            "t.yaml:7:29: syntax-error: unexpected ')' after a complete condition (a ')' has no matching '(')");
  }

  @Test
  void load_methodCall_isRejectedAsProblem() {
    assertThat(problems(rule("Runtime.getRuntime().exec(\"rm\") == 1")))
        .containsExactly(
            "t.yaml:7:29: syntax-error: 'Runtime.getRuntime(' is not allowed: only the functions of the condition language can be called");
  }

  @Test
  void load_javaStyleOperators_explainTheLanguageWords() {
    assertThat(problems(rule("\"stage >= proposal && amount > 5\"")))
        .containsExactly("t.yaml:7:30: syntax-error: '&' is not an operator; write 'and' or 'or'");
  }

  @Test
  void load_unknownFieldInCondition_suggestsTheClosestName() {
    assertThat(problems(rule("amout > 5")))
        .containsExactly(
            "t.yaml:7:11: unknown-field: 'amout' is not a field of a deal (did you mean 'amount'?)");
  }

  @Test
  void load_unknownStage_listsTheStages() {
    assertThat(problems(rule("stage >= proposl")))
        .containsExactly(
            "t.yaml:7:20: unknown-stage: 'proposl' is not a stage of this playbook (did you mean 'proposal'?); its stages are: "
                + "prospecting, qualification, proposal, negotiation, closed_won, closed_lost");
  }

  @Test
  void load_unknownRoleInsideQuantifier_listsTheChoices() {
    assertThat(problems(rule("\"none(contacts, role == economic_buyr)\"")))
        .containsExactly(
            "t.yaml:7:35: unknown-value: 'economic_buyr' is not a buying role (did you mean 'economic_buyer'?); the choices are: "
                + "economic_buyer, champion, coach, technical, user, decision_maker, influencer, blocker");
  }

  @Test
  void load_typeMismatch_namesBothTypes() {
    assertThat(problems(rule("stage > 3")))
        .containsExactly(
            "t.yaml:7:11: type-mismatch: cannot compare a stage with a number; stages are written"
                + " by name, one of: prospecting, qualification, proposal, negotiation, closed_won,"
                + " closed_lost");
  }

  @Test
  void load_conditionThatIsNotTrueFalse_isRejected() {
    assertThat(problems(rule("amount + 1")))
        .containsExactly(
            "t.yaml:7:11: type-mismatch: the condition must be true or false, but this is a number");
  }

  @Test
  void load_unknownFunction_listsTheFunctions() {
    assertThat(problems(rule("\"dayz_since(last_activity) > param(stale_days)\"")))
        .containsExactly(
            "t.yaml:7:12: unknown-function: 'dayz_since' is not a function (did you mean 'days_since'?); the functions are: "
                + "all, any, business_days_between, business_days_since, business_days_until, coalesce, count, count_true, days_between, days_since, "
                + "days_until, evidence, evidence_updated, hours_between, hours_since, hours_until, max, min, none, param, sum");
  }

  @Test
  void load_businessDaysComparedWithNumber_isExplained() {
    assertThat(problems(rule("\"days_since(last_activity) > 2bd\"")))
        .containsExactly(
            "t.yaml:7:40: type-mismatch: business days can only be added to or subtracted from a date; "
                + "use business_days_since(...) to count them");
  }

  @Test
  void load_blockScalarCondition_pointsIntoTheRightLine() {
    String yaml =
        HEADER
            + """
        rules:
          - id: r1
            when: |
              stage >= proposal
              and count(contacts) < tw
            action: { title: Do it }
        """;
    assertThat(problems(yaml))
        .containsExactly("t.yaml:9:29: unknown-field: 'tw' is not a field of a deal");
  }

  @Test
  void load_foldedBlockCondition_pointsIntoTheRightLine() {
    String yaml =
        HEADER
            + """
        rules:
          - id: r1
            when: >-
              stage >= proposal
              and count(contacts) < 2
              and amout > 5
            action: { title: Do it }
        """;
    assertThat(problems(yaml))
        .containsExactly(
            "t.yaml:10:11: unknown-field: 'amout' is not a field of a deal (did you mean 'amount'?)");
  }

  @Test
  void load_manyProblems_areAllReportedSorted() {
    String yaml =
        """
        playbook: t
        titel: Test
        stages: [a, b]
        talk_tracks:
          intro: Hello
        rules:
          - id: r1
            when: stage >= c
            gap: { severity: urgent, message: "x" }
          - id: r2
            when: stage == a
            action: { title: "Hi {deal.nme}", talk_track: intor, priority: 120 }
          - id: r1
            when: stage == b
            action: { title: Again }
        """;
    assertThat(problems(yaml))
        .containsExactly(
            "t.yaml:2:1: unknown-field: 'titel' is not a field of a playbook (did you mean 'title'?)",
            "t.yaml:9:22: invalid-value: severity 'urgent' is not one of: critical, high, medium, low, info",
            "t.yaml:12:68: invalid-value: 'priority' must be between 0 and 100, not 120",
            "t.yaml:13:5: duplicate-rule: rule 'r1' is defined twice (first at t.yaml:7:5)");
  }

  @Test
  void load_secondPhaseProblems_areReportedOnceTheFileIsWellFormed() {
    String yaml =
        """
        playbook: t
        stages: [a, b]
        talk_tracks:
          intro: Hello
        rules:
          - id: r1
            when: stage >= c
            gap: { severity: high, message: "x" }
          - id: r2
            when: stage == a
            action: { title: "Hi {deal.nme}", talk_track: intor }
        """;
    assertThat(problems(yaml))
        .containsExactly(
            "t.yaml:7:20: unknown-stage: 'c' is not a stage of this playbook; its stages are: a, b",
            "t.yaml:11:27: unknown-field: 'nme' is not a field of a deal (did you mean 'name'?)",
            "t.yaml:11:51: unknown-talk-track: there is no talk track 'intor' (did you mean 'intro'?); define it under 'talk_tracks'");
  }

  @Test
  void load_unknownParameter_listsTheParameters() {
    assertThat(problems(rule("\"days_since(last_activity) > param(stale_dayz)\"")))
        .containsExactly(
            "t.yaml:7:46: unknown-parameter: 'stale_dayz' is not a parameter of this playbook (did you mean 'stale_days'?); "
                + "its parameters are: stale_days");
  }

  @Test
  void load_ruleWithoutGapOrAction_isReported() {
    String yaml = HEADER + "rules:\n  - id: r1\n    when: stage == proposal\n";
    assertThat(problems(yaml))
        .containsExactly(
            "t.yaml:6:5: missing-field: rule 'r1' needs a 'gap', an 'action', or both");
  }

  @Test
  void load_stageNamedLikeAField_isRejected() {
    assertThat(problems("playbook: t\nstages: [amount, b]\n"))
        .containsExactly(
            "t.yaml:2:10: invalid-value: stage 'amount' has the name of a field, function or keyword of the condition language; "
                + "rename it (for example 'amount_stage')");
  }

  @Test
  void load_unknownBuiltInParent_suggestsAPath() {
    assertThat(problems("playbook: t\nextends: [medic]\nstages: [a]\n"))
        .containsExactly(
            "t.yaml:2:11: unknown-playbook: there is no built-in playbook named 'medic'; to extend a folder, write a path such as ./medic");
  }
}
