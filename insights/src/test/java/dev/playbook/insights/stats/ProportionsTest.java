package dev.playbook.insights.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProportionsTest {

  /** R. G. Newcombe, Statistics in Medicine 17 (1998) 857–872, Table I, method 3 (Wilson). */
  @Test
  void wilson_newcombeTableOne_matchesPublishedLimits() {
    Estimate e = Proportions.wilson(81, 263);
    assertThat(e.low()).isCloseTo(0.2553, within(1e-4));
    assertThat(e.high()).isCloseTo(0.3662, within(1e-4));
    Estimate eight = Proportions.wilson(8, 10);
    assertThat(eight.low()).isCloseTo(0.4902, within(1e-4));
    assertThat(eight.high()).isCloseTo(0.9433, within(1e-4));
    assertThat(Proportions.wilson(0, 10).low()).isZero();
    assertThat(Proportions.wilson(0, 10).high()).isCloseTo(0.2775, within(1e-4));
    assertThat(Proportions.wilson(0, 0).isDefined()).isFalse();
  }

  /** R. G. Newcombe, Statistics in Medicine 17 (1998) 873–890, Table II, method 10. */
  @Test
  void newcombeDifference_newcombeTableTwo_matchesPublishedLimits() {
    Estimate d = Proportions.newcombeDifference(56, 70, 48, 80);
    assertThat(d.value()).isCloseTo(0.2, within(1e-12));
    assertThat(d.low()).isCloseTo(0.0524, within(1e-4));
    assertThat(d.high()).isCloseTo(0.3339, within(1e-4));
    Estimate d2 = Proportions.newcombeDifference(9, 10, 3, 10);
    assertThat(d2.low()).isCloseTo(0.1705, within(1e-4));
    assertThat(d2.high()).isCloseTo(0.8090, within(1e-4));
    assertThat(Proportions.newcombeDifference(1, 1, 0, 0).isDefined()).isFalse();
  }

  @Test
  void z95_isTheNormalQuantile() {
    assertThat(Proportions.Z95).isCloseTo(1.959963984540054, within(1e-12));
  }

  @Test
  void rate_moreSuccessesThanTrials_isRejected() {
    assertThatThrownBy(() -> Proportions.rate(3, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("successes 3 must lie between 0 and the count 2");
    assertThatThrownBy(() -> Proportions.wilson(1, 2, 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("confidence 1.0 must lie strictly between 0 and 1");
  }

  @Test
  void estimate_boundsOutOfOrder_areRejected() {
    assertThatThrownBy(() -> Estimate.of(0.5, 0.6, 0.4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("interval low 0.6 is above high 0.4");
    assertThat(Estimate.of(0.5, 0.4, 0.6).excludes(0.3)).isTrue();
    assertThat(Estimate.of(0.5, 0.4, 0.6).excludes(0.45)).isFalse();
    assertThat(Estimate.withoutInterval(0.5).excludes(0.1)).isFalse();
  }
}
