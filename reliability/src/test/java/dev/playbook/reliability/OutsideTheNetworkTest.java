package dev.playbook.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.Playbook;
import dev.playbook.internal.engine.CompiledPlaybook;
import dev.playbook.internal.lang.Compiled;
import dev.playbook.internal.lang.gen.CodeGen;
import dev.playbook.internal.load.Loading;
import dev.playbook.model.Deal;
import dev.playbook.result.Evaluation;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conditions that run outside the rule network (actions' target filters, elements'
 * confirmed_when, derived segments) run on the chosen back end too: as generated code with {@code
 * generated}, with the same results as their closures.
 */
class OutsideTheNetworkTest {

  @TempDir Path dir;

  /** The targets and confirmed_when conditions of {@code p}, in order. */
  private static List<Compiled> outside(CompiledPlaybook p) {
    List<Compiled> out = new ArrayList<>();
    for (CompiledPlaybook.Rule r : p.rules()) {
      if (r.action() != null && r.action().target() != null) {
        out.add(r.action().target());
      }
    }
    for (CompiledPlaybook.Methodology m : p.methodologies()) {
      for (CompiledPlaybook.Element e : m.elements()) {
        if (e.confirmedWhen() != null) {
          out.add(e.confirmedWhen());
        }
      }
    }
    return out;
  }

  @Test
  void builtInPlaybooks_targetsAndConfirmedWhen_runAsGeneratedCode() {
    ClassLoader cl = OutsideTheNetworkTest.class.getClassLoader();
    int generated = 0;
    for (String name : Playbook.builtInNames()) {
      CompiledPlaybook closures =
          Fixtures.withBackend("closures", () -> Loading.builtIn(name, cl)).compiled();
      CompiledPlaybook code =
          Fixtures.withBackend("generated", () -> Loading.builtIn(name, cl)).compiled();
      List<Compiled> a = outside(closures);
      List<Compiled> b = outside(code);
      assertThat(b).as(name).hasSameSizeAs(a);
      for (int i = 0; i < a.size(); i++) {
        assertThat(CodeGen.isGenerated(a.get(i).fn())).as(name).isFalse();
        assertThat(CodeGen.isGenerated(b.get(i).fn())).as(name).isTrue();
        // the same tree, for explanations
        assertThat(b.get(i).node()).isEqualTo(a.get(i).node());
        generated++;
      }
    }
    // bant, challenger, deal-risk and standard-b2b have targets or confirmed_when conditions
    assertThat(generated).isGreaterThan(10);
  }

  @Test
  void derivedSegments_runAsGeneratedCodeAndDeriveTheSameSegments() throws Exception {
    Path book = dir.resolve("book");
    Files.createDirectories(book);
    Files.writeString(
        book.resolve("playbook.yaml"),
        """
        playbook: book
        title: Segments
        stages: [discovery, proposal, closed_won, closed_lost]
        segments: [enterprise, mid_market, smb]
        derive_segment:
          enterprise: amount >= 250000
          mid_market: amount >= 50000 and count(contacts) >= 0
          smb: true
        rules:
          - id: book.big
            when: segment == enterprise or segment == mid_market
            gap: { severity: medium, message: "Large deal ({segment})" }
        """);
    ClassLoader cl = OutsideTheNetworkTest.class.getClassLoader();
    CompiledPlaybook code =
        Fixtures.withBackend("generated", () -> Loading.fromPath(book, cl)).compiled();
    assertThat(code.env().segmentConditions()).hasSize(3);
    assertThat(code.env().segmentConditions())
        .allSatisfy(c -> assertThat(CodeGen.isGenerated(c.fn())).isTrue());

    Playbook closures = Fixtures.withBackend("closures", () -> Playbook.load(book));
    Playbook generated = Fixtures.withBackend("generated", () -> Playbook.load(book));
    List<Deal> deals = new ArrayList<>();
    for (String amount : List.of("300000", "60000", "1000")) {
      deals.add(Deal.builder("d" + amount, "discovery").amount(new BigDecimal(amount)).build());
    }
    java.time.Instant asOf = java.time.Instant.parse("2026-11-20T00:00:00Z");
    List<Evaluation> a = closures.evaluateAll(deals, asOf, Locale.ENGLISH);
    List<Evaluation> b = generated.evaluateAll(deals, asOf, Locale.ENGLISH);
    assertThat(b).isEqualTo(a);
    assertThat(b.stream().map(e -> e.gaps().size()).toList()).containsExactly(1, 1, 0);
    assertThat(b.get(0).gaps().get(0).message()).isEqualTo("Large deal (enterprise)");
    assertThat(b.get(1).gaps().get(0).message()).isEqualTo("Large deal (mid_market)");
  }
}
