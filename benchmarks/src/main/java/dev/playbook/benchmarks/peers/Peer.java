package dev.playbook.benchmarks.peers;

import dev.playbook.model.Deal;
import java.time.Instant;
import java.util.List;

/** One way of running the peer rule set: for each deal, the ids of the rules that fired. */
public interface Peer {

  String name();

  /** Findings per deal, in the order of {@code deals}; each list in the peer's own firing order. */
  List<List<String>> evaluate(List<Deal> deals, Instant asOf);
}
