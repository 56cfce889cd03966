package dev.playbook.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.Playbook;
import dev.playbook.model.Activity;
import dev.playbook.model.ActivityType;
import dev.playbook.model.Deal;
import dev.playbook.model.Signals;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The published reference values for conversation metrics that spin ships as parameters, read by a
 * company's own rule as docs/methodologies/spin.md shows it.
 */
class SpinReferenceValuesTest {

  private static final Instant AS_OF = Instant.parse("2026-11-20T00:00:00Z");

  /** The rule of docs/methodologies/spin.md, "Parameters". */
  private static final String CALLS =
      """
      playbook: calls
      extends: [spin]
      rules:
        - id: calls.rep-talked-most
          when: >-
            stage == discovery and any(activities, type == call
              and talk_ratio > param(spin_discovery_talk_ratio) + 0.2)
          gap:
            severity: low
            message: "{name}: the rep spoke most of a discovery call"
      """;

  private static Deal dealWithCall(String talkRatio) {
    Activity call =
        Activity.builder("a1", ActivityType.CALL, Instant.parse("2026-11-17T15:00:00Z"))
            .signals(new Signals(Map.of("talk_ratio", new BigDecimal(talkRatio)), List.of()))
            .build();
    return Deal.builder("D-1", "discovery").name("Globex").addActivity(call).build();
  }

  @Test
  void describe_spin_carriesTheReferenceValuesWithTheirSource() {
    var parameters = Playbook.builtIn("spin").describe().parameters();

    assertThat(parameters)
        .filteredOn(p -> p.name().startsWith("spin_discovery_"))
        .extracting(p -> p.name() + "=" + p.defaultValue())
        .containsExactly(
            "spin_discovery_talk_ratio=0.43",
            "spin_discovery_questions_min=11",
            "spin_discovery_questions_max=14");
  }

  @Test
  void evaluate_docsRule_firesOnACallTheRepDominated_andNotOnABalancedOne() {
    Playbook calls = Playbook.parse("calls.yaml", CALLS);

    assertThat(calls.evaluate(dealWithCall("0.71"), AS_OF).gaps())
        .extracting(g -> g.rule() + ": " + g.message())
        .containsExactly("calls.rep-talked-most: Globex: the rep spoke most of a discovery call");
    assertThat(calls.evaluate(dealWithCall("0.55"), AS_OF).firedRules())
        .doesNotContain("calls.rep-talked-most");
  }
}
