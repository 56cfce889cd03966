package dev.playbook.benchmarks;

import dev.playbook.Playbook;
import dev.playbook.model.Deal;
import dev.playbook.observe.EvaluationEvent;
import dev.playbook.observe.EvaluationListener;
import dev.playbook.observe.ObservedPlaybook;
import dev.playbook.result.Evaluation;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * What {@link ObservedPlaybook} costs over the plain {@link Playbook}, in one run: the same deals,
 * one per call and 100 per call, evaluated plainly and through an {@code ObservedPlaybook} whose
 * listener counts events and findings (the work a metrics listener does, without a registry). The
 * ratio of the pairs is the listener path's overhead; see {@code docs/observability.md}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ObservedBenchmark {

  @State(Scope.Benchmark)
  public static class Book {
    @Param({"standard-b2b"})
    public String playbook;

    Playbook plain;
    ObservedPlaybook observed;
    List<Deal> deals;
    final LongAdder events = new LongAdder();
    final LongAdder findings = new LongAdder();

    @Setup(Level.Trial)
    public void setUp() {
      plain = PlaybookBenchmark.load(playbook);
      EvaluationListener counting =
          (EvaluationEvent e) -> {
            events.increment();
            if (e.evaluation() != null) {
              findings.add(e.evaluation().gaps().size() + e.evaluation().actions().size());
            }
          };
      observed = ObservedPlaybook.of(plain, List.of(counting));
      deals = DealGenerator.deals(42, PlaybookBenchmark.DEALS);
    }
  }

  @State(Scope.Thread)
  public static class Cursor {
    int next;

    Deal deal(Book b) {
      Deal d = b.deals.get(next);
      next = (next + 1) % PlaybookBenchmark.DEALS;
      return d;
    }

    List<Deal> batch(Book b) {
      int from = next;
      next = (next + PeerBenchmark.BATCH) % PlaybookBenchmark.DEALS;
      return b.deals.subList(from, from + PeerBenchmark.BATCH);
    }
  }

  @Benchmark
  public void plainSingle(Book b, Cursor c, Blackhole bh) {
    PlaybookBenchmark.readFindings(
        b.plain.evaluate(c.deal(b), DealGenerator.AS_OF, Locale.ENGLISH), bh);
  }

  @Benchmark
  public void observedSingle(Book b, Cursor c, Blackhole bh) {
    PlaybookBenchmark.readFindings(
        b.observed.evaluate(c.deal(b), DealGenerator.AS_OF, Locale.ENGLISH), bh);
  }

  @Benchmark
  @OperationsPerInvocation(PeerBenchmark.BATCH)
  public void plainBatch(Book b, Cursor c, Blackhole bh) {
    for (Evaluation e :
        b.plain.evaluateEach(c.batch(b), DealGenerator.AS_OF, Locale.ENGLISH).evaluated()) {
      PlaybookBenchmark.readFindings(e, bh);
    }
  }

  @Benchmark
  @OperationsPerInvocation(PeerBenchmark.BATCH)
  public void observedBatch(Book b, Cursor c, Blackhole bh) {
    for (Evaluation e :
        b.observed.evaluateEach(c.batch(b), DealGenerator.AS_OF, Locale.ENGLISH).evaluated()) {
      PlaybookBenchmark.readFindings(e, bh);
    }
  }
}
