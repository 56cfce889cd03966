package dev.playbook.insights.trail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.Playbook;
import dev.playbook.insights.DealSource;
import dev.playbook.insights.Insights;
import dev.playbook.insights.Portfolio;
import dev.playbook.insights.PortfolioReport;
import dev.playbook.insights.PortfolioReport.RuleBacktest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ground truth: a generated book of 20,000 deals, the planted effects checked on the plan of
 * each deal, and the backtest of the built-in playbooks run on the book's JSON Lines file.
 *
 * <p>The backtest evaluates each closed deal as of the day before it closed ({@link
 * Portfolio#AS_OF_METHOD}) and compares the deals a rule fired on with all the others. It recovers
 * the silence, single-threading and missing-next-step effects; it reads the economic-buyer effect
 * with the wrong sign, because {@code meddic.eb-met} applies from negotiation on and every deal
 * lost before negotiation counts among the deals it did not fire on; and it reads the stall rule as
 * raising the win rate, the planted confounder.
 *
 * <p>The landmark backtest ({@link Portfolio#LANDMARK_METHOD}) evaluates the deals still open at
 * days 14, 30, 60 and 90 with only what was known then, stratified by stage and segment. It reads
 * every planted effect with its sign, the economic buyer's included, and no effect of the response
 * mode. The stall confounder it reads as no effect at day 30 (before a long-lived deal can have sat
 * in its last stage long enough to stall) and not as raising the win rate at day 90 (when nearly
 * every deal still open is long-lived); at day 60 a stall is an early sign of a long-lived deal, so
 * there, and in the pooled figure, it still goes with winning: an association the data hold, not an
 * effect of stalling, which no stratification by stage and segment can take apart.
 */
class TrailBacktestTest {

  static final int DEALS = 20_000;
  static final long SEED = 7;

  @TempDir static Path dir;
  static TrailSummary summary;
  static Map<String, RuleBacktest> standard;
  static Map<String, RuleBacktest> dealRisk;
  static Map<String, Insights.LandmarkRule> landmarkStandard;
  static Map<String, Insights.LandmarkRule> landmarkDealRisk;
  static long backtested;

  @BeforeAll
  static void generateAndBacktest() throws Exception {
    summary =
        TrailGenerator.withSeed(SEED)
            .generate(DEALS, TrailFormat.JSONL, dir.resolve("book"), n -> {});
    PortfolioReport s = report("standard-b2b");
    standard = byRule(s);
    landmarkStandard = byLandmarkRule(s);
    PortfolioReport d = report("deal-risk");
    dealRisk = byRule(d);
    landmarkDealRisk = byLandmarkRule(d);
  }

  private static PortfolioReport report(String playbook) {
    try (DealSource source = DealSource.open(dir.resolve("book/deals.jsonl"))) {
      PortfolioReport r =
          Portfolio.evaluate(
              source,
              Playbook.builtIn(playbook),
              TrailGenerator.EXPORTED_AT,
              Portfolio.Options.defaults());
      assertThat(r.input().badRows()).isZero();
      backtested = r.backtest().deals();
      return r;
    }
  }

  private static Map<String, RuleBacktest> byRule(PortfolioReport r) {
    return r.backtest().rules().stream().collect(Collectors.toMap(RuleBacktest::rule, b -> b));
  }

  private static Map<String, Insights.LandmarkRule> byLandmarkRule(PortfolioReport r) {
    return r.insights().landmarks().rules().stream()
        .collect(Collectors.toMap(Insights.LandmarkRule::rule, b -> b));
  }

  /**
   * The difference in win rate, with and without the attribute, among closed deals matching {@code
   * among}.
   */
  private static double[] groundTruth(Predicate<Trail.Truth> attribute, Predicate<Trail> among) {
    TrailGenerator g = TrailGenerator.withSeed(SEED);
    long n1 = 0;
    long w1 = 0;
    long n0 = 0;
    long w0 = 0;
    for (int i = 0; i < DEALS; i++) {
      Trail d = g.plan(DEALS, i);
      if (!d.closed() || !among.test(d)) {
        continue;
      }
      if (attribute.test(d.truth())) {
        n1++;
        w1 += d.won() ? 1 : 0;
      } else {
        n0++;
        w0 += d.won() ? 1 : 0;
      }
    }
    double p1 = (double) w1 / n1;
    double p0 = (double) w0 / n0;
    double se = Math.sqrt(p1 * (1 - p1) / n1 + p0 * (1 - p0) / n0);
    return new double[] {p1 - p0 - 1.96 * se, p1 - p0 + 1.96 * se};
  }

  @Test
  void groundTruth_eachPlantedEffectHasItsDocumentedSize() {
    assertThat(groundTruth(Trail.Truth::economicBuyerMet, d -> true))
        .satisfies(ci -> assertThat(TrailGenerator.ECONOMIC_BUYER_MET).isBetween(ci[0], ci[1]));
    assertThat(groundTruth(Trail.Truth::silent, d -> true))
        .satisfies(ci -> assertThat(-TrailGenerator.SILENCE).isBetween(ci[0], ci[1]));
    assertThat(
            groundTruth(
                Trail.Truth::singleThreadedEnterprise, d -> d.segment().equals("enterprise")))
        .satisfies(
            ci -> assertThat(-TrailGenerator.SINGLE_THREADED_ENTERPRISE).isBetween(ci[0], ci[1]));
    assertThat(groundTruth(Trail.Truth::noNextStepsRep, d -> true))
        .satisfies(ci -> assertThat(-TrailGenerator.NO_NEXT_STEPS).isBetween(ci[0], ci[1]));
    assertThat(groundTruth(Trail.Truth::longLived, d -> true))
        .satisfies(ci -> assertThat(TrailGenerator.LONG_LIVED).isBetween(ci[0], ci[1]));
  }

  @Test
  void groundTruth_responseModeHasNoEffect() {
    double[] ci = modeTruth();
    assertThat(0.0).isBetween(ci[0], ci[1]);
  }

  private static double[] modeTruth() {
    TrailGenerator g = TrailGenerator.withSeed(SEED);
    long n1 = 0;
    long w1 = 0;
    long n0 = 0;
    long w0 = 0;
    for (int i = 0; i < DEALS; i++) {
      Trail d = g.plan(DEALS, i);
      if (!d.closed()) {
        continue;
      }
      String mode = d.contacts().get(0).responseMode();
      if (mode.equals("even_keel") || mode.equals("overconfident")) {
        n1++;
        w1 += d.won() ? 1 : 0;
      } else {
        n0++;
        w0 += d.won() ? 1 : 0;
      }
    }
    double p1 = (double) w1 / n1;
    double p0 = (double) w0 / n0;
    double se = Math.sqrt(p1 * (1 - p1) / n1 + p0 * (1 - p0) / n0);
    return new double[] {p1 - p0 - 1.96 * se, p1 - p0 + 1.96 * se};
  }

  @Test
  void backtest_silence_isRecoveredOnNoActivity() {
    assertLoses(standard.get("deal-risk.no-activity"));
  }

  @Test
  void backtest_singleThreadedEnterprise_isRecoveredOnSingleThreadedAndFewContacts() {
    assertLoses(standard.get("meddic.single-threaded"));
    assertLoses(dealRisk.get("deal-risk.few-contacts"));
  }

  @Test
  void backtest_repWithoutNextSteps_isRecoveredOnNextStep() {
    assertLoses(standard.get("standard-b2b.next-step"));
  }

  @Test
  void backtest_economicBuyerMet_readsTheWrongSignBecauseTheRuleAppliesFromNegotiationOn() {
    // planted: meeting the economic buyer wins 20 points more, so eb-met (fired when not met)
    // should
    // read below 0; deals lost before negotiation count as not fired and pull that side down
    RuleBacktest b = standard.get("meddic.eb-met");

    assertThat(b.diffCiLow()).isPositive();
  }

  @Test
  void backtest_longLivedConfounder_readsTheStallRuleAsRaisingTheWinRate() {
    // planted: stalling has no effect of its own; long-lived deals win more and are the stalled
    // ones
    assertThat(standard.get("deal-risk.stalled").diffCiLow()).isPositive();
    assertThat(dealRisk.get("deal-risk.stalled").diffCiLow()).isPositive();
  }

  @Test
  void backtest_responseMode_readsNoEffect() {
    RuleBacktest b = standard.get("miller-heiman.key-influence-timing-off");

    assertThat(b.fired().closed()).isPositive();
    assertThat(b.diffCiLow()).isNegative();
    assertThat(b.diffCiHigh()).isPositive();
  }

  @Test
  void backtest_atLeastThirtyOfTheFortyThreeRulesFireOnSomeClosedDealsAndNotOnOthers() {
    List<String> informative =
        standard.values().stream()
            .filter(b -> b.fired().closed() > 0 && b.notFired().closed() > 0)
            .map(RuleBacktest::rule)
            .sorted()
            .toList();
    List<String> never =
        standard.values().stream()
            .filter(b -> b.fired().closed() == 0)
            .map(RuleBacktest::rule)
            .sorted()
            .toList();

    assertThat(standard).hasSize(43);
    assertThat(informative).hasSizeGreaterThanOrEqualTo(30);
    // these read what a closed deal cannot show as of the day before closing, or what the book
    // leaves out
    assertThat(never)
        .containsExactly(
            "bant.authority-introduction",
            "deal-risk.close-date-past",
            "deal-risk.no-activity-logged",
            "meddic.eb-identified",
            "miller-heiman.single-sales-objective");
    assertThat(backtested).isEqualTo(summary.won() + summary.lost());
  }

  @Test
  void landmark_economicBuyerMet_readsThePlantedEffectWithItsSign() {
    // eb-met fires when the economic buyer was not met: planted 20 points fewer wins
    Insights.LandmarkRule b = landmarkStandard.get("meddic.eb-met");

    assertThat(b.reading()).isEqualTo("loses-more");
    assertThat(-TrailGenerator.ECONOMIC_BUYER_MET)
        .isBetween(b.pooled().difference().low(), b.pooled().difference().high());
  }

  @Test
  void landmark_plantedLosses_areRecovered() {
    assertThat(landmarkStandard.get("deal-risk.no-activity").reading()).isEqualTo("loses-more");
    assertThat(landmarkStandard.get("meddic.single-threaded").reading()).isEqualTo("loses-more");
    assertThat(landmarkDealRisk.get("deal-risk.few-contacts").reading()).isEqualTo("loses-more");
    assertThat(landmarkStandard.get("standard-b2b.next-step").reading()).isEqualTo("loses-more");
  }

  @Test
  void landmark_responseMode_readsNoEffect() {
    assertThat(landmarkStandard.get("miller-heiman.key-influence-timing-off").reading())
        .isEqualTo("no-clear-effect");
  }

  @Test
  void landmark_longLivedConfounder_isNoEffectAtDay30AndNotAWinAtDay90() {
    for (Map<String, Insights.LandmarkRule> m : List.of(landmarkStandard, landmarkDealRisk)) {
      Insights.LandmarkRule stalled = m.get("deal-risk.stalled");
      Insights.Interval day30 = stalled.perLandmark().get(1).difference();
      Insights.Interval day90 = stalled.perLandmark().get(3).difference();

      assertThat(0.0).isBetween(day30.low(), day30.high());
      assertThat(day90.low()).isNegative();
    }
  }

  private static void assertLoses(RuleBacktest b) {
    assertThat(b.fired().winRate()).as(b.rule()).isLessThan(b.notFired().winRate());
    assertThat(b.diffCiHigh()).as(b.rule()).isNegative();
  }
}
