package dev.playbook.insights.loop;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A span of calendar days ({@code 3d}), business days ({@code 5bd}, Monday to Friday) or weeks
 * ({@code 2w}), as the playbook's due spans are written.
 *
 * @param amount how many units, 0 to 3650
 * @param unit {@code d}, {@code bd} or {@code w}
 */
record Span(int amount, String unit) {

  private static final Pattern FORM = Pattern.compile("(\\d{1,4})(d|bd|w)");

  /** The span written as {@code text}, or null when it is not a span. */
  static Span parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      return null;
    }
    int n = Integer.parseInt(m.group(1));
    return n > 3650 ? null : new Span(n, m.group(2));
  }

  /** The date this span after {@code from}. */
  LocalDate after(LocalDate from) {
    return switch (unit) {
      case "d" -> from.plusDays(amount);
      case "w" -> from.plusWeeks(amount);
      default -> {
        LocalDate d = from;
        for (int left = amount; left > 0; ) {
          d = d.plusDays(1);
          if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
            left--;
          }
        }
        yield d;
      }
    };
  }

  @Override
  public String toString() {
    return amount + unit;
  }
}
