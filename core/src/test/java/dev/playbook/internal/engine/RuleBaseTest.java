package dev.playbook.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.internal.lang.Compiled;
import dev.playbook.internal.lang.Compiler;
import dev.playbook.internal.lang.Env;
import dev.playbook.internal.lang.Printer;
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
}
