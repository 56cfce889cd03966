package dev.playbook.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.Playbook;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Maven CRM book: the backtest as of the day before closing reads the no-activity and stall
 * rules as raising the win rate (both fire on long-lived deals, and the deals lost there are lost
 * fast); the landmark backtest, comparing deals of the same age, stage and segment, does not.
 */
class MavenCrmInsightsTest {

  static final Path MAVEN = Path.of("../examples/data/maven-crm/sales_pipeline.csv");
  static PortfolioReport report;

  @BeforeAll
  static void evaluate() {
    try (DealSource source = DealSource.open(MAVEN, CsvMapping.builtIn("maven-crm"))) {
      report =
          Portfolio.evaluate(
              source,
              Playbook.builtIn("deal-risk"),
              Instant.parse("2018-01-01T00:00:00Z"),
              Portfolio.Options.defaults());
    }
  }

  @Test
  void dayBeforeClosing_readsNoActivityAndStalledAsRaisingTheWinRate() {
    Map<String, PortfolioReport.RuleBacktest> old =
        report.backtest().rules().stream()
            .collect(Collectors.toMap(PortfolioReport.RuleBacktest::rule, r -> r));

    assertThat(old.get("deal-risk.no-activity-logged").lift()).isEqualTo(1.2212);
    assertThat(old.get("deal-risk.stalled").lift()).isEqualTo(1.1868);
    assertThat(old.get("deal-risk.stalled").diffCiLow()).isPositive();
  }

  @Test
  void landmark_noLongerReadsNoActivityOrStalledAsRaisingTheWinRate() {
    Map<String, Insights.LandmarkRule> rules =
        report.insights().landmarks().rules().stream()
            .collect(Collectors.toMap(Insights.LandmarkRule::rule, r -> r));

    for (String rule : new String[] {"deal-risk.no-activity-logged", "deal-risk.stalled"}) {
      Insights.LandmarkRule r = rules.get(rule);
      // within one landmark, stage and segment every deal is flagged or none is
      assertThat(r.reading()).as(rule).isEqualTo("not-testable");
      assertThat(r.pooled().strataUsed()).as(rule).isZero();
      assertThat(0.0).isBetween(r.pooled().crude().low(), r.pooled().crude().high());
    }
  }

  @Test
  void timeToWin_byTeam_givesTheMedianWithItsInterval() {
    Insights.SurvivalGroup teams =
        report.insights().timeToWin().by().stream()
            .filter(g -> g.field().equals("team"))
            .findFirst()
            .orElseThrow();

    assertThat(teams.groups())
        .extracting(Insights.Survival::key, Insights.Survival::medianNote)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                "Melvin Marxen",
                "half of the deals are won by day 113 (95% CI day 102 to day 122)"),
            org.assertj.core.groups.Tuple.tuple(
                "Dustin Brinkmann",
                "half of the deals are won by day 109 (95% CI day 103 to day 121)"));
  }
}
