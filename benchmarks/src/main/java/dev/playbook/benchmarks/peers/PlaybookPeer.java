package dev.playbook.benchmarks.peers;

import dev.playbook.Playbook;
import dev.playbook.model.Deal;
import dev.playbook.result.Evaluation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The peer rule set as a YAML playbook compiled by our engine. {@code evaluateAll} builds its
 * results (actions and gaps with their rendered messages, readiness; evidence and scorecards are
 * computed only when read, and are not read here); the fired rules are what the peers compare.
 */
public final class PlaybookPeer implements Peer {

  private final Playbook playbook;

  public PlaybookPeer() {
    this.playbook = Playbook.parse("peer-playbook.yaml", DrlPeer.text("peer-playbook.yaml"));
  }

  public Playbook playbook() {
    return playbook;
  }

  @Override
  public String name() {
    return "our YAML playbook";
  }

  @Override
  public List<List<String>> evaluate(List<Deal> deals, Instant asOf) {
    List<Evaluation> results = playbook.evaluateAll(deals, asOf, Locale.ENGLISH);
    List<List<String>> out = new ArrayList<>(results.size());
    for (Evaluation e : results) {
      out.add(e.firedRules());
    }
    return out;
  }
}
