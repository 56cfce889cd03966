package dev.playbook.internal.tree;

import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * Describes a YAML syntax error for the person who wrote the file. The description is taken from
 * what the parser knows for certain, never from the wording of its message: whether the scanner (a
 * character that cannot be read) or the parser (a structure that does not fit) stopped, the marks
 * it gives (where the construct it was reading starts, where it stopped), and the characters that
 * stand in the file at those marks.
 */
final class YamlSyntax {

  private YamlSyntax() {}

  /**
   * A message and the 0-based line and column it belongs at ({@code line} -1: where reading had
   * reached).
   */
  record Located(int line, int column, String message) {
    Located(Mark mark, String message) {
      this(mark == null ? -1 : mark.getLine(), mark == null ? -1 : mark.getColumn(), message);
    }
  }

  /** The file's text, looked at by code point index, as the parser's marks count. */
  record Source(String text) {
    /** The code point at a code point index, or -1 past the end. */
    int at(int index) {
      int i = offset(index);
      return i < 0 || i >= text.length() ? -1 : text.codePointAt(i);
    }

    /** The char offset of a code point index; -1 past the end. */
    int offset(int index) {
      if (index < 0) {
        return -1;
      }
      try {
        return text.offsetByCodePoints(0, index);
      } catch (IndexOutOfBoundsException e) {
        return -1;
      }
    }

    boolean atEnd(int index) {
      int i = offset(index);
      return i < 0 || text.substring(i).isBlank();
    }
  }

  /** Whether the parser stopped at a directive ({@code %YAML}, {@code %TAG}) at a line's start. */
  static boolean directive(MarkedYamlEngineException e, Source source) {
    Mark problem = e.getProblemMark().orElse(null);
    return problem != null
        && e.getContextMark().isEmpty()
        && problem.getColumn() == 0
        && source.at(problem.getIndex()) == '%';
  }

  static Located describe(MarkedYamlEngineException e, boolean parser, Source source) {
    Mark problem = e.getProblemMark().orElse(null);
    Mark context = e.getContextMark().orElse(null);
    if (problem == null) {
      return new Located(context, "the file could not be read here");
    }
    Located tab = tab(problem, source);
    if (tab != null) {
      return tab;
    }
    return parser ? structure(problem, context, source) : character(problem, context, source);
  }

  /**
   * A tab in the blanks just before the place reading stopped, or at it: YAML allows tabs between
   * the parts of a line, never where indentation counts, so when reading fails right after one, the
   * tab is the mistake.
   */
  private static Located tab(Mark problem, Source source) {
    int index = problem.getIndex();
    int first = source.at(index) == '\t' ? index : -1;
    for (int i = index - 1, column = problem.getColumn() - 1; column >= 0; i--, column--) {
      int before = source.at(i);
      if (before == '\t') {
        first = i;
      } else if (before != ' ') {
        break;
      }
    }
    if (first < 0) {
      // a tab in the indentation of the line, before the list dashes and '?' that belong to it
      int lineStart = index - problem.getColumn();
      for (int i = lineStart; i < index; i++) {
        int c = source.at(i);
        int after = source.at(i + 1);
        if (c == '\t') {
          first = i;
          break;
        }
        boolean indicator = (c == '-' || c == '?') && (after == ' ' || after == '\t');
        if (c != ' ' && !indicator) {
          break;
        }
      }
    }
    if (first < 0) {
      return null;
    }
    return new Located(
        problem.getLine(),
        problem.getColumn() - (index - first),
        "tabs are not allowed for indentation; use spaces");
  }

  /** The scanner stopped: a character that cannot be read where it stands. */
  private static Located character(Mark problem, Mark context, Source source) {
    int c = source.at(problem.getIndex());
    if (context == null) {
      return new Located(
          problem,
          switch (c) {
            case ':' -> "a ':' is not allowed here; put a value that contains ': ' in quotes";
            case '-' -> "a list entry ('- ') is not allowed here; check the indentation";
            case '?' -> "a complex key ('? ') is not allowed here; check the indentation";
            default ->
                c < 0
                    ? "the file ends too early"
                    : "'"
                        + Character.toString(c)
                        + "' cannot start a value; put the value in quotes";
          });
    }
    int open = source.at(context.getIndex());
    if ((open == '"' || open == '\'') && insideQuotes(context, problem, source, open)) {
      return quoted(problem, context, source, open);
    }
    boolean sameLine = context.getLine() == problem.getLine();
    switch (open) {
      case '&':
      case '*':
        if (sameLine) {
          return new Located(
              problem,
              "an anchor or alias name may hold only letters, digits, '-'"
                  + " and '_'; put the value in quotes");
        }
        break;
      case '!':
        if (sameLine) {
          return new Located(
              problem, "'!' starts a tag, which is not allowed; put the value in" + " quotes");
        }
        break;
      case '%':
        return new Located(problem, "this directive ('%') is not valid YAML; remove the line");
      case '|':
      case '>':
        return new Located(
            problem,
            "after '"
                + Character.toString(open)
                + "' only '-', '+', a"
                + " digit from 1 to 9 or a comment may follow on the same line");
      default:
        if (open == ' ' || open == '\n' || open == '\r' || open < 0) {
          // a block scalar whose first line is indented less than blank lines before it
          return new Located(
              problem,
              "the first line of this block text is indented less than"
                  + " the blank lines before it");
        }
    }
    // a key that was required here (a line at the indentation of a mapping) has no ':'
    return new Located(problem, "expected 'key: value' here; is a ':' missing?");
  }

  /** Whether the scanner stopped inside the quoted scalar that opens at {@code context}. */
  private static boolean insideQuotes(Mark context, Mark problem, Source source, int quote) {
    String text = source.text();
    int from = source.offset(context.getIndex());
    int to = source.offset(problem.getIndex());
    to = to < 0 ? text.length() : to;
    for (int i = from + 1; i < text.length() && i < to; i++) {
      char ch = text.charAt(i);
      if (quote == '"' && ch == '\\') {
        i++;
      } else if (ch == quote) {
        if (quote == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
          i++;
        } else {
          return false;
        }
      }
    }
    return true;
  }

  private static Located quoted(Mark problem, Mark context, Source source, int quote) {
    int index = problem.getIndex();
    if (source.at(index) < 0) {
      return new Located(context, "this quoted value is never closed");
    }
    int before = source.at(index - 1);
    if (quote == '"'
        && (before == 'x' || before == 'u' || before == 'U')
        && source.at(index - 2) == '\\') {
      int digits = before == 'x' ? 2 : before == 'u' ? 4 : 8;
      return new Located(
          problem,
          "'\\"
              + Character.toString(before)
              + "' must be followed by "
              + digits
              + " hexadecimal digits");
    }
    if (quote == '"' && before == '\\') {
      return new Located(
          problem,
          "'\\"
              + Character.toString(source.at(index))
              + "' is not an escape YAML knows; write '\\\\' for a backslash");
    }
    if (problem.getColumn() == 0) {
      return new Located(
          problem,
          "a line inside this quoted value starts with '---' or '...',"
              + " which ends the document; indent the line");
    }
    return new Located(problem, "this quoted value cannot be read here");
  }

  /** The parser stopped: the tokens are readable but do not fit together. */
  private static Located structure(Mark problem, Mark context, Source source) {
    int c = source.at(problem.getIndex());
    if (context == null) {
      if (c == ']' || c == '}') {
        return new Located(
            problem, "found '" + Character.toString(c) + "' with nothing open to close");
      }
      if (c == '%') {
        return new Located(
            problem, "a directive ('%') may only stand once, before the first '---'");
      }
      return new Located(problem, "unexpected content after the end of the document");
    }
    int open = source.at(context.getIndex());
    if (open == '[' || open == '{') {
      String close = open == '[' ? "]" : "}";
      if (source.atEnd(problem.getIndex())) {
        return new Located(
            problem, "the file ends before a '" + Character.toString(open) + "' is closed");
      }
      if (context.getIndex() != problem.getIndex()) {
        return new Located(problem, "expected ',' or '" + close + "' here");
      }
    }
    if (context.getIndex() == problem.getIndex() || c == '!') {
      // a node was expected where this token stands
      if (c == ']' || c == '}') {
        return new Located(
            problem, "found '" + Character.toString(c) + "' with nothing open to close");
      }
      return new Located(
          problem,
          c < 0
              ? "the file ends before the value is complete"
              : "expected a value here, found '" + Character.toString(c) + "'");
    }
    // a block mapping or list that this token does not continue
    return new Located(problem, "the indentation here does not match the lines above");
  }
}
