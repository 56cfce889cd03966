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

  /** The system property that chooses how the engine runs conditions (docs/performance.md). */
  public static final String BACKEND = "playbook.backend";

  private final Playbook playbook;
  private final String backend;

  /** The playbook with the back end the system property chooses (closures when it is not set). */
  public PlaybookPeer() {
    this.playbook = Playbook.parse("peer-playbook.yaml", DrlPeer.text("peer-playbook.yaml"));
    this.backend = null;
  }

  /**
   * The playbook compiled with back end {@code backend} ({@code closures} or {@code generated}),
   * chosen through the system property while it loads.
   */
  public PlaybookPeer(String backend) {
    this.playbook =
        withBackend(
            backend,
            () -> Playbook.parse("peer-playbook.yaml", DrlPeer.text("peer-playbook.yaml")));
    this.backend = backend;
  }

  /** Runs {@code load} with the system property {@value #BACKEND} set to {@code backend}. */
  public static <T> T withBackend(String backend, java.util.function.Supplier<T> load) {
    String before = System.getProperty(BACKEND);
    System.setProperty(BACKEND, backend);
    try {
      return load.get();
    } finally {
      if (before == null) {
        System.clearProperty(BACKEND);
      } else {
        System.setProperty(BACKEND, before);
      }
    }
  }

  public Playbook playbook() {
    return playbook;
  }

  @Override
  public String name() {
    return backend == null ? "our YAML playbook" : "our YAML playbook (" + backend + ")";
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
