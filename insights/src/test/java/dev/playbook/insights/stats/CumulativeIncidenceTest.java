package dev.playbook.insights.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.playbook.insights.stats.CumulativeIncidence.Observation;
import dev.playbook.insights.stats.CumulativeIncidence.Outcome;
import dev.playbook.insights.stats.CumulativeIncidence.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CumulativeIncidenceTest {

  private static final double E4 = 0.5e-4;

  /**
   * Twelve deals, days since creation and outcome (W won, L lost, C open on the report date):
   *
   * <pre>
   *   5W 5L 5C | 10W 10W | 12C | 15L | 20W 20C | 25L | 30W 30C
   * </pre>
   *
   * Day 5 has a win, a loss and a censoring together (events first, so the open deal is at risk on
   * day 5); day 20 and day 30 a win and a censoring.
   *
   * <p>Hand computation, S = still open, Fw/Fl = cumulative incidence of winning/losing, S(t-) = S
   * before the day:
   *
   * <pre>
   *  day  n  w l c  S(t-)     S = S(t-)(1-d/n)        Fw += S(t-) w/n          Fl += S(t-) l/n
   *   5  12  1 1 1  1         10/12        = 0.8333   1/12          = 0.0833   1/12          = 0.0833
   *  10   9  2 0 0  0.8333    0.8333·7/9   = 0.6481   +0.8333·2/9   = 0.2685   0.0833
   *  12   7  0 0 1  0.6481    0.6481                  0.2685                   0.0833
   *  15   6  0 1 0  0.6481    0.6481·5/6   = 0.5401   0.2685                   +0.6481/6 = 0.1914
   *  20   5  1 0 1  0.5401    0.5401·4/5   = 0.4321   +0.5401/5     = 0.3765   0.1914
   *  25   3  0 1 0  0.4321    0.4321·2/3   = 0.2881   0.3765                   +0.4321/3 = 0.3354
   *  30   2  1 0 1  0.2881    0.2881·1/2   = 0.1440   +0.2881/2     = 0.5206   0.3354
   * </pre>
   *
   * Check: S + Fw + Fl = 0.1440 + 0.5206 + 0.3354 = 1 on day 30. Median time to win: day 30, the
   * first day Fw reaches 0.5.
   *
   * <p>Standard errors. Greenwood for S: day 5, sqrt(0.8333² · 2/(12·10)) = 0.1076; day 10,
   * sqrt(0.6481² · (2/120 + 2/(9·7))) = 0.1426. Delta method for Fw on day 5: only the middle term,
   * 1²·1·11/12³ = 0.006366, se 0.0798. Fw on day 10, with F(10) - F(5) = 0.1852:
   *
   * <pre>
   *   term 1: 0.1852²·2/(12·10) + 0          = 0.000572
   *   term 2: 1·1·11/1728 + 0.8333²·2·7/729  = 0.006366 + 0.013336 = 0.019702
   *   term 3: -2·0.1852·1·1/144 - 0           = -0.002572
   *   Var = 0.017702, se 0.1330
   * </pre>
   *
   * All days (log(-log) 95% intervals, p^exp(±1.96·se/(p|ln p|))):
   *
   * <pre>
   *  day  S      se     CI                Fw     se     CI                Fl     se     CI
   *   5  0.8333 0.1076 (0.4817, 0.9555)  0.0833 0.0798 (0.0051, 0.3111)  0.0833 0.0798 (0.0051, 0.3111)
   *  10  0.6481 0.1426 (0.3097, 0.8518)  0.2685 0.1330 (0.0638, 0.5335)  0.0833 0.0798 (0.0051, 0.3111)
   *  12  0.6481 0.1426 (0.3097, 0.8518)  0.2685 0.1330 (0.0638, 0.5335)  0.0833 0.0798 (0.0051, 0.3111)
   *  15  0.5401 0.1544 (0.2166, 0.7804)  0.2685 0.1330 (0.0638, 0.5335)  0.1914 0.1231 (0.0289, 0.4624)
   *  20  0.4321 0.1568 (0.1410, 0.6981)  0.3765 0.1507 (0.1130, 0.6457)  0.1914 0.1231 (0.0289, 0.4624)
   *  25  0.2881 0.1574 (0.0528, 0.5907)  0.3765 0.1507 (0.1130, 0.6457)  0.3354 0.1614 (0.0750, 0.6308)
   *  30  0.1440 0.1287 (0.0084, 0.4562)  0.5206 0.1690 (0.1773, 0.7817)  0.3354 0.1614 (0.0750, 0.6308)
   * </pre>
   */
  private static final List<Observation> TWELVE =
      List.of(
          won(5), lost(5), open(5), won(10), won(10), open(12), lost(15), won(20), open(20),
          lost(25), won(30), open(30));

  private static final double[][] TWELVE_HAND = {
    // day, n, S, se, low, high, Fw, se, low, high, Fl, se, low, high
    {
      5, 12, 0.8333, 0.1076, 0.4817, 0.9555, 0.0833, 0.0798, 0.0051, 0.3111, 0.0833, 0.0798, 0.0051,
      0.3111
    },
    {
      10, 9, 0.6481, 0.1426, 0.3097, 0.8518, 0.2685, 0.1330, 0.0638, 0.5335, 0.0833, 0.0798, 0.0051,
      0.3111
    },
    {
      12, 7, 0.6481, 0.1426, 0.3097, 0.8518, 0.2685, 0.1330, 0.0638, 0.5335, 0.0833, 0.0798, 0.0051,
      0.3111
    },
    {
      15, 6, 0.5401, 0.1544, 0.2166, 0.7804, 0.2685, 0.1330, 0.0638, 0.5335, 0.1914, 0.1231, 0.0289,
      0.4624
    },
    {
      20, 5, 0.4321, 0.1568, 0.1410, 0.6981, 0.3765, 0.1507, 0.1130, 0.6457, 0.1914, 0.1231, 0.0289,
      0.4624
    },
    {
      25, 3, 0.2881, 0.1574, 0.0528, 0.5907, 0.3765, 0.1507, 0.1130, 0.6457, 0.3354, 0.1614, 0.0750,
      0.6308
    },
    {
      30, 2, 0.1440, 0.1287, 0.0084, 0.4562, 0.5206, 0.1690, 0.1773, 0.7817, 0.3354, 0.1614, 0.0750,
      0.6308
    },
  };

  @Test
  void of_twelveDealsWithTiesAndCensoring_matchesHandComputationToFourDecimals() {
    // given twelve deals with ties and censoring (table above)
    // when
    CumulativeIncidence ci = CumulativeIncidence.of(TWELVE);

    // then
    assertThat(ci.steps()).hasSize(TWELVE_HAND.length);
    for (int i = 0; i < TWELVE_HAND.length; i++) {
      double[] h = TWELVE_HAND[i];
      Step s = ci.steps().get(i);
      assertThat(s.day()).isEqualTo((long) h[0]);
      assertThat(s.atRisk()).isEqualTo((long) h[1]);
      assertEstimate(s.stillOpen(), s.stillOpenError(), h, 2);
      assertEstimate(s.won(), s.wonError(), h, 6);
      assertEstimate(s.lost(), s.lostError(), h, 10);
      assertThat(s.stillOpen().value() + s.won().value() + s.lost().value())
          .isCloseTo(1.0, within(1e-12));
    }
    assertThat(ci.deals()).isEqualTo(12);
    assertThat(ci.wins()).isEqualTo(5);
    assertThat(ci.losses()).isEqualTo(3);
    assertThat(ci.censored()).isEqualTo(4);
    assertThat(ci.lastDay()).hasValue(30);
  }

  @Test
  void of_tiesOnOneDay_dependOnNothingButTheirCounts() {
    // given the same deals in reverse order
    List<Observation> reversed = new ArrayList<>(TWELVE);
    java.util.Collections.reverse(reversed);

    // when
    CumulativeIncidence a = CumulativeIncidence.of(TWELVE);
    CumulativeIncidence b = CumulativeIncidence.of(reversed);

    // then
    assertThat(b.steps()).isEqualTo(a.steps());
  }

  @Test
  void wonWithin_anyDay_readsTheStepFunctionIncludingThatDay() {
    CumulativeIncidence ci = CumulativeIncidence.of(TWELVE);

    assertThat(ci.wonWithin(4).orElseThrow().value()).isZero();
    assertThat(ci.wonWithin(4).orElseThrow().hasInterval()).isFalse();
    assertThat(ci.wonWithin(5).orElseThrow().value()).isCloseTo(0.0833, within(E4));
    assertThat(ci.wonWithin(9).orElseThrow().value()).isCloseTo(0.0833, within(E4));
    assertThat(ci.wonWithin(10).orElseThrow().value()).isCloseTo(0.2685, within(E4));
    assertThat(ci.wonWithin(29).orElseThrow().low()).isCloseTo(0.1130, within(E4));
    assertThat(ci.wonWithin(30).orElseThrow().value()).isCloseTo(0.5206, within(E4));
    assertThat(ci.lostWithin(24).orElseThrow().value()).isCloseTo(0.1914, within(E4));
    assertThat(ci.stillOpenAfter(14).orElseThrow().value()).isCloseTo(0.6481, within(E4));
    // beyond day 30 a deal is still open and observed no longer: the data cannot say
    assertThat(ci.wonWithin(31)).isEmpty();
    assertThatThrownBy(() -> ci.wonWithin(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("days -1 must not be negative");
  }

  @Test
  void wonWithin_afterEveryDealClosed_staysAtTheLastValue() {
    CumulativeIncidence ci = CumulativeIncidence.of(List.of(won(1), lost(2), won(3)));

    assertThat(ci.wonWithin(1000).orElseThrow().value()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(ci.stillOpenAfter(1000).orElseThrow().value()).isZero();
  }

  @Test
  void medianTimeToWin_twelveDeals_isDay30WithItsInterval() {
    CumulativeIncidence.Median m = CumulativeIncidence.of(TWELVE).medianTimeToWin();

    // the upper limits reach 0.5 first on day 10 (0.5335); the lower limits never do (0.1773)
    assertThat(m.day()).hasValue(30);
    assertThat(m.low()).hasValue(10);
    assertThat(m.high()).isEmpty();
    assertThat(m.note())
        .isEqualTo(
            "half of the deals are won by day 30; the upper 95% limit is not reached by day 30,"
                + " the last day observed");
  }

  @Test
  void medianTimeToWin_neverHalfWon_isAbsentWithANote() {
    // given 1 win, 3 losses and 1 open deal: Fw ends at 1/5
    CumulativeIncidence ci =
        CumulativeIncidence.of(List.of(won(3), lost(4), lost(4), lost(8), open(9)));

    CumulativeIncidence.Median m = ci.medianTimeToWin();

    assertThat(m.day()).isEmpty();
    assertThat(m.note())
        .isEqualTo(
            "the cumulative incidence of winning reaches 20.0% by day 9, the last day observed,"
                + " and never 50%: there is no median time to win");
  }

  @Test
  void medianTimeToWin_noDeals_isAbsent() {
    CumulativeIncidence ci = CumulativeIncidence.of(List.of());

    assertThat(ci.medianTimeToWin().day()).isEmpty();
    assertThat(ci.medianTimeToWin().note()).isEqualTo("no deals: there is no median time to win");
    assertThat(ci.wonWithin(10)).isEmpty();
    assertThat(ci.lastDay()).isEqualTo(OptionalLong.empty());
  }

  /**
   * The 6-MP group of the Freireich et al. (1963) leukaemia remission trial, 21 patients, weeks in
   * remission (+ censored): 6 6 6 6+ 7 9+ 10 10+ 11+ 13 16 17+ 19+ 20+ 22 23 25+ 32+ 32+ 34+ 35+.
   * Kaplan–Meier estimates as in D. G. Kleinbaum and M. Klein, <i>Survival Analysis: A
   * Self-Learning Text</i>, 3rd ed., Springer 2012, ch. 2 (0.8571, 0.8067, 0.7529, 0.6902, 0.6275,
   * 0.5378, 0.4482; median 23 weeks), and the Greenwood standard errors as in J. P. Klein and M. L.
   * Moeschberger, <i>Survival Analysis</i>, 2nd ed., Springer 2003, Table 4.1A (0.0764, 0.0869,
   * 0.0963, 0.1068, 0.1141, 0.1282, 0.1346).
   *
   * <p>With relapse as "won" and no competing event, the cumulative incidence is 1 - KM and its
   * delta-method variance reduces to Greenwood's, so the same published figures check both.
   */
  @Test
  void of_freireich6mpData_matchesPublishedKaplanMeierAndGreenwood() {
    List<Observation> sixMp = new ArrayList<>();
    for (int t : new int[] {6, 6, 6, 7, 10, 13, 16, 22, 23}) {
      sixMp.add(won(t));
    }
    for (int t : new int[] {6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35}) {
      sixMp.add(open(t));
    }
    double[][] published = {
      {6, 21, 0.8571, 0.0764},
      {7, 17, 0.8067, 0.0869},
      {10, 15, 0.7529, 0.0963},
      {13, 12, 0.6902, 0.1068},
      {16, 11, 0.6275, 0.1141},
      {22, 7, 0.5378, 0.1282},
      {23, 6, 0.4482, 0.1346},
    };

    CumulativeIncidence ci = CumulativeIncidence.of(sixMp);

    List<Step> eventDays = ci.steps().stream().filter(s -> s.wins() > 0).toList();
    assertThat(eventDays).hasSize(published.length);
    for (int i = 0; i < published.length; i++) {
      Step s = eventDays.get(i);
      assertThat(s.day()).isEqualTo((long) published[i][0]);
      assertThat(s.atRisk()).isEqualTo((long) published[i][1]);
      assertThat(s.stillOpen().value()).isCloseTo(published[i][2], within(E4));
      assertThat(s.stillOpenError()).isCloseTo(published[i][3], within(E4));
      assertThat(s.won().value()).isCloseTo(1 - published[i][2], within(E4));
      assertThat(s.wonError()).isCloseTo(s.stillOpenError(), within(1e-12));
      assertThat(s.lost().value()).isZero();
    }
    assertThat(ci.medianTimeToWin().day()).hasValue(23);
    // the log(-log) interval of S on week 6 (computed by hand:
    // 0.8571^exp(±1.96·0.0764/(0.8571·0.1542)))
    assertThat(eventDays.get(0).stillOpen().low()).isCloseTo(0.6197, within(E4));
    assertThat(eventDays.get(0).stillOpen().high()).isCloseTo(0.9516, within(E4));
  }

  @Test
  void tally_countsAndMerges_likeTheListFactory() {
    CumulativeIncidence.Tally a = CumulativeIncidence.tally();
    CumulativeIncidence.Tally b = CumulativeIncidence.tally();
    for (int i = 0; i < TWELVE.size(); i++) {
      (i % 2 == 0 ? a : b).add(TWELVE.get(i));
    }

    assertThat(a.merge(b).estimate().steps()).isEqualTo(CumulativeIncidence.of(TWELVE).steps());
    assertThat(
            CumulativeIncidence.tally()
                .add(10, Outcome.WON, 2)
                .add(10, Outcome.LOST, 0)
                .estimate()
                .steps()
                .get(0)
                .wins())
        .isEqualTo(2);
  }

  @Test
  void observation_negativeDays_isRejected() {
    assertThatThrownBy(() -> new Observation(-3, Outcome.WON))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("days -3 must not be negative");
    assertThatThrownBy(() -> CumulativeIncidence.tally().add(1, Outcome.OPEN, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("count -1 must not be negative");
  }

  private static void assertEstimate(Estimate e, double se, double[] h, int at) {
    assertThat(e.value()).isCloseTo(h[at], within(E4));
    assertThat(se).isCloseTo(h[at + 1], within(E4));
    assertThat(e.low()).isCloseTo(h[at + 2], within(E4));
    assertThat(e.high()).isCloseTo(h[at + 3], within(E4));
  }

  private static Observation won(long days) {
    return new Observation(days, Outcome.WON);
  }

  private static Observation lost(long days) {
    return new Observation(days, Outcome.LOST);
  }

  private static Observation open(long days) {
    return new Observation(days, Outcome.OPEN);
  }
}
