package dev.playbook.insights.trail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.Playbook;
import dev.playbook.insights.CsvMapping;
import dev.playbook.insights.DealSource;
import dev.playbook.insights.Insights;
import dev.playbook.insights.Portfolio;
import dev.playbook.insights.PortfolioReport;
import dev.playbook.insights.PortfolioReport.RuleBacktest;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planted effects, end to end through a CRM's export: a generated book written as a Salesforce
 * export folder, read with the {@code salesforce} mapping and backtested. Smaller than the book of
 * {@link TrailBacktestTest}, so it checks the larger effects only.
 */
class SalesforceBacktestTest {

  static final int DEALS = 6_000;

  @TempDir static Path dir;
  static Map<String, RuleBacktest> standard;
  static PortfolioReport report;

  @BeforeAll
  static void generateAndBacktest() throws Exception {
    TrailSummary summary =
        TrailGenerator.withSeed(TrailBacktestTest.SEED)
            .generate(DEALS, TrailFormat.SALESFORCE, dir.resolve("sf"), n -> {});
    try (DealSource source = DealSource.open(dir.resolve("sf"), CsvMapping.builtIn("salesforce"))) {
      report =
          Portfolio.evaluate(
              source,
              Playbook.builtIn("standard-b2b"),
              TrailGenerator.EXPORTED_AT,
              Portfolio.Options.defaults());
      assertThat(source.problems()).isEmpty();
    }
    assertThat(report.backtest().deals()).isEqualTo(summary.won() + summary.lost());
    standard =
        report.backtest().rules().stream().collect(Collectors.toMap(RuleBacktest::rule, b -> b));
  }

  @Test
  void backtest_salesforceExport_recoversSilenceSingleThreadingAndMissingNextSteps() {
    assertLoses(standard.get("deal-risk.no-activity"));
    assertLoses(standard.get("meddic.single-threaded"));
    assertLoses(standard.get("standard-b2b.next-step"));
  }

  @Test
  void backtest_salesforceExport_readsNoEffectWhereNoneIsPlanted() {
    // response mode is not in a Salesforce export, so the rule that reads it has nothing to go on;
    // the stall rule still reads the planted confounder
    assertThat(standard.get("deal-risk.stalled").diffCiLow()).isPositive();
  }

  @Test
  void backtest_salesforceExport_mostRulesFireOnSomeClosedDealsAndNotOnOthers() {
    long informative =
        standard.values().stream()
            .filter(b -> b.fired().closed() > 0 && b.notFired().closed() > 0)
            .count();

    assertThat(standard).hasSize(43);
    assertThat(informative).isGreaterThanOrEqualTo(30);
  }

  @Test
  void landmark_salesforceExport_recoversEveryPlantedLossTheExportCarries() {
    Map<String, Insights.LandmarkRule> landmark =
        report.insights().landmarks().rules().stream()
            .collect(Collectors.toMap(Insights.LandmarkRule::rule, b -> b));

    // a: meeting the economic buyer by proposal wins 20 points more; eb-met fires when unmet
    Insights.LandmarkRule eb = landmark.get("meddic.eb-met");
    assertThat(eb.reading()).isEqualTo("loses-more");
    assertThat(-TrailGenerator.ECONOMIC_BUYER_MET)
        .isBetween(eb.pooled().difference().low(), eb.pooled().difference().high());
    // b, c, d
    assertThat(landmark.get("deal-risk.no-activity").reading()).isEqualTo("loses-more");
    assertThat(landmark.get("meddic.single-threaded").reading()).isEqualTo("loses-more");
    assertThat(landmark.get("standard-b2b.next-step").reading()).isEqualTo("loses-more");
  }

  private static void assertLoses(RuleBacktest b) {
    assertThat(b.fired().winRate()).as(b.rule()).isLessThan(b.notFired().winRate());
    assertThat(b.diffCiHigh()).as(b.rule()).isNegative();
  }
}
