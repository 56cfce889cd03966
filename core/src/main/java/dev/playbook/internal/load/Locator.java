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
  private final Map<String, String[]> lines = new java.util.HashMap<>();

  Locator(Map<String, String> contents) {
    this.contents = contents;
  }

  Pos locate(Src src, int offset) {
    Pos p = src.pos();
    String content = contents.get(p.file());
    if (content == null || p.line() == 0) {
      return p;
    }
    String[] lines = this.lines.computeIfAbsent(p.file(), f -> content.replace("\r\n", "\n").replace('\r', '\n')
        .split("\n", -1));
    if (p.line() > lines.length) {
      return p;
    }
    String line = lines[p.line() - 1];
    int col0 = p.column() - 1;
    char first = col0 < line.length() ? line.charAt(col0) : ' ';
    String text = src.text();
    offset = Math.max(0, Math.min(offset, text.length()));
    if (first == '|' || first == '>') {
      // Block scalars: the text is the content lines without their indentation, joined by a
      // newline (literal '|') or a space (folded '>'); either way one character per line break.
      int consumed = 0;
      int indent = -1;
      for (int fileLine = p.line(); fileLine < lines.length; fileLine++) {
        String l = lines[fileLine];
        if (l.isBlank()) {
          if (indent >= 0) {
            consumed += 1;
          }
          continue;
        }
        int lead = 0;
        while (lead < l.length() && l.charAt(lead) == ' ') {
          lead++;
        }
        if (indent < 0) {
          indent = lead;
        } else if (lead < indent) {
          break;
        }
        int len = l.length() - indent;
        if (offset <= consumed + len) {
          return new Pos(p.file(), fileLine + 1, indent + 1 + (offset - consumed));
        }
        consumed += len + 1;
      }
      return p;
    }
    if (first == '"' || first == '\'') {
      if (text.indexOf('\n') < 0 && line.indexOf(first, col0 + 1) >= 0) {
        return new Pos(p.file(), p.line(), p.column() + 1 + offset);
      }
      return p;
    }
    if (col0 <= line.length()
        && line.startsWith(text.substring(0, Math.max(0, Math.min(text.length(), line.length() - col0))), col0)
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
