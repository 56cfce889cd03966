package dev.playbook.benchmarks;

import dev.playbook.Playbook;
import dev.playbook.insights.Portfolio;
import dev.playbook.insights.PortfolioReport;
import dev.playbook.model.Deal;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Iterator;
import java.util.Locale;

/**
 * A whole book of generated deals through the portfolio path ({@code Portfolio.evaluate}), deals
 * generated as they are read so that only the engine's own memory counts. Prints one JSON object:
 * wall time, deals per second, and the peak of the heap pools. Usage: {@code PortfolioRun DEALS
 * PLAYBOOK THREADS [LANDMARKS]}, LANDMARKS the landmark ages such as {@code 14,30,60,90} (the
 * default) or {@code none}; run it with the heap limit to be checked ({@code -Xmx512m}).
 */
public final class PortfolioRun {

  private PortfolioRun() {}

  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    Playbook playbook = PlaybookBenchmark.load(args.length > 1 ? args[1] : "standard-b2b");
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    java.util.List<Integer> landmarks =
        args.length <= 3
            ? Portfolio.DEFAULT_LANDMARKS
            : args[3].equals("none")
                ? java.util.List.of()
                : java.util.Arrays.stream(args[3].split(",")).map(Integer::valueOf).toList();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    DealGenerator generator = new DealGenerator(42);
    Iterator<Deal> deals =
        new Iterator<>() {
          int left = n;

          @Override
          public boolean hasNext() {
            return left > 0;
          }

          @Override
          public Deal next() {
            left--;
            return generator.next();
          }
        };
    long start = System.nanoTime();
    PortfolioReport report =
        Portfolio.evaluate(
            deals,
            playbook,
            DealGenerator.AS_OF,
            Portfolio.Options.builder().threads(threads).landmarks(landmarks).build());
    double seconds = (System.nanoTime() - start) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(
        Locale.ROOT,
        "{\"deals\": %d, \"playbook\": \"%s\", \"threads\": %d, \"landmarks\": \"%s\", \"seconds\": %.1f, "
            + "\"dealsPerSecond\": %.0f, \"peakHeapMiB\": %.0f, \"maxHeapMiB\": %.0f, \"report\": \"%s\"}%n",
        n,
        playbook.id(),
        threads,
        landmarks,
        seconds,
        n / seconds,
        peak / 1048576.0,
        Runtime.getRuntime().maxMemory() / 1048576.0,
        report.getClass().getSimpleName());
  }
}
