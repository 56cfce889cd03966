package dev.playbook.internal.lang;

import dev.playbook.internal.lang.Lexer.Kind;
import dev.playbook.internal.lang.Lexer.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for conditions.
 *
 * <pre>
 * implies := or ('implies' or)?
 * or      := and ('or' and)*
 * and     := not ('and' not)*
 * not     := 'not' not | compare
 * compare := sum (('=='|'!='|'&lt;'|'&lt;='|'&gt;'|'&gt;='|'contains') sum
 *                 | 'not'? 'in' '[' list ']' | 'is' ('missing'|'present'|'open'|'won'|'lost'))?
 * sum     := product (('+'|'-') product)*
 * product := unary (('*'|'/') unary)*
 * unary   := '-' unary | primary
 * primary := NUMBER | SPAN | STRING | 'true' | 'false' | '(' or ')'
 *          | IDENT ('.' IDENT)* | IDENT '(' (arg (',' implies)*)? ')'
 * arg     := implies ('as' IDENT)?
 * </pre>
 *
 * <p>{@code implies} and {@code as} are words only where they are written above: anywhere else they
 * are plain names, so no condition that parsed before changes its meaning.
 */
public final class Parser {

  private static final int MAX_DEPTH = 64;

  private final List<Token> tokens;
  private int pos;
  private int depth;

  private Parser(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** Parses a whole condition. */
  public static Ast parse(String src) throws SyntaxError {
    Parser p = new Parser(Lexer.tokenize(src));
    if (p.peek().kind() == Kind.EOF) {
      throw new SyntaxError(0, "the condition is empty");
    }
    Ast ast = p.implies();
    Token t = p.peek();
    if (t.kind() != Kind.EOF) {
      throw new SyntaxError(
          t.offset(),
          "unexpected "
              + t.describe()
              + " after a complete condition"
              + (t.is(")") ? " (a ')' has no matching '(')" : ""));
    }
    return ast;
  }

  private Token peek() throws SyntaxError {
    Token t = tokens.get(pos);
    if (t.kind() == Kind.ERROR) {
      throw new SyntaxError(t.offset(), t.text());
    }
    return t;
  }

  private Token next() throws SyntaxError {
    Token t = peek();
    pos++;
    return t;
  }

  private boolean accept(String s) throws SyntaxError {
    if (peek().is(s)) {
      pos++;
      return true;
    }
    return false;
  }

  private Token expect(String s, String what) throws SyntaxError {
    Token t = peek();
    if (!t.is(s)) {
      throw new SyntaxError(t.offset(), "expected " + what + " but found " + t.describe());
    }
    return next();
  }

  private void enter(int offset) throws SyntaxError {
    if (++depth > MAX_DEPTH) {
      throw new SyntaxError(
          offset, "the condition is nested more than " + MAX_DEPTH + " levels deep");
    }
  }

  private static int end(Ast a) {
    return a.offset() + a.length();
  }

  /** True when the next token is the identifier {@code word} (a word with meaning in context). */
  private boolean atWord(String word) throws SyntaxError {
    Token t = peek();
    return t.kind() == Kind.IDENT && t.text().equals(word);
  }

  private Ast implies() throws SyntaxError {
    Ast left = or();
    if (!atWord("implies")) {
      return left;
    }
    next();
    Ast right = or();
    if (atWord("implies")) {
      throw new SyntaxError(
          peek().offset(),
          "'implies' cannot be chained; put parentheses around one of them, as in"
              + " a implies (b implies c)");
    }
    return new Ast.Binary(left.offset(), end(right) - left.offset(), "implies", left, right);
  }

  private Ast or() throws SyntaxError {
    enter(peek().offset());
    Ast left = and();
    while (accept("or")) {
      Ast right = and();
      left = new Ast.Binary(left.offset(), end(right) - left.offset(), "or", left, right);
    }
    depth--;
    return left;
  }

  private Ast and() throws SyntaxError {
    Ast left = not();
    while (accept("and")) {
      Ast right = not();
      left = new Ast.Binary(left.offset(), end(right) - left.offset(), "and", left, right);
    }
    return left;
  }

  private Ast not() throws SyntaxError {
    Token t = peek();
    if (t.is("not")) {
      next();
      enter(t.offset());
      Ast operand = not();
      depth--;
      return new Ast.Unary(t.offset(), end(operand) - t.offset(), "not", operand);
    }
    return compare();
  }

  private Ast compare() throws SyntaxError {
    Ast left = sum();
    Token t = peek();
    Op op = t.kind() == Kind.STRING ? null : Op.binary(t.text());
    if (op != null && (op.kind() == Op.Kind.COMPARISON || op.kind() == Op.Kind.MEMBERSHIP)) {
      next();
      Ast right = sum();
      Token after = peek();
      Op chained = after.kind() == Kind.OP ? Op.binary(after.text()) : null;
      if (chained != null && chained.kind() == Op.Kind.COMPARISON) {
        throw new SyntaxError(
            after.offset(), "comparisons cannot be chained; join them with 'and'");
      }
      return new Ast.Binary(left.offset(), end(right) - left.offset(), op.symbol(), left, right);
    }
    switch (t.text()) {
      case "in" -> {
        if (t.kind() == Kind.KEYWORD) {
          next();
          return in(left, false);
        }
      }
      case "not" -> {
        if (pos + 1 < tokens.size() && tokens.get(pos + 1).is("in")) {
          pos += 2;
          return in(left, true);
        }
      }
      case "is" -> {
        if (t.kind() == Kind.KEYWORD) {
          next();
          Token w = next();
          String role = StageRoles.function(w);
          if (role != null) {
            return new Ast.Call(
                left.offset(), w.offset() + w.length() - left.offset(), role, List.of(left));
          }
          if (!w.is("missing") && !w.is("present")) {
            throw new SyntaxError(
                w.offset(),
                "expected 'missing', 'present', 'open', 'won' or 'lost' after 'is' but found "
                    + w.describe());
          }
          return new Ast.Is(
              left.offset(), w.offset() + w.length() - left.offset(), left, w.is("present"));
        }
      }
      default -> {}
    }
    return left;
  }

  private Ast in(Ast subject, boolean negated) throws SyntaxError {
    expect("[", "'[' to start a list");
    List<Ast> items = new ArrayList<>();
    if (!peek().is("]")) {
      do {
        items.add(sum());
      } while (accept(","));
    }
    Token close = expect("]", "',' or ']'");
    return new Ast.In(
        subject.offset(), close.offset() + 1 - subject.offset(), subject, items, negated);
  }

  private Ast sum() throws SyntaxError {
    Ast left = product();
    while (peek().is("+") || peek().is("-")) {
      String op = next().text();
      Ast right = product();
      left = new Ast.Binary(left.offset(), end(right) - left.offset(), op, left, right);
    }
    return left;
  }

  private Ast product() throws SyntaxError {
    Ast left = unary();
    while (peek().is("*") || peek().is("/")) {
      String op = next().text();
      Ast right = unary();
      left = new Ast.Binary(left.offset(), end(right) - left.offset(), op, left, right);
    }
    return left;
  }

  private Ast unary() throws SyntaxError {
    Token t = peek();
    if (t.is("-")) {
      next();
      enter(t.offset());
      Ast operand = unary();
      depth--;
      return new Ast.Unary(t.offset(), end(operand) - t.offset(), "-", operand);
    }
    return primary();
  }

  private Ast primary() throws SyntaxError {
    Token t = next();
    switch (t.kind()) {
      case NUMBER, SPAN, STRING -> {
        return new Ast.Literal(t.offset(), t.length(), t.value());
      }
      case KEYWORD -> {
        if (t.is("true") || t.is("false")) {
          return new Ast.Literal(t.offset(), t.length(), Boolean.valueOf(t.text()));
        }
        throw new SyntaxError(t.offset(), "expected a value but found " + t.describe());
      }
      case IDENT -> {
        if (peek().is("(")) {
          return call(t);
        }
        List<String> parts = new ArrayList<>();
        parts.add(t.text());
        int endOffset = t.offset() + t.length();
        while (peek().is(".")) {
          next();
          Token part = next();
          if (part.kind() != Kind.IDENT && part.kind() != Kind.KEYWORD) {
            throw new SyntaxError(
                part.offset(), "expected a field name after '.' but found " + part.describe());
          }
          parts.add(part.text());
          endOffset = part.offset() + part.length();
          if (peek().is("(")) {
            throw new SyntaxError(
                peek().offset(),
                "'"
                    + String.join(".", parts)
                    + "(' is not allowed: only the functions of the condition language can be called");
          }
        }
        return new Ast.Name(t.offset(), endOffset - t.offset(), List.copyOf(parts));
      }
      case OP -> {
        if (t.is("(")) {
          Ast inner = implies();
          Token close = expect(")", "')'");
          return rewrap(inner, t.offset(), close.offset() + 1 - t.offset());
        }
        throw new SyntaxError(t.offset(), "expected a value but found " + t.describe());
      }
      case EOF -> throw new SyntaxError(t.offset(), "the condition ends too early");
      default -> throw new SyntaxError(t.offset(), "unexpected " + t.describe());
    }
  }

  private Ast call(Token name) throws SyntaxError {
    next(); // (
    enter(name.offset());
    List<Ast> args = new ArrayList<>();
    if (!peek().is(")")) {
      do {
        Ast arg = implies();
        if (atWord("as")) {
          if (!args.isEmpty()) {
            throw new SyntaxError(
                peek().offset(),
                "'as' names the items of the list in the first argument only, as in"
                    + " all(activities as demo, ...)");
          }
          next();
          Token n = next();
          if (n.kind() != Kind.IDENT) {
            throw new SyntaxError(
                n.offset(),
                "expected a name for each item after 'as', such as demo, but found "
                    + n.describe());
          }
          arg = new Ast.Bind(arg.offset(), n.offset() + n.length() - arg.offset(), arg, n.text());
        }
        args.add(arg);
      } while (accept(","));
    }
    Token close = expect(")", "',' or ')'");
    depth--;
    return new Ast.Call(
        name.offset(), close.offset() + 1 - name.offset(), name.text(), List.copyOf(args));
  }

  /** Parentheses widen a node's span to include them, so explanations quote them too. */
  private static Ast rewrap(Ast a, int offset, int length) {
    if (a instanceof Ast.Binary b) {
      return new Ast.Binary(offset, length, b.op(), b.left(), b.right());
    }
    if (a instanceof Ast.Unary u) {
      return new Ast.Unary(offset, length, u.op(), u.operand());
    }
    if (a instanceof Ast.In i) {
      return new Ast.In(offset, length, i.subject(), i.items(), i.negated());
    }
    if (a instanceof Ast.Is i) {
      return new Ast.Is(offset, length, i.subject(), i.present());
    }
    if (a instanceof Ast.Call c) {
      return new Ast.Call(offset, length, c.function(), c.args());
    }
    if (a instanceof Ast.Name n) {
      return new Ast.Name(offset, length, n.parts());
    }
    if (a instanceof Ast.Literal l) {
      return new Ast.Literal(offset, length, l.value());
    }
    return a;
  }
}
