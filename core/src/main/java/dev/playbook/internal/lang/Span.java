package dev.playbook.internal.lang;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A length of time written in a condition or a parameter: {@code 14d}, {@code 2bd}, {@code 3w},
 * {@code 24h}.
 */
public record Span(double amount, Unit unit) {

  public enum Unit {
    HOURS("h"),
    DAYS("d"),
    WEEKS("w"),
    BUSINESS_DAYS("bd");

    final String suffix;

    Unit(String suffix) {
      this.suffix = suffix;
    }

    public String suffix() {
      return suffix;
    }
  }

  /** Parses {@code 14d}, {@code 2bd}, {@code 3w}, {@code 24h}; null if the text is not a span. */
  public static Span parse(String text) {
    for (Unit u : new Unit[] {Unit.BUSINESS_DAYS, Unit.HOURS, Unit.DAYS, Unit.WEEKS}) {
      if (text.endsWith(u.suffix) && text.length() > u.suffix.length()) {
        String number = text.substring(0, text.length() - u.suffix.length());
        if (number.matches("\\d+(\\.\\d+)?")) {
          return new Span(Double.parseDouble(number), u);
        }
      }
    }
    return null;
  }

  /**
   * The span in calendar days; business days have no fixed length and are rejected by the checker.
   */
  public double days() {
    return switch (unit) {
      case HOURS -> amount / 24.0;
      case DAYS -> amount;
      case WEEKS -> amount * 7;
      case BUSINESS_DAYS -> throw new IllegalStateException("business days have no length in days");
    };
  }

  /** {@code at} moved forward ({@code sign} 1) or back ({@code sign} -1) by this span. */
  public Instant addTo(Instant at, int sign) {
    if (unit == Unit.BUSINESS_DAYS) {
      return BusinessDays.add(at, (int) Math.round(amount) * sign);
    }
    long seconds = Math.round(days() * 86_400) * sign;
    return at.plus(Duration.ofSeconds(seconds));
  }

  @Override
  public String toString() {
    if (amount == Math.rint(amount) && Math.abs(amount) < 1e15) {
      return (long) amount + unit.suffix;
    }
    return new java.math.BigDecimal(Double.toString(amount)).stripTrailingZeros().toPlainString()
        + unit.suffix;
  }

  /** Monday-to-Friday arithmetic in UTC; holidays are not known to the engine. */
  public static final class BusinessDays {
    private BusinessDays() {}

    public static Instant add(Instant at, int days) {
      LocalDate d = Utc.date(at);
      int step = days >= 0 ? 1 : -1;
      int left = Math.abs(days);
      // whole weeks at once: five business days are seven calendar days from any day
      long weeks = Math.max(0, (left - 5) / 5);
      d = d.plusDays(step * weeks * 7);
      left -= (int) (weeks * 5);
      while (left > 0) {
        d = d.plusDays(step);
        if (isWorkday(d)) {
          left--;
        }
      }
      return Utc.atTimeOf(d, at);
    }

    /**
     * Whole business days elapsed from {@code from} to {@code to}: the largest n with {@code from +
     * n business days <= to} (time of day included), negative if {@code to} is earlier.
     */
    public static long between(Instant from, Instant to) {
      if (to.isBefore(from)) {
        return -between(to, from);
      }
      LocalDate a = Utc.date(from);
      LocalDate b = Utc.date(to);
      long span = java.time.temporal.ChronoUnit.DAYS.between(a, b);
      long weeks = Math.max(0, span / 7 - 1);
      long count = weeks * 5;
      for (LocalDate d = a.plusDays(1 + weeks * 7); !d.isAfter(b); d = d.plusDays(1)) {
        if (isWorkday(d)) {
          count++;
        }
      }
      while (count > 0 && add(from, (int) count).isAfter(to)) {
        count--;
      }
      return count;
    }

    /** {@code d}, or the Monday after it when it is a Saturday or a Sunday. */
    public static LocalDate onOrAfter(LocalDate d) {
      LocalDate out = d;
      while (!isWorkday(out)) {
        out = out.plusDays(1);
      }
      return out;
    }

    static boolean isWorkday(LocalDate d) {
      DayOfWeek w = d.getDayOfWeek();
      return w != DayOfWeek.SATURDAY && w != DayOfWeek.SUNDAY;
    }
  }
}
