package dev.playbook.insights;

/** Proportions and their 95% confidence intervals. */
final class Stats {

  /** The 97.5th percentile of the standard normal distribution. */
  static final double Z = 1.959963984540054;

  private Stats() {}

  /** {@code k / n}, or NaN when {@code n} is 0. */
  static double rate(long k, long n) {
    return n == 0 ? Double.NaN : (double) k / n;
  }

  /**
   * The Wilson score interval for {@code k} successes in {@code n} trials, at 95%: {low, high}, or
   * {NaN, NaN} when {@code n} is 0.
   */
  static double[] wilson(long k, long n) {
    if (n == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double p = (double) k / n;
    double z2 = Z * Z;
    double denom = 1 + z2 / n;
    double centre = (p + z2 / (2.0 * n)) / denom;
    double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }

  /**
   * Newcombe's hybrid score interval (his method 10) for the difference of two independent
   * proportions {@code k1/n1 - k2/n2}, built from the two Wilson intervals: {low, high}, or {NaN,
   * NaN} when either sample is empty.
   */
  static double[] newcombeDiff(long k1, long n1, long k2, long n2) {
    if (n1 == 0 || n2 == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double p1 = (double) k1 / n1;
    double p2 = (double) k2 / n2;
    double[] w1 = wilson(k1, n1);
    double[] w2 = wilson(k2, n2);
    double d = p1 - p2;
    double low = d - Math.sqrt(sq(p1 - w1[0]) + sq(w2[1] - p2));
    double high = d + Math.sqrt(sq(w1[1] - p1) + sq(p2 - w2[0]));
    return new double[] {low, high};
  }

  private static double sq(double x) {
    return x * x;
  }
}
