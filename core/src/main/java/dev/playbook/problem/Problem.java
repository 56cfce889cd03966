package dev.playbook.problem;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Comparator;

/**
 * One problem found in a file a person wrote: a playbook, a rule file or a deal file.
 *
 * <p>{@code line} and {@code column} are 1-based and point into the file as the author wrote it; 0
 * means the position is not known (for example a file that could not be read at all). Problems sort
 * by file, line, column, code and message, and render as {@code file:line:col: code: message}.
 *
 * @param code a stable, documented identifier such as {@code unknown-field}
 * @param file the file as the caller named it
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param message a sentence for the author, with no stack trace and no Java class name
 */
public record Problem(String code, String file, int line, int column, String message)
    implements Comparable<Problem> {

  private static final Comparator<Problem> ORDER =
      Comparator.comparing(Problem::file)
          .thenComparingInt(Problem::line)
          .thenComparingInt(Problem::column)
          .thenComparing(Problem::code)
          .thenComparing(Problem::message);

  public Problem {
    requireNonNull(code, "code");
    requireNonNull(file, "file");
    requireNonNull(message, "message");
    message = visible(message);
    file = visible(file);
    checkArgument(line >= 0, "line %s must be >= 0", line);
    checkArgument(column >= 0, "column %s must be >= 0", column);
  }

  /**
   * Control characters and bidirectional overrides from an author's text are shown as {@code
   * \\uXXXX}, so that a message stays one line and reads as written.
   */
  private static String visible(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean hidden =
          c < 0x20
              || c == 0x7f
              || (c >= 0x80 && c < 0xa0)
              || (c >= 0x202a && c <= 0x202e)
              || (c >= 0x2066 && c <= 0x2069)
              || c == 0x200e
              || c == 0x200f
              || c == 0x061c
              || c == 0x2028
              || c == 0x2029;
      if (hidden) {
        if (out == null) {
          out = new StringBuilder(s.substring(0, i));
        }
        out.append(String.format("\\u%04X", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  /**
   * Renders {@code file:line:col: code: message}; without a position, {@code file: code: message}.
   */
  public String render() {
    if (line == 0) {
      return file + ": " + code + ": " + message;
    }
    return file + ":" + line + ":" + column + ": " + code + ": " + message;
  }

  @Override
  public int compareTo(Problem other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return render();
  }
}
