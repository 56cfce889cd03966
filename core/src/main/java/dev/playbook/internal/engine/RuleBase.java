package dev.playbook.internal.engine;

import static org.drools.model.DSL.declarationOf;
import static org.drools.model.DSL.on;
import static org.drools.model.PatternDSL.alphaIndexedBy;
import static org.drools.model.PatternDSL.pattern;
import static org.drools.model.PatternDSL.rule;

import dev.playbook.internal.lang.Compiled;
import dev.playbook.internal.lang.Env;
import dev.playbook.internal.lang.Node;
import dev.playbook.internal.lang.Op;
import dev.playbook.internal.lang.Printer;
import dev.playbook.internal.lang.gen.CodeGen;
import java.util.ArrayList;
import java.util.List;
import org.drools.model.Index;
import org.drools.model.Model;
import org.drools.model.PatternDSL;
import org.drools.model.Rule;
import org.drools.model.Variable;
import org.drools.model.impl.ModelImpl;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.runtime.StatelessKieSession;

/**
 * The Drools rule base of one playbook, built through the executable model from compiled
 * conditions: no rule text is generated or parsed. Each top-level {@code and} part of a condition
 * becomes one constraint of a pattern over {@link DealFact}, identified by its canonical text so
 * that equal parts of different rules share one node of the network. A rule's consequence marks its
 * condition as held on the fact; results are built from those marks after firing, so no session
 * globals or shared mutable state are involved.
 */
public final class RuleBase {

  /**
   * A condition to evaluate, at its index; when {@code stage} is not null, only deals at that stage
   * evaluate it (a key node's exit criteria are shown only for the deal's own stage). {@code env}
   * is the environment the condition was compiled in, null when unknown.
   */
  public record Check(int index, Compiled condition, String stage, Env env) {
    public Check(int index, Compiled condition, String stage) {
      this(index, condition, stage, null);
    }
  }

  private static final String PACKAGE = "dev.playbook.generated";

  /**
   * The id under which every stage gate reads the deal's stage: one id for one value, so that the
   * network files the gates of all stages in one hash table (Drools' alpha index) and a deal
   * reaches only its own stage's gate instead of testing every stage in turn.
   */
  private static final int STAGE_INDEX = 0;

  private final KieBase kieBase;
  private final StatelessKieSession session;
  private final java.util.Map<String, Integer> firstCheck = new java.util.HashMap<>();
  private final List<Compiled> parts = new ArrayList<>();
  private final List<Env> envs = new ArrayList<>();

  /**
   * How much of the conditions the generated back end writes as code.
   *
   * @param parts the condition parts, one constraint each
   * @param generatedParts those that run as generated code
   * @param nodes the nodes of all parts
   * @param generatedNodes those that are instructions of generated code
   */
  public record Coverage(int parts, int generatedParts, int nodes, int generatedNodes) {}

  /** What the generated back end covers of this rule base's conditions, whichever back end runs. */
  public Coverage coverage() {
    int generatedParts = 0;
    int nodes = 0;
    int generatedNodes = 0;
    for (int i = 0; i < parts.size(); i++) {
      CodeGen.Coverage c = CodeGen.coverage(parts.get(i), envs.get(i));
      generatedParts += c.generated() > 0 ? 1 : 0;
      nodes += c.nodes();
      generatedNodes += c.generated();
    }
    return new Coverage(parts.size(), generatedParts, nodes, generatedNodes);
  }

  /** The rule base with conditions run by the back end {@link CodeGen.Backend#selected()} names. */
  public RuleBase(List<Check> checks) {
    this(checks, CodeGen.Backend.selected());
  }

  /** The rule base with conditions run by {@code backend}. */
  public RuleBase(List<Check> checks, CodeGen.Backend backend) {
    Variable<DealFact> deal = declarationOf(DealFact.class);
    ModelImpl model = new ModelImpl();
    List<List<Compiled>> ordered = new ArrayList<>(checks.size());
    for (Check check : checks) {
      List<Compiled> byCost = byCost(conjuncts(check.condition()));
      ordered.add(byCost);
      for (Compiled part : byCost) {
        parts.add(part);
        envs.add(check.env());
      }
    }
    // every part's runnable form at once: generated code writes many parts per class
    List<Compiled> runs = backend.prepareAll(parts, envs);
    int at = 0;
    for (int c = 0; c < checks.size(); c++) {
      Check check = checks.get(c);
      PatternDSL.PatternDef<DealFact> p = pattern(deal);
      if (check.stage() != null) {
        String stage = check.stage();
        // '@' cannot start a condition's canonical text, so this node is never shared with one
        p =
            p.expr(
                "@stage " + stage,
                f -> stage.equals(f.stage),
                alphaIndexedBy(
                    String.class, Index.ConstraintType.EQUAL, STAGE_INDEX, f -> f.stage, stage));
      }
      for (Compiled part : ordered.get(c)) {
        String text = Printer.print(part.ast());
        firstCheck.putIfAbsent(text, check.index());
        Compiled run = runs.get(at++);
        p = p.expr(text, f -> test(run, text, f));
      }
      int index = check.index();
      Rule r = rule(PACKAGE, "c" + index).build(p, on(deal).execute(f -> f.held.set(index)));
      model.addRule(r);
    }
    this.kieBase = KieBaseBuilder.createKieBaseFromModel((Model) model);
    this.session = kieBase.newStatelessKieSession();
  }

  /**
   * Tests one part of a condition on one deal. A failure is kept on the deal's fact, not thrown:
   * one deal's error must not end the evaluation of the others in the same session. A deal that
   * failed tests no further part.
   */
  private static boolean test(Compiled part, String text, DealFact f) {
    if (f.failure != null) {
      return false;
    }
    try {
      return part.test(f.frame);
    } catch (RuntimeException e) {
      f.failure = e;
      f.failedPart = text;
      return false;
    }
  }

  /**
   * How many stage gates the network reaches through its hash table of stages (Drools' alpha index)
   * rather than testing each in turn; 0 when it tests them in turn.
   */
  int hashedStageGates() {
    org.drools.core.reteoo.Rete rete =
        ((org.drools.kiesession.rulebase.InternalKnowledgeBase) kieBase).getRete();
    for (org.drools.core.reteoo.ObjectTypeNode otn : rete.getObjectTypeNodes()) {
      if (otn.getObjectType().isAssignableFrom(DealFact.class)
          && otn.getObjectSinkPropagator()
              instanceof org.drools.core.reteoo.CompositeObjectSinkAdapter sinks
          && sinks.getHashedSinkMap() != null) {
        return sinks.getHashedSinkMap().size();
      }
    }
    return 0;
  }

  /** The index of the first check whose condition has the part with this canonical text, or -1. */
  public int checkOf(String partText) {
    Integer i = firstCheck.get(partText);
    return i == null ? -1 : i;
  }

  /** Inserts the facts into a fresh working memory and fires every rule whose condition holds. */
  public void fire(List<DealFact> facts) {
    session.execute(facts);
  }

  /**
   * The parts in the order the network tests them: cheapest first, so that a deal stops at a cheap
   * false part (a stage or status test) before the lists are walked, and rules that start with the
   * same cheap test share its node. The order of parts never changes whether a condition holds: it
   * holds when every part is true.
   */
  static List<Compiled> byCost(List<Compiled> parts) {
    List<Compiled> sorted = new ArrayList<>(parts);
    sorted.sort(
        java.util.Comparator.comparingLong(RuleBase::cost)); // stable: equal costs keep their order
    return sorted;
  }

  /**
   * A rough static cost: one per node, and each quantifier or aggregate counted as a walk over a
   * list.
   */
  static long cost(Compiled c) {
    long kids = 0;
    for (Compiled k : c.kids()) {
      kids += cost(k);
    }
    if (c.constant()) {
      return 0;
    }
    if (bindsItem(c.node())) {
      return 20 + 10 * kids;
    }
    return 1 + kids;
  }

  /** A quantifier or aggregate, or {@code count(list)}: a call of a function that reads a list. */
  private static boolean bindsItem(Node n) {
    return n instanceof Node.Quantifier || n instanceof Node.Aggregate || n instanceof Node.Size;
  }

  /** The parts joined by a top-level {@code and}: a condition holds when all of them are true. */
  static List<Compiled> conjuncts(Compiled c) {
    List<Compiled> out = new ArrayList<>();
    collect(c, out);
    return out;
  }

  private static void collect(Compiled c, List<Compiled> out) {
    if (c.node() instanceof Node.Logical l && l.op() == Op.AND) {
      collect(c.kids().get(0), out);
      collect(c.kids().get(1), out);
    } else {
      out.add(c);
    }
  }
}
