package dev.playbook.internal.lang;

import java.util.stream.Collectors;

/**
 * Prints a syntax tree in canonical form: fully parenthesised where precedence requires it, single
 * spaces, double-quoted strings. Parsing the output gives the same tree (modulo positions); equal
 * canonical forms mean equal conditions.
 */
public final class Printer {

  private Printer() {}

  public static String print(Ast a) {
    if (a instanceof Ast.Literal l) {
      Object v = l.value();
      if (v instanceof String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
      }
      if (v instanceof Double d) {
        return new java.math.BigDecimal(d.toString()).stripTrailingZeros().toPlainString();
      }
      return v.toString();
    }
    if (a instanceof Ast.Name n) {
      return n.dotted();
    }
    if (a instanceof Ast.Call c && StageRoles.role(c.function()) != null) {
      return wrap(c.args().get(0), 5) + " is " + StageRoles.role(c.function());
    }
    if (a instanceof Ast.Call c) {
      return c.function()
          + "("
          + c.args().stream().map(Printer::print).collect(Collectors.joining(", "))
          + ")";
    }
    if (a instanceof Ast.Unary u) {
      String inner = wrap(u.operand(), u.op().equals("not") ? 3 : 7);
      return u.op().equals("not") ? "not " + inner : "-" + inner;
    }
    if (a instanceof Ast.Bind b) {
      return wrap(b.list(), 1) + " as " + b.name();
    }
    if (a instanceof Ast.Binary b) {
      int p = precedence(b);
      if (p == 0) {
        // 'implies' does not chain: both operands must bind tighter
        return wrap(b.left(), 1) + " implies " + wrap(b.right(), 1);
      }
      if (p == 4) {
        // comparisons do not chain: both operands must bind tighter
        return wrap(b.left(), 5) + " " + b.op() + " " + wrap(b.right(), 5);
      }
      // left-associative: the right operand needs parentheses at equal precedence
      return wrap(b.left(), p) + " " + b.op() + " " + wrap(b.right(), p + 1);
    }
    if (a instanceof Ast.In i) {
      return wrap(i.subject(), 5)
          + (i.negated() ? " not in [" : " in [")
          + i.items().stream().map(x -> wrap(x, 5)).collect(Collectors.joining(", "))
          + "]";
    }
    Ast.Is is = (Ast.Is) a;
    return wrap(is.subject(), 5) + (is.present() ? " is present" : " is missing");
  }

  private static String wrap(Ast a, int min) {
    String s = print(a);
    return precedence(a) < min ? "(" + s + ")" : s;
  }

  private static int precedence(Ast a) {
    if (a instanceof Ast.Binary b) {
      return switch (b.op()) {
        case "implies" -> 0;
        case "or" -> 1;
        case "and" -> 2;
        case "+", "-" -> 5;
        case "*", "/" -> 6;
        default -> 4; // comparisons and contains
      };
    }
    if (a instanceof Ast.Unary u) {
      return u.op().equals("not") ? 3 : 7;
    }
    if (a instanceof Ast.In
        || a instanceof Ast.Is
        || a instanceof Ast.Call c && StageRoles.role(c.function()) != null) {
      return 4;
    }
    return 8;
  }
}
