package dev.playbook.internal.lang;

import dev.playbook.Explanation.Part;

import java.util.ArrayList;
import java.util.List;

/**
 * Explains a condition on one deal: each part joined by and/or/not, with its value and the facts
 * it read, e.g. {@code stage >= proposal: true (stage = negotiation)}.
 */
public final class Explainer {

  private final String src;
  private final Env env;
  private final Frame frame;
  private final List<Part> out = new ArrayList<>();

  private Explainer(String src, Env env, Frame frame) {
    this.src = src;
    this.env = env;
    this.frame = frame;
  }

  public static List<Part> explain(Compiled c, String src, Env env, Frame frame) {
    Explainer e = new Explainer(src, env, frame);
    e.walk(c);
    return List.copyOf(e.out);
  }

  private void walk(Compiled c) {
    Ast a = c.ast();
    boolean connective = (a instanceof Ast.Binary b && (b.op().equals("and") || b.op().equals("or")))
        || (a instanceof Ast.Unary u && u.op().equals("not"));
    if (connective) {
      for (Compiled k : c.kids()) {
        walk(k);
      }
      return;
    }
    Object v = c.eval(frame);
    out.add(new Part(text(a), v == null ? "unknown" : Values.format(v, c.type(), env), detail(c)));
  }

  private String text(Ast a) {
    int end = Math.min(src.length(), a.offset() + a.length());
    return src.substring(Math.max(0, a.offset()), end).replaceAll("\\s+", " ").trim();
  }

  private String detail(Compiled c) {
    Ast a = c.ast();
    if (a instanceof Ast.Call call && c.slot() >= 0) {
      return witness(call.function(), c);
    }
    List<String> reads = new ArrayList<>();
    collect(c, reads);
    return String.join(", ", reads);
  }

  /** Names the items that decided a quantifier. */
  private String witness(String q, Compiled c) {
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
      frame.locals[slot] = item;
      (pred.eval(frame) == Boolean.TRUE ? matching : failing).add(Values.label(item));
    }
    String cond = text(pred.ast());
    if (q.equals("all") && !failing.isEmpty()) {
      return "not " + cond + ": " + String.join(", ", failing);
    }
    if (matching.isEmpty()) {
      return "none of " + items.size() + " " + text(coll.ast()) + " match: " + String.join(", ", failing);
    }
    return cond + ": " + String.join(", ", matching);
  }

  private void collect(Compiled c, List<String> reads) {
    Ast a = c.ast();
    if (c.constant()) {
      return;
    }
    if (a instanceof Ast.Name || a instanceof Ast.Call) {
      String line = text(a) + " = " + Values.format(c.eval(frame), c.type(), env);
      if (!reads.contains(line)) {
        reads.add(line);
      }
      return;
    }
    for (Compiled k : c.kids()) {
      collect(k, reads);
    }
  }
}
