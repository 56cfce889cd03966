package dev.playbook.internal.lang;

import java.util.List;

/**
 * A node of the typed tree: what the checker resolved it to ({@link Node}), its type, its checked
 * children and its compiled closure. Keeps the syntax node only for its source span and canonical
 * text, so that an evaluation can be explained part by part in the author's words.
 *
 * @param constant a literal, or a word such as {@code proposal} that names a constant
 * @param slot for quantifiers and aggregates, the local slot their items are bound to; -1 otherwise
 */
public record Compiled(
    Ast ast, Node node, Type type, Fn fn, List<Compiled> kids, boolean constant, int slot) {

  public Object eval(Frame frame) {
    return fn.eval(frame);
  }

  /** True only when the expression evaluates to true (missing/unknown is not true). */
  public boolean test(Frame frame) {
    return fn.eval(frame) == Boolean.TRUE;
  }
}
