package dev.playbook.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.internal.lang.Compiled;
import dev.playbook.internal.lang.Compiler;
import dev.playbook.internal.lang.Env;
import dev.playbook.internal.lang.Facts;
import dev.playbook.internal.lang.Frame;
import dev.playbook.internal.lang.Printer;
import dev.playbook.model.Deal;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleBaseTest {

  private static Compiled compile(String src) {
    Env env = new Env(List.of("discovery", "proposal"), Set.of(), List.of(), Map.of(), Set.of());
    Compiler.Result r = Compiler.condition(src, env);
    assertThat(r.issues()).isEmpty();
    return r.compiled();
  }

  private static List<String> order(String src) {
    return RuleBase.byCost(RuleBase.conjuncts(compile(src))).stream()
        .map(c -> Printer.print(c.ast()))
        .toList();
  }

  @Test
  void cheapPartsAreTestedFirstAndEqualCostsKeepTheirOrder() {
    assertThat(
            order("none(contacts, role == economic_buyer) and stage >= proposal and amount > 1000"))
        .containsExactly(
            "stage >= proposal", "amount > 1000", "none(contacts, role == economic_buyer)");
    assertThat(order("amount > 1000 and stage >= proposal"))
        .containsExactly("amount > 1000", "stage >= proposal");
    assertThat(
            order(
                "any(activities, any(contacts, role == champion)) and count(activities, type == call) > 2"))
        .containsExactly(
            "count(activities, type == call) > 2",
            "any(activities, any(contacts, role == champion))");
  }

  @Test
  void costGrowsWithNesting() {
    assertThat(RuleBase.cost(compile("stage >= proposal")))
        .isLessThan(RuleBase.cost(compile("any(contacts, role == champion)")));
    assertThat(RuleBase.cost(compile("any(contacts, role == champion)")))
        .isLessThan(RuleBase.cost(compile("any(activities, any(contacts, role == champion))")));
  }

  private static final Env STAGES =
      new Env(
          List.of("qualification", "discovery", "proposal", "negotiation"),
          Set.of(),
          List.of(),
          Map.of(),
          Set.of());

  private static DealFact fired(RuleBase base, String stage, int amount, int checks) {
    Deal deal = Deal.builder("d", stage).amount(new BigDecimal(amount)).build();
    DealFact f =
        new DealFact(
            new Frame(new Facts(deal, Instant.parse("2026-11-20T00:00:00Z"), STAGES)), checks);
    base.fire(List.of(f));
    return f;
  }

  @Test
  void stageGates_fourStages_areHashedAndEachDealReachesOnlyItsOwnStagesChecks() {
    // given: the same condition gated by four stages, and one check with no gate
    Compiled big = Compiler.condition("amount > 1000", STAGES).compiled();
    List<String> stages = List.of("qualification", "discovery", "proposal", "negotiation");
    List<RuleBase.Check> checks = new java.util.ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      checks.add(new RuleBase.Check(i, big, stages.get(i), STAGES));
    }
    checks.add(new RuleBase.Check(4, big, null, STAGES));
    RuleBase base = new RuleBase(checks);

    // then: the network looks the deal's stage up instead of testing four gates
    assertThat(base.hashedStageGates()).isEqualTo(4);
    // and: a gate passes only its own stage, the rest of the condition still decides
    assertThat(fired(base, "proposal", 2000, 5).held().stream().boxed().toList())
        .containsExactly(2, 4);
    assertThat(fired(base, "qualification", 2000, 5).held().stream().boxed().toList())
        .containsExactly(0, 4);
    assertThat(fired(base, "proposal", 10, 5).held().isEmpty()).isTrue();
    assertThat(fired(base, "closed_won", 2000, 5).held().stream().boxed().toList())
        .containsExactly(4);
  }
}
