package dev.playbook.reliability;

import dev.playbook.internal.lang.Ast;
import dev.playbook.internal.lang.Span;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik arbitraries over the condition grammar: syntax trees of every node kind (names, literals,
 * spans, calls, and/or/not, comparisons, arithmetic, in, is missing) with the literal values the
 * grammar can express, and an "author" printer that writes a tree the way a person might (extra
 * parentheses, odd spacing, single quotes, padded numbers) so that parsing can be checked from
 * source text too. Positions are not generated: printing ignores them.
 */
final class ConditionGrammar {

  private ConditionGrammar() {}

  static final Set<String> KEYWORDS =
      Set.of("and", "or", "not", "in", "contains", "is", "missing", "present", "true", "false");
  private static final List<String> BINARY =
      List.of(
          "implies", "or", "and", "==", "!=", "<", "<=", ">", ">=", "contains", "+", "-", "*", "/");
  private static final List<String> FUNCTIONS =
      List.of(
          "any",
          "none",
          "all",
          "count",
          "min",
          "max",
          "sum",
          "days_since",
          "param",
          "evidence",
          "f");

  /** Trees of at most {@code depth} levels below the root, over the whole grammar. */
  static Arbitrary<Ast> trees(int depth) {
    return trees(depth, true);
  }

  /**
   * Trees without the shapes of the reported printer bugs ({@code CoreFindingsTest}): numbers and
   * spans stay below 10,000,000 and at or above 0.001 (their Java form has no exponent), and list
   * items of {@code in} are sums or tighter (no {@code (a or b)} item).
   */
  static Arbitrary<Ast> treesWithoutReportedShapes(int depth) {
    return trees(depth, false);
  }

  private static Arbitrary<Ast> trees(int depth, boolean full) {
    if (depth <= 0) {
      return leaves(full);
    }
    Arbitrary<Ast> sub = Arbitraries.lazy(() -> trees(depth - 1, full));
    Arbitrary<Ast> item = full ? sub : sub.filter(a -> precedence(a) >= 5);
    Arbitrary<Ast> unary =
        Combinators.combine(Arbitraries.of("not", "-"), sub)
            .as((op, x) -> (Ast) new Ast.Unary(0, 0, op, x));
    Arbitrary<Ast> binary =
        Combinators.combine(Arbitraries.of(BINARY), sub, sub)
            .as((op, l, r) -> (Ast) new Ast.Binary(0, 0, op, l, r));
    Arbitrary<Ast> call =
        Combinators.combine(
                Arbitraries.oneOf(Arbitraries.of(FUNCTIONS), identifiers()),
                sub.list().ofMaxSize(3),
                identifiers().injectNull(0.7))
            .as(
                (f, args, as) -> {
                  if (as == null || args.isEmpty()) {
                    return (Ast) new Ast.Call(0, 0, f, args);
                  }
                  // the first argument's items named: 'activities as demo'
                  List<Ast> named = new java.util.ArrayList<>(args);
                  named.set(0, new Ast.Bind(0, 0, args.get(0), as));
                  return (Ast) new Ast.Call(0, 0, f, List.copyOf(named));
                });
    Arbitrary<Ast> in =
        Combinators.combine(sub, item.list().ofMaxSize(3), Arbitraries.of(true, false))
            .as((s, items, neg) -> (Ast) new Ast.In(0, 0, s, items, neg));
    Arbitrary<Ast> is =
        Combinators.combine(sub, Arbitraries.of(true, false))
            .as((s, present) -> (Ast) new Ast.Is(0, 0, s, present));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, leaves(full)),
        net.jqwik.api.Tuple.of(2, unary),
        net.jqwik.api.Tuple.of(5, binary),
        net.jqwik.api.Tuple.of(2, call),
        net.jqwik.api.Tuple.of(1, in),
        net.jqwik.api.Tuple.of(1, is));
  }

  static Arbitrary<Ast> leaves(boolean full) {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, names()),
        net.jqwik.api.Tuple.of(
            3, (full ? numbers() : plainNumbers()).map(d -> (Ast) new Ast.Literal(0, 0, d))),
        net.jqwik.api.Tuple.of(2, texts().map(s -> (Ast) new Ast.Literal(0, 0, s))),
        net.jqwik.api.Tuple.of(
            1, Arbitraries.of(true, false).map(b -> (Ast) new Ast.Literal(0, 0, b))),
        net.jqwik.api.Tuple.of(2, spans(full).map(s -> (Ast) new Ast.Literal(0, 0, s))));
  }

  /** Numbers whose shortest Java form has no exponent: 0.001 up to 10,000,000, and 0. */
  static Arbitrary<Double> plainNumbers() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(0, 9_999_999).map(Integer::doubleValue),
        Arbitraries.bigDecimals()
            .between(new BigDecimal("0.001"), new BigDecimal("9999999"))
            .ofScale(3)
            .map(BigDecimal::doubleValue));
  }

  static Arbitrary<String> identifiers() {
    Arbitrary<Character> first = Arbitraries.chars().range('a', 'z').range('A', 'Z').with('_');
    Arbitrary<String> rest =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .withCharRange('0', '9')
            .withChars('_')
            .ofMaxLength(7);
    return Combinators.combine(first, rest).as((f, r) -> f + r).filter(s -> !KEYWORDS.contains(s));
  }

  static Arbitrary<Ast> names() {
    Arbitrary<String> later = Arbitraries.oneOf(identifiers(), Arbitraries.of(KEYWORDS));
    return Combinators.combine(identifiers(), later.list().ofMaxSize(2))
        .as(
            (f, rest) -> {
              List<String> parts = new java.util.ArrayList<>();
              parts.add(f);
              parts.addAll(rest);
              return (Ast) new Ast.Name(0, 0, List.copyOf(parts));
            });
  }

  /**
   * Text without line breaks (a quoted text ends at a line break), quotes and backslashes included.
   */
  static Arbitrary<String> texts() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(12),
        Arbitraries.strings().all().excludeChars('\n', '\r').ofMaxLength(6),
        Arbitraries.of(
            "", "\"", "'", "\\", "\\\"", "it's", "say \"hi\"", "除了您之外", "a\tb", "\u2028"));
  }

  /**
   * Numbers the grammar can write (digits with an optional fraction, no sign, no exponent): small
   * and large integers, fractions, and values whose shortest Java form uses an exponent.
   */
  static Arbitrary<Double> numbers() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(0, 100_000).map(Integer::doubleValue),
        Arbitraries.bigDecimals()
            .between(BigDecimal.ZERO, new BigDecimal("1000"))
            .ofScale(2)
            .map(BigDecimal::doubleValue),
        Arbitraries.longs().between(1_000_000_000L, Long.MAX_VALUE).map(Long::doubleValue),
        Arbitraries.bigDecimals()
            .between(new BigDecimal("10000000"), new BigDecimal("99999999999"))
            .ofScale(1)
            .map(BigDecimal::doubleValue),
        Arbitraries.bigDecimals()
            .between(new BigDecimal("0.0000001"), new BigDecimal("0.001"))
            .ofScale(7)
            .map(BigDecimal::doubleValue));
  }

  static Arbitrary<Span> spans(boolean full) {
    Arbitrary<String> amount =
        Arbitraries.oneOf(
            Arbitraries.integers().between(0, 400).map(String::valueOf),
            full
                ? Arbitraries.of(
                    "1.5", "0.25", "36", "007", "12345678.5", "0.0001", "99999999999999999999")
                : Arbitraries.of("1.5", "0.25", "36", "007"));
    return Combinators.combine(amount, Arbitraries.of("d", "bd", "w", "h"))
        .as((a, u) -> Span.parse(a + u));
  }

  // ---------------------------------------------------------------- author-style printing

  /**
   * Writes {@code a} as an author might: every node may get redundant parentheses, operators get
   * random spacing (spaces, tabs, line breaks), texts may use single quotes, numbers may be padded
   * ({@code 007}, {@code 2.50}). Parenthesised exactly where precedence needs it, so it parses back
   * to the same tree.
   */
  static String author(Ast a, Random r) {
    return authored(a, r, 0);
  }

  private static String authored(Ast a, Random r, int min) {
    if (a instanceof Ast.Bind b) {
      // 'list as name' is not an expression: it takes no parentheses of its own
      return authored(b.list(), r, 1) + mustSpace(r) + "as" + mustSpace(r) + b.name();
    }
    String s = bare(a, r);
    boolean needs = precedence(a) < min;
    if (needs || r.nextInt(8) == 0) {
      return "(" + space(r, true) + s + space(r, true) + ")";
    }
    return s;
  }

  private static String bare(Ast a, Random r) {
    if (a instanceof Ast.Literal l) {
      Object v = l.value();
      if (v instanceof String s) {
        boolean single = r.nextBoolean();
        char q = single ? '\'' : '"';
        return q + s.replace("\\", "\\\\").replace(String.valueOf(q), "\\" + q) + q;
      }
      if (v instanceof Double d) {
        return pad(BigDecimal.valueOf(d).toPlainString(), r);
      }
      if (v instanceof Span sp) {
        return pad(BigDecimal.valueOf(sp.amount()).toPlainString(), r) + sp.unit().suffix();
      }
      return v.toString();
    }
    if (a instanceof Ast.Name n) {
      return String.join(".", n.parts());
    }
    if (a instanceof Ast.Call c) {
      StringBuilder sb = new StringBuilder(c.function()).append('(');
      for (int i = 0; i < c.args().size(); i++) {
        sb.append(i == 0 ? space(r, false) : "," + space(r, false))
            .append(authored(c.args().get(i), r, 0));
      }
      return sb.append(space(r, false)).append(')').toString();
    }
    if (a instanceof Ast.Unary u) {
      return u.op().equals("not")
          ? "not" + space(r, true).replaceFirst("^$", " ") + authored(u.operand(), r, 3)
          : "-" + space(r, false) + authored(u.operand(), r, 7);
    }
    if (a instanceof Ast.Binary b) {
      int p = precedence(b);
      String op = b.op();
      boolean word =
          op.equals("and") || op.equals("or") || op.equals("contains") || op.equals("implies");
      String gap1 = word ? mustSpace(r) : space(r, true);
      String gap2 = word ? mustSpace(r) : space(r, true);
      if (p == 4) {
        return authored(b.left(), r, 5) + gap1 + op + gap2 + authored(b.right(), r, 5);
      }
      if (p == 0) {
        // 'implies' does not chain
        return authored(b.left(), r, 1) + gap1 + op + gap2 + authored(b.right(), r, 1);
      }
      return authored(b.left(), r, p) + gap1 + op + gap2 + authored(b.right(), r, p + 1);
    }
    if (a instanceof Ast.In in) {
      StringBuilder sb =
          new StringBuilder(authored(in.subject(), r, 5))
              .append(mustSpace(r))
              .append(in.negated() ? "not" + mustSpace(r) + "in" : "in")
              .append(space(r, true))
              .append('[');
      for (int i = 0; i < in.items().size(); i++) {
        sb.append(i == 0 ? "" : "," + space(r, true)).append(authored(in.items().get(i), r, 5));
      }
      return sb.append(']').toString();
    }
    Ast.Is is = (Ast.Is) a;
    return authored(is.subject(), r, 5)
        + mustSpace(r)
        + "is"
        + mustSpace(r)
        + (is.present() ? "present" : "missing");
  }

  private static String pad(String plain, Random r) {
    String s = plain.endsWith(".0") ? plain.substring(0, plain.length() - 2) : plain;
    if (r.nextInt(4) == 0) {
      s = "0" + s;
    }
    if (r.nextInt(4) == 0) {
      s = s.contains(".") ? s + "0" : s + ".00";
    }
    return s;
  }

  private static String space(Random r, boolean lines) {
    return switch (r.nextInt(lines ? 6 : 4)) {
      case 0, 1 -> "";
      case 2 -> " ";
      case 3 -> "  ";
      case 4 -> "\t";
      default -> "\n  ";
    };
  }

  private static String mustSpace(Random r) {
    String s = space(r, true);
    return s.isEmpty() ? " " : s;
  }

  static int precedence(Ast a) {
    if (a instanceof Ast.Binary b) {
      return switch (b.op()) {
        case "implies" -> 0;
        case "or" -> 1;
        case "and" -> 2;
        case "+", "-" -> 5;
        case "*", "/" -> 6;
        default -> 4;
      };
    }
    if (a instanceof Ast.Unary u) {
      return u.op().equals("not") ? 3 : 7;
    }
    if (a instanceof Ast.In || a instanceof Ast.Is) {
      return 4;
    }
    return 8;
  }

  /** The tree with every position set to zero, to compare trees as structures. */
  static Ast strip(Ast a) {
    if (a instanceof Ast.Literal l) {
      return new Ast.Literal(0, 0, l.value());
    }
    if (a instanceof Ast.Name n) {
      return new Ast.Name(0, 0, n.parts());
    }
    if (a instanceof Ast.Call c) {
      return new Ast.Call(
          0, 0, c.function(), c.args().stream().map(ConditionGrammar::strip).toList());
    }
    if (a instanceof Ast.Bind b) {
      return new Ast.Bind(0, 0, strip(b.list()), b.name());
    }
    if (a instanceof Ast.Unary u) {
      return new Ast.Unary(0, 0, u.op(), strip(u.operand()));
    }
    if (a instanceof Ast.Binary b) {
      return new Ast.Binary(0, 0, b.op(), strip(b.left()), strip(b.right()));
    }
    if (a instanceof Ast.In in) {
      return new Ast.In(
          0,
          0,
          strip(in.subject()),
          in.items().stream().map(ConditionGrammar::strip).toList(),
          in.negated());
    }
    Ast.Is is = (Ast.Is) a;
    return new Ast.Is(0, 0, strip(is.subject()), is.present());
  }
}
