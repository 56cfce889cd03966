package dev.playbook.conversations;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Timestamps as transcripts write them: {@code [hh:]mm:ss[.mmm]}, with {@code ,} allowed for {@code
 * .}.
 */
final class Times {

  static final String PATTERN = "(?:\\d{1,3}:)?\\d{1,2}:\\d{2}(?:[.,]\\d{1,3})?";
  private static final Pattern TIME =
      Pattern.compile("(?:(\\d{1,3}):)?(\\d{1,2}):(\\d{2})(?:[.,](\\d{1,3}))?");

  private Times() {}

  /**
   * The offset {@code text} writes, or null if it is not a timestamp or has minutes or seconds over
   * 59.
   */
  static Duration parse(String text) {
    Matcher m = TIME.matcher(text.strip());
    if (!m.matches()) {
      return null;
    }
    int hours = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
    int minutes = Integer.parseInt(m.group(2));
    int seconds = Integer.parseInt(m.group(3));
    if (minutes > 59 || seconds > 59) {
      return null;
    }
    String frac = m.group(4) == null ? "0" : (m.group(4) + "00").substring(0, 3);
    return Duration.ofHours(hours)
        .plusMinutes(minutes)
        .plusSeconds(seconds)
        .plusMillis(Integer.parseInt(frac));
  }

  /** {@code mm:ss} or {@code h:mm:ss}, with milliseconds when there are any. */
  static String format(Duration d) {
    long ms = d.toMillis();
    long h = ms / 3_600_000;
    long m = ms / 60_000 % 60;
    long s = ms / 1000 % 60;
    long rest = ms % 1000;
    String out = h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%02d:%02d", m, s);
    return rest == 0 ? out : out + String.format(".%03d", rest);
  }
}
