package dev.playbook.benchmarks;

import dev.playbook.Playbook;
import dev.playbook.benchmarks.peers.DrlPeer;
import dev.playbook.benchmarks.peers.Peer;
import dev.playbook.benchmarks.peers.PlaybookPeer;
import dev.playbook.model.Deal;
import dev.playbook.result.Evaluation;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The two back ends side by side in one JVM on one thread, interleaved: each round evaluates the
 * same batch of 100 deals with every contender in turn, timed by the thread's CPU time, so that a
 * busy machine slows every contender alike and a contender's JIT warm-up does not fall on another's
 * measurement. Prints deals per CPU second for each, and ratios to the closures.
 *
 * <pre>
 * java -Xms1g -Xmx1g -XX:+UseParallelGC -cp benchmarks/target/benchmarks.jar \
 *     dev.playbook.benchmarks.BackendRun [warm-up rounds] [measured rounds]
 * </pre>
 */
public final class BackendRun {

  private BackendRun() {}

  /** One contender: evaluates a batch of deals and returns something to keep alive. */
  interface Contender {
    Object run(List<Deal> batch);
  }

  public static void main(String[] args) {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3_000;
    List<Deal> all = DealGenerator.deals(42, PeerBenchmark.DEALS);
    List<Deal> open =
        DealGenerator.deals(42, PeerBenchmark.DEALS * 8).stream()
            .filter(d -> !d.stage().equals("closed_won") && !d.stage().equals("closed_lost"))
            .limit(PeerBenchmark.DEALS)
            .toList();
    Map<String, Contender> peers = new LinkedHashMap<>();
    Peer closures = new PlaybookPeer("closures");
    Peer generated = new PlaybookPeer("generated");
    Peer drl = new DrlPeer();
    peers.put("peer set, closures", b -> closures.evaluate(b, DealGenerator.AS_OF));
    peers.put("peer set, generated", b -> generated.evaluate(b, DealGenerator.AS_OF));
    peers.put("peer set, classic DRL", b -> drl.evaluate(b, DealGenerator.AS_OF));
    Playbook b2bClosures =
        PlaybookPeer.withBackend("closures", () -> Playbook.builtIn("standard-b2b"));
    Playbook b2bGenerated =
        PlaybookPeer.withBackend("generated", () -> Playbook.builtIn("standard-b2b"));
    Map<String, Contender> books = new LinkedHashMap<>();
    books.put("standard-b2b, closures", b -> findings(b2bClosures, b));
    books.put("standard-b2b, generated", b -> findings(b2bGenerated, b));

    System.out.printf(
        "%d warm-up and %d measured rounds of 100 deals, one thread, CPU time%n", warmup, rounds);
    report("peer set, all deals", measure(peers, all, warmup, rounds), "peer set, closures");
    report(
        "standard-b2b, all deals", measure(books, all, warmup, rounds), "standard-b2b, closures");
    report(
        "standard-b2b, open deals", measure(books, open, warmup, rounds), "standard-b2b, closures");
  }

  private static Object findings(Playbook p, List<Deal> batch) {
    long n = 0;
    for (Evaluation e : p.evaluateAll(batch, DealGenerator.AS_OF, Locale.ENGLISH)) {
      n += e.actions().size() + e.gaps().size();
      for (var g : e.gaps()) {
        n += g.message().length();
      }
    }
    return n;
  }

  private static Map<String, Double> measure(
      Map<String, Contender> contenders, List<Deal> deals, int warmup, int rounds) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<String, long[]> nanos = new LinkedHashMap<>();
    contenders.keySet().forEach(k -> nanos.put(k, new long[1]));
    List<Object> sink = new ArrayList<>();
    int at = 0;
    for (int r = 0; r < warmup + rounds; r++) {
      List<Deal> batch = deals.subList(at, at + PeerBenchmark.BATCH);
      at = (at + PeerBenchmark.BATCH) % deals.size();
      for (Map.Entry<String, Contender> c : contenders.entrySet()) {
        long t0 = mx.getCurrentThreadCpuTime();
        Object out = c.getValue().run(batch);
        long t1 = mx.getCurrentThreadCpuTime();
        if (r >= warmup) {
          nanos.get(c.getKey())[0] += t1 - t0;
        }
        if ((r & 1023) == 0) {
          sink.add(out);
        }
      }
    }
    Map<String, Double> rates = new LinkedHashMap<>();
    nanos.forEach((k, v) -> rates.put(k, (double) rounds * PeerBenchmark.BATCH / (v[0] / 1e9)));
    if (sink.isEmpty()) {
      throw new IllegalStateException("nothing ran");
    }
    return rates;
  }

  private static void report(String title, Map<String, Double> rates, String reference) {
    System.out.println(title);
    double ref = rates.get(reference);
    rates.forEach(
        (k, v) ->
            System.out.printf(
                Locale.ROOT, "  %-26s %,12.0f deals/s  %.2fx the closures%n", k, v, v / ref));
  }
}
