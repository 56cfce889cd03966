package dev.playbook.insights.loop;

import static java.util.Objects.requireNonNull;

import dev.playbook.model.Deal;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the loop knows of the whole book when it suggests who could take over a deal: for each rep,
 * the deals they have open, and the deals they won and closed in each segment. Immutable.
 */
public final class Book {

  private record Key(String rep, String segment) {}

  private final Map<String, Integer> open;
  private final Map<Key, int[]> closed;

  private Book(Map<String, Integer> open, Map<Key, int[]> closed) {
    this.open = Map.copyOf(open);
    this.closed = Map.copyOf(closed);
  }

  /** An empty book: no rep has a record, so none is ever suggested. */
  public static Book empty() {
    return new Book(Map.of(), Map.of());
  }

  /**
   * The book of {@code deals}; a deal in one of {@code wonStages} is won, in one of {@code
   * lostStages} lost, in any other stage open. Deals without an owner are left out.
   */
  public static Book of(Collection<Deal> deals, Set<String> wonStages, Set<String> lostStages) {
    requireNonNull(deals, "deals");
    Map<String, Integer> open = new HashMap<>();
    Map<Key, int[]> closed = new HashMap<>();
    for (Deal d : deals) {
      if (d.owner() == null) {
        continue;
      }
      boolean won = wonStages.contains(d.stage());
      if (won || lostStages.contains(d.stage())) {
        int[] wc =
            closed.computeIfAbsent(
                new Key(d.owner(), String.valueOf(d.segment())), k -> new int[2]);
        wc[0] += won ? 1 : 0;
        wc[1]++;
      } else {
        open.merge(d.owner(), 1, Integer::sum);
      }
    }
    return new Book(open, closed);
  }

  /** How many deals {@code rep} has open. */
  public int open(String rep) {
    return open.getOrDefault(rep, 0);
  }

  /** How many deals {@code rep} closed in {@code segment} (null for deals without one). */
  public int closed(String rep, String segment) {
    int[] wc = closed.get(new Key(rep, String.valueOf(segment)));
    return wc == null ? 0 : wc[1];
  }

  /**
   * The share of {@code rep}'s closed deals in {@code segment} that were won; 0 when none closed.
   */
  public double winRate(String rep, String segment) {
    int[] wc = closed.get(new Key(rep, String.valueOf(segment)));
    return wc == null || wc[1] == 0 ? 0 : (double) wc[0] / wc[1];
  }
}
