package dev.playbook.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.playbook.insights.PortfolioReport.Backtest;
import dev.playbook.insights.PortfolioReport.Compliance;
import dev.playbook.insights.PortfolioReport.Group;
import dev.playbook.insights.PortfolioReport.Input;
import dev.playbook.insights.PortfolioReport.PlaybookSummary;
import dev.playbook.insights.PortfolioReport.Run;
import dev.playbook.insights.PortfolioReport.WinRatesBy;
import dev.playbook.problem.Problem;
import dev.playbook.result.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortfolioReportTest {

  static final Instant AS_OF = Instant.parse("2026-11-20T00:00:00Z");

  @Test
  void compliance_rowWithTooFewRates_isRefusedNamingTheRep() {
    assertThatThrownBy(
            () ->
                new Compliance(
                    List.of("ann", "bob"),
                    List.of("a.one", "a.two"),
                    List.of(List.of(1.0, 0.5), List.of(0.5))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("row 1 of the compliance matrix (bob) has 1 rates for 2 rules");
  }

  @Test
  void compliance_moreRowsThanReps_isRefused() {
    assertThatThrownBy(
            () ->
                new Compliance(
                    List.of("ann"), List.of("a.one"), List.of(List.of(1.0), List.of(0.5))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the compliance matrix has 2 rows of rates for 1 reps");
  }

  @Test
  void compliance_ratesWithNulls_areKeptAndCannotBeChangedAfterwards() {
    List<Double> row = new ArrayList<>(Arrays.asList(null, 0.5));
    List<List<Double>> rates = new ArrayList<>(List.of(row));

    Compliance c = new Compliance(List.of("ann"), List.of("a.one", "a.two"), rates);
    row.set(1, 0.0);
    rates.add(List.of(1.0, 1.0));

    assertThat(c.rates()).containsExactly(Arrays.asList(null, 0.5));
    assertThatThrownBy(() -> c.rates().get(0).set(0, 1.0))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void group_severitiesNotGiven_countZeroAndTheMapCannotBeChanged() {
    Group g = new Group("ann", null, 1, 1, 0, 0, null, 1.0, Map.of(Severity.HIGH, 2L), 0, 0);

    assertThat(g.gapsBySeverity())
        .containsExactly(
            Map.entry(Severity.CRITICAL, 0L),
            Map.entry(Severity.HIGH, 2L),
            Map.entry(Severity.MEDIUM, 0L),
            Map.entry(Severity.LOW, 0L),
            Map.entry(Severity.INFO, 0L));
    assertThatThrownBy(() -> g.gapsBySeverity().put(Severity.LOW, 1L))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void input_fewerProblemsCountedThanGiven_isRefused() {
    Problem p = new Problem("bad-date", "deals.csv", 2, 5, "'x' is not a date");

    assertThatThrownBy(() -> new Input(List.of("deals.csv"), 2, 1, 1, List.of(p), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("problemCount was set to 0, must be at least the 1 problems given");
  }

  @Test
  void report_complianceRowsNotTheRepsOfByRep_isRefused() {
    Group ann = group("ann");

    assertThatThrownBy(
            () ->
                report(List.of(ann), new Compliance(List.of("bob"), List.of(), List.of(List.of()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the compliance matrix's reps [bob] are not the reps of by_rep [ann]");
  }

  @Test
  void report_listsGiven_areCopied() {
    List<Group> reps = new ArrayList<>(List.of(group("ann")));

    PortfolioReport r = report(reps, new Compliance(List.of("ann"), List.of(), List.of(List.of())));
    reps.add(group("bob"));

    assertThat(r.byRep()).extracting(Group::key).containsExactly("ann");
    assertThatThrownBy(() -> r.byRep().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toJson_handMadeReport_writesEveryFigureOfTheModel() {
    PortfolioReport r =
        report(
            List.of(group("ann")), new Compliance(List.of("ann"), List.of(), List.of(List.of())));

    assertThat(r.toJson())
        .contains("\"by_rep\" : [ {\n    \"key\" : \"ann\",")
        .contains(
            "\"runtime\" : {\n    \"seconds\" : 1.5,\n    \"deals_per_second\" : 3,\n    \"threads\" : 1,"
                + "\n    \"max_deals_in_flight\" : 2\n  }");
  }

  private static Group group(String key) {
    return new Group(key, null, 1, 1, 0, 0, null, 1.0, new EnumMap<>(Severity.class), 0, 0);
  }

  private static PortfolioReport report(List<Group> reps, Compliance compliance) {
    return new PortfolioReport(
        AS_OF,
        AS_OF,
        new PlaybookSummary("tiny", "Tiny", 0),
        new Input(List.of(), 1, 1, 0, List.of(), 0),
        group("all"),
        reps,
        List.of(),
        List.of(),
        List.of(),
        compliance,
        List.of(),
        List.of(),
        new WinRatesBy(List.of(), List.of(), List.of(), List.of(), List.of()),
        new Backtest(Portfolio.AS_OF_METHOD, 0, 0, List.of()),
        new Run(1.5, 3, 1, 2));
  }
}
