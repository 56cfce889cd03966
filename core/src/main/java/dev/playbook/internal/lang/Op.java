package dev.playbook.internal.lang;

import java.util.List;

/**
 * The operators of the condition language, in one place: the parser reads its operator tokens
 * through {@link #binary} and {@link #unary}, the checker asks {@link #result} for the type an
 * operator gives, and both back ends and the explainer read the operator of a checked node from its
 * {@link Node}, never from its symbol.
 */
public enum Op {
  NOT("not", Kind.UNARY, 3),
  NEGATE("-", Kind.UNARY, 7),
  IMPLIES("implies", Kind.LOGICAL, 0),
  OR("or", Kind.LOGICAL, 1),
  AND("and", Kind.LOGICAL, 2),
  EQ("==", Kind.COMPARISON, 4),
  NE("!=", Kind.COMPARISON, 4),
  LT("<", Kind.COMPARISON, 4),
  LE("<=", Kind.COMPARISON, 4),
  GT(">", Kind.COMPARISON, 4),
  GE(">=", Kind.COMPARISON, 4),
  CONTAINS("contains", Kind.MEMBERSHIP, 4),
  PLUS("+", Kind.ARITHMETIC, 5),
  MINUS("-", Kind.ARITHMETIC, 5),
  TIMES("*", Kind.ARITHMETIC, 6),
  DIVIDE("/", Kind.ARITHMETIC, 6);

  /** What an operator does, which decides the types it takes and gives. */
  public enum Kind {
    /** {@code not x}, {@code -x}. */
    UNARY,
    /** {@code and}, {@code or}, {@code implies}: true/false in, true/false out. */
    LOGICAL,
    /** {@code ==} ... {@code >=}: two values of one type in, true/false out. */
    COMPARISON,
    /** {@code contains}: a set or text and an element or piece in, true/false out. */
    MEMBERSHIP,
    /** {@code + - * /}: numbers, or a date moved by a span. */
    ARITHMETIC
  }

  private final String symbol;
  private final Kind kind;
  private final int precedence;

  Op(String symbol, Kind kind, int precedence) {
    this.symbol = symbol;
    this.kind = kind;
    this.precedence = precedence;
  }

  /** As the author writes it: {@code >=}, {@code and}. */
  public String symbol() {
    return symbol;
  }

  public Kind kind() {
    return kind;
  }

  /** How tightly it binds: 0 ({@code implies}) to 7 (unary minus). */
  public int precedence() {
    return precedence;
  }

  /** {@code ==} or {@code !=}. */
  public boolean isEquality() {
    return this == EQ || this == NE;
  }

  /** The binary operator written {@code symbol}, or null when there is none. */
  public static Op binary(String symbol) {
    for (Op op : values()) {
      if (op.kind != Kind.UNARY && op.symbol.equals(symbol)) {
        return op;
      }
    }
    return null;
  }

  /** The unary operator written {@code symbol}, or null when there is none. */
  public static Op unary(String symbol) {
    return symbol.equals("not") ? NOT : symbol.equals("-") ? NEGATE : null;
  }

  /** The binary operators of {@code kind}. */
  public static List<Op> of(Kind kind) {
    return java.util.Arrays.stream(values()).filter(o -> o.kind == kind).toList();
  }

  /**
   * The type this operator gives for operands of types {@code left} and {@code right} ({@code
   * right} is null for a unary operator), or null when it does not apply to them. Comparisons give
   * true/false here; whether the two types compare at all is the checker's rule.
   */
  public Type result(Type left, Type right) {
    return switch (kind) {
      case LOGICAL ->
          left == Type.Basic.BOOLEAN && right == Type.Basic.BOOLEAN ? Type.Basic.BOOLEAN : null;
      case COMPARISON, MEMBERSHIP -> Type.Basic.BOOLEAN;
      case UNARY -> {
        Type wanted = this == NOT ? Type.Basic.BOOLEAN : Type.Basic.NUMBER;
        yield left == wanted ? wanted : null;
      }
      case ARITHMETIC -> {
        if (left == Type.Basic.NUMBER && right == Type.Basic.NUMBER) {
          yield Type.Basic.NUMBER;
        }
        yield (this == PLUS || this == MINUS) && left == Type.Basic.DATE && right == Type.Basic.SPAN
            ? Type.Basic.DATE
            : null;
      }
    };
  }

  /** For a comparison: whether {@code c} (negative, 0 for equal, positive) satisfies it. */
  public boolean holds(int c) {
    return switch (this) {
      case EQ -> c == 0;
      case NE -> c != 0;
      case LT -> c < 0;
      case LE -> c <= 0;
      case GT -> c > 0;
      case GE -> c >= 0;
      default -> throw new IllegalStateException(symbol + " is not a comparison");
    };
  }

  /** For arithmetic on numbers: the result, or null for a division by zero (unknown). */
  public Double apply(double p, double q) {
    return switch (this) {
      case PLUS -> p + q;
      case MINUS -> p - q;
      case TIMES -> p * q;
      case DIVIDE -> q == 0 ? null : p / q;
      default -> throw new IllegalStateException(symbol + " is not arithmetic");
    };
  }
}
