package dev.playbook.reliability;

import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the fuzz targets accept: a {@link ProblemException} whose problems are well formed, with
 * positions inside the file and messages an author can read (no Java class name, no exception name,
 * no stack trace, unless the author's own text contained it). Anything else is a finding.
 */
final class Verdicts {

  private Verdicts() {}

  private static final Pattern CLASS_NAME =
      Pattern.compile(
          "\\b(?:java|javax|jdk|sun|org|com|dev|net)\\.(?:[a-z_][a-z0-9_]*\\.)*[A-Z][A-Za-z0-9_$]*");
  private static final Pattern EXCEPTION_NAME =
      Pattern.compile("\\b[A-Z][A-Za-z0-9]*(?:Exception|Error)\\b");
  private static final Pattern STACK_FRAME = Pattern.compile("\\n\\s*at [\\w.$]+\\(");
  private static final Pattern CODE = Pattern.compile("[a-z]+(-[a-z]+)*");

  /**
   * Checks every problem of {@code e}; {@code input} is the author's text the problems are about.
   */
  static void checkProblems(ProblemException e, String file, String input) {
    if (e.problems().isEmpty()) {
      throw new AssertionError("a ProblemException without problems");
    }
    int lines = lineCount(input);
    for (Problem p : e.problems()) {
      check(p, input);
      if (p.file().equals(file) && p.line() > lines + 1) {
        throw new AssertionError(
            "problem line "
                + p.line()
                + " is past the end of the file ("
                + lines
                + " lines): "
                + p.render());
      }
    }
  }

  /** Checks one problem's code and message. */
  static void check(Problem p, String input) {
    if (!CODE.matcher(p.code()).matches()) {
      throw new AssertionError(
          "problem code '" + p.code() + "' is not a documented-style code: " + p.render());
    }
    readable(p.message(), input, p.render());
  }

  /**
   * A message for an author: no class names, exception names or stack frames they did not write.
   */
  static void readable(String message, String input, String context) {
    if (message == null || message.isBlank()) {
      throw new AssertionError("empty message: " + context);
    }
    if (STACK_FRAME.matcher(message).find()) {
      throw new AssertionError("stack trace in a message: " + context);
    }
    for (Pattern pattern : new Pattern[] {CLASS_NAME, EXCEPTION_NAME}) {
      Matcher m = pattern.matcher(message);
      while (m.find()) {
        if (!input.contains(m.group())) {
          throw new AssertionError("Java name '" + m.group() + "' in a message: " + context);
        }
      }
    }
  }

  /** Lines as YAML counts them: \n, \r\n, \r, U+0085, U+2028 and U+2029 each end a line. */
  static int lineCount(String s) {
    int n = 1;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n'
          || c == '\u0085'
          || c == '\u2028'
          || c == '\u2029'
          || (c == '\r' && (i + 1 >= s.length() || s.charAt(i + 1) != '\n'))) {
        n++;
      }
    }
    return n;
  }
}
