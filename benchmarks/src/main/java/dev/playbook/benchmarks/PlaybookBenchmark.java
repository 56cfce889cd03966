package dev.playbook.benchmarks;

import dev.playbook.Playbook;
import dev.playbook.model.Deal;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Full evaluations (actions, gaps with evidence, scorecards, readiness) with built-in and
 * generated playbooks: one deal per call (latency, {@code single}) and 100 deals per
 * {@code evaluateAll} call (throughput in deals per second, {@code batch}).
 */
public class PlaybookBenchmark {

  static final int DEALS = 10_000;

  @State(Scope.Benchmark)
  public static class Book {
    @Param({"meddic", "standard-b2b", "generated-500", "generated-5000"})
    public String playbook;

    Playbook compiled;
    List<Deal> deals;

    @Setup(Level.Trial)
    public void setUp() {
      compiled = load(playbook);
      deals = DealGenerator.deals(42, DEALS);
    }
  }

  static Playbook load(String name) {
    return name.startsWith("generated-")
        ? GeneratedPlaybook.load(Integer.parseInt(name.substring("generated-".length())))
        : Playbook.builtIn(name);
  }

  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Object single(Book b, Cursor c) {
    Deal deal = b.deals.get(c.next);
    c.next = (c.next + 1) % DEALS;
    return b.compiled.evaluate(deal, DealGenerator.AS_OF);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(PeerBenchmark.BATCH)
  public Object batch(Book b, Cursor c) {
    int from = c.next;
    c.next = (c.next + PeerBenchmark.BATCH) % DEALS;
    return b.compiled.evaluateAll(b.deals.subList(from, from + PeerBenchmark.BATCH), DealGenerator.AS_OF,
        Locale.ENGLISH);
  }
}
