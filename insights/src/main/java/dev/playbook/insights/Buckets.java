package dev.playbook.insights;

import java.util.ArrayList;
import java.util.List;

/** Cycle-length and deal-size buckets from their bounds, with their labels. */
final class Buckets {

  static final List<Long> DEFAULT_CYCLE = List.of(15L, 30L, 60L, 90L, 120L);
  static final List<Long> DEFAULT_AMOUNT = List.of(1_000L, 5_000L, 10_000L, 50_000L, 100_000L);

  private final List<Long> cycle;
  private final List<Long> amount;
  private final List<String> cycleLabels = new ArrayList<>();
  private final List<String> amountLabels = new ArrayList<>();

  Buckets(List<Long> cycle, List<Long> amount) {
    this.cycle = List.copyOf(cycle);
    this.amount = List.copyOf(amount);
    long from = 0;
    for (long upper : cycle) {
      cycleLabels.add(from + "-" + upper);
      from = upper + 1;
    }
    cycleLabels.add(from + "+");
    amountLabels.add("under " + money(amount.get(0)));
    for (int i = 1; i < amount.size(); i++) {
      amountLabels.add(money(amount.get(i - 1)) + "-" + money(amount.get(i)));
    }
    amountLabels.add(money(amount.get(amount.size() - 1)) + "+");
  }

  List<String> cycleLabels() {
    return cycleLabels;
  }

  List<String> amountLabels() {
    return amountLabels;
  }

  String cycleBucket(long days) {
    for (int i = 0; i < cycle.size(); i++) {
      if (days <= cycle.get(i)) {
        return cycleLabels.get(i);
      }
    }
    return cycleLabels.get(cycle.size());
  }

  String amountBucket(double a) {
    for (int i = 0; i < amount.size(); i++) {
      if (a < amount.get(i)) {
        return amountLabels.get(i);
      }
    }
    return amountLabels.get(amount.size());
  }

  /** 1000 as 1k, 2500 as 2.5k, 1000000 as 1M, 750 as 750. */
  static String money(long v) {
    if (v >= 1_000_000 && v % 100_000 == 0) {
      return trim(v / 1_000_000d) + "M";
    }
    if (v >= 1_000 && v % 100 == 0) {
      return trim(v / 1_000d) + "k";
    }
    return Long.toString(v);
  }

  private static String trim(double x) {
    return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
  }
}
