package dev.playbook.benchmarks;

import dev.playbook.insights.CsvMapping;
import dev.playbook.insights.DealSource;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a CRM export without evaluating it, through a built-in mapping: from a folder, or from a
 * database when SOURCE is a JDBC URL (the driver must be on the class path, as in {@code
 * cli/target/playbook.jar}). Prints one JSON object: deals, activities, the rows of the deal table
 * and of every child table as {@link DealSource} counts them (a file read by two child tables is
 * counted twice), wall and CPU seconds of the reading thread, rows a second by each, problems, and
 * the peak of the heap pools. Usage: {@code ReadRun SOURCE [MAPPING] [USER]}, MAPPING by default
 * {@code salesforce}; run it with the heap limit to be checked.
 */
public final class ReadRun {

  private ReadRun() {}

  public static void main(String[] args) {
    String source = args[0];
    CsvMapping mapping = CsvMapping.builtIn(args.length > 1 ? args[1] : "salesforce");
    String user = args.length > 2 ? args[2] : null;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = System.nanoTime();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long deals = 0;
    long activities = 0;
    try (DealSource s =
        source.startsWith("jdbc:")
            ? DealSource.jdbc(source, user, null, mapping, Map.of())
            : DealSource.open(Path.of(source), mapping)) {
      while (s.hasNext()) {
        activities += s.next().activities().size();
        deals++;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      long rows = s.rows() + s.skippedRows();
      for (DealSource.ChildRows c : s.childRows()) {
        rows += c.rows();
      }
      long peak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          peak += pool.getPeakUsage().getUsed();
        }
      }
      System.out.printf(
          Locale.ROOT,
          "{\"deals\": %d, \"activities\": %d, \"rows\": %d, \"seconds\": %.1f, \"cpuSeconds\": %.1f,"
              + " \"rowsPerSecond\": %.0f, \"rowsPerCpuSecond\": %.0f, \"problems\": %d,"
              + " \"peakHeapMiB\": %.0f, \"maxHeapMiB\": %.0f}%n",
          deals,
          activities,
          rows,
          seconds,
          cpu,
          rows / seconds,
          rows / cpu,
          s.problemCount(),
          peak / 1048576.0,
          Runtime.getRuntime().maxMemory() / 1048576.0);
    }
  }
}
