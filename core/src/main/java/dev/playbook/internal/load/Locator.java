package dev.playbook.internal.load;

import dev.playbook.internal.load.Defs.Src;
import dev.playbook.internal.tree.Node.Scalar;
import dev.playbook.internal.tree.Node.Scalar.Style;
import dev.playbook.internal.tree.Pos;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps an offset into a condition or template back to a line and column of the YAML file it was
 * written in. The scalar's style and marks, kept by the reader, say how its text was written and
 * where: the source between the marks is walked the way YAML turns it into text (quotes, escapes
 * and {@code ''}, lines folded into spaces, block lines without their indentation), so that every
 * character of the text has its place. Columns count code points, as the reader's do.
 */
final class Locator {

  private final Map<String, String> contents;
  private final Map<String, int[][]> lines = new HashMap<>();

  Locator(Map<String, String> contents) {
    this.contents = contents;
  }

  Pos locate(Src src, int offset) {
    Scalar scalar = src.scalar();
    Pos start = scalar.pos();
    String content = contents.get(start.file());
    if (content == null || start.line() == 0) {
      return start;
    }
    int[][] file = lines.computeIfAbsent(start.file(), f -> split(content));
    if (start.line() > file.length) {
      return start;
    }
    int at = Math.max(0, Math.min(offset, scalar.text().length()));
    return scalar.style() == Style.LITERAL || scalar.style() == Style.FOLDED
        ? block(scalar, file, at)
        : flow(scalar, file, at);
  }

  /** The file's lines as code points; a line ends at CR LF, CR or LF. */
  private static int[][] split(String content) {
    String[] text = content.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    int[][] out = new int[text.length][];
    for (int i = 0; i < text.length; i++) {
      out[i] = text[i].codePoints().toArray();
    }
    return out;
  }

  /**
   * A plain or quoted scalar: line breaks inside it fold into one space (or into one line break per
   * empty line), with the spaces around them dropped; in single quotes {@code ''} is one quote, in
   * double quotes an escape is one character and a backslash at the end of a line joins the lines.
   */
  private static Pos flow(Scalar scalar, int[][] file, int offset) {
    Pos start = scalar.pos();
    Pos end = scalar.end();
    int quote =
        scalar.style() == Style.SINGLE_QUOTED
            ? '\''
            : scalar.style() == Style.DOUBLE_QUOTED ? '"' : 0;
    int skip = quote == 0 ? 0 : 1;
    int last = Math.min(Math.max(end.line(), start.line()), file.length);
    int produced = 0;
    int blank = 0;
    boolean joined = false;
    for (int l = start.line(); l <= last; l++) {
      int[] line = file[l - 1];
      int from = l == start.line() ? start.column() - 1 + skip : indentation(line);
      int to = l == end.line() ? end.column() - 1 - skip : trimmed(line, from);
      to = Math.min(to, line.length);
      if (l > start.line()) {
        if (from >= to && l != end.line()) {
          blank++;
          continue;
        }
        int separator = joined ? blank : Math.max(1, blank);
        if (offset < produced + separator) {
          return new Pos(start.file(), l, from + 1);
        }
        produced += separator;
        blank = 0;
        joined = false;
      }
      for (int i = from; i < to; ) {
        int c = line[i];
        int read = 1;
        int made = Character.charCount(c);
        if (quote == '\'' && c == '\'' && i + 1 < to && line[i + 1] == '\'') {
          read = 2;
          made = 1;
        } else if (quote == '"' && c == '\\') {
          if (i + 1 >= to) {
            joined = true;
            break;
          }
          int kind = line[i + 1];
          int digits = kind == 'x' ? 2 : kind == 'u' ? 4 : kind == 'U' ? 8 : 0;
          read = 2 + digits;
          made = digits == 8 ? 2 : 1;
        }
        if (offset < produced + made) {
          return new Pos(start.file(), l, i + 1);
        }
        produced += made;
        i += read;
      }
    }
    // the end of the text: the closing quote, or just after a plain scalar
    return quote == 0 ? end : new Pos(end.file(), end.line(), Math.max(1, end.column() - 1));
  }

  /**
   * A block scalar ({@code |} or {@code >}): its lines start on the line after the indicator and
   * are indented as the first line that is not empty; each line break is one character of the text,
   * except that a folded scalar turns a run of empty lines between two lines of the same
   * indentation into one break per empty line.
   */
  private static Pos block(Scalar scalar, int[][] file, int offset) {
    Pos start = scalar.pos();
    boolean folded = scalar.style() == Style.FOLDED;
    int indent = -1;
    int produced = 0;
    int blank = 0;
    boolean wasMore = false;
    Pos after = start;
    for (int l = start.line() + 1; l <= file.length; l++) {
      int[] line = file[l - 1];
      int lead = 0;
      while (lead < line.length && line[lead] == ' ') {
        lead++;
      }
      if (lead == line.length) {
        blank++;
        continue;
      }
      if (indent < 0) {
        indent = lead;
        produced += blank; // empty lines before the first one are line breaks of the text
      } else if (lead < indent) {
        break;
      } else {
        boolean more = lead > indent;
        int separator = folded && blank > 0 && !more && !wasMore ? blank : blank + 1;
        if (offset < produced + separator) {
          return new Pos(start.file(), l, indent + 1);
        }
        produced += separator;
      }
      blank = 0;
      wasMore = lead > indent;
      for (int i = indent; i < line.length; i++) {
        int made = Character.charCount(line[i]);
        if (offset < produced + made) {
          return new Pos(start.file(), l, i + 1);
        }
        produced += made;
      }
      after = new Pos(start.file(), l, line.length + 1);
    }
    return after;
  }

  private static int indentation(int[] line) {
    int i = 0;
    while (i < line.length && (line[i] == ' ' || line[i] == '\t')) {
      i++;
    }
    return i;
  }

  /** The end of a line that continues a scalar, without the spaces before its line break. */
  private static int trimmed(int[] line, int from) {
    int to = line.length;
    while (to > from && (line[to - 1] == ' ' || line[to - 1] == '\t')) {
      to--;
    }
    return to;
  }
}
