package dev.playbook.conversations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain {@code Speaker: text} lines. A line may start with a time, {@code [00:01:02]} or {@code
 * 00:01:02}; a line without a speaker continues the segment before it. With times, a segment ends
 * where the next one starts and the last one has no end (its speaking time is not counted). Either
 * every segment has a time or none has.
 */
final class TextReader {

  private static final Pattern TIME_PREFIX =
      Pattern.compile("^\\[?(" + Times.PATTERN + ")\\]?\\s+(.*)$");

  private record Pending(
      String speaker, Duration start, StringBuilder text, int line, int column) {}

  private TextReader() {}

  static void read(Source src) {
    List<Pending> pending = new ArrayList<>();
    int withTime = 0;
    int firstWithout = 0;
    int firstWith = 0;
    for (int n = 0; n < src.lines.size(); n++) {
      String line = src.lines.get(n);
      if (line.isBlank()) {
        continue;
      }
      Duration start = null;
      String rest = line.strip();
      Matcher t = TIME_PREFIX.matcher(rest);
      if (t.matches() && Times.parse(t.group(1)) != null) {
        start = Times.parse(t.group(1));
        rest = t.group(2);
      }
      SpeakerPrefix prefix = SpeakerPrefix.of(rest);
      if (prefix == null) {
        if (pending.isEmpty() || start != null) {
          src.problem(
              "missing-speaker",
              n + 1,
              column(line),
              "a line needs a speaker, as in 'Daniel Reed: text'");
          continue;
        }
        pending.get(pending.size() - 1).text().append(' ').append(rest);
        continue;
      }
      if (start != null) {
        withTime++;
        firstWith = firstWith == 0 ? n + 1 : firstWith;
      } else {
        firstWithout = firstWithout == 0 ? n + 1 : firstWithout;
      }
      pending.add(
          new Pending(
              prefix.speaker(), start, new StringBuilder(prefix.text()), n + 1, column(line)));
    }
    boolean timed = withTime > 0;
    if (timed && withTime < pending.size()) {
      src.problem(
          "invalid-time",
          firstWithout,
          1,
          "line "
              + firstWith
              + " starts with a time and this one does not; give every line a time or none");
      return;
    }
    for (int k = 0; k < pending.size(); k++) {
      Pending p = pending.get(k);
      Duration end = null;
      if (timed && k + 1 < pending.size()) {
        end = pending.get(k + 1).start();
        if (end.compareTo(p.start()) < 0) {
          src.problem(
              "invalid-time",
              pending.get(k + 1).line(),
              1,
              "time "
                  + Times.format(end)
                  + " is before the line above it ("
                  + Times.format(p.start())
                  + ")");
          return;
        }
      }
      if (!src.add(p.speaker(), p.start(), end, p.text().toString(), p.line(), p.column())) {
        return;
      }
    }
  }

  private static int column(String line) {
    int i = 0;
    while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    return i + 1;
  }
}
