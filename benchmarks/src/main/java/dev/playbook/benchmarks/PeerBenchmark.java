package dev.playbook.benchmarks;

import dev.playbook.benchmarks.peers.DrlPeer;
import dev.playbook.benchmarks.peers.EasyRulesPeer;
import dev.playbook.benchmarks.peers.Peer;
import dev.playbook.benchmarks.peers.PlainJavaPeer;
import dev.playbook.benchmarks.peers.PlaybookPeer;
import dev.playbook.model.Deal;
import java.util.List;
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
 * The 30-rule peer rule set, four ways, over the same generated deals: batches of 100 deals per
 * call; the score is deals per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PeerBenchmark {

  static final int BATCH = 100;
  static final int DEALS = 10_000;

  @State(Scope.Benchmark)
  public static class Peers {
    /** {@code playbook-generated}: the playbook with its conditions compiled to bytecode. */
    @Param({"java", "drl", "easyrules", "playbook", "playbook-generated"})
    public String peer;

    Peer impl;
    List<Deal> deals;

    @Setup(Level.Trial)
    public void setUp() {
      deals = DealGenerator.deals(42, DEALS);
      impl =
          switch (peer) {
            case "java" -> new PlainJavaPeer();
            case "drl" -> new DrlPeer();
            case "easyrules" -> new EasyRulesPeer();
            case "playbook" -> new PlaybookPeer("closures");
            case "playbook-generated" -> new PlaybookPeer("generated");
            default -> throw new IllegalArgumentException("unknown peer " + peer);
          };
    }
  }

  /** Which slice of the deals this thread evaluates next. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    int advance(int size, int step) {
      int at = next;
      next = (next + step) % size;
      return at;
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object batch(Peers p, Cursor c) {
    int from = c.advance(DEALS, BATCH);
    return p.impl.evaluate(p.deals.subList(from, from + BATCH), DealGenerator.AS_OF);
  }
}
