package dev.playbook.insights.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import dev.playbook.insights.stats.DataChecks.Backtest;
import dev.playbook.insights.stats.DataChecks.Book;
import dev.playbook.insights.stats.DataChecks.Cohort;
import dev.playbook.insights.stats.DataChecks.FieldCoverage;
import dev.playbook.insights.stats.DataChecks.RuleFiring;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataChecksTest {

  @Test
  void outcomeOnlyField_ownerOnlyOnWonDeals_saysRepRatesAreNotComparable() {
    // given the funnel data: 842 won deals all with an owner, 7158 lost with none
    FieldCoverage owner = new FieldCoverage("owner", "rep", 842, 842, 0, 7158);

    // when
    Warning w = DataChecks.outcomeOnlyField(owner).orElseThrow();

    // then
    assertThat(w.code()).isEqualTo("outcome-only-field");
    assertThat(w.message())
        .isEqualTo(
            "no lost deal has an owner: rep win rates are not comparable (owner present on 842 of"
                + " 842 won deals, 0 of 7158 lost)");
    assertThat(w.figures())
        .containsExactly(
            entry("wonWith", 842L),
            entry("won", 842L),
            entry("lostWith", 0L),
            entry("lost", 7158L));
  }

  @Test
  void outcomeOnlyField_segmentOnlyOnLostDeals_saysSo() {
    Warning w =
        DataChecks.outcomeOnlyField(new FieldCoverage("segment", "segment", 0, 842, 12, 7158))
            .orElseThrow();

    assertThat(w.message())
        .isEqualTo(
            "no won deal has a segment: segment win rates are not comparable (segment present on 0"
                + " of 842 won deals, 12 of 7158 lost)");
  }

  @Test
  void outcomeOnlyField_presentOnBothOrNeitherOutcome_isQuiet() {
    assertThat(DataChecks.outcomeOnlyField(new FieldCoverage("owner", "rep", 800, 842, 3, 7158)))
        .isEmpty();
    assertThat(DataChecks.outcomeOnlyField(new FieldCoverage("owner", "rep", 0, 842, 0, 7158)))
        .isEmpty();
    // without lost deals at all there is nothing to compare: the backtest checks say so
    assertThat(DataChecks.outcomeOnlyField(new FieldCoverage("owner", "rep", 842, 842, 0, 0)))
        .isEmpty();
  }

  @Test
  void noOpenDeals_onlyClosedDeals_saysWhatIsTrue() {
    Warning w = DataChecks.noOpenDeals(842, 7158, 0).orElseThrow();

    assertThat(w.code()).isEqualTo("no-open-deals");
    assertThat(w.message())
        .isEqualTo(
            "no open deals in this book (842 won, 7158 lost): there is nothing to follow up, and no"
                + " rule can flag an open deal");
    assertThat(DataChecks.noOpenDeals(842, 7158, 1)).isEmpty();
    assertThat(DataChecks.noOpenDeals(0, 0, 0)).isEmpty();
  }

  @Test
  void missingCloseDates_someClosedDealsUndated_countsThem() {
    Warning w = DataChecks.missingCloseDates(7158, 8000).orElseThrow();

    assertThat(w.code()).isEqualTo("missing-close-date");
    assertThat(w.message())
        .isEqualTo(
            "7158 of 8000 closed deals have no close date: they are left out of cycle times and"
                + " time to win");
    assertThat(DataChecks.missingCloseDates(0, 8000)).isEmpty();
    assertThatThrownBy(() -> DataChecks.missingCloseDates(9, 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("successes 9 must lie between 0 and the count 8");
  }

  @Test
  void impossibleCycles_winsBeforeCreation_areCountedByOutcome() {
    Warning three = DataChecks.impossibleCycles(3, 842, 0, 7158).orElseThrow();
    Warning one = DataChecks.impossibleCycles(0, 842, 1, 7158).orElseThrow();

    assertThat(three.code()).isEqualTo("impossible-cycle");
    assertThat(three.message())
        .isEqualTo(
            "3 closed deals close before they were created (3 of 842 won, 0 of 7158 lost): a"
                + " negative cycle is impossible, so they are left out of cycle times and time to"
                + " win");
    assertThat(one.message())
        .isEqualTo(
            "1 closed deal closes before it was created (0 of 842 won, 1 of 7158 lost): a negative"
                + " cycle is impossible, so it is left out of cycle times and time to win");
    assertThat(DataChecks.impossibleCycles(0, 842, 0, 7158)).isEmpty();
  }

  /**
   * Nine monthly cohorts of 100 deals, 8 open each (8.0%), then three of 100, 62 open each (62.0%).
   * Newcombe's interval for 186/300 - 72/900 = 0.54, by hand from the Wilson intervals (0.5640,
   * 0.6733) and (0.0639, 0.0997): 0.54 - sqrt(0.0560² + 0.0197²) = 0.4806 and 0.54 + sqrt(0.0533² +
   * 0.0161²) = 0.5954.
   */
  @Test
  void rightCensoring_latestCohortsMostlyOpen_warnsWithTheGap() {
    List<Cohort> cohorts = new ArrayList<>();
    for (int m = 1; m <= 9; m++) {
      cohorts.add(new Cohort("2024-0" + m, 100, 8));
    }
    cohorts.add(new Cohort("2024-10", 100, 62));
    cohorts.add(new Cohort("2024-11", 100, 62));
    cohorts.add(new Cohort("2024-12", 100, 62));

    Warning w = DataChecks.rightCensoring(cohorts).orElseThrow();

    assertThat(w.code()).isEqualTo("right-censoring");
    assertThat(w.message())
        .isEqualTo(
            "the latest 3 creation cohorts (2024-10 to 2024-12) are 62.0% open, against 8.0% in the"
                + " 9 earlier ones: their deals have not had time to close, so win rates and cycle"
                + " times by cohort favour deals that closed fast (difference 54.0 points, 95% CI"
                + " 48.1 to 59.5)");
    assertThat(w.figures().get("recentOpen")).isEqualTo(186L);
    assertThat(w.figures().get("earlierDeals")).isEqualTo(900L);
    assertThat(w.figures().get("differenceLow").doubleValue()).isCloseTo(0.4806, within(1e-4));
  }

  @Test
  void rightCensoring_latestSingleCohort_isWordedInTheSingular() {
    List<Cohort> cohorts = new ArrayList<>();
    for (int m = 1; m <= 11; m++) {
      cohorts.add(new Cohort(String.format("2024-%02d", m), 100, 8));
    }
    cohorts.add(new Cohort("2024-12", 100, 62));

    assertThat(DataChecks.rightCensoring(cohorts, 1).orElseThrow().message())
        .isEqualTo(
            "the latest creation cohort (2024-12) is 62.0% open, against 8.0% in the 11 earlier"
                + " ones: their deals have not had time to close, so win rates and cycle times by"
                + " cohort favour deals that closed fast (difference 54.0 points, 95% CI 44.1 to"
                + " 63.0)");
  }

  @Test
  void rightCensoring_smallOrUncertainGap_isQuiet() {
    List<Cohort> steady = new ArrayList<>();
    List<Cohort> fewRecent = new ArrayList<>();
    for (int m = 1; m <= 9; m++) {
      steady.add(new Cohort("m" + m, 100, 8));
      fewRecent.add(new Cohort("m" + m, 100, 8));
    }
    for (int m = 10; m <= 12; m++) {
      steady.add(new Cohort("m" + m, 100, 10)); // 10% against 8%: below the 10-point gap
    }
    // 2 of 8 open (25%) against 8%: 17 points, but the interval reaches below 0 (-1.0 to 51.1)
    fewRecent.add(new Cohort("m10", 3, 1));
    fewRecent.add(new Cohort("m11", 3, 1));
    fewRecent.add(new Cohort("m12", 2, 0));

    assertThat(DataChecks.rightCensoring(steady)).isEmpty();
    assertThat(DataChecks.rightCensoring(fewRecent)).isEmpty();
    assertThat(DataChecks.rightCensoring(steady.subList(0, 3))).isEmpty();
    assertThatThrownBy(() -> DataChecks.rightCensoring(steady, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("latest cohorts 0 must be at least 1");
  }

  @Test
  void backtestOutcomes_wonDealsOnly_saysNoEffectCanBeMeasured() {
    assertThat(DataChecks.backtestOutcomes(842, 0).orElseThrow())
        .isEqualTo(
            Warning.of(
                "no-lost-deals",
                "the backtest has no lost deals (842 won, 0 lost): every closed deal was won, so no"
                    + " rule's effect on winning can be measured",
                "won",
                842L,
                "lost",
                0L));
    assertThat(DataChecks.backtestOutcomes(0, 7158).orElseThrow().message())
        .isEqualTo(
            "the backtest has no won deals (0 won, 7158 lost): every closed deal was lost, so no"
                + " rule's effect on winning can be measured");
    assertThat(DataChecks.backtestOutcomes(0, 0).orElseThrow().message())
        .isEqualTo("the backtest has no closed deals: no rule's effect on winning can be measured");
    assertThat(DataChecks.backtestOutcomes(0, 0).orElseThrow().code()).isEqualTo("no-closed-deals");
    assertThat(DataChecks.backtestOutcomes(1, 1)).isEmpty();
  }

  @Test
  void ruleFiring_onAllOrNone_leavesNothingToCompare() {
    Warning all =
        DataChecks.ruleFiring(new RuleFiring("deal-risk.stalled", 842, 842)).orElseThrow();
    Warning none =
        DataChecks.ruleFiring(new RuleFiring("meddic.no-champion", 0, 842)).orElseThrow();

    assertThat(all.code()).isEqualTo("rule-fires-on-all");
    assertThat(all.message())
        .isEqualTo(
            "rule deal-risk.stalled fires on all 842 deals evaluated: with no deal left unflagged"
                + " there is nothing to compare with");
    assertThat(none.code()).isEqualTo("rule-fires-on-none");
    assertThat(none.message())
        .isEqualTo(
            "rule meddic.no-champion fires on none of the 842 deals evaluated: with no deal flagged"
                + " there is nothing to compare");
    assertThat(DataChecks.ruleFiring(new RuleFiring("r", 1, 842))).isEmpty();
    assertThat(DataChecks.ruleFiring(new RuleFiring("r", 0, 0))).isEmpty();
  }

  @Test
  void ruleFiring_atLandmarks_countsDealsAndGivesTheEvaluationsBeside() {
    // given 100,000 deals evaluated 223,542 times: once at each landmark each was open at
    Warning none =
        DataChecks.ruleFiring(new RuleFiring("meddic.no-champion", 0, 223_542, 100_000))
            .orElseThrow();
    Warning all =
        DataChecks.ruleFiring(new RuleFiring("deal-risk.stalled", 223_542, 223_542, 100_000))
            .orElseThrow();

    assertThat(none.message())
        .isEqualTo(
            "rule meddic.no-champion fires on none of the 100000 deals evaluated (223542"
                + " evaluations: a deal at each landmark it was open at): with no deal flagged"
                + " there is nothing to compare");
    assertThat(none.figures())
        .containsExactly(
            entry("fired", 0L), entry("evaluated", 223_542L), entry("deals", 100_000L));
    assertThat(all.message())
        .isEqualTo(
            "rule deal-risk.stalled fires on all 100000 deals evaluated, at every evaluation"
                + " (223542 evaluations: a deal at each landmark it was open at): with no deal"
                + " left unflagged there is nothing to compare with");
    assertThat(DataChecks.ruleFiring(new RuleFiring("r", 100_000, 223_542, 100_000)))
        .as("flagged at some landmarks, not at others")
        .isEmpty();
  }

  @Test
  void ruleFiring_moreDealsThanEvaluations_isRefused() {
    assertThatThrownBy(() -> new RuleFiring("r", 0, 10, 11))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("11 deals cannot have 10 evaluations");
    assertThatThrownBy(() -> new RuleFiring("r", 0, 10, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("0 deals cannot have 10 evaluations");
  }

  @Test
  void book_funnelDataWithOutcomeOnlyFields_givesEveryWarningInOrder() {
    // given the funnel data described in the docs: only won deals carry owner, segment and a
    // close date, nothing is open
    Book book =
        Book.builder()
            .outcomes(842, 7158, 0)
            .closedWithoutCloseDate(7158)
            .field(new FieldCoverage("owner", "rep", 842, 842, 0, 7158))
            .field(new FieldCoverage("segment", "segment", 842, 842, 0, 7158))
            .field(new FieldCoverage("lead_source", "lead source", 842, 842, 7158, 7158))
            .build();

    List<Warning> warnings = DataChecks.book(book);

    assertThat(warnings)
        .extracting(Warning::code)
        .containsExactly(
            "outcome-only-field", "outcome-only-field", "no-open-deals", "missing-close-date");
  }

  @Test
  void book_cleanBook_givesNoWarning() {
    // given a book with open deals, dated closes, fields on both outcomes and steady cohorts
    Book.Builder b =
        Book.builder()
            .outcomes(300, 500, 400)
            .field(new FieldCoverage("owner", "rep", 300, 300, 490, 500))
            .field(new FieldCoverage("segment", "segment", 250, 300, 420, 500));
    for (int m = 1; m <= 12; m++) {
      b.cohort(new Cohort("2024-" + m, 100, m > 9 ? 35 : 30)); // 5 points: below the gap
    }

    assertThat(DataChecks.book(b.build())).isEmpty();
    assertThat(
            DataChecks.backtest(
                new Backtest(
                    300,
                    500,
                    List.of(new RuleFiring("a", 120, 800), new RuleFiring("b", 799, 800)))))
        .isEmpty();
  }

  @Test
  void backtest_wonOnlyAndARuleOnEveryDeal_givesBothWarnings() {
    List<Warning> warnings =
        DataChecks.backtest(
            new Backtest(842, 0, List.of(new RuleFiring("deal-risk.stalled", 842, 842))));

    assertThat(warnings)
        .extracting(Warning::code)
        .containsExactly("no-lost-deals", "rule-fires-on-all");
  }

  @Test
  void warning_controlCharactersInData_areShownEscaped() {
    Warning w = DataChecks.ruleFiring(new RuleFiring("a\u202eb\nc", 0, 3)).orElseThrow();

    assertThat(w.message())
        .isEqualTo(
            "rule a\\u202Eb\\u000Ac fires on none of the 3 deals evaluated: with no deal flagged"
                + " there is nothing to compare");
    assertThat(w.figures()).isUnmodifiable();
  }
}
