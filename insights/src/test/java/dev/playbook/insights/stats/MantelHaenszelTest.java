package dev.playbook.insights.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.playbook.insights.stats.MantelHaenszel.Effects;
import dev.playbook.insights.stats.MantelHaenszel.Stratum;
import java.util.List;
import org.junit.jupiter.api.Test;

class MantelHaenszelTest {

  private static final double E4 = 0.5e-4;

  /**
   * The University Group Diabetes Program trial as stratified by age in K. J. Rothman, S. Greenland
   * and T. L. Lash, <i>Modern Epidemiology</i>, 3rd ed., Lippincott Williams &amp; Wilkins 2008,
   * ch. 15 (Table 15-1): deaths among tolbutamide ("flagged") and placebo patients,
   *
   * <pre>
   *   age &lt; 55:  tolbutamide 8 of 106, placebo 5 of 120
   *   age 55+:   tolbutamide 22 of 98, placebo 16 of 85
   * </pre>
   *
   * The book gives crude RR 1.44 and RD 0.045 against RR_MH 1.33 and RD_MH 0.035 (age confounds a
   * little). The intervals and the odds ratio are computed by hand from the formulas in {@link
   * MantelHaenszel}:
   *
   * <pre>
   *   stratum    a/n1 N   a·n0/N   c·n1/N   n1·n0/N  (a·n0-c·n1)/N
   *   &lt; 55      8/106 226 4.2478   2.3451   56.283   1.9027
   *   55+      22/98  183 10.2186  8.5683   45.519   1.6503
   *   sums                14.4664  10.9134  101.802  3.5529
   *
   *   RD_MH = 3.5529/101.802 = 0.0349; Sato P = -1.186891, Q = 10.589414,
   *           Var = (0.0349·P + Q)/101.802² = 0.0319², 95% CI -0.0276 to 0.0974
   *   RR_MH = 14.4664/10.9134 = 1.3256; Var ln = Σ(n1 n0 (a+c) - a c N)/N² / (14.4664·10.9134)
   *           = 0.067071, 95% CI 0.7979 to 2.2021
   *   OR_MH = Σad/N / Σbc/N = 12.3659/8.8130 = 1.4031; RBG Var ln = 0.096817, 95% CI 0.7625 to 2.5820
   *   CMH:    O = 30, E = 26.4471, V = 10.5953, χ² = 1.1914, p = 0.2750
   *   crude:  30/204 vs 21/205, RD 0.0446 (-0.0193, 0.1085), RR 1.4356 (0.8510, 2.4216),
   *           OR 1.5107 (0.8333, 2.7387)
   * </pre>
   */
  private static final List<Stratum> UGDP =
      List.of(new Stratum("age < 55", 8, 106, 5, 120), new Stratum("age 55+", 22, 98, 16, 85));

  @Test
  void of_ugdpTrialByAge_matchesPublishedAndHandComputedEstimates() {
    MantelHaenszel mh = MantelHaenszel.of(UGDP);

    // published, to the book's rounding
    assertThat(mh.pooled().riskRatio().value()).isCloseTo(1.33, within(0.005));
    assertThat(mh.pooled().riskDifference().value()).isCloseTo(0.035, within(0.0005));
    assertThat(mh.crude().riskRatio().value()).isCloseTo(1.44, within(0.005));
    assertThat(mh.crude().riskDifference().value()).isCloseTo(0.045, within(0.0005));
    // by hand, to 4 decimals
    assertEffects(
        mh.pooled(),
        new double[] {0.0349, -0.0276, 0.0974},
        new double[] {1.3256, 0.7979, 2.2021},
        new double[] {1.4031, 0.7625, 2.5820});
    assertEffects(
        mh.crude(),
        new double[] {0.0446, -0.0193, 0.1085},
        new double[] {1.4356, 0.8510, 2.4216},
        new double[] {1.5107, 0.8333, 2.7387});
    assertThat(mh.chiSquare()).isCloseTo(1.1914, within(E4));
    assertThat(mh.pValue()).isCloseTo(0.2750, within(E4));
    assertThat(mh.used()).isEqualTo(2);
    assertThat(mh.skipped()).isZero();
  }

  @Test
  void of_ugdpTrialByAge_reportsEveryStratum() {
    MantelHaenszel mh = MantelHaenszel.of(UGDP);

    MantelHaenszel.Row young = mh.rows().get(0);
    assertThat(young.stratum().label()).isEqualTo("age < 55");
    assertThat(young.used()).isTrue();
    assertThat(young.flaggedRate().value()).isCloseTo(8 / 106.0, within(1e-12));
    assertThat(young.unflaggedRate().value()).isCloseTo(5 / 120.0, within(1e-12));
    assertThat(young.difference().value()).isCloseTo(8 / 106.0 - 5 / 120.0, within(1e-12));
    // weights 56.283 and 45.519 of 101.802
    assertThat(young.weight()).isCloseTo(0.5529, within(E4));
    assertThat(mh.rows().get(1).weight()).isCloseTo(0.4471, within(E4));
  }

  @Test
  void of_strataWithoutOneGroup_areSkippedAndCountedButStayInTheCrudeTable() {
    // given the trial plus a stratum with no placebo patient and one with no tolbutamide patient
    List<Stratum> strata =
        List.of(
            UGDP.get(0),
            new Stratum("only flagged", 3, 5, 0, 0),
            UGDP.get(1),
            new Stratum("only not flagged", 0, 0, 2, 8));

    MantelHaenszel mh = MantelHaenszel.of(strata);

    // then the pooled figures are the trial's; the crude ones are 33/209 against 23/213
    assertThat(mh.skipped()).isEqualTo(2);
    assertThat(mh.used()).isEqualTo(2);
    assertThat(mh.pooled()).isEqualTo(MantelHaenszel.of(UGDP).pooled());
    assertThat(mh.rows())
        .extracting(MantelHaenszel.Row::used)
        .containsExactly(true, false, true, false);
    assertThat(mh.rows().get(1).weight()).isZero();
    assertThat(mh.rows().get(1).unflaggedRate().isDefined()).isFalse();
    assertEffects(
        mh.crude(),
        new double[] {0.0499, -0.0147, 0.1146},
        new double[] {1.4622, 0.8896, 2.4036},
        new double[] {1.5489, 0.8755, 2.7403});
  }

  /**
   * One stratum, 6 of 10 flagged won against 4 of 10: the formulas reduce to the textbook
   * single-table ones. RD 0.2, Var = 0.6·0.4/10 + 0.4·0.6/10 = 0.048, CI 0.2 ± 1.96·0.2191 =
   * (-0.2294, 0.6294); RR 1.5, Katz Var ln = 1/6 - 1/10 + 1/4 - 1/10 = 0.216667, CI (0.6024,
   * 3.7351); OR 6·6/(4·4) = 2.25, Woolf Var ln = 1/6 + 1/4 + 1/4 + 1/6 = 0.833333, CI (0.3760,
   * 13.4654); CMH χ² = (6 - 5)²/(10·10·10·10/(400·19)) = 0.76, p 0.3833.
   */
  @Test
  void of_oneStratum_reducesToBinomialKatzAndWoolf() {
    MantelHaenszel mh = MantelHaenszel.of(List.of(new Stratum("all", 6, 10, 4, 10)));

    assertEffects(
        mh.pooled(),
        new double[] {0.2, -0.2294, 0.6294},
        new double[] {1.5, 0.6024, 3.7351},
        new double[] {2.25, 0.3760, 13.4654});
    assertThat(mh.crude()).isEqualTo(mh.pooled());
    assertThat(mh.chiSquare()).isCloseTo(0.76, within(1e-9));
    assertThat(mh.pValue()).isCloseTo(0.3833, within(E4));
  }

  /**
   * Planted: the 20 deals of {@link #of_oneStratum_reducesToBinomialKatzAndWoolf} were open at day
   * 30 and at day 60, each time in the same stratum and on the same side. Pooled as if they were 40
   * deals, Sato's variance halves to 0.024 (CI 0.2 ± 1.96·0.1549 = (-0.1036, 0.5036)). With the
   * links, W = 10, Sato's part (RD·P + Q) = 2.4, and each link adds α₁α₂ (won (1 - p)² + lost p²) =
   * 0.25 · (6·0.16 + 4·0.36) = 0.6 (flagged, p = 0.6) and 0.25 · (4·0.36 + 6·0.16) = 0.6 (not
   * flagged, p = 0.4): Var = (2.4 + 2·1.2)/100 = 0.048, the 20 deals' own interval.
   */
  @Test
  void of_sameDealsAtTwoLandmarks_withLinks_countsEachDealOnce() {
    List<Stratum> twice =
        List.of(new Stratum("30d all", 6, 10, 4, 10), new Stratum("60d all", 6, 10, 4, 10));
    List<MantelHaenszel.Link> links =
        List.of(
            new MantelHaenszel.Link("30d all", true, "60d all", true, 10, 6),
            new MantelHaenszel.Link("30d all", false, "60d all", false, 10, 4));

    MantelHaenszel naive = MantelHaenszel.of(twice);
    MantelHaenszel clustered = MantelHaenszel.of(twice, links);

    assertEstimate(naive.pooled().riskDifference(), new double[] {0.2, -0.1036, 0.5036});
    assertEstimate(clustered.pooled().riskDifference(), new double[] {0.2, -0.2294, 0.6294});
    // the ratios' intervals and the crude figures are not corrected
    assertThat(clustered.pooled().riskRatio()).isEqualTo(naive.pooled().riskRatio());
    assertThat(clustered.crude()).isEqualTo(naive.crude());
  }

  @Test
  void of_linksOfDealsInSkippedStrataOrNone_leaveTheIntervalAsItWas() {
    List<Stratum> strata =
        List.of(new Stratum("30d a", 6, 10, 4, 10), new Stratum("60d only flagged", 3, 5, 0, 0));
    List<MantelHaenszel.Link> links =
        List.of(
            new MantelHaenszel.Link("30d a", true, "60d only flagged", true, 5, 3),
            new MantelHaenszel.Link("30d a", false, "60d only flagged", true, 0, 0));

    assertThat(MantelHaenszel.of(strata, links).pooled())
        .isEqualTo(MantelHaenszel.of(strata).pooled());
  }

  @Test
  void of_linkToAStratumNotGiven_isRejectedNamingIt() {
    List<Stratum> strata = List.of(new Stratum("30d a", 6, 10, 4, 10));

    assertThatThrownBy(
            () ->
                MantelHaenszel.of(
                    strata, List.of(new MantelHaenszel.Link("30d a", true, "60d a", true, 1, 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("link names stratum 60d a, which is not given");
    assertThatThrownBy(() -> new MantelHaenszel.Link("30d a", true, "30d a", false, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("link 30d a: a link joins two different strata");
    assertThatThrownBy(() -> new MantelHaenszel.Link("30d a", true, "60d a", false, 1, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("link 30d a to 60d a: won 2 must lie between 0 and deals 1");
  }

  @Test
  void of_noNotFlaggedWin_givesInfiniteRatiosWithoutInterval() {
    MantelHaenszel mh = MantelHaenszel.of(List.of(new Stratum("s", 3, 10, 0, 10)));

    assertThat(mh.pooled().riskRatio().value()).isInfinite();
    assertThat(mh.pooled().riskRatio().hasInterval()).isFalse();
    assertThat(mh.pooled().oddsRatio().value()).isInfinite();
    assertThat(mh.pooled().riskDifference().value()).isCloseTo(0.3, within(1e-12));
    assertThat(mh.pooled().riskDifference().hasInterval()).isTrue();
  }

  @Test
  void of_noWinAtAll_leavesRatiosUndefined() {
    MantelHaenszel mh = MantelHaenszel.of(List.of(new Stratum("s", 0, 10, 0, 10)));

    assertThat(mh.pooled().riskRatio().isDefined()).isFalse();
    assertThat(mh.pooled().oddsRatio().isDefined()).isFalse();
    assertThat(mh.pooled().riskDifference().value()).isZero();
    assertThat(mh.chiSquare()).isNaN();
  }

  @Test
  void of_noComparableStratum_leavesPooledUndefined() {
    MantelHaenszel mh =
        MantelHaenszel.of(List.of(new Stratum("a", 1, 2, 0, 0), new Stratum("b", 0, 0, 1, 3)));

    assertThat(mh.skipped()).isEqualTo(2);
    assertThat(mh.pooled().riskDifference().isDefined()).isFalse();
    assertThat(mh.pooled().riskRatio().isDefined()).isFalse();
    assertThat(mh.crude().riskDifference().value()).isCloseTo(0.5 - 1 / 3.0, within(1e-12));
    assertThat(mh.pValue()).isNaN();
  }

  @Test
  void stratum_moreWonThanDeals_isRejectedNamingTheStratum() {
    assertThatThrownBy(() -> new Stratum("proposal / smb", 5, 4, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stratum proposal / smb: flagged won 5 must lie between 0 and flagged 4");
    assertThatThrownBy(() -> new Stratum("x", 0, 1, -1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stratum x: not-flagged won -1 must lie between 0 and not-flagged 1");
  }

  private static void assertEffects(Effects e, double[] rd, double[] rr, double[] or) {
    assertEstimate(e.riskDifference(), rd);
    assertEstimate(e.riskRatio(), rr);
    assertEstimate(e.oddsRatio(), or);
  }

  private static void assertEstimate(Estimate e, double[] expected) {
    assertThat(e.value()).isCloseTo(expected[0], within(E4));
    assertThat(e.low()).isCloseTo(expected[1], within(E4));
    assertThat(e.high()).isCloseTo(expected[2], within(E4));
  }
}
