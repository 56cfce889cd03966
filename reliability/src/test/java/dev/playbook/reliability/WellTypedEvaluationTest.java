package dev.playbook.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.Playbook;
import dev.playbook.model.Deal;
import dev.playbook.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;

/**
 * A playbook that loads never fails on a type at evaluation: the checker, not the evaluator, finds
 * a type error. Generates playbooks whose parameters take random values (calendar and business-day
 * spans, per segment and per stage as well) and whose conditions are well typed by the grammar's
 * rules (spans through {@code param} and {@code coalesce}, numbers, dates moved by spans,
 * quantifiers), loads each and evaluates it on sample and random deals. A playbook may be refused
 * at load with a problem; one that loaded must evaluate every deal.
 */
@AddLifecycleHook(LongRuns.class)
class WellTypedEvaluationTest {

  /** A playbook that may or may not load, and its conditions, for the failure report. */
  record Generated(String yaml, List<String> conditions) {}

  @Property(tries = 200)
  void aPlaybookThatLoads_neverFailsOnATypeAtEvaluation(
      @ForAll("playbooks") Generated g, @ForAll long seed) {
    Playbook playbook;
    try {
      playbook = Playbook.parse("gen.yaml", g.yaml());
    } catch (ProblemException refused) {
      Statistics.collect("refused at load");
      return;
    }
    Statistics.collect("loaded");
    List<Deal> deals = new ArrayList<>(Fixtures.SAMPLE_DEALS);
    RandomDeals random = new RandomDeals(seed);
    for (int i = 0; i < 3; i++) {
      deals.add(random.deal());
    }
    for (Deal deal : deals) {
      // evaluate(...) throws for a deal that cannot be evaluated; the property is that none does
      assertThat(playbook.evaluate(deal, Fixtures.AS_OF))
          .as("deal %s, conditions %s", deal.id(), g.conditions())
          .isNotNull();
    }
  }

  @Provide
  Arbitrary<Generated> playbooks() {
    return Combinators.combine(
            parameter(), parameter(), numbers(), condition(3).list().ofMinSize(1).ofMaxSize(3))
        .as(
            (grace, window, limit, conditions) -> {
              StringBuilder y =
                  new StringBuilder(
                      """
              playbook: gen
              stages: [prospecting, qualification, discovery, proposal, negotiation, closed_won, closed_lost]
              segments: [smb, mid_market, enterprise]
              parameters:
              """);
              y.append("  grace: ").append(grace).append('\n');
              y.append("  window: ").append(window).append('\n');
              y.append("  limit: { default: ").append(limit).append(" }\n");
              y.append("rules:\n");
              for (int i = 0; i < conditions.size(); i++) {
                y.append("  - id: gen.r")
                    .append(i)
                    .append("\n    when: ")
                    .append(GeneratedPlaybook.doubleQuoted(conditions.get(i)))
                    .append('\n')
                    .append("    gap: { severity: low, message: \"r")
                    .append(i)
                    .append(" on {deal.id}\" }\n");
              }
              return new Generated(y.toString(), conditions);
            });
  }

  /**
   * A span parameter: a default, and now and then a value for a segment or a stage, in any unit.
   */
  static Arbitrary<String> parameter() {
    Arbitrary<String> segment =
        spanLiteral().map(s -> ", by_segment: { enterprise: " + s + " }").injectNull(0.5);
    Arbitrary<String> stage =
        spanLiteral().map(s -> ", by_stage: { proposal: " + s + " }").injectNull(0.5);
    return Combinators.combine(spanLiteral(), segment, stage)
        .as(
            (d, seg, st) ->
                "{ default: " + d + (seg == null ? "" : seg) + (st == null ? "" : st) + " }");
  }

  static Arbitrary<String> spanLiteral() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 60), Arbitraries.of("d", "w", "h", "bd"))
        .as((n, unit) -> n + unit);
  }

  static Arbitrary<String> numbers() {
    return Arbitraries.integers().between(0, 500).map(String::valueOf);
  }

  static Arbitrary<String> span(int depth) {
    Arbitrary<String> leaf =
        Arbitraries.oneOf(spanLiteral(), Arbitraries.of("param(grace)", "param(window)"));
    if (depth <= 0) {
      return leaf;
    }
    Arbitrary<String> sub = Arbitraries.lazy(() -> span(depth - 1));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(2, leaf),
        net.jqwik.api.Tuple.of(
            2, Combinators.combine(sub, sub).as((a, b) -> "coalesce(" + a + ", " + b + ")")));
  }

  static Arbitrary<String> number(int depth) {
    Arbitrary<String> leaf =
        Arbitraries.oneOf(
            numbers(),
            Arbitraries.of(
                "param(limit)",
                "amount",
                "count(activities)",
                "days_since(last_activity)",
                "business_days_until(close_date)",
                "coalesce(probability, 50)"));
    if (depth <= 0) {
      return leaf;
    }
    Arbitrary<String> sub = Arbitraries.lazy(() -> number(depth - 1));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, leaf),
        net.jqwik.api.Tuple.of(
            1,
            Combinators.combine(sub, Arbitraries.of("+", "-", "*", "/"), sub)
                .as((a, op, b) -> "(" + a + " " + op + " " + b + ")")),
        net.jqwik.api.Tuple.of(1, date(depth - 1).map(d -> "days_since(" + d + ")")),
        net.jqwik.api.Tuple.of(
            1, Combinators.combine(sub, numbers()).as((a, b) -> "coalesce(" + a + ", " + b + ")")));
  }

  static Arbitrary<String> date(int depth) {
    Arbitrary<String> leaf =
        Arbitraries.of(
            "created_at", "close_date", "last_activity", "stage_entered_at", "now", "deal.sql_at");
    if (depth <= 0) {
      return leaf;
    }
    Arbitrary<String> sub = Arbitraries.lazy(() -> date(depth - 1));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(2, leaf),
        net.jqwik.api.Tuple.of(
            2,
            Combinators.combine(sub, Arbitraries.of("+", "-"), span(depth - 1))
                .as((d, op, s) -> "(" + d + " " + op + " " + s + ")")),
        net.jqwik.api.Tuple.of(
            1, Combinators.combine(sub, sub).as((a, b) -> "coalesce(" + a + ", " + b + ")")));
  }

  static Arbitrary<String> comparison() {
    return Arbitraries.of("==", "!=", "<", "<=", ">", ">=");
  }

  static Arbitrary<String> condition(int depth) {
    Arbitrary<String> atom =
        Arbitraries.oneOf(
            Combinators.combine(span(2), comparison(), span(2))
                .as((a, op, b) -> a + " " + op + " " + b),
            Combinators.combine(number(1), comparison(), span(2))
                .as((a, op, b) -> a + " " + op + " " + b),
            Combinators.combine(span(2), comparison(), number(1))
                .as((a, op, b) -> a + " " + op + " " + b),
            Combinators.combine(date(2), comparison(), date(2))
                .as((a, op, b) -> a + " " + op + " " + b),
            Combinators.combine(number(2), comparison(), number(2))
                .as((a, op, b) -> a + " " + op + " " + b),
            Combinators.combine(span(1), comparison())
                .as(
                    (s, op) ->
                        "any(activities, occurred_at + " + s + " " + op + " deal.created_at)"),
            Combinators.combine(span(1), comparison())
                .as(
                    (s, op) ->
                        "count(contacts, days_since(last_engaged_at) " + op + " " + s + ") > 0"));
    if (depth <= 0) {
      return atom;
    }
    Arbitrary<String> sub = Arbitraries.lazy(() -> condition(depth - 1));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, atom),
        net.jqwik.api.Tuple.of(
            1,
            Combinators.combine(sub, Arbitraries.of(" and ", " or "), sub)
                .as((a, op, b) -> "(" + a + ")" + op + "(" + b + ")")),
        net.jqwik.api.Tuple.of(1, sub.map(c -> "not (" + c + ")")));
  }
}
