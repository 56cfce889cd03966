package dev.playbook.insights.report;

import java.util.Locale;
import java.util.Set;

/**
 * How the report page prints a number of the report. The format depends only on the name of the
 * JSON field the number is written to (the last name in its path), so the page and a test that
 * reads the page against report.json format the same value the same way.
 */
final class Figures {

  /** What the page prints for a value that is null or missing. */
  static final String NONE = "—";

  /** Shares between 0 and 1, printed as percentages with one decimal. */
  private static final Set<String> SHARES =
      Set.of(
          "win_rate",
          "compliance_rate",
          "flagged_share",
          "conversion_from_previous",
          "ci_low",
          "ci_high");

  /** Differences of two shares, printed as signed percentage points. */
  private static final Set<String> DIFFERENCES = Set.of("diff_ci_low", "diff_ci_high");

  /** Quantities with a unit, printed with one decimal. */
  private static final Set<String> DECIMALS = Set.of("median_days_from_previous", "seconds");

  private Figures() {}

  /**
   * The value at {@code path} (such as {@code by_rep[2].win_rate}) as the page prints it: shares as
   * {@code 42.2%}, heat-map cells ({@code rep_rule_compliance.rates[i][j]}) as {@code 42%}, CI
   * bounds of a difference as {@code +12.9 pp}, lift as {@code 1.36×}, days and seconds with one
   * decimal, everything else as a whole number with thousands separators; null as {@code —}.
   */
  static String format(String path, Number value) {
    if (value == null) {
      return NONE;
    }
    double v = value.doubleValue();
    String field = field(path);
    if (field.equals("rates")) {
      return String.format(Locale.ROOT, "%.0f%%", v * 100);
    }
    if (SHARES.contains(field)) {
      return String.format(Locale.ROOT, "%.1f%%", v * 100);
    }
    if (DIFFERENCES.contains(field)) {
      return String.format(Locale.ROOT, "%+.1f pp", v * 100)
          .replace("+0.0 pp", "0.0 pp")
          .replace("-0.0 pp", "0.0 pp");
    }
    if (field.equals("lift")) {
      return String.format(Locale.ROOT, "%.2f×", v);
    }
    if (DECIMALS.contains(field)) {
      return String.format(Locale.ROOT, "%,.1f", v);
    }
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  /** The name of the field a path ends in: {@code win_rate} for {@code by_rep[2].win_rate}. */
  static String field(String path) {
    String last = path.substring(path.lastIndexOf('.') + 1);
    int bracket = last.indexOf('[');
    return bracket < 0 ? last : last.substring(0, bracket);
  }
}
