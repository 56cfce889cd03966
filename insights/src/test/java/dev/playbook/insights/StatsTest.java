package dev.playbook.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void wilson_knownValues() {
    // 8 of 10: the Wilson interval is 0.4902 to 0.9433 (Newcombe 1998, table I)
    double[] ci = Stats.wilson(8, 10);
    assertThat(ci[0]).isCloseTo(0.4902, within(1e-4));
    assertThat(ci[1]).isCloseTo(0.9433, within(1e-4));
    // 0 of 10: 0 to 0.2775
    assertThat(Stats.wilson(0, 10)[0]).isZero();
    assertThat(Stats.wilson(0, 10)[1]).isCloseTo(0.2775, within(1e-4));
    assertThat(Stats.wilson(0, 0)[0]).isNaN();
  }

  @Test
  void newcombeDiff_knownValues() {
    // 56/70 - 48/80 = 0.2000; the hybrid score interval is 0.0524 to 0.3339 (Newcombe 1998, table
    // II, method 10)
    double[] ci = Stats.newcombeDiff(56, 70, 48, 80);
    assertThat(ci[0]).isCloseTo(0.0524, within(1e-4));
    assertThat(ci[1]).isCloseTo(0.3339, within(1e-4));
    // 9/10 - 3/10: 0.1705 to 0.8090
    double[] ci2 = Stats.newcombeDiff(9, 10, 3, 10);
    assertThat(ci2[0]).isCloseTo(0.1705, within(1e-4));
    assertThat(ci2[1]).isCloseTo(0.8090, within(1e-4));
    assertThat(Stats.newcombeDiff(1, 1, 0, 0)[0]).isNaN();
  }
}
