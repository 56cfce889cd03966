package dev.playbook.benchmarks;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Two builds of the benchmarks jar side by side in one JVM, each in a class loader of its own,
 * interleaved on one thread and timed by CPU time as {@link Targets} does: the way to measure a
 * change before and after with the load of the machine falling on both alike. Usage: {@code Compare
 * BEFORE.jar AFTER.jar [SECONDS]}; both jars must have {@link Targets#contender}.
 */
public final class Compare {

  private Compare() {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 20;
    ClassLoader before = loader(args[0]);
    ClassLoader after = loader(args[1]);
    for (String scenario : List.of("peers", "findings", "open")) {
      for (String backend : List.of("closures", "generated")) {
        Map<String, Targets.Contender> c = new LinkedHashMap<>();
        LongSupplier b = contender(before, scenario, backend);
        LongSupplier a = contender(after, scenario, backend);
        c.put("before", batch -> b.getAsLong());
        c.put("after", batch -> a.getAsLong());
        Map<String, Targets.Tally> t =
            Targets.interleave(c, Targets.allDeals(), 1, seconds / 2, seconds, 40);
        double ratio = t.get("after").perCpuSecond() / t.get("before").perCpuSecond();
        System.out.printf(
            Locale.ROOT,
            "%-8s %-9s before %,10.0f  after %,10.0f deals per CPU second  %.3fx%n",
            scenario,
            backend,
            t.get("before").perCpuSecond(),
            t.get("after").perCpuSecond(),
            ratio);
      }
    }
    System.out.println(Targets.machine());
  }

  private static ClassLoader loader(String jar) throws Exception {
    return new URLClassLoader(
        new URL[] {Path.of(jar).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
  }

  private static LongSupplier contender(ClassLoader loader, String scenario, String backend)
      throws Exception {
    Thread.currentThread().setContextClassLoader(loader);
    Class<?> targets = Class.forName("dev.playbook.benchmarks.Targets", true, loader);
    return (LongSupplier)
        targets.getMethod("contender", String.class, String.class).invoke(null, scenario, backend);
  }
}
