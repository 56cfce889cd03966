package dev.playbook.internal.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Splits a condition into tokens. Only the characters of the grammar are accepted. */
final class Lexer {

  enum Kind {
    NUMBER,
    SPAN,
    STRING,
    IDENT,
    KEYWORD,
    OP,
    ERROR,
    EOF
  }

  record Token(Kind kind, String text, Object value, int offset, int length) {
    boolean is(String s) {
      return (kind == Kind.OP || kind == Kind.KEYWORD) && text.equals(s);
    }

    String describe() {
      return switch (kind) {
        case EOF -> "the end of the condition";
        case STRING -> "the text \"" + text + "\"";
        default -> "'" + text + "'";
      };
    }
  }

  static final Set<String> KEYWORDS =
      Set.of("and", "or", "not", "in", "contains", "is", "missing", "present", "true", "false");

  private static final int MAX_LENGTH = 4_000;

  private Lexer() {}

  /**
   * Tokenizes {@code src}. A character outside the grammar ends the list with an {@link Kind#ERROR}
   * token, so that the parser reports whichever problem comes first in the text.
   */
  static List<Token> tokenize(String src) throws SyntaxError {
    if (src.length() > MAX_LENGTH) {
      throw new SyntaxError(
          MAX_LENGTH, "a condition may be at most " + MAX_LENGTH + " characters long");
    }
    List<Token> out = new ArrayList<>();
    try {
      scan(src, out);
    } catch (SyntaxError e) {
      out.add(new Token(Kind.ERROR, e.getMessage(), null, e.offset(), 0));
    }
    return out;
  }

  private static void scan(String src, List<Token> out) throws SyntaxError {
    int i = 0;
    int n = src.length();
    while (i < n) {
      char c = src.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        i++;
        continue;
      }
      int start = i;
      if (isDigit(c)) {
        while (i < n && isDigit(src.charAt(i))) {
          i++;
        }
        if (i + 1 < n && src.charAt(i) == '.' && isDigit(src.charAt(i + 1))) {
          i++;
          while (i < n && isDigit(src.charAt(i))) {
            i++;
          }
        }
        int numberEnd = i;
        while (i < n && isLetter(src.charAt(i))) {
          i++;
        }
        String text = src.substring(start, i);
        if (i == numberEnd) {
          double value = Double.parseDouble(text);
          if (Double.isInfinite(value)) {
            throw new SyntaxError(
                start,
                "the number "
                    + text.substring(0, Math.min(12, text.length()))
                    + "... is too large");
          }
          out.add(new Token(Kind.NUMBER, text, value, start, i - start));
        } else {
          Span span = Span.parse(text);
          if (span == null) {
            throw new SyntaxError(
                start, "'" + text + "' is not a number or a time span (write 14d, 2bd, 3w or 24h)");
          }
          out.add(new Token(Kind.SPAN, text, span, start, i - start));
        }
        continue;
      }
      if (isLetter(c) || c == '_') {
        while (i < n
            && (isLetter(src.charAt(i)) || isDigit(src.charAt(i)) || src.charAt(i) == '_')) {
          i++;
        }
        String text = src.substring(start, i);
        Kind kind = KEYWORDS.contains(text) ? Kind.KEYWORD : Kind.IDENT;
        out.add(new Token(kind, text, null, start, i - start));
        continue;
      }
      if (c == '"' || c == '\'') {
        StringBuilder sb = new StringBuilder();
        i++;
        boolean closed = false;
        while (i < n) {
          char d = src.charAt(i);
          if (d == c) {
            closed = true;
            i++;
            break;
          }
          if (d == '\\') {
            if (i + 1 >= n) {
              break;
            }
            char e = src.charAt(i + 1);
            if (e == c || e == '\\') {
              sb.append(e);
              i += 2;
              continue;
            }
            throw new SyntaxError(
                i, "'\\" + e + "' is not an escape; inside quotes only \\" + c + " and \\\\ are");
          }
          if (d == '\n' || d == '\r') {
            break;
          }
          sb.append(d);
          i++;
        }
        if (!closed) {
          throw new SyntaxError(start, "this text has no closing " + c);
        }
        out.add(new Token(Kind.STRING, sb.toString(), sb.toString(), start, i - start));
        continue;
      }
      String two = i + 1 < n ? src.substring(i, i + 2) : "";
      if (two.equals("==") || two.equals("!=") || two.equals("<=") || two.equals(">=")) {
        out.add(new Token(Kind.OP, two, null, start, 2));
        i += 2;
        continue;
      }
      if ("<>+-*/()[],.".indexOf(c) >= 0) {
        out.add(new Token(Kind.OP, String.valueOf(c), null, start, 1));
        i++;
        continue;
      }
      if (c == '=') {
        throw new SyntaxError(start, "'=' is not an operator; write '==' to compare");
      }
      if (c == '&' || c == '|') {
        throw new SyntaxError(start, "'" + c + "' is not an operator; write 'and' or 'or'");
      }
      if (c == '!') {
        throw new SyntaxError(start, "'!' is not an operator; write 'not' or '!='");
      }
      throw new SyntaxError(start, "unexpected character " + describe(c));
    }
    out.add(new Token(Kind.EOF, "", null, n, 0));
  }

  private static String describe(int c) {
    if (c < 0x20 || c == 0x7f) {
      return String.format("U+%04X", c);
    }
    return "'" + (char) c + "'";
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
