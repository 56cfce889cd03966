package dev.playbook.reliability;

import dev.playbook.model.Activity;
import dev.playbook.model.CloseDateChange;
import dev.playbook.model.Contact;
import dev.playbook.model.Deal;
import dev.playbook.model.Evidence;
import dev.playbook.model.NextStep;
import dev.playbook.model.StageChange;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inputs that reach core bugs already reported (see {@code CoreFindingsTest} and the README), so
 * that a fuzz campaign spends its time finding new ones instead of the same one again. Each filter
 * only skips the evaluation step; loading and parsing still run. Run with {@code
 * -Dfuzz.knownIssues=report} to switch the filters off.
 *
 * <ul>
 *   <li>Business-day arithmetic walks one day at a time, so a huge {@code bd} span, or a
 *       business-day count between dates centuries apart, takes seconds to hours per evaluation.
 *   <li>Moving a date by a huge span overflows the representable instants and the evaluation fails
 *       with an {@code EvaluationException} on a playbook that loaded.
 *   <li>A number beyond the range of a double (an amount of 1e400) reads as infinity, and a message
 *       that prints it fails with a raw {@code NumberFormatException}.
 * </ul>
 */
final class KnownIssues {

  private KnownIssues() {}

  static final boolean REPORT = "report".equals(System.getProperty("fuzz.knownIssues"));

  private static final Pattern SPAN =
      Pattern.compile("(\\d+(?:\\.\\d+)?)(bd|d|w|h)(?![A-Za-z0-9_])");
  private static final double MAX_SPAN_DAYS = 20_000;
  private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

  private static final Pattern LONG_NUMBER = Pattern.compile("\\d{300}");

  /** True if evaluating a condition with this text would hit a reported bug. */
  static boolean skipCondition(String text) {
    if (REPORT) {
      return false;
    }
    if (LONG_NUMBER.matcher(text).find()) {
      return true;
    }
    Matcher m = SPAN.matcher(text);
    while (m.find()) {
      double amount = Double.parseDouble(m.group(1));
      double days =
          switch (m.group(2)) {
            case "h" -> amount / 24;
            case "w" -> amount * 7;
            default -> amount;
          };
      if (days > MAX_SPAN_DAYS) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if evaluating this deal would hit a reported bug: a date far outside 1900-2200, or a
   * number too large for a double.
   */
  static boolean skipDeal(Deal d) {
    if (REPORT) {
      return false;
    }
    List<java.math.BigDecimal> numbers = new ArrayList<>();
    numbers.add(d.amount());
    numbers.add(d.probability());
    d.activities().forEach(a -> numbers.addAll(a.counts().values()));
    d.custom()
        .values()
        .forEach(
            v -> {
              if (v instanceof dev.playbook.model.CustomValue.Number n) {
                numbers.add(n.value());
              }
            });
    if (numbers.stream().anyMatch(n -> n != null && Double.isInfinite(n.doubleValue()))) {
      return true;
    }
    List<Instant> dates = new ArrayList<>();
    dates.add(d.createdAt());
    dates.add(d.mqlAt());
    dates.add(d.sqlAt());
    dates.add(d.assignedAt());
    dates.add(day(d.closeDate()));
    for (StageChange s : d.stageHistory()) {
      dates.add(s.enteredAt());
    }
    for (CloseDateChange c : d.closeDateHistory()) {
      dates.add(day(c.from()));
      dates.add(day(c.to()));
      dates.add(c.changedAt());
    }
    for (Contact c : d.contacts()) {
      dates.add(c.lastEngagedAt());
    }
    for (Activity a : d.activities()) {
      dates.add(a.occurredAt());
    }
    for (NextStep n : d.nextSteps()) {
      dates.add(day(n.due()));
    }
    for (Evidence e : d.evidence().values()) {
      dates.add(e.updatedAt());
    }
    for (var v : d.custom().values()) {
      if (v instanceof dev.playbook.model.CustomValue.Date date) {
        dates.add(day(date.value()));
      }
    }
    return dates.stream().anyMatch(t -> t != null && (t.isBefore(EARLIEST) || t.isAfter(LATEST)));
  }

  private static Instant day(LocalDate d) {
    return d == null ? null : d.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
  }
}
