package dev.playbook.insights.stats;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A point estimate with its confidence interval.
 *
 * <p>An undefined estimate (nothing to estimate from) has a NaN value; an estimate without an
 * interval (for example a proportion of exactly 0 or 1 on the log(-log) scale, or a ratio with a
 * zero denominator) has NaN bounds. Callers show such figures as "not available", never as a
 * number.
 *
 * @param value the estimate, NaN when undefined; may be infinite for a ratio
 * @param low the lower confidence limit, NaN when there is no interval
 * @param high the upper confidence limit, NaN when there is no interval
 */
public record Estimate(double value, double low, double high) {

  public Estimate {
    checkArgument(
        Double.isNaN(low) == Double.isNaN(high),
        "interval bounds must both be present or both be NaN, got %s and %s",
        low,
        high);
    checkArgument(Double.isNaN(low) || low <= high, "interval low %s is above high %s", low, high);
  }

  /** An estimate with its interval. */
  public static Estimate of(double value, double low, double high) {
    return new Estimate(value, low, high);
  }

  /** An estimate without an interval. */
  public static Estimate withoutInterval(double value) {
    return new Estimate(value, Double.NaN, Double.NaN);
  }

  /** Nothing to estimate from. */
  public static Estimate undefined() {
    return new Estimate(Double.NaN, Double.NaN, Double.NaN);
  }

  /** Whether there is a value. */
  public boolean isDefined() {
    return !Double.isNaN(value);
  }

  /** Whether there is an interval. */
  public boolean hasInterval() {
    return !Double.isNaN(low);
  }

  /**
   * Whether the interval lies wholly above or wholly below {@code x}; false without an interval.
   */
  public boolean excludes(double x) {
    return hasInterval() && (x < low || x > high);
  }
}
