package dev.playbook.internal.lang;

import java.util.List;

/**
 * A type-checked expression with its compiled form. Keeps the syntax tree and its compiled children
 * so that an evaluation can be explained part by part.
 *
 * @param constant a literal, or a word such as {@code proposal} that names a constant
 * @param slot for quantifiers, the local slot their items are bound to; -1 otherwise
 */
public record Compiled(Ast ast, Type type, Fn fn, List<Compiled> kids, boolean constant, int slot) {

  public Object eval(Frame frame) {
    return fn.eval(frame);
  }

  /** True only when the expression evaluates to true (missing/unknown is not true). */
  public boolean test(Frame frame) {
    return fn.eval(frame) == Boolean.TRUE;
  }
}
