package dev.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.model.Deal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Minus zero is zero in every comparison: a number negated to {@code -0.0} compared with a span or
 * another number reads as 0, as the reference interpreter of the differential suite says.
 */
class NegativeZeroComparisonTest {

  private static final Instant AS_OF = Instant.parse("2026-03-04T10:30:00Z");

  private static Playbook playbook(String condition) {
    return Playbook.parse(
        "zero.yaml",
        """
        playbook: zero
        stages: [open, won]
        rules:
          - id: zero.check
            when: %s
            gap: { severity: low, message: fired }
        """
            .formatted(condition));
  }

  @Test
  void negatedZeroPushes_comparedWithZeroDays_isNotBelowIt() {
    Deal noPushes = Deal.builder("d", "open").build();

    assertThat(playbook("-close_date_pushes < 0d").evaluate(noPushes, AS_OF).firedRules())
        .isEmpty();
    assertThat(playbook("-close_date_pushes >= 0d").evaluate(noPushes, AS_OF).firedRules())
        .containsExactly("zero.check");
  }

  @Test
  void negatedZeroPushes_comparedWithZero_isEqual() {
    Deal noPushes = Deal.builder("d", "open").build();

    assertThat(playbook("-close_date_pushes == 0").evaluate(noPushes, AS_OF).firedRules())
        .containsExactly("zero.check");
    assertThat(playbook("-close_date_pushes < 0").evaluate(noPushes, AS_OF).firedRules()).isEmpty();
  }
}
