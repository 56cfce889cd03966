package dev.playbook.benchmarks;

import dev.playbook.Playbook;
import dev.playbook.benchmarks.peers.DrlPeer;
import dev.playbook.benchmarks.peers.EasyRulesPeer;
import dev.playbook.benchmarks.peers.Peer;
import dev.playbook.benchmarks.peers.PlainJavaPeer;
import dev.playbook.benchmarks.peers.PlaybookPeer;
import dev.playbook.insights.Portfolio;
import dev.playbook.model.Deal;
import dev.playbook.result.Action;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Gap;
import dev.playbook.result.StageReadiness;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * Measures every performance target in one command and prints each with its measured value and
 * whether it is met. {@code all} runs every part, each that needs a fresh JVM in a child process of
 * its own (same {@code java}, same class path); the parts can also be run alone:
 *
 * <ul>
 *   <li>{@code peers}: the peer set (30 rules, 100 deals per call) four ways and on both back ends,
 *       on 1 and 2 threads, interleaved in one JVM;
 *   <li>{@code books}: {@code standard-b2b} findings batch (all deals, open deals only) on 2
 *       threads, and one deal per call (p50, p99), both back ends interleaved;
 *   <li>{@code warmup BACKEND}: throughput per second of the findings batch in this (fresh) JVM;
 *   <li>{@code compile-cold BACKEND}: loading {@code standard-b2b} as the first thing this JVM
 *       does;
 *   <li>{@code compile-warm}: loading a generated 5,000-rule playbook after warm-up, both back
 *       ends;
 *   <li>{@code portfolio DEALS BACKEND}: generated deals through {@code Portfolio.evaluate}.
 * </ul>
 *
 * <p>Interleaving: in each round every contender runs for one time slice in turn (the order rotates
 * from round to round), on every thread at once, so that load from outside falls on all contenders
 * alike. Each contender's rate is given both by wall time and by the threads' CPU time; on a busy
 * machine the ratios by CPU time are the ones to read. Every target line starts with {@code target}
 * and has tab-separated fields: name, measured, goal, {@code met} or {@code missed}.
 */
public final class Targets {

  private Targets() {}

  static final int BATCH = PeerBenchmark.BATCH;

  /** Seconds of warm-up and of measurement of the interleaved parts; {@code -Dtargets.scale}. */
  static final double SCALE = Double.parseDouble(System.getProperty("targets.scale", "1"));

  public static void main(String[] args) throws Exception {
    String part = args.length == 0 ? "all" : args[0];
    switch (part) {
      case "all" -> all();
      case "peers" -> peers();
      case "books" -> books();
      case "warmup" -> warmup(args[1], args.length > 2 ? Integer.parseInt(args[2]) : 40);
      case "compile-cold" -> compileCold(args[1]);
      case "compile-warm" -> compileWarm();
      case "portfolio" -> portfolio(Integer.parseInt(args[1]), args[2]);
      default ->
          throw new IllegalArgumentException(
              "unknown part "
                  + part
                  + "; the parts are all, peers, books, warmup, compile-cold, compile-warm,"
                  + " portfolio");
    }
  }

  // ---------------------------------------------------------------- the deals and what is read

  static List<Deal> allDeals() {
    return DealGenerator.deals(42, PeerBenchmark.DEALS);
  }

  /** Deals still in the pipeline, which fire most rules (about one in four of the mix). */
  static List<Deal> openDeals() {
    return DealGenerator.deals(42, PeerBenchmark.DEALS * 8).stream()
        .filter(d -> !d.stage().equals("closed_won") && !d.stage().equals("closed_lost"))
        .limit(PeerBenchmark.DEALS)
        .toList();
  }

  /**
   * Reads what an integration reacting to a CRM change reads, as {@link PlaybookBenchmark} does:
   * every action's title, due date, reason and target, every gap's rule, severity and message, the
   * stage readiness.
   */
  static long readFindings(Evaluation e) {
    long n = 0;
    for (Action a : e.actions()) {
      n += a.title().length() + a.due().getDayOfMonth() + a.reason().length();
      n += a.target() == null ? 0 : 1;
    }
    for (Gap g : e.gaps()) {
      n += g.rule().length() + g.severity().ordinal() + g.message().length();
    }
    for (StageReadiness.KeyNode k : e.stageReadiness().keyNodes()) {
      for (StageReadiness.Criterion c : k.criteria()) {
        n += c.met() ? 1 : 0;
      }
    }
    return n;
  }

  static Playbook b2b(String backend) {
    return PlaybookPeer.withBackend(backend, () -> Playbook.builtIn("standard-b2b"));
  }

  static long findings(Playbook p, List<Deal> batch) {
    long n = 0;
    for (Evaluation e : p.evaluateAll(batch, DealGenerator.AS_OF, Locale.ENGLISH)) {
      n += readFindings(e);
    }
    return n;
  }

  /**
   * One batch of 100 deals of {@code scenario} ({@code peers}, {@code findings} or {@code open})
   * with back end {@code backend} per call, moving on through the deals from call to call; only JDK
   * types in its signature, so that {@link Compare} can run two builds side by side.
   */
  public static java.util.function.LongSupplier contender(String scenario, String backend) {
    List<Deal> deals = scenario.equals("open") ? openDeals() : allDeals();
    int[] at = {0};
    Contender c;
    if (scenario.equals("peers")) {
      Peer peer = new PlaybookPeer(backend);
      c = b -> peer.evaluate(b, DealGenerator.AS_OF).size();
    } else {
      Playbook p = b2b(backend);
      c = b -> findings(p, b);
    }
    return () -> {
      long out = c.run(deals.subList(at[0], at[0] + BATCH));
      at[0] = (at[0] + BATCH) % deals.size();
      return out;
    };
  }

  // ---------------------------------------------------------------- interleaved measurement

  /** A contender: evaluates one batch of deals, returns something that depends on the results. */
  interface Contender {
    long run(List<Deal> batch);
  }

  /** One contender's totals over the measured slices. */
  static final class Tally {
    long deals;
    long cpuNanos;
    long wallNanos;

    double perCpuSecond() {
      return deals / (cpuNanos / 1e9);
    }

    double perWallSecond() {
      return deals / (wallNanos / 1e9);
    }
  }

  /**
   * Runs the contenders interleaved on {@code threads} threads: slices of {@code sliceMillis}, the
   * first {@code warmupSeconds} of rounds not counted, then {@code measureSeconds}.
   */
  static Map<String, Tally> interleave(
      Map<String, Contender> contenders,
      List<Deal> deals,
      int threads,
      double warmupSeconds,
      double measureSeconds,
      int sliceMillis) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    List<String> names = new ArrayList<>(contenders.keySet());
    Map<String, Tally> tallies = new LinkedHashMap<>();
    names.forEach(n -> tallies.put(n, new Tally()));
    long sink = 0;
    double perRound = names.size() * sliceMillis / 1000.0;
    int warmRounds = (int) Math.ceil(warmupSeconds / perRound);
    int rounds = warmRounds + (int) Math.ceil(measureSeconds / perRound);
    int[] cursor = new int[threads];
    for (int t = 0; t < threads; t++) {
      cursor[t] = (t * deals.size() / threads) / BATCH * BATCH;
    }
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < names.size(); i++) {
        String name = names.get((i + r) % names.size());
        Contender c = contenders.get(name);
        long[] done = new long[threads];
        long[] cpu = new long[threads];
        long[] wall = new long[threads];
        long[] out = new long[threads];
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(threads);
        long sliceNanos = sliceMillis * 1_000_000L;
        for (int t = 0; t < threads; t++) {
          int self = t;
          Runnable work =
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                long c0 = mx.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                long until = w0 + sliceNanos;
                long n = 0;
                long o = 0;
                int at = cursor[self];
                do {
                  o += c.run(deals.subList(at, at + BATCH));
                  at = (at + BATCH) % deals.size();
                  n += BATCH;
                } while (System.nanoTime() < until);
                cursor[self] = at;
                wall[self] = System.nanoTime() - w0;
                cpu[self] = mx.getCurrentThreadCpuTime() - c0;
                done[self] = n;
                out[self] = o;
                end.countDown();
              };
          if (t == threads - 1) {
            // the last share runs on this thread, once the others are started
            start.countDown();
            work.run();
          } else {
            pool(t).submit(work);
          }
        }
        try {
          end.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
        for (int t = 0; t < threads; t++) {
          sink += out[t];
        }
        if (r >= warmRounds) {
          Tally tally = tallies.get(name);
          long maxWall = 0;
          for (int t = 0; t < threads; t++) {
            tally.deals += done[t];
            tally.cpuNanos += cpu[t];
            maxWall = Math.max(maxWall, wall[t]);
          }
          tally.wallNanos += maxWall;
        }
      }
    }
    if (sink == 42) {
      System.out.print("");
    }
    return tallies;
  }

  private static final List<java.util.concurrent.ExecutorService> POOLS = new ArrayList<>();

  private static synchronized java.util.concurrent.ExecutorService pool(int t) {
    while (POOLS.size() <= t) {
      int n = POOLS.size();
      POOLS.add(
          java.util.concurrent.Executors.newSingleThreadExecutor(
              r -> {
                Thread th = new Thread(r, "targets-" + n);
                th.setDaemon(true);
                return th;
              }));
    }
    return POOLS.get(t);
  }

  // ---------------------------------------------------------------- the parts

  static void peers() {
    List<Deal> deals = allDeals();
    Map<String, Contender> c = new LinkedHashMap<>();
    Peer java = new PlainJavaPeer();
    Peer drl = new DrlPeer();
    Peer easy = new EasyRulesPeer();
    Peer closures = new PlaybookPeer("closures");
    Peer generated = new PlaybookPeer("generated");
    c.put("plain Java", b -> java.evaluate(b, DealGenerator.AS_OF).size());
    c.put("classic DRL", b -> drl.evaluate(b, DealGenerator.AS_OF).size());
    c.put("Easy Rules", b -> easy.evaluate(b, DealGenerator.AS_OF).size());
    c.put("YAML, closures", b -> closures.evaluate(b, DealGenerator.AS_OF).size());
    c.put("YAML, generated", b -> generated.evaluate(b, DealGenerator.AS_OF).size());
    for (int threads = 1; threads <= 2; threads++) {
      Map<String, Tally> t = interleave(c, deals, threads, 30 * SCALE, 40 * SCALE, 40);
      System.out.printf(
          Locale.ROOT, "peer set, %d thread%s, interleaved:%n", threads, threads == 1 ? "" : "s");
      t.forEach(
          (k, v) ->
              System.out.printf(
                  Locale.ROOT,
                  "  %-18s %,12.0f deals/s wall  %,12.0f deals per CPU second%n",
                  k,
                  v.perWallSecond(),
                  v.perCpuSecond()));
      for (String backend : List.of("closures", "generated")) {
        double yaml = t.get("YAML, " + backend).perCpuSecond();
        String on = threads + " thread" + (threads == 1 ? "" : "s") + ", " + backend;
        double vsDrl = yaml / t.get("classic DRL").perCpuSecond();
        double vsJava = t.get("plain Java").perCpuSecond() / yaml;
        double vsEasy = yaml / t.get("Easy Rules").perCpuSecond();
        target(
            "peer set: YAML vs classic DRL (" + on + ")",
            vsDrl,
            "x the classic DRL rate",
            ">= 1.5x",
            vsDrl >= 1.5);
        target(
            "peer set: plain Java vs YAML (" + on + ")",
            vsJava,
            "x (the plain Java rate over ours)",
            "<= 3x",
            vsJava <= 3);
        target(
            "peer set: YAML vs Easy Rules (" + on + ")",
            vsEasy,
            "x the Easy Rules rate",
            ">= 10x",
            vsEasy >= 10);
      }
    }
  }

  static void books() {
    Playbook closures = b2b("closures");
    Playbook generated = b2b("generated");
    Map<String, Contender> c = new LinkedHashMap<>();
    c.put("closures", b -> findings(closures, b));
    c.put("generated", b -> findings(generated, b));
    double cores = Runtime.getRuntime().availableProcessors();
    for (String which : List.of("all", "open")) {
      List<Deal> deals = which.equals("all") ? allDeals() : openDeals();
      Map<String, Tally> t = interleave(c, deals, 2, 20 * SCALE, 30 * SCALE, 50);
      System.out.printf(
          Locale.ROOT, "standard-b2b findings batch, %s deals, 2 threads, interleaved:%n", which);
      t.forEach(
          (k, v) ->
              System.out.printf(
                  Locale.ROOT,
                  "  %-10s %,12.0f deals/s wall  %,12.0f deals per CPU second%n",
                  k,
                  v.perWallSecond(),
                  v.perCpuSecond()));
      double goal = which.equals("all") ? 500_000 : 3 * 74_000;
      for (Map.Entry<String, Tally> e : t.entrySet()) {
        double wall = e.getValue().perWallSecond();
        String name =
            which.equals("all")
                ? "standard-b2b findings batch, 2 threads (" + e.getKey() + ")"
                : "standard-b2b open deals only, 2 threads (" + e.getKey() + ")";
        target(
            name,
            wall,
            String.format(
                Locale.ROOT,
                " deals/s (by CPU time: %,.0f per CPU second, %,.0f on %d cores)",
                e.getValue().perCpuSecond(),
                e.getValue().perCpuSecond() * Math.min(2, cores),
                (int) Math.min(2, cores)),
            String.format(Locale.ROOT, ">= %,.0f", goal),
            wall >= goal);
      }
    }
    single(Map.of("closures", closures, "generated", generated));
  }

  /**
   * One deal per call, 1 thread, the two back ends alternating call by call; each call timed by the
   * wall clock and by the thread's CPU time.
   */
  static void single(Map<String, Playbook> books) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    List<Deal> deals = allDeals();
    List<String> names = new ArrayList<>(new java.util.TreeMap<>(books).keySet());
    int calls = (int) (200_000 * SCALE);
    int warm = (int) (200_000 * SCALE);
    long[][] wall = new long[names.size()][calls];
    long[][] cpu = new long[names.size()][calls];
    long sink = 0;
    for (int i = 0; i < warm + calls; i++) {
      Deal deal = deals.get(i % deals.size());
      for (int k = 0; k < names.size(); k++) {
        Playbook p = books.get(names.get(k));
        long c0 = mx.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        sink += readFindings(p.evaluate(deal, DealGenerator.AS_OF));
        long w1 = System.nanoTime();
        long c1 = mx.getCurrentThreadCpuTime();
        if (i >= warm) {
          wall[k][i - warm] = w1 - w0;
          cpu[k][i - warm] = c1 - c0;
        }
      }
    }
    System.out.printf(Locale.ROOT, "standard-b2b one deal per call, 1 thread (%d)%n", sink & 1);
    for (int k = 0; k < names.size(); k++) {
      Arrays.sort(wall[k]);
      Arrays.sort(cpu[k]);
      double p50 = wall[k][calls / 2] / 1000.0;
      double p99 = wall[k][(int) (calls * 0.99)] / 1000.0;
      double cpu99 = cpu[k][(int) (calls * 0.99)] / 1000.0;
      System.out.printf(
          Locale.ROOT,
          "  %-10s wall p50 %.1f µs, p99 %.1f µs; CPU time p50 %.1f µs, p99 %.1f µs%n",
          names.get(k),
          p50,
          p99,
          cpu[k][calls / 2] / 1000.0,
          cpu99);
      target(
          "standard-b2b single deal p99, 1 thread (" + names.get(k) + ")",
          p99,
          String.format(Locale.ROOT, " µs (p50 %.1f; by CPU time p99 %.1f)", p50, cpu99),
          "< 30 µs",
          p99 < 30);
    }
  }

  /**
   * Throughput per second of the {@code standard-b2b} findings batch on 2 threads from the first
   * call in this JVM; reports when a 3-second moving mean first reaches 90% of the steady rate (the
   * median of the last 10 seconds).
   */
  static void warmup(String backend, int seconds) throws InterruptedException {
    Playbook p = b2b(backend);
    List<Deal> deals = allDeals();
    // the clock starts at the first evaluation: loading is measured by compile-cold
    long t0 = System.nanoTime();
    long[] perSecond = new long[seconds];
    long end = t0 + seconds * 1_000_000_000L;
    Thread[] threads = new Thread[2];
    for (int t = 0; t < threads.length; t++) {
      int self = t;
      threads[t] =
          new Thread(
              () -> {
                int at = self * deals.size() / 2 / BATCH * BATCH;
                long sink = 0;
                while (true) {
                  long now = System.nanoTime();
                  if (now >= end) {
                    break;
                  }
                  sink += findings(p, deals.subList(at, at + BATCH));
                  at = (at + BATCH) % deals.size();
                  int s = (int) ((System.nanoTime() - t0) / 1_000_000_000L);
                  if (s < seconds) {
                    synchronized (perSecond) {
                      perSecond[s] += BATCH;
                    }
                  }
                }
                if (sink == 42) {
                  System.out.print("");
                }
              });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    long[] last = Arrays.copyOfRange(perSecond, seconds - 10, seconds);
    Arrays.sort(last);
    double steady = (last[4] + last[5]) / 2.0;
    int reached = -1;
    for (int s = 2; s < seconds && reached < 0 && steady > 0; s++) {
      double mean = (perSecond[s - 2] + perSecond[s - 1] + perSecond[s]) / 3.0;
      if (mean >= 0.9 * steady) {
        reached = s + 1;
      }
    }
    StringBuilder series = new StringBuilder();
    for (long n : perSecond) {
      series.append(series.length() == 0 ? "" : " ").append(n);
    }
    System.out.println("deals per second, second by second (" + backend + "): " + series);
    System.out.printf(Locale.ROOT, "result\t%d\t%.0f%n", reached, steady);
  }

  /** Loads {@code standard-b2b} as the first thing this JVM does; prints the milliseconds. */
  static void compileCold(String backend) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long c0 = mx.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    Playbook p = b2b(backend);
    long t1 = System.nanoTime();
    long c1 = mx.getCurrentThreadCpuTime();
    if (p.ruleIds().isEmpty()) {
      throw new IllegalStateException("no rules loaded");
    }
    System.out.printf(Locale.ROOT, "result\t%.1f\t%.1f%n", (t1 - t0) / 1e6, (c1 - c0) / 1e6);
  }

  static void compileWarm() {
    String yaml = GeneratedPlaybook.yaml(5000);
    for (String backend : List.of("closures", "generated")) {
      Function<Integer, Double> loads =
          n -> {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
              PlaybookPeer.withBackend(backend, () -> Playbook.parse("generated-5000.yaml", yaml));
            }
            return (System.nanoTime() - t0) / 1e6 / n;
          };
      // warm-up: at least three loads and eight seconds (scaled)
      long warmUntil = System.nanoTime() + (long) (8e9 * SCALE);
      for (int i = 0; i < 3 || System.nanoTime() < warmUntil; i++) {
        loads.apply(1);
      }
      double[] ms = new double[5];
      for (int i = 0; i < ms.length; i++) {
        ms[i] = loads.apply(1);
      }
      Arrays.sort(ms);
      target(
          "compile 5,000 generated rules, warm (" + backend + ")",
          ms[2],
          String.format(Locale.ROOT, " ms (median of 5; %.0f to %.0f)", ms[0], ms[4]),
          "< 1000 ms",
          ms[2] < 1000);
    }
  }

  static void portfolio(int n, String backend) {
    Playbook playbook = b2b(backend);
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
    Portfolio.evaluate(
        deals, playbook, DealGenerator.AS_OF, Portfolio.Options.builder().threads(2).build());
    double seconds = (System.nanoTime() - start) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(
        Locale.ROOT,
        "result\t%.1f\t%.0f\t%.0f%n",
        seconds,
        peak / 1048576.0,
        Runtime.getRuntime().maxMemory() / 1048576.0);
  }

  // ---------------------------------------------------------------- all of it

  static void all() throws Exception {
    long t0 = System.nanoTime();
    System.out.println(machine());
    System.out.println("== peer set (about " + Math.round(150 * SCALE) + " s)");
    peers();
    System.out.println(
        "== standard-b2b batches and single deals (about " + Math.round(150 * SCALE) + " s)");
    books();
    System.out.println("== JIT warm-up, a fresh JVM per back end");
    for (String backend : List.of("closures", "generated")) {
      List<String> r =
          child(List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"), "warmup", backend, "40");
      int reached = Integer.parseInt(r.get(0));
      target(
          "JIT warm-up: time to 90% of steady throughput, 2 threads (" + backend + ")",
          reached,
          String.format(Locale.ROOT, " s (steady %,.0f deals/s)", Double.parseDouble(r.get(1))),
          "<= 7.5 s (half of 15 s)",
          reached >= 0 && reached <= 7.5);
    }
    System.out.println("== compile standard-b2b cold, 5 fresh JVMs per back end");
    for (String backend : List.of("closures", "generated")) {
      double[] ms = new double[5];
      double[] cpu = new double[5];
      for (int i = 0; i < ms.length; i++) {
        List<String> r = child(List.of("-XX:+UseParallelGC"), "compile-cold", backend);
        ms[i] = Double.parseDouble(r.get(0));
        cpu[i] = Double.parseDouble(r.get(1));
      }
      Arrays.sort(ms);
      Arrays.sort(cpu);
      target(
          "compile standard-b2b cold, fresh JVM (" + backend + ")",
          ms[2],
          String.format(
              Locale.ROOT,
              " ms (median of 5; %.0f to %.0f; the loading thread's CPU time %.0f ms)",
              ms[0],
              ms[4],
              cpu[2]),
          "< 500 ms",
          ms[2] < 500);
    }
    System.out.println("== compile 5,000 generated rules warm");
    compileWarm();
    int book = Integer.getInteger("targets.deals", 1_000_000);
    System.out.printf(
        Locale.ROOT, "== %,d generated deals through the portfolio path, -Xmx512m%n", book);
    for (String backend : List.of("closures", "generated")) {
      List<String> r =
          child(
              List.of("-Xmx512m", "-XX:+UseParallelGC"),
              "portfolio",
              String.valueOf(book),
              backend);
      double seconds = Double.parseDouble(r.get(0));
      target(
          String.format(
              Locale.ROOT,
              "%,d deals through the portfolio path, 2 threads, 512 MB (%s)",
              book,
              backend),
          seconds,
          String.format(Locale.ROOT, " s (peak heap %s MiB of %s)", r.get(1), r.get(2)),
          "< 15 s",
          seconds < 15);
    }
    System.out.printf(
        Locale.ROOT, "%n%s%nall measured in %.0f s%n", machine(), (System.nanoTime() - t0) / 1e9);
    System.out.println("summary:");
    SUMMARY.forEach(System.out::println);
  }

  private static final List<String> SUMMARY = new ArrayList<>();

  private static void target(String name, double value, String unit, String goal, boolean met) {
    String v =
        Math.abs(value) >= 100
            ? String.format(Locale.ROOT, "%,.0f", value)
            : String.format(Locale.ROOT, "%.2f", value);
    String line =
        "target\t" + name + "\t" + v + unit + "\t" + goal + "\t" + (met ? "met" : "missed");
    System.out.println(line);
    SUMMARY.add(line);
  }

  static String machine() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return String.format(
        Locale.ROOT,
        "machine: %d cores, load average %.2f, Java %s",
        os.getAvailableProcessors(),
        os.getSystemLoadAverage(),
        System.getProperty("java.version"));
  }

  /** Runs one part in a fresh JVM; returns the fields of its {@code result} line. */
  private static List<String> child(List<String> jvm, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvm);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Targets.class.getName());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> result = null;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("result\t")) {
          result = List.of(line.substring("result\t".length()).split("\t"));
        } else if (!line.startsWith("SLF4J")) {
          System.out.println("  " + line);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    int exit = p.waitFor();
    if (exit != 0 || result == null) {
      throw new IllegalStateException(String.join(" ", args) + " failed with exit code " + exit);
    }
    return result;
  }
}
