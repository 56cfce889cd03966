package dev.playbook.insights.stats;

import static com.google.common.base.Preconditions.checkArgument;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/** Quantiles and tail probabilities, from Apache Commons Math. */
final class Normal {

  private static final NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);
  private static final ChiSquaredDistribution CHI2_1 = new ChiSquaredDistribution(null, 1);

  /** The 97.5th percentile of the standard normal distribution, 1.959964. */
  static final double Z95 = z(0.95);

  private Normal() {}

  /**
   * The two-sided standard normal quantile for {@code confidence}: z with P(|Z| <= z) = confidence.
   */
  static double z(double confidence) {
    checkArgument(
        confidence > 0 && confidence < 1,
        "confidence %s must lie strictly between 0 and 1",
        confidence);
    return STANDARD.inverseCumulativeProbability(1 - (1 - confidence) / 2);
  }

  /** P(X >= x) for X chi-squared with one degree of freedom. */
  static double chiSquaredUpperTail(double x) {
    return x <= 0 ? 1 : 1 - CHI2_1.cumulativeProbability(x);
  }
}
