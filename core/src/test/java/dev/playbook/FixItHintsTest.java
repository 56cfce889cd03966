package dev.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Problems that say how to fix them: where a key belongs, how to write a value. */
class FixItHintsTest {

  private static List<String> problems(String yaml) {
    ProblemException e =
        catchThrowableOfType(() -> Playbook.parse("playbook.yaml", yaml), ProblemException.class);
    assertThat(e).as("loading fails").isNotNull();
    return e.problems().stream().map(Problem::render).toList();
  }

  @Test
  void load_actionKeysDedentedToTheRule_sayToIndentThemUnderAction() {
    String yaml =
        """
        playbook: t
        stages: [lead, proposal, won, lost]
        talk_tracks: { intro: "Who else signs?" }
        rules:
          - id: t.intro
            when: stage == proposal
            action:
              title: Ask for the signer
            talk_track: intro
            due: 2d
            severity: high
        """;

    assertThat(problems(yaml))
        .containsExactly(
            "playbook.yaml:9:5: unknown-field: 'talk_track' is not a field of a rule; it is a field"
                + " of the rule's action: indent it under 'action:'",
            "playbook.yaml:10:5: unknown-field: 'due' is not a field of a rule; it is a field of"
                + " the rule's action: indent it under 'action:'",
            "playbook.yaml:11:5: unknown-field: 'severity' is not a field of a rule; it is a"
                + " field of the rule's gap: indent it under 'gap:'");
  }

  @Test
  void load_numberComparedWithANumberInQuotes_saysToDropTheQuotes() {
    String yaml =
        """
        playbook: t
        stages: [lead, proposal, won, lost]
        custom_fields: { po_number: text }
        rules:
          - id: t.big
            when: amount > "500000"
            gap: { severity: high, message: big }
          - id: t.stage
            when: stage == 3
            gap: { severity: high, message: third }
          - id: t.po
            when: custom.po_number == 4711
            gap: { severity: high, message: po }
        """;

    assertThat(problems(yaml))
        .containsExactly(
            "playbook.yaml:6:11: type-mismatch: cannot compare a number with text; write 500000"
                + " without quotes",
            "playbook.yaml:9:11: type-mismatch: cannot compare a stage with a number; stages are"
                + " written by name, one of: lead, proposal, won, lost",
            "playbook.yaml:12:11: type-mismatch: cannot compare text with a number; write"
                + " \"4711\" in quotes");
  }

  @Test
  void load_textParameterComparedWithNumbers_isReportedOnceAtItsDefinition() {
    String yaml =
        """
        playbook: t
        stages: [lead, proposal, won, lost]
        parameters:
          big_deal_amount: "500000"
          huge: { default: "1,000,000", by_stage: { proposal: "2000000" } }
        rules:
          - id: t.big
            when: amount >= param(big_deal_amount)
            gap: { severity: high, message: big }
          - id: t.bigger
            when: stage == proposal and param(big_deal_amount) < amount
            gap: { severity: high, message: bigger }
          - id: t.huge
            when: amount > param(huge)
            gap: { severity: high, message: huge }
        """;

    assertThat(problems(yaml))
        .containsExactly(
            "playbook.yaml:4:20: wrong-type: parameter 'big_deal_amount' is text (\"500000\"), but"
                + " conditions compare it with a number; write 500000 without quotes",
            "playbook.yaml:5:20: wrong-type: parameter 'huge' is text (\"1,000,000\"), but"
                + " conditions compare it with a number; write 1000000 without quotes, and its"
                + " other values too");
  }

  @Test
  void load_textParameterThatIsNoNumber_isStillReportedAtItsUse() {
    String yaml =
        """
        playbook: t
        stages: [lead, proposal, won, lost]
        parameters: { region: emea }
        rules:
          - id: t.region
            when: amount > param(region)
            gap: { severity: high, message: region }
        """;

    assertThat(problems(yaml))
        .containsExactly("playbook.yaml:6:11: type-mismatch: cannot compare a number with text");
  }
}
