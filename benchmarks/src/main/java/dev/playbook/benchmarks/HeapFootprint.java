package dev.playbook.benchmarks;

import dev.playbook.Playbook;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Heap retained by compiled playbooks: used heap after full collections, before and after loading
 * each playbook while the previous ones stay referenced. Run in a fresh JVM; prints one JSON
 * object. The first load pays for Drools' static caches, so a small playbook is loaded and dropped
 * first.
 */
public final class HeapFootprint {

  private HeapFootprint() {}

  public static void main(String[] args) throws InterruptedException {
    String[] names =
        args.length > 0
            ? args
            : new String[] {"meddic", "standard-b2b", "generated-500", "generated-5000"};
    PlaybookBenchmark.load("generated-10")
        .evaluate(DealGenerator.deals(1, 1).get(0), DealGenerator.AS_OF);
    List<Playbook> kept = new ArrayList<>();
    StringBuilder json = new StringBuilder("{");
    for (String name : names) {
      long before = used();
      Playbook p = PlaybookBenchmark.load(name);
      kept.add(p);
      long after = used();
      if (json.length() > 1) {
        json.append(", ");
      }
      json.append(String.format(Locale.ROOT, "\"%s\": %.1f", name, (after - before) / 1048576.0));
    }
    System.out.println(json.append("}"));
    if (kept.size() != names.length) {
      throw new AssertionError();
    }
  }

  private static long used() throws InterruptedException {
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(50);
      best = Math.min(best, mem.getHeapMemoryUsage().getUsed());
    }
    return best;
  }
}
