package dev.playbook.internal.load;

import dev.playbook.internal.load.Defs.Src;
import dev.playbook.internal.tree.Pos;
import java.util.Map;

/**
 * Maps an offset into a condition or template back to a line and column of the YAML file it was
 * written in. Exact for plain and quoted one-line scalars and for literal block scalars
 * ({@code |}); for folded or multi-line plain scalars it points at the line the text is on when
 * it can find it, else at the scalar's start.
 */
final class Locator {

  private final Map<String, String> contents;

  Locator(Map<String, String> contents) {
    this.contents = contents;
  }

  Pos locate(Src src, int offset) {
    Pos p = src.pos();
    String content = contents.get(p.file());
    if (content == null || p.line() == 0) {
      return p;
    }
    String[] lines = content.split("\n", -1);
    if (p.line() > lines.length) {
      return p;
    }
    String line = lines[p.line() - 1];
    int col0 = p.column() - 1;
    char first = col0 < line.length() ? line.charAt(col0) : ' ';
    String text = src.text();
    offset = Math.max(0, Math.min(offset, text.length()));
    if (first == '|' || first == '>') {
      int lineInText = 0;
      int lineStart = 0;
      for (int i = 0; i < offset; i++) {
        if (text.charAt(i) == '\n') {
          lineInText++;
          lineStart = i + 1;
        }
      }
      // content starts on the next non-blank line; find the (lineInText)-th content line
      int fileLine = p.line(); // 0-based index of the line after the indicator
      int seen = -1;
      while (fileLine < lines.length) {
        String l = lines[fileLine];
        if (!l.isBlank() || seen >= 0) {
          seen++;
          if (seen == lineInText) {
            int indent = 0;
            while (indent < l.length() && l.charAt(indent) == ' ') {
              indent++;
            }
            return new Pos(p.file(), fileLine + 1, indent + 1 + (offset - lineStart));
          }
        }
        fileLine++;
      }
      return p;
    }
    if (first == '"' || first == '\'') {
      if (text.indexOf('\n') < 0 && line.indexOf(first, col0 + 1) >= 0) {
        return new Pos(p.file(), p.line(), p.column() + 1 + offset);
      }
      return p;
    }
    if (line.startsWith(text.substring(0, Math.min(text.length(), line.length() - col0)), col0)
        && offset <= line.length() - col0) {
      return new Pos(p.file(), p.line(), p.column() + offset);
    }
    // a plain scalar folded over several lines: find the word on a following line
    int upto = Math.min(text.length(), offset + 12);
    String probe = text.substring(offset, upto).split(" ")[0];
    for (int l = p.line() - 1; l < Math.min(lines.length, p.line() + 50) && !probe.isEmpty(); l++) {
      int at = lines[l].indexOf(probe, l == p.line() - 1 ? col0 : 0);
      if (at >= 0 && l > p.line() - 1) {
        return new Pos(p.file(), l + 1, at + 1);
      }
    }
    return p;
  }
}
