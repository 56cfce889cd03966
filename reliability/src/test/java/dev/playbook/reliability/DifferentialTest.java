package dev.playbook.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.Playbook;
import dev.playbook.internal.lang.Ast;
import dev.playbook.internal.lang.Compiler;
import dev.playbook.internal.lang.Parser;
import dev.playbook.internal.lang.Printer;
import dev.playbook.internal.lang.SyntaxError;
import dev.playbook.internal.lang.gen.CodeGen;
import dev.playbook.model.Deal;
import dev.playbook.result.Evaluation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Differential oracle: random well-typed conditions, loaded as rules of a playbook and compiled to
 * Drools, must fire on exactly the random deals on which {@link ReferenceInterpreter} finds them
 * true, with the conditions run as closures and as generated code. In {@code mvn test} it checks
 * about 20,000 (rule, deal) pairs for each from a fixed seed; the long form runs as many as asked:
 *
 * <pre>
 * mvn -q -B -pl reliability test -Dtest=DifferentialTest -Ddifferential.pairs=100000 [-Ddifferential.seed=7]
 * </pre>
 *
 * <p>Each disagreement is shrunk (simpler condition, smaller deal) and printed with both answers.
 */
class DifferentialTest {

  private static final int RULES_PER_PLAYBOOK = 25;
  private static final int DEALS_PER_PLAYBOOK = 12;
  private static final ReferenceInterpreter.World WORLD = ReferenceInterpreter.World.fixtures();

  /**
   * The reported differences the interpreter reproduces (see {@link ReferenceInterpreter.Deviation}
   * and {@code CoreFindingsTest}); {@code -Ddifferential.strict=true} checks against the docs
   * alone, {@code -Ddifferential.deviations=NEGATIVE_ZERO,...} against a chosen set.
   */
  static final java.util.Set<ReferenceInterpreter.Deviation> DEVIATIONS = deviations();

  private static java.util.Set<ReferenceInterpreter.Deviation> deviations() {
    if (Boolean.getBoolean("differential.strict")) {
      // name resolution through enclosing items is the documented behaviour
      return java.util.EnumSet.of(ReferenceInterpreter.Deviation.ENCLOSING_ITEM_NAMES);
    }
    String chosen = System.getProperty("differential.deviations");
    if (chosen != null) {
      java.util.Set<ReferenceInterpreter.Deviation> out =
          java.util.EnumSet.noneOf(ReferenceInterpreter.Deviation.class);
      for (String s : chosen.split(",")) {
        if (!s.isBlank()) {
          out.add(ReferenceInterpreter.Deviation.valueOf(s.trim()));
        }
      }
      return out;
    }
    return java.util.EnumSet.of(ReferenceInterpreter.Deviation.ENCLOSING_ITEM_NAMES);
  }

  /** One rule on one deal where the two sides disagree. */
  record Disagreement(String condition, Deal deal, boolean engine, Boolean reference) {
    @Override
    public String toString() {
      return "condition: "
          + condition
          + "\n  engine fired: "
          + engine
          + ", reference: "
          + (reference == null ? "unknown" : reference)
          + "\n  deal: "
          + deal;
    }
  }

  /**
   * The generator reaches the named items and {@code implies}, so that the differential run covers
   * them: items named with {@code as} and read as {@code name.field}, and all of them well typed.
   */
  @Test
  void generatedConditions_nameItemsReadThemAndUseImplies() {
    RandomConditions conditions = new RandomConditions(20261126L);
    java.util.regex.Pattern read = java.util.regex.Pattern.compile("\\bitem\\d+\\.");
    int named = 0;
    int reads = 0;
    int implies = 0;
    for (int i = 0; i < 2_000; i++) {
      String c = conditions.condition();
      named += c.contains(" as item") ? 1 : 0;
      reads += read.matcher(c).find() ? 1 : 0;
      implies += c.contains(" implies ") ? 1 : 0;
      assertThat(Compiler.condition(c, Fixtures.ENV).issues()).as(c).isEmpty();
    }
    assertThat(named).isGreaterThan(100);
    assertThat(reads).isGreaterThan(50);
    assertThat(implies).isGreaterThan(100);
  }

  /**
   * Runs on each back end: the closures (the reference) and the generated code, each against the
   * interpreter, on the same conditions and deals.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(CodeGen.Backend.class)
  void compiledPlaybook_agreesWithReferenceInterpreter(CodeGen.Backend backend) {
    String before = System.getProperty(CodeGen.PROPERTY);
    System.setProperty(CodeGen.PROPERTY, backend.name().toLowerCase(Locale.ROOT));
    try {
      agreesWithReferenceInterpreter(backend);
    } finally {
      if (before == null) {
        System.clearProperty(CodeGen.PROPERTY);
      } else {
        System.setProperty(CodeGen.PROPERTY, before);
      }
    }
  }

  private void agreesWithReferenceInterpreter(CodeGen.Backend backend) {
    long seed = Long.getLong("differential.seed", 20261126L);
    long wanted = Long.getLong("differential.pairs", 20_000L);
    RandomConditions conditions = new RandomConditions(seed);
    RandomDeals dealGen = new RandomDeals(seed * 31 + 7);
    long pairs = 0;
    long generated = 0;
    long rejected = 0;
    long fired = 0;
    long unknown = 0;
    long nodes = 0;
    long generatedNodes = 0;
    List<Disagreement> disagreements = new ArrayList<>();
    Map<String, String> rejects = new LinkedHashMap<>();
    long start = System.nanoTime();
    while (pairs < wanted) {
      List<String> ids = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      List<Ast> trees = new ArrayList<>();
      while (texts.size() < RULES_PER_PLAYBOOK) {
        String c = conditions.condition();
        generated++;
        Compiler.Result r = Compiler.condition(c, Fixtures.ENV);
        if (!r.ok()) {
          rejected++;
          if (rejects.size() < 5) {
            rejects.put(c, r.issues().toString());
          }
          continue;
        }
        CodeGen.Coverage cover = CodeGen.coverage(r.compiled(), Fixtures.ENV);
        nodes += cover.nodes();
        generatedNodes += cover.generated();
        ids.add("diff.r" + texts.size());
        texts.add(c);
        trees.add(parse(c));
      }
      Playbook playbook =
          Playbook.parse(
              "diff/playbook.yaml", Fixtures.HEADER + GeneratedPlaybook.rules(ids, texts));
      List<Deal> deals = new ArrayList<>();
      for (int i = 0; i < DEALS_PER_PLAYBOOK; i++) {
        deals.add(dealGen.deal());
      }
      List<Evaluation> results = playbook.evaluateAll(deals, Fixtures.AS_OF, Locale.ENGLISH);
      for (int d = 0; d < deals.size(); d++) {
        List<String> firedHere = results.get(d).firedRules();
        for (int i = 0; i < texts.size(); i++) {
          Boolean expected =
              ReferenceInterpreter.evaluate(
                  trees.get(i), deals.get(d), Fixtures.AS_OF, WORLD, DEVIATIONS);
          boolean actual = firedHere.contains(ids.get(i));
          pairs++;
          fired += actual ? 1 : 0;
          unknown += expected == null ? 1 : 0;
          if (actual != Boolean.TRUE.equals(expected)) {
            disagreements.add(new Disagreement(texts.get(i), deals.get(d), actual, expected));
          }
        }
      }
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.printf(
        "differential ("
            + backend.name().toLowerCase(Locale.ROOT)
            + ", deviations "
            + DEVIATIONS
            + "): %d pairs, %d rules generated, %d rejected by the checker (%.1f%%), "
            + "%.1f%% fired, %.1f%% unknown, %d disagreements, %d ms; "
            + "%.1f%% of the conditions' nodes can run as generated code%n",
        pairs,
        generated,
        rejected,
        100.0 * rejected / generated,
        100.0 * fired / pairs,
        100.0 * unknown / pairs,
        disagreements.size(),
        ms,
        100.0 * generatedNodes / nodes);
    rejects.forEach((c, why) -> System.out.println("  rejected: " + c + "\n    " + why));
    Map<String, Disagreement> shrunk = new LinkedHashMap<>();
    for (Disagreement d : disagreements.subList(0, Math.min(12, disagreements.size()))) {
      Disagreement small = Shrinker.shrink(d);
      shrunk.putIfAbsent(small.condition(), small);
    }
    shrunk.values().forEach(s -> System.out.println("DISAGREEMENT (shrunk)\n  " + s));

    assertThat(rejected)
        .as("conditions the generator meant to be well typed but the checker rejected")
        .isLessThan(generated / 20 + 1);
    assertThat(shrunk.values())
        .as("%d of %d pairs disagree", disagreements.size(), pairs)
        .isEmpty();
  }

  static Ast parse(String condition) {
    try {
      return Parser.parse(condition);
    } catch (SyntaxError e) {
      throw new AssertionError(
          "generated condition does not parse: " + condition + ": " + e.getMessage(), e);
    }
  }

  /** Does the engine fire this one condition on this one deal? */
  static boolean engineFires(String condition, Deal deal) {
    Playbook p =
        Playbook.parse(
            "diff/playbook.yaml",
            Fixtures.HEADER + GeneratedPlaybook.rules(List.of("diff.r"), List.of(condition)));
    return p.evaluate(deal, Fixtures.AS_OF).firedRules().contains("diff.r");
  }

  /**
   * Makes a disagreement smaller while it still disagrees: simpler conditions first, then a plainer
   * deal.
   */
  static final class Shrinker {
    private Shrinker() {}

    static Disagreement shrink(Disagreement d) {
      Disagreement best = d;
      boolean progress = true;
      while (progress) {
        progress = false;
        for (String candidate : simpler(parse(best.condition()))) {
          Disagreement next = check(candidate, best.deal());
          if (next != null) {
            best = next;
            progress = true;
            break;
          }
        }
        if (!progress) {
          for (Deal candidate : DealShrinker.smaller(best.deal())) {
            Disagreement next = check(best.condition(), candidate);
            if (next != null) {
              best = next;
              progress = true;
              break;
            }
          }
        }
      }
      return best;
    }

    private static Disagreement check(String condition, Deal deal) {
      if (!Compiler.condition(condition, Fixtures.ENV).ok()) {
        return null;
      }
      try {
        Boolean expected =
            ReferenceInterpreter.evaluate(
                parse(condition), deal, Fixtures.AS_OF, WORLD, DEVIATIONS);
        boolean actual = engineFires(condition, deal);
        return actual != Boolean.TRUE.equals(expected)
            ? new Disagreement(condition, deal, actual, expected)
            : null;
      } catch (RuntimeException | AssertionError e) {
        return null;
      }
    }

    /**
     * Conditions one step simpler than {@code a}: a part of it in its place, or one part removed.
     */
    static List<String> simpler(Ast a) {
      List<String> out = new ArrayList<>();
      if (a instanceof Ast.Binary b && (b.op().equals("and") || b.op().equals("or"))) {
        out.add(Printer.print(b.left()));
        out.add(Printer.print(b.right()));
      }
      if (a instanceof Ast.Unary u && u.op().equals("not")) {
        out.add(Printer.print(u.operand()));
      }
      if (a instanceof Ast.Call c
          && c.args().size() == 2
          && List.of("any", "none", "all").contains(c.function())) {
        out.add(Printer.print(c.args().get(1)));
      }
      for (int i = 0; i < children(a).size(); i++) {
        final int k = i;
        for (String s : simpler(children(a).get(i))) {
          try {
            out.add(Printer.print(replace(a, k, Parser.parse(s))));
          } catch (SyntaxError e) {
            // a printed part that does not parse back is not a candidate
          }
        }
      }
      return out;
    }

    private static List<Ast> children(Ast a) {
      if (a instanceof Ast.Binary b) {
        return List.of(b.left(), b.right());
      }
      if (a instanceof Ast.Unary u) {
        return List.of(u.operand());
      }
      if (a instanceof Ast.Call c) {
        return c.args();
      }
      if (a instanceof Ast.In in) {
        return List.of(in.subject());
      }
      if (a instanceof Ast.Is is) {
        return List.of(is.subject());
      }
      return List.of();
    }

    private static Ast replace(Ast a, int i, Ast child) {
      if (a instanceof Ast.Binary b) {
        return new Ast.Binary(0, 0, b.op(), i == 0 ? child : b.left(), i == 1 ? child : b.right());
      }
      if (a instanceof Ast.Unary u) {
        return new Ast.Unary(0, 0, u.op(), child);
      }
      if (a instanceof Ast.Call c) {
        List<Ast> args = new ArrayList<>(c.args());
        args.set(i, child);
        return new Ast.Call(0, 0, c.function(), args);
      }
      if (a instanceof Ast.In in) {
        return new Ast.In(0, 0, child, in.items(), in.negated());
      }
      Ast.Is is = (Ast.Is) a;
      return new Ast.Is(0, 0, child, is.present());
    }
  }
}
