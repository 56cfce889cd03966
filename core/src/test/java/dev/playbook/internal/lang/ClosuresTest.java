package dev.playbook.internal.lang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.model.Activity;
import dev.playbook.model.ActivityType;
import dev.playbook.model.BuyingRole;
import dev.playbook.model.Contact;
import dev.playbook.model.Deal;
import dev.playbook.model.Direction;
import dev.playbook.model.Evidence;
import dev.playbook.model.EvidenceStatus;
import dev.playbook.model.NextStep;
import dev.playbook.model.NextStepStatus;
import dev.playbook.model.Outcome;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The closure pass makes every node's closure from the typed tree alone: a tree stripped of its
 * syntax nodes and closures evaluates, after the pass, exactly as the compiled condition does.
 */
class ClosuresTest {

  private static final Instant AS_OF = Instant.parse("2026-03-04T10:30:00Z");

  /** Every node kind of the typed tree, and both forms of those the pass writes two ways. */
  private static final List<String> CONDITIONS =
      List.of(
          "amount > 50000 and not (amount < 100)",
          "-amount < 2 or amount * 2 / 4 + 1 - 3 > 10",
          "amount is present implies stage >= proposal",
          "stage in [discovery, negotiation] or stage not in [proposal]",
          "stage is open",
          "segment == smb or segment in [smb, enterprise]",
          "amount in [0, 60000, amount + 1]",
          "any(contacts, role == champion) or all(contacts, role != coach)",
          "any(contacts, role contains coach and title == \"CFO\")",
          "name contains \"ACME\" or name is missing",
          "close_date + 14d > created_at and close_date - 2bd < now",
          "days_between(created_at, close_date) > 30 and hours_until(close_date) < 400",
          "coalesce(probability, 0.5) >= 0.5",
          "count_true(amount > 0, stage >= proposal, probability is present) >= 2",
          "evidence(meddic.metrics) == confirmed and evidence_updated(meddic.metrics) < now",
          "evidence(meddic.champion) == unknown",
          "any(next_steps, due < now and status == open)",
          "any(activities, counts.questions > 1)",
          "count(activities, direction == outbound and days_since(occurred_at) <= 30) >= 1",
          "all(activities as a, none(contacts, a.outcome == advance))",
          "sum(activities, duration_minutes, type == call) >= 30",
          "min(activities, duration_minutes) <= max(activities, duration_minutes, type == meeting)",
          "count(contacts) >= 1 and days_since(max(activities, occurred_at)) < 30",
          "big_deal and stage >= proposal",
          "amount > param(floor)");

  private static Env env() {
    Env env =
        new Env(
            List.of("discovery", "proposal", "negotiation", "closed_won", "closed_lost"),
            Set.of("smb", "enterprise"),
            List.of(
                new Env.Parameter(
                    "floor", Type.Basic.NUMBER, 5_000.0, Map.of("smb", 1_000.0), Map.of())),
            Map.of(),
            Set.of());
    Compiler.Defined big = Compiler.definition("amount >= 50000 or count(contacts) > 1", env);
    env.definitions(TestDefinitions.of(Map.of("big_deal", big)));
    return env;
  }

  private static List<Deal> deals() {
    Contact champion =
        new Contact(
            "c1", "Ada", "CFO", Set.of(BuyingRole.CHAMPION, BuyingRole.COACH), null, null, null);
    Contact coach = new Contact("c2", "Bo", "VP", Set.of(BuyingRole.COACH), null, null, null);
    Activity call =
        new Activity(
            "a1",
            ActivityType.CALL,
            Direction.OUTBOUND,
            Instant.parse("2026-02-20T09:00:00Z"),
            List.of("c1"),
            Outcome.ADVANCE,
            Set.of(),
            Map.of("questions", new BigDecimal("3")),
            30);
    Activity meeting =
        new Activity(
            "a2",
            ActivityType.MEETING,
            Direction.INBOUND,
            Instant.parse("2026-01-10T09:00:00Z"),
            List.of("c2"),
            Outcome.NO_SHOW,
            Set.of(),
            Map.of(),
            60);
    List<Deal> out = new ArrayList<>();
    out.add(
        Deal.builder("d1", "proposal")
            .name("ACME renewal")
            .amount(new BigDecimal("60000"))
            .segment("enterprise")
            .createdAt(Instant.parse("2026-01-01T00:00:00Z"))
            .closeDate(LocalDate.parse("2026-03-20"))
            .addContact(champion)
            .addContact(coach)
            .addActivity(call)
            .addActivity(meeting)
            .addNextStep(
                new NextStep(
                    "send pricing",
                    LocalDate.parse("2026-03-01"),
                    null,
                    NextStepStatus.OPEN,
                    false))
            .putEvidence(
                "meddic.metrics",
                new Evidence(
                    EvidenceStatus.CONFIRMED,
                    "20% faster",
                    Instant.parse("2026-02-01T00:00:00Z"),
                    null))
            .build());
    out.add(Deal.builder("d2", "discovery").amount(new BigDecimal("0")).segment("smb").build());
    out.add(Deal.builder("d3", "negotiation").probability(new BigDecimal("0.2")).build());
    out.add(Deal.builder("d4", "no_such_stage").amount(new BigDecimal("12000.5")).build());
    out.add(
        Deal.builder("d5", "closed_won")
            .amount(new BigDecimal("3"))
            .segment("smb")
            .addContact(coach)
            .addActivity(meeting)
            .build());
    return out;
  }

  /** {@code c} as the checker's tree would be without its source: no syntax, no closures. */
  private static Compiled bare(Compiled c) {
    List<Compiled> kids = c.kids().stream().map(ClosuresTest::bare).toList();
    return new Compiled(null, c.node(), c.type(), null, kids, c.constant(), c.slot());
  }

  @Test
  void of_typedTreeWithoutSyntax_evaluatesAsTheCompiledCondition() {
    Env env = env();
    int pairs = 0;
    for (String src : CONDITIONS) {
      Compiler.Result r = Compiler.condition(src, env);
      assertThat(r.issues()).as(src).isEmpty();
      Compiled compiled = r.compiled();
      Compiled rebuilt = Closures.of(bare(compiled), env);
      for (Deal deal : deals()) {
        Object expected = compiled.eval(new Frame(new Facts(deal, AS_OF, env)));
        Object actual = rebuilt.eval(new Frame(new Facts(deal, AS_OF, env)));
        assertThat(actual).as("%s on %s", src, deal.id()).isEqualTo(expected);
        pairs++;
      }
    }
    assertThat(pairs).isEqualTo(CONDITIONS.size() * 5).isEqualTo(125);
  }

  @Test
  void of_everyCondition_givesEveryNodeAClosure() {
    Env env = env();
    for (String src : CONDITIONS) {
      Compiler.Result r = Compiler.condition(src, env);
      assertThat(r.issues()).as(src).isEmpty();
      Compiled rebuilt = Closures.of(bare(r.compiled()), env);
      assertThat(withoutClosure(rebuilt)).as(src).isZero();
    }
  }

  @Test
  void of_values_areTrueFalseAndUnknownAsTheLanguageHasThem() {
    // the values on d1 ... d5; null is unknown, as for a missing amount or an unknown stage
    Map<String, List<Boolean>> expected = new java.util.LinkedHashMap<>();
    expected.put("amount > 50000", java.util.Arrays.asList(true, false, null, false, false));
    expected.put("stage is open", java.util.Arrays.asList(true, true, true, null, false));
    expected.put(
        "coalesce(probability, 0.5) >= 0.5",
        java.util.Arrays.asList(true, true, false, true, true));
    expected.put(
        "evidence(meddic.metrics) == confirmed",
        java.util.Arrays.asList(true, false, false, false, false));
    expected.put(
        "sum(activities, duration_minutes, type == call) >= 30",
        java.util.Arrays.asList(true, false, false, false, false));
    expected.put(
        "any(activities, counts.questions > 1)",
        java.util.Arrays.asList(true, false, false, false, false));
    // amount >= 50000 or count(contacts) > 1, then the stage gate
    expected.put(
        "big_deal and stage >= proposal", java.util.Arrays.asList(true, false, null, false, false));
    expected.put(
        "days_between(created_at, close_date) > 30",
        java.util.Arrays.asList(true, null, null, null, null));
    // -0 is 0, as numbers are compared by value
    expected.put("-amount == 0", java.util.Arrays.asList(false, true, null, false, false));
    Env env = env();
    List<Deal> deals = deals();
    for (Map.Entry<String, List<Boolean>> e : expected.entrySet()) {
      Compiled c = Closures.of(bare(Compiler.condition(e.getKey(), env).compiled()), env);
      List<Object> actual = new ArrayList<>();
      for (Deal deal : deals) {
        actual.add(c.eval(new Frame(new Facts(deal, AS_OF, env))));
      }
      assertThat(actual).as(e.getKey()).containsExactlyElementsOf(e.getValue());
    }
  }

  @Test
  void of_preparedTree_isReturnedAsItIs() {
    Env env = env();
    Compiled compiled = Compiler.condition("amount > 50000", env).compiled();

    assertThat(Closures.of(compiled, env)).isSameAs(compiled);
  }

  @Test
  void checker_makesNoClosures() {
    // a closure the checker made would be a method of its own taking the frame to evaluate in
    List<String> evaluating =
        java.util.Arrays.stream(Compiler.class.getDeclaredMethods())
            .filter(m -> List.of(m.getParameterTypes()).contains(Frame.class))
            .map(java.lang.reflect.Method::getName)
            .toList();

    assertThat(evaluating).isEmpty();
  }

  private static int withoutClosure(Compiled c) {
    int n = c.fn() == null ? 1 : 0;
    for (Compiled k : c.kids()) {
      n += withoutClosure(k);
    }
    return n;
  }
}
