package dev.playbook.benchmarks;

import dev.playbook.Playbook;
import dev.playbook.benchmarks.peers.PlaybookPeer;
import dev.playbook.model.Deal;
import dev.playbook.result.Evaluation;
import java.util.List;
import java.util.Locale;

/**
 * One scenario in a loop for a fixed time, for a profiler to sample: {@code peers} (the peer set's
 * YAML playbook, 100 deals per call, fired rules read), {@code drl} (the same rules as the
 * hand-written classic DRL peer), {@code findings} ({@code standard-b2b}, every finding read) or
 * {@code open} (the same on open deals only). The back end is the one {@code -Dplaybook.backend}
 * names. Usage: {@code ProfileLoop SCENARIO SECONDS}.
 *
 * <pre>
 * java -XX:StartFlightRecording=filename=x.jfr,settings=profile -Dplaybook.backend=generated \
 *     -cp benchmarks/target/benchmarks.jar dev.playbook.benchmarks.ProfileLoop open 60
 * </pre>
 */
public final class ProfileLoop {

  private ProfileLoop() {}

  public static void main(String[] args) {
    String scenario = args[0];
    long seconds = Long.parseLong(args[1]);
    List<Deal> deals = scenario.equals("open") ? Targets.openDeals() : Targets.allDeals();
    dev.playbook.benchmarks.peers.Peer peer =
        scenario.equals("peers")
            ? new PlaybookPeer()
            : scenario.equals("drl") ? new dev.playbook.benchmarks.peers.DrlPeer() : null;
    Playbook b2b = peer == null ? Playbook.builtIn("standard-b2b") : null;
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long evaluated = 0;
    long sink = 0;
    int at = 0;
    while (System.nanoTime() < end) {
      List<Deal> batch = deals.subList(at, at + PeerBenchmark.BATCH);
      at = (at + PeerBenchmark.BATCH) % deals.size();
      if (peer != null) {
        sink += peer.evaluate(batch, DealGenerator.AS_OF).size();
      } else {
        for (Evaluation e : b2b.evaluateAll(batch, DealGenerator.AS_OF, Locale.ENGLISH)) {
          sink += Targets.readFindings(e);
        }
      }
      evaluated += batch.size();
    }
    System.out.printf(
        Locale.ROOT, "%s: %,d deals in %d s (%d)%n", scenario, evaluated, seconds, sink & 1);
  }
}
