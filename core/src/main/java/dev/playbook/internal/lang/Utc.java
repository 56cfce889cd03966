package dev.playbook.internal.lang;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * Calendar arithmetic in UTC straight from epoch seconds. {@code Instant.atZone(ZoneOffset.UTC)}
 * and {@code LocalDate.atStartOfDay(ZoneOffset.UTC)} build a new {@code ZoneRules} on every call,
 * which showed up in profiles of evaluation; these give the same results without it.
 */
public final class Utc {
  private static final long SECONDS_PER_DAY = 86_400;

  private Utc() {}

  /** The UTC calendar date of {@code at}. */
  public static LocalDate date(Instant at) {
    return LocalDate.ofEpochDay(Math.floorDiv(at.getEpochSecond(), SECONDS_PER_DAY));
  }

  /** The UTC time of day of {@code at}. */
  public static LocalTime time(Instant at) {
    long second = Math.floorMod(at.getEpochSecond(), SECONDS_PER_DAY);
    return LocalTime.ofNanoOfDay(second * 1_000_000_000L + at.getNano());
  }

  /** Midnight UTC at the start of {@code date}. */
  public static Instant startOf(LocalDate date) {
    return Instant.ofEpochSecond(date.toEpochDay() * SECONDS_PER_DAY);
  }

  /** {@code date} at the UTC time of day that {@code timeOf} has. */
  public static Instant atTimeOf(LocalDate date, Instant timeOf) {
    long second = Math.floorMod(timeOf.getEpochSecond(), SECONDS_PER_DAY);
    return Instant.ofEpochSecond(date.toEpochDay() * SECONDS_PER_DAY + second, timeOf.getNano());
  }
}
