package dev.playbook.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.Playbook;
import dev.playbook.internal.engine.RuleBase;
import dev.playbook.internal.load.Loading;
import org.junit.jupiter.api.Test;

/**
 * How much of each built-in playbook's conditions the generated back end writes as code: all of it,
 * node by node. Printed for docs/performance.md, with the peer set's.
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
      // every part of every built-in playbook runs as generated code, node by node
      assertThat(c.generatedParts()).as(name).isEqualTo(c.parts());
      assertThat(c.generatedNodes()).as(name).isEqualTo(c.nodes());
    }
    java.nio.file.Path peers =
        java.nio.file.Path.of(
            "../benchmarks/src/main/resources/dev/playbook/benchmarks/peers/peer-playbook.yaml");
    if (java.nio.file.Files.isRegularFile(peers)) {
      // the peer set of docs/performance.md, when the benchmarks module is beside this one
      RuleBase.Coverage c =
          Loading.fromPath(peers, GeneratedCoverageTest.class.getClassLoader())
              .compiled()
              .ruleBase()
              .coverage();
      table.append(
          String.format(
              "%-14s parts %3d, generated %3d; nodes %4d, generated %4d%n",
              "peer set", c.parts(), c.generatedParts(), c.nodes(), c.generatedNodes()));
    }
    System.out.print(table);
  }
}
