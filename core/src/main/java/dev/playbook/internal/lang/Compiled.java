package dev.playbook.internal.lang;

import java.util.List;

/**
 * A node of the typed tree: what the checker resolved it to ({@link Node}), its type and its
 * checked children; and, once the closure pass ({@link Closures}) has run, the closure that
 * computes its value. Keeps the syntax node only for its source span and canonical text, so that an
 * evaluation can be explained part by part in the author's words; no back end reads it.
 *
 * @param fn the node's closure; null in the checker's tree, before the closure pass
 * @param constant a literal, or a word such as {@code proposal} that names a constant
 * @param slot for quantifiers and aggregates, the local slot their items are bound to; -1 otherwise
 */
public record Compiled(
    Ast ast, Node node, Type type, Fn fn, List<Compiled> kids, boolean constant, int slot) {

  /** This node with {@code fn} as its closure and {@code kids} as its children. */
  public Compiled with(Fn fn, List<Compiled> kids) {
    return new Compiled(ast, node, type, fn, kids, constant, slot);
  }

  public Object eval(Frame frame) {
    return fn.eval(frame);
  }

  /** True only when the expression evaluates to true (missing/unknown is not true). */
  public boolean test(Frame frame) {
    return fn.eval(frame) == Boolean.TRUE;
  }
}
