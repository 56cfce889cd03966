package dev.playbook.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.Playbook;
import dev.playbook.internal.engine.RuleBase;
import dev.playbook.internal.load.Loading;
import org.junit.jupiter.api.Test;

/**
 * How much of each built-in playbook's conditions the generated back end writes as code; the rest
 * runs as closures called from it. Printed for docs/performance.md.
 */
class GeneratedCoverageTest {

  @Test
  void builtInPlaybooks_everyOneHasConditionPartsRunAsGeneratedCode() {
    StringBuilder table = new StringBuilder();
    for (String name : Playbook.builtInNames()) {
      RuleBase.Coverage c =
          Loading.builtIn(name, GeneratedCoverageTest.class.getClassLoader())
              .compiled()
              .ruleBase()
              .coverage();
      table.append(
          String.format(
              "%-14s parts %3d, generated %3d (%.0f%%); nodes %4d, generated %4d (%.0f%%)%n",
              name,
              c.parts(),
              c.generatedParts(),
              100.0 * c.generatedParts() / c.parts(),
              c.nodes(),
              c.generatedNodes(),
              100.0 * c.generatedNodes() / c.nodes()));
      assertThat(c.generatedParts()).as(name).isPositive();
      assertThat(c.generatedNodes()).as(name).isLessThanOrEqualTo(c.nodes());
    }
    System.out.print(table);
  }
}
