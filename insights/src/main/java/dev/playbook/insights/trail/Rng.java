package dev.playbook.insights.trail;

import java.util.List;

/**
 * A small, fully specified pseudo-random generator (SplitMix64), so that a seed gives the same book
 * on every JVM and every version of Java. Each deal and each account draws from its own stream,
 * derived from the book's seed and its index, so that a deal does not depend on the ones generated
 * before it.
 */
final class Rng {

  private long state;

  private Rng(long state) {
    this.state = state;
  }

  /** The stream of {@code kind} number {@code index} in the book of {@code seed}. */
  static Rng of(long seed, long kind, long index) {
    return new Rng(mix(mix(seed ^ 0x9E3779B97F4A7C15L * (kind + 1)) + index));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  long nextLong() {
    state += 0x9E3779B97F4A7C15L;
    return mix(state);
  }

  /** Uniform in [0, 1). */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  boolean chance(double p) {
    return nextDouble() < p;
  }

  /** Uniform in [0, bound). */
  int nextInt(int bound) {
    return (int) Math.floor(nextDouble() * bound);
  }

  /** Uniform in [from, to], both included. */
  int between(int from, int to) {
    return from + nextInt(to - from + 1);
  }

  <T> T pick(List<T> values) {
    return values.get(nextInt(values.size()));
  }

  /** One of {@code values}, chosen with the given weights (any positive numbers). */
  <T> T weighted(List<T> values, double... weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = nextDouble() * total;
    for (int i = 0; i < values.size(); i++) {
      x -= weights[i];
      if (x < 0) {
        return values.get(i);
      }
    }
    return values.get(values.size() - 1);
  }
}
