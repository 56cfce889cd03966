package dev.playbook.insights.stats;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Proportions and their confidence intervals.
 *
 * <p>References: E. B. Wilson, "Probable inference, the law of succession, and statistical
 * inference", JASA 22 (1927) 209–212; R. G. Newcombe, "Two-sided confidence intervals for the
 * single proportion: comparison of seven methods", Statistics in Medicine 17 (1998) 857–872, and
 * "Interval estimation for the difference between independent proportions: comparison of eleven
 * methods", Statistics in Medicine 17 (1998) 873–890.
 */
public final class Proportions {

  /** The 97.5th percentile of the standard normal distribution. */
  public static final double Z95 = Normal.Z95;

  private Proportions() {}

  /** {@code k / n}, or NaN when {@code n} is 0. */
  public static double rate(long k, long n) {
    checkCounts(k, n);
    return n == 0 ? Double.NaN : (double) k / n;
  }

  /** The 95% Wilson score interval for {@code k} successes in {@code n} trials. */
  public static Estimate wilson(long k, long n) {
    return wilson(k, n, 0.95);
  }

  /**
   * The Wilson score interval for {@code k} successes in {@code n} trials at {@code confidence}:
   *
   * <pre>
   *   p = k/n,  centre = (p + z²/2n) / (1 + z²/n),
   *   half = z·sqrt(p(1-p)/n + z²/4n²) / (1 + z²/n),   interval = centre ± half
   * </pre>
   *
   * clipped to [0, 1]; undefined when {@code n} is 0.
   */
  public static Estimate wilson(long k, long n, double confidence) {
    checkCounts(k, n);
    if (n == 0) {
      return Estimate.undefined();
    }
    double z = confidence == 0.95 ? Z95 : Normal.z(confidence);
    double p = (double) k / n;
    double z2 = z * z;
    double denom = 1 + z2 / n;
    double centre = (p + z2 / (2.0 * n)) / denom;
    double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
    return Estimate.of(p, Math.max(0, centre - half), Math.min(1, centre + half));
  }

  /**
   * Newcombe's hybrid score interval (his method 10) for the difference {@code k1/n1 - k2/n2} of
   * two independent proportions, at 95%: with (l1, u1) and (l2, u2) the Wilson intervals,
   *
   * <pre>
   *   low  = d - sqrt((p1 - l1)² + (u2 - p2)²),   high = d + sqrt((u1 - p1)² + (p2 - l2)²)
   * </pre>
   *
   * Undefined when either sample is empty.
   */
  public static Estimate newcombeDifference(long k1, long n1, long k2, long n2) {
    checkCounts(k1, n1);
    checkCounts(k2, n2);
    if (n1 == 0 || n2 == 0) {
      return Estimate.undefined();
    }
    Estimate w1 = wilson(k1, n1);
    Estimate w2 = wilson(k2, n2);
    double p1 = w1.value();
    double p2 = w2.value();
    double d = p1 - p2;
    double low = d - Math.sqrt(sq(p1 - w1.low()) + sq(w2.high() - p2));
    double high = d + Math.sqrt(sq(w1.high() - p1) + sq(p2 - w2.low()));
    return Estimate.of(d, low, high);
  }

  static void checkCounts(long k, long n) {
    checkArgument(n >= 0, "count %s must not be negative", n);
    checkArgument(k >= 0 && k <= n, "successes %s must lie between 0 and the count %s", k, n);
  }

  private static double sq(double x) {
    return x * x;
  }
}
