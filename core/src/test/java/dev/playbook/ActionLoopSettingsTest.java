package dev.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.playbook.descriptor.LoopSettings;
import dev.playbook.descriptor.RuleDescriptor;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An action's success, re-offer and escalation settings: read, checked and described. */
class ActionLoopSettingsTest {

  private static RuleDescriptor rule(Playbook playbook, String id) {
    return playbook.describe().rules().stream().filter(r -> r.id().equals(id)).findFirst().get();
  }

  private static List<String> problems(String rules) {
    ProblemException e =
        catchThrowableOfType(
            () -> Playbook.parse("t.yaml", "playbook: t\nstages: [open, won]\nrules:\n" + rules),
            ProblemException.class);
    return e.problems().stream().map(Problem::toString).toList();
  }

  @Test
  void describe_actionWithAllThreeSettings_exposesThemAsWritten() {
    Playbook playbook =
        Playbook.parse(
            "t.yaml",
            """
            playbook: t
            stages: [open, won]
            rules:
              - id: re-engage
                when: days_since(last_activity) > 14
                action:
                  title: Re-engage
                  success: { when: "days_since(last_activity) < 2", within: 5bd }
                  reoffer: { after_dismissals: 2, pause: 30d }
                  escalate: { manager_after: 3d, reassign_after: 2w }
              - { id: plain, when: "true", action: { title: Call } }
              - { id: gap-only, when: "true", gap: { severity: low, message: m } }
            """);

    assertThat(rule(playbook, "re-engage").loop())
        .isEqualTo(
            new LoopSettings(
                new LoopSettings.Success("days_since(last_activity) < 2", "5bd"),
                new LoopSettings.Reoffer(2, "30d"),
                new LoopSettings.Escalate("3d", "2w")));
    assertThat(rule(playbook, "plain").loop()).isEqualTo(LoopSettings.NONE);
    assertThat(rule(playbook, "gap-only").loop()).isEqualTo(LoopSettings.NONE);
  }

  @Test
  void load_escalationWithOneStep_keepsTheOtherNull() {
    Playbook playbook =
        Playbook.parse(
            "t.yaml",
            """
            playbook: t
            stages: [open, won]
            rules:
              - { id: r, when: "true", action: { title: Call, escalate: { reassign_after: 7d } } }
            """);

    assertThat(rule(playbook, "r").loop())
        .isEqualTo(new LoopSettings(null, null, new LoopSettings.Escalate(null, "7d")));
  }

  @Test
  void load_badSettings_reportsEachWhereItIsWritten() {
    assertThat(
            problems(
                """
                  - id: a
                    when: "true"
                    action:
                      title: A
                      success: { when: "stage >= nowhere", within: 5 }
                      reoffer: { after_dismissals: 0, pause: 30d, after: 2 }
                      escalate: { manager_after: 9d, reassign_after: 1w }
                  - id: b
                    when: "true"
                    action: { title: B, success: { within: 2d }, escalate: {}, reoffer: often }
                """))
        .containsExactly(
            "t.yaml:8:52: invalid-value: 'within' is '5'; write a whole number of days (3d),"
                + " business days (5bd) or weeks (2w), at most 3650",
            "t.yaml:9:36: invalid-value: 'after_dismissals' must be between 1 and 9999, not 0",
            "t.yaml:9:51: unknown-field: 'after' is not a field of a re-offer limit (did you mean"
                + " 'after_dismissals'?)",
            "t.yaml:10:54: invalid-value: 'reassign_after' is 1w, before 'manager_after' (9d); the"
                + " manager is told first",
            "t.yaml:13:34: missing-field: a success indicator needs 'when'",
            "t.yaml:13:60: missing-field: an escalation needs 'manager_after' or 'reassign_after'",
            "t.yaml:13:73: wrong-type: a re-offer limit must be a mapping of keys to values, not a"
                + " string");
  }

  @Test
  void load_successConditionThatDoesNotCompile_isReportedInsideTheCondition() {
    assertThat(
            problems(
                """
                  - id: a
                    when: "true"
                    action:
                      title: A
                      success: { when: "stage >= nowhere", within: 5bd }
                """))
        .containsExactly(
            "t.yaml:8:34: unknown-stage: 'nowhere' is not a stage of this playbook; its stages are:"
                + " open, won");
  }

  @Test
  void describe_loopSettingsWithoutAnAction_areRefused() {
    LoopSettings loop = new LoopSettings(null, new LoopSettings.Reoffer(1, "1d"), null);

    assertThat(
            catchThrowableOfType(
                () ->
                    new RuleDescriptor(
                        "r",
                        dev.playbook.descriptor.LocalizedText.of("r"),
                        null,
                        null,
                        "true",
                        true,
                        dev.playbook.result.Severity.LOW,
                        false,
                        "f.yaml",
                        1,
                        loop),
                IllegalArgumentException.class))
        .hasMessage("rule r: loop settings need an action");
  }
}
