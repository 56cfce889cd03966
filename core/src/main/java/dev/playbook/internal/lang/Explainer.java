package dev.playbook.internal.lang;

import dev.playbook.result.Explanation.Node;
import dev.playbook.result.Explanation.Part;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Explains a condition on one deal: each part joined by and/or/not, with its value and the facts it
 * read, e.g. {@code stage >= proposal: true (stage = negotiation)}.
 */
public final class Explainer {

  private final String src;
  private final Env env;
  private final Frame frame;
  private final Map<Ast, String> texts;
  private final List<Part> out = new ArrayList<>();

  private Explainer(String src, Env env, Frame frame, Map<Ast, String> texts) {
    this.src = src;
    this.env = env;
    this.frame = frame;
    this.texts = texts;
  }

  public static List<Part> explain(Compiled c, String src, Env env, Frame frame) {
    return explain(c, src, env, frame, Map.of());
  }

  /**
   * As {@link #explain(Compiled, String, Env, Frame)}, with the texts of the nodes from {@link
   * #texts}.
   */
  public static List<Part> explain(
      Compiled c, String src, Env env, Frame frame, Map<Ast, String> texts) {
    Explainer e = new Explainer(src, env, frame, texts);
    e.walk(c);
    return List.copyOf(e.out);
  }

  /**
   * The text of every node of a condition as explanations show it, by node identity; computed once
   * per rule so that explaining a gap on each deal does not cut and clean the source again.
   */
  public static Map<Ast, String> texts(Compiled c, String src) {
    Map<Ast, String> out = new IdentityHashMap<>();
    Explainer e = new Explainer(src, null, null, Map.of());
    collectTexts(c, e, out);
    return Collections.unmodifiableMap(out);
  }

  private static void collectTexts(Compiled c, Explainer e, Map<Ast, String> out) {
    out.put(c.ast(), e.text(c.ast()));
    for (Compiled k : c.kids()) {
      collectTexts(k, e, out);
    }
  }

  /**
   * Explains a condition on one deal as a tree: {@code and}, {@code or} and {@code not} become
   * nodes whose children are the parts they join (a chain such as {@code a and b and c} is one node
   * with three children), each with its own value; every other part is a leaf, as in {@link
   * #explain(Compiled, String, Env, Frame)}.
   */
  public static Node tree(Compiled c, String src, Env env, Frame frame) {
    return new Explainer(src, env, frame, Map.of()).node(c);
  }

  /** The leaves of a tree, in the order written. */
  public static List<Part> leaves(Node tree) {
    List<Part> out = new ArrayList<>();
    collectLeaves(tree, out);
    return List.copyOf(out);
  }

  private static void collectLeaves(Node n, List<Part> out) {
    if (n.kids().isEmpty()) {
      out.add(new Part(n.text(), n.value(), n.detail()));
      return;
    }
    for (Node k : n.kids()) {
      collectLeaves(k, out);
    }
  }

  private Node node(Compiled c) {
    String op = connective(c);
    if (op == null) {
      Part leaf = leaf(c);
      return new Node(leaf.text(), leaf.value(), leaf.detail(), List.of());
    }
    List<Node> kids = new ArrayList<>();
    joined(c, op, kids);
    return new Node(op, value(c), "", kids);
  }

  /** The children of a chain of the same connective, flattened: {@code (a and b) and c}. */
  private void joined(Compiled c, String op, List<Node> kids) {
    for (Compiled k : c.kids()) {
      if (!op.equals("not") && op.equals(connective(k))) {
        joined(k, op, kids);
      } else {
        kids.add(node(k));
      }
    }
  }

  /** {@code and}, {@code or}, {@code implies} or {@code not} for a joining node, else null. */
  private static String connective(Compiled c) {
    Op op = dev.playbook.internal.lang.Node.connective(c.node());
    return op == null ? null : op.symbol();
  }

  private void walk(Compiled c) {
    if (connective(c) != null) {
      for (Compiled k : c.kids()) {
        walk(k);
      }
      return;
    }
    out.add(leaf(c));
  }

  private Part leaf(Compiled c) {
    return new Part(text(c.ast()), value(c), detail(c));
  }

  private String value(Compiled c) {
    Object v = c.eval(frame);
    return v == null ? "unknown" : Values.format(v, c.type(), env);
  }

  private String text(Ast a) {
    String known = texts.get(a);
    if (known != null) {
      return known;
    }
    int end = Math.min(src.length(), a.offset() + a.length());
    return collapse(src, Math.max(0, a.offset()), end);
  }

  /**
   * {@code s.substring(from, to).replaceAll("\\s+", " ").trim()} without a regular expression: this
   * runs for every part of every gap's evidence, and compiling the pattern each time was a quarter
   * of an evaluation's cost.
   */
  static String collapse(String s, int from, int to) {
    boolean plain = true;
    for (int i = from; i < to && plain; i++) {
      char c = s.charAt(i);
      plain = !isSpace(c) || (c == ' ' && (i + 1 == to || !isSpace(s.charAt(i + 1))));
    }
    if (plain) {
      return s.substring(from, to).trim();
    }
    StringBuilder sb = new StringBuilder(to - from);
    boolean inSpace = false;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!isSpace(c)) {
        sb.append(c);
        inSpace = false;
      } else if (!inSpace) {
        sb.append(' ');
        inSpace = true;
      }
    }
    return sb.toString().trim();
  }

  /** The characters {@code \\s} matches. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  private String detail(Compiled c) {
    if (c.node() instanceof dev.playbook.internal.lang.Node.Quantifier q) {
      return witness(q.function(), c);
    }
    List<String> reads = new ArrayList<>();
    collect(c, reads);
    return String.join(", ", reads);
  }

  /** Names the items that decided a quantifier. */
  private String witness(Builtin q, Compiled c) {
    Compiled coll = c.kids().get(0);
    Compiled pred = c.kids().get(1);
    Object list = coll.eval(frame);
    if (!(list instanceof List<?> items) || items.isEmpty()) {
      return text(coll.ast()) + " is empty";
    }
    int slot = c.slot();
    List<String> matching = new ArrayList<>();
    List<String> failing = new ArrayList<>();
    for (Object item : items) {
      frame.step();
      frame.locals[slot] = item;
      boolean hit = pred.eval(frame) == Boolean.TRUE;
      (hit ? matching : failing)
          .add(Values.label(item) + (hit ? SignalQuotes.of(item, text(pred.ast())) : ""));
    }
    String cond = text(pred.ast());
    if (q == Builtin.ALL && !failing.isEmpty()) {
      return "not " + cond + ": " + String.join(", ", failing);
    }
    if (matching.isEmpty()) {
      return "none of "
          + items.size()
          + " "
          + text(coll.ast())
          + " match: "
          + String.join(", ", failing);
    }
    return cond + ": " + String.join(", ", matching);
  }

  private void collect(Compiled c, List<String> reads) {
    Ast a = c.ast();
    if (c.constant()) {
      return;
    }
    if (reads(c.node())) {
      String line =
          text(a) + " = " + Values.format(c.eval(frame), c.type(), env) + SignalQuotes.of(a, frame);
      if (!reads.contains(line)) {
        reads.add(line);
      }
      return;
    }
    for (Compiled k : c.kids()) {
      collect(k, reads);
    }
  }

  /** A field, definition or function call: its value is one of the facts a part read. */
  private static boolean reads(dev.playbook.internal.lang.Node n) {
    return n instanceof dev.playbook.internal.lang.Node.Read
        || n instanceof dev.playbook.internal.lang.Node.DefinitionRef
        || n instanceof dev.playbook.internal.lang.Node.Call
        || n instanceof dev.playbook.internal.lang.Node.Evidence
        || n instanceof dev.playbook.internal.lang.Node.Param
        || n instanceof dev.playbook.internal.lang.Node.Size
        || n instanceof dev.playbook.internal.lang.Node.Quantifier
        || n instanceof dev.playbook.internal.lang.Node.Aggregate
        || n instanceof dev.playbook.internal.lang.Node.StageRole
        || n instanceof dev.playbook.internal.lang.Node.Custom;
  }
}
