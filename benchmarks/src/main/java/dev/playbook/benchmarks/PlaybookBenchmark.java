package dev.playbook.benchmarks;

import dev.playbook.Playbook;
import dev.playbook.benchmarks.peers.PlaybookPeer;
import dev.playbook.model.Deal;
import dev.playbook.result.Action;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Gap;
import dev.playbook.result.Scorecard;
import dev.playbook.result.StageReadiness;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Evaluations with built-in and generated playbooks: one deal per call (latency, {@code single*})
 * and 100 deals per {@code evaluateAll} call (throughput in deals per second, {@code batch*}), each
 * read as an integration reads its findings, or read whole.
 */
public class PlaybookBenchmark {

  static final int DEALS = 10_000;

  @State(Scope.Benchmark)
  public static class Book {
    @Param({"meddic", "standard-b2b", "generated-500", "generated-5000"})
    public String playbook;

    /**
     * Which generated deals: {@code all} (the Maven CRM mix, about three in four closed) or {@code
     * open} (only deals still in the pipeline, which fire most rules).
     */
    @Param({"all"})
    public String deals;

    /**
     * How conditions run: {@code closures} (the reference) or {@code generated} (bytecode); run
     * both side by side with {@code -p backend=closures,generated}.
     */
    @Param({"closures"})
    public String backend;

    Playbook compiled;
    List<Deal> book;

    @Setup(Level.Trial)
    public void setUp() {
      compiled = PlaybookPeer.withBackend(backend, () -> load(playbook));
      book =
          switch (deals) {
            case "all" -> DealGenerator.deals(42, DEALS);
            case "open" ->
                DealGenerator.deals(42, DEALS * 8).stream()
                    .filter(
                        d -> !d.stage().equals("closed_won") && !d.stage().equals("closed_lost"))
                    .limit(DEALS)
                    .toList();
            default ->
                throw new IllegalArgumentException("deals must be all or open, not " + deals);
          };
      if (book.size() < DEALS) {
        throw new IllegalStateException("only " + book.size() + " open deals generated");
      }
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

  /*
   * Evaluations compute each gap's evidence and the scorecards when they are first read, so what a
   * benchmark reads decides what it measures. Two readers:
   * - "single" and "batch" read what an integration that reacts to a CRM change reads: every
   *   action (title, due date, reason, target), every gap (rule, severity, message) and the stage
   *   readiness;
   * - "singleEverything" and "batchEverything" also read every gap's evidence lines and every
   *   scorecard element: the whole result, as the CLI's JSON output does.
   */

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void single(Book b, Cursor c, Blackhole bh) {
    readFindings(next(b, c), bh);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void singleEverything(Book b, Cursor c, Blackhole bh) {
    readEverything(next(b, c), bh);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(PeerBenchmark.BATCH)
  public void batch(Book b, Cursor c, Blackhole bh) {
    for (Evaluation e : nextBatch(b, c)) {
      readFindings(e, bh);
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(PeerBenchmark.BATCH)
  public void batchEverything(Book b, Cursor c, Blackhole bh) {
    for (Evaluation e : nextBatch(b, c)) {
      readEverything(e, bh);
    }
  }

  private static Evaluation next(Book b, Cursor c) {
    Deal deal = b.book.get(c.next);
    c.next = (c.next + 1) % DEALS;
    return b.compiled.evaluate(deal, DealGenerator.AS_OF);
  }

  private static List<Evaluation> nextBatch(Book b, Cursor c) {
    int from = c.next;
    c.next = (c.next + PeerBenchmark.BATCH) % DEALS;
    return b.compiled.evaluateAll(
        b.book.subList(from, from + PeerBenchmark.BATCH), DealGenerator.AS_OF, Locale.ENGLISH);
  }

  static void readFindings(Evaluation e, Blackhole bh) {
    for (Action a : e.actions()) {
      bh.consume(a.title());
      bh.consume(a.due());
      bh.consume(a.reason());
      bh.consume(a.target());
    }
    for (Gap g : e.gaps()) {
      bh.consume(g.rule());
      bh.consume(g.severity());
      bh.consume(g.message());
    }
    for (StageReadiness.KeyNode k : e.stageReadiness().keyNodes()) {
      for (StageReadiness.Criterion cr : k.criteria()) {
        bh.consume(cr.met());
      }
    }
  }

  static void readEverything(Evaluation e, Blackhole bh) {
    readFindings(e, bh);
    for (Gap g : e.gaps()) {
      for (String line : g.evidence()) {
        bh.consume(line);
      }
    }
    for (Scorecard s : e.scorecards()) {
      bh.consume(s.percent());
      for (Scorecard.Element el : s.elements()) {
        bh.consume(el.status());
      }
    }
  }
}
