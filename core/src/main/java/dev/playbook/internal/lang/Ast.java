package dev.playbook.internal.lang;

import java.util.List;

/**
 * The syntax tree of a condition. Every node knows the offset and length of its text in the
 * condition, so that problems and explanations point at what the author wrote.
 */
public sealed interface Ast {

  int offset();

  int length();

  /**
   * A number, string, boolean or duration literal. {@code value} is Double, String, Boolean or
   * Span.
   */
  record Literal(int offset, int length, Object value) implements Ast {}

  /** A bare or dotted name: {@code stage}, {@code deal.name}, {@code custom.region}. */
  record Name(int offset, int length, List<String> parts) implements Ast {
    public String dotted() {
      return String.join(".", parts);
    }
  }

  /** A function or quantifier call: {@code none(contacts, role == economic_buyer)}. */
  record Call(int offset, int length, String function, List<Ast> args) implements Ast {}

  /** {@code not x}, {@code -x}. */
  record Unary(int offset, int length, String op, Ast operand) implements Ast {}

  /** Comparison, arithmetic, {@code and}, {@code or}, {@code implies}, {@code contains}. */
  record Binary(int offset, int length, String op, Ast left, Ast right) implements Ast {}

  /** {@code x in [a, b]} or {@code x not in [a, b]}. */
  record In(int offset, int length, Ast subject, List<Ast> items, boolean negated) implements Ast {}

  /**
   * A list whose items get a name, {@code activities as demo}: only the first argument of a
   * quantifier or aggregate, so that conditions nested inside it can read {@code demo.occurred_at}.
   */
  record Bind(int offset, int length, Ast list, String name) implements Ast {}

  /** {@code x is missing} or {@code x is present}. */
  record Is(int offset, int length, Ast subject, boolean present) implements Ast {}
}
