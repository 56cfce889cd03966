package dev.playbook.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.playbook.Playbook;
import dev.playbook.insights.report.HtmlReport;
import dev.playbook.insights.stats.Warning;
import dev.playbook.model.CustomValue;
import dev.playbook.model.Deal;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The figures that say how sure they are, on hand-made books: the warnings of a book built like a
 * marketing-funnel export (only won deals carry a rep, a segment and a close date), the landmark
 * backtest's deals at risk, breakdowns by fields the user names, configurable buckets and a planted
 * customer profile.
 */
class PortfolioInsightsTest {

  static final Instant AS_OF = Instant.parse("2026-01-01T00:00:00Z");
  static Playbook tiny;

  @BeforeAll
  static void load() {
    tiny = Playbook.load(Path.of("src/test/resources/tiny/tiny.yaml"));
  }

  static Instant day(int offset) {
    return LocalDate.of(2025, 1, 1).plusDays(offset).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  static PortfolioReport run(List<Deal> deals, Portfolio.Options.Builder options) {
    return Portfolio.evaluate(
        deals.iterator(),
        tiny,
        AS_OF,
        options.threads(2).clock(Clock.fixed(AS_OF, ZoneOffset.UTC)).build());
  }

  /** 40 won deals with rep, segment and close date (30 days); 160 lost ones with none of them. */
  static List<Deal> funnelBook() {
    List<Deal> deals = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      deals.add(
          Deal.builder("W" + i, "closed_won")
              .owner(i % 2 == 0 ? "rep-a" : "rep-b")
              .segment("smb")
              .amount(new BigDecimal(5000))
              .createdAt(day(i))
              .closeDate(LocalDate.ofInstant(day(i + 30), ZoneOffset.UTC))
              .build());
    }
    for (int i = 0; i < 160; i++) {
      deals.add(Deal.builder("L" + i, "closed_lost").createdAt(day(i)).build());
    }
    return deals;
  }

  @Test
  void evaluate_funnelBook_warnsWithTheNumbersBehindEachWarning() {
    PortfolioReport r = run(funnelBook(), Portfolio.Options.builder());

    assertThat(r.warnings())
        .extracting(Warning::code, Warning::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "outcome-only-field",
                "no lost deal has an owner: rep win rates are not comparable (owner present on 40"
                    + " of 40 won deals, 0 of 160 lost)"),
            org.assertj.core.groups.Tuple.tuple(
                "outcome-only-field",
                "no lost deal has a segment: segment win rates are not comparable (segment present"
                    + " on 40 of 40 won deals, 0 of 160 lost)"),
            org.assertj.core.groups.Tuple.tuple(
                "outcome-only-field",
                "no lost deal has an amount: deal size win rates are not comparable (amount"
                    + " present on 40 of 40 won deals, 0 of 160 lost)"),
            org.assertj.core.groups.Tuple.tuple(
                "no-open-deals",
                "no open deals in this book (40 won, 160 lost): there is nothing to follow up, and"
                    + " no rule can flag an open deal"),
            org.assertj.core.groups.Tuple.tuple(
                "missing-close-date",
                "160 of 200 closed deals have no close date: they are left out of cycle times and"
                    + " time to win"),
            org.assertj.core.groups.Tuple.tuple(
                "no-lost-deals",
                "the backtest has no lost deals (40 won, 0 lost): every closed deal was won, so no"
                    + " rule's effect on winning can be measured"),
            org.assertj.core.groups.Tuple.tuple(
                "no-lost-deals",
                "landmark backtest: the backtest has no lost deals (40 won, 0 lost): every closed"
                    + " deal was won, so no rule's effect on winning can be measured"));
    assertThat(r.warnings().get(0).figures())
        .containsExactly(
            java.util.Map.entry("wonWith", 40L),
            java.util.Map.entry("won", 40L),
            java.util.Map.entry("lostWith", 0L),
            java.util.Map.entry("lost", 160L));
    assertThat(r.insights().unreadable().keySet())
        .containsExactlyInAnyOrder(
            "win_rate_by.rep",
            "win_rate_by.deal_size",
            "by_rep",
            "time_to_win.by.owner",
            "time_to_win.by.segment",
            "rep_rule_compliance",
            "by_rule",
            "win_rate_by_cycle",
            "time_to_win",
            "backtest",
            "landmark_backtest");
    assertThat(r.insights().unreadable("win_rate_by_cycle"))
        .isEqualTo(
            "no lost deal has a close date (160 of 160 lost deals have none): win rates by cycle"
                + " length are not comparable");
  }

  @Test
  void render_funnelBook_greysTheFiguresItCannotReadAndShowsNoPerfectRatesOrLifts() {
    PortfolioReport r = run(funnelBook(), Portfolio.Options.builder());

    String page = HtmlReport.render(r);

    assertThat(page)
        .contains("<section id=\"warnings\" class=\"banner\">")
        .contains(
            "<li data-code=\"outcome-only-field\">no lost deal has an owner: rep win rates are not"
                + " comparable (owner present on 40 of 40 won deals, 0 of 160 lost)</li>")
        .contains(
            "<p class=\"unreadable\">Not shown: the backtest has no lost deals (40 won, 0 lost)")
        .contains("<p class=\"unreadable\">Not shown: no lost deal has a close date")
        .contains(
            "<p class=\"unreadable\">Not shown: no lost deal has a close date (160 of 160 lost"
                + " deals have none): time to win would count the won deals only</p>")
        .doesNotContain("1.00×")
        .doesNotContain("every rep follows every rule")
        .doesNotContain("data-key=\"by_rep[0].win_rate\"")
        .doesNotContain("data-key=\"win_rate_by.rep[0].win_rate\"")
        .doesNotContain("data-key=\"win_rate_by.deal_size[0].win_rate\"");
  }

  @Test
  void render_longHashAsRep_isShortenedWithTheWholeValueOnHover() {
    String hash = "0123456789abcdef0123456789abcdef";
    List<Deal> deals = List.of(Deal.builder("H1", "qualify").owner(hash).createdAt(day(0)).build());

    String page = HtmlReport.render(run(deals, Portfolio.Options.builder()));

    assertThat(page)
        .contains("<span class=\"id\" title=\"" + hash + "\">01234567…abcdef</span>")
        .doesNotContain(">" + hash + "<");
  }

  @Test
  void evaluate_landmarks_compareOnlyTheClosedDealsStillOpenAtEachAge() {
    // A closes on day 40: open at 14 and 30; B closes on day 20: open at 14 only; C is open,
    // created on day 0: unresolved at every landmark; D was created 10 days before the report date
    List<Deal> deals =
        List.of(
            Deal.builder("A", "closed_won")
                .createdAt(day(0))
                .closeDate(LocalDate.ofInstant(day(40), ZoneOffset.UTC))
                .amount(new BigDecimal(100))
                .build(),
            Deal.builder("B", "closed_lost")
                .createdAt(day(0))
                .closeDate(LocalDate.ofInstant(day(20), ZoneOffset.UTC))
                .build(),
            Deal.builder("C", "qualify").createdAt(day(0)).build(),
            Deal.builder("D", "lead").createdAt(AS_OF.minusSeconds(10 * 86_400)).build());

    PortfolioReport r = run(deals, Portfolio.Options.builder().landmarks(List.of(14, 30, 60)));

    Insights.LandmarkBacktest lb = r.insights().landmarks();
    assertThat(lb.landmarks()).containsExactly(14, 30, 60);
    assertThat(lb.atRisk()).containsExactly(2L, 1L, 0L);
    assertThat(lb.unresolved()).containsExactly(1L, 1L, 1L);
    Insights.LandmarkRule noAmount =
        lb.rules().stream().filter(x -> x.rule().equals("tiny.no-amount")).findFirst().get();
    // day 14: B (no amount, lost) flagged, A (won) not; day 30: only A
    assertThat(noAmount.perLandmark().get(0).flagged()).isEqualTo(1);
    assertThat(noAmount.perLandmark().get(0).unflaggedWon()).isEqualTo(1);
    assertThat(noAmount.pooled().flagged() + noAmount.pooled().unflagged()).isEqualTo(3);
  }

  @Test
  void evaluate_noLandmarks_leavesTheLandmarkBacktestOut() {
    PortfolioReport r = run(funnelBook(), Portfolio.Options.builder().landmarks(List.of()));

    assertThat(r.insights().landmarks()).isNull();
    assertThat(r.toJson()).contains("\"landmark_backtest\" : null");
  }

  @Test
  void evaluate_byFields_breaksDownByEachFieldUnderItsOwnName() {
    List<Deal> deals = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      deals.add(
          Deal.builder("D" + i, i % 3 == 0 ? "closed_lost" : "closed_won")
              .leadSource(i % 2 == 0 ? "web" : "referral")
              .createdAt(day(i))
              .closeDate(LocalDate.ofInstant(day(i + 10), ZoneOffset.UTC))
              .custom(
                  java.util.Map.of(
                      "lead_type", new CustomValue.Text(i < 6 ? "inbound" : "outbound")))
              .build());
    }

    PortfolioReport r =
        run(deals, Portfolio.Options.builder().by(List.of("lead_source", "custom.lead_type")));

    assertThat(r.insights().breakdowns())
        .extracting(Insights.Breakdown::field)
        .containsExactly("lead_source", "custom.lead_type");
    Insights.Breakdown type = r.insights().breakdowns().get(1);
    assertThat(type.winRates())
        .extracting(PortfolioReport.WinRate::key, PortfolioReport.WinRate::won)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("inbound", 4L),
            org.assertj.core.groups.Tuple.tuple("outbound", 4L));
    assertThat(type.timeToWin()).extracting(Insights.Survival::deals).containsExactly(6L, 6L);
    assertThat(r.toJson()).contains("\"field\" : \"custom.lead_type\"");
  }

  @Test
  void options_unknownByField_isRejectedWithTheFieldsThatExist() {
    assertThatThrownBy(() -> Portfolio.Options.builder().by(List.of("region")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "by field 'region' is not a deal field; use one of owner, team, segment, lead_source,"
                + " stage, account, currency, forecast_category, deal_size, cohort or"
                + " custom.<name>");
    assertThatThrownBy(() -> Portfolio.Options.builder().landmarks(List.of(30, 14)))
        .hasMessage("landmarks [30, 14] must be increasing whole days from 1 to 3650");
  }

  @Test
  void evaluate_cycleAndAmountBuckets_areTheOnesGiven() {
    PortfolioReport r =
        run(
            funnelBook(),
            Portfolio.Options.builder()
                .cycleBuckets(List.of(10, 100))
                .amountBuckets(List.of(2_500L, 1_000_000L)));

    assertThat(r.winRateByCycle())
        .extracting(PortfolioReport.WinRate::key)
        .containsExactly("0-10", "11-100", "101+", "unknown");
    assertThat(r.winRateBy().dealSize())
        .extracting(PortfolioReport.WinRate::key)
        .containsExactly("under 2.5k", "2.5k-1M", "1M+", "unknown");
  }

  @Test
  void evaluate_plantedProfile_ranksFirst() {
    // retail x 50-249 wins 60%, every other combination 30%
    Random random = new Random(11);
    String[] sectors = {"retail", "finance", "health", "energy"};
    String[] sizes = {"1-49", "50-249", "250+"};
    List<Deal> deals = new ArrayList<>();
    for (int i = 0; i < 2400; i++) {
      String sector = sectors[random.nextInt(sectors.length)];
      String size = sizes[random.nextInt(sizes.length)];
      double p = sector.equals("retail") && size.equals("50-249") ? 0.6 : 0.3;
      deals.add(
          Deal.builder("P" + i, random.nextDouble() < p ? "closed_won" : "closed_lost")
              .createdAt(day(i % 300))
              .closeDate(LocalDate.ofInstant(day(i % 300 + 20), ZoneOffset.UTC))
              .custom(
                  java.util.Map.of(
                      "sector", new CustomValue.Text(sector),
                      "size_band", new CustomValue.Text(size)))
              .build());
    }

    PortfolioReport r = run(deals, Portfolio.Options.builder().landmarks(List.of()));

    Insights.Profile top = r.insights().profile().profiles().get(0);
    assertThat(top.label()).isEqualTo("custom.sector = retail and custom.size_band = 50-249");
    assertThat(top.standing()).isEqualTo("above");
    assertThat(top.significant()).isTrue();
    assertThat(r.insights().profile().profiles())
        .filteredOn(Insights.Profile::significant)
        .extracting(Insights.Profile::label)
        .allMatch(l -> l.contains("retail") || l.contains("50-249"));
  }

  @Test
  void evaluate_plantedFastProfile_ranksFirstByTimeToWin() {
    // every combination wins 40%; retail x 50-249 wins on day 10 to 29, every other on day 70 to
    // 129; losses on day 20 to 119; deals created in 2025, so all of them closed by the report date
    Random random = new Random(5);
    String[] sectors = {"retail", "finance", "health", "energy"};
    String[] sizes = {"1-49", "50-249", "250+"};
    List<Deal> deals = new ArrayList<>();
    for (int i = 0; i < 2400; i++) {
      String sector = sectors[random.nextInt(sectors.length)];
      String size = sizes[random.nextInt(sizes.length)];
      boolean won = random.nextDouble() < 0.4;
      boolean fast = sector.equals("retail") && size.equals("50-249");
      int days =
          won ? (fast ? 10 : 70) + random.nextInt(20 + (fast ? 0 : 40)) : 20 + random.nextInt(100);
      deals.add(
          Deal.builder("F" + i, won ? "closed_won" : "closed_lost")
              .createdAt(day(i % 200))
              .closeDate(LocalDate.ofInstant(day(i % 200 + days), ZoneOffset.UTC))
              .custom(
                  java.util.Map.of(
                      "sector", new CustomValue.Text(sector),
                      "size_band", new CustomValue.Text(size)))
              .build());
    }

    PortfolioReport r = run(deals, Portfolio.Options.builder().landmarks(List.of()));

    Insights.Profiles profile = r.insights().profile();
    assertThat(profile.horizonDays()).isEqualTo(90);
    Insights.ProfileSpeed top = profile.fastest().get(0);
    assertThat(top.label()).isEqualTo("custom.sector = retail and custom.size_band = 50-249");
    assertThat(top.standing()).isEqualTo("above");
    assertThat(top.wonWithin().low()).isGreaterThan(profile.baselineWonWithin().high());
    assertThat(top.medianDays()).isNull(); // 40% won: winning never reaches half
    // by win rate the same profile is no better than the book
    assertThat(profile.profiles())
        .filteredOn(p -> p.label().equals(top.label()))
        .extracting(Insights.Profile::standing)
        .containsExactly("within");
    assertThat(r.toJson()).contains("\"horizon_days\" : 90").contains("\"fastest\" : [");
    String page = HtmlReport.render(r);
    String fast = page.substring(page.indexOf("<h3>Which customers win fast</h3>"));
    assertThat(fast.substring(fast.indexOf("<tr><td>")))
        .startsWith("<tr><td>custom.sector = retail and custom.size_band = 50-249</td>");
  }
}
