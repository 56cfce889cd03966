package dev.playbook.model;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the analysis of an activity's transcript or e-mail found: its conversation metrics and its
 * tracker hits, each hit with its quote. Conditions read them as activity fields ({@code
 * talk_ratio}, {@code hits.pricing}, {@code buyer_hits.pricing}, ...; see {@code
 * docs/deal-facts.md}).
 *
 * @param metrics metric values by name ({@link #METRICS}); a metric that could not be computed
 *     (such as talk ratio without times) is absent
 * @param hits the tracker hits in the order said
 */
public record Signals(Map<String, BigDecimal> metrics, List<Hit> hits) {

  /** The names of the metrics, in the order of the docs. */
  public static final List<String> METRICS =
      List.of(
          "talk_ratio",
          "longest_monologue",
          "longest_story",
          "interactivity",
          "patience",
          "rep_questions",
          "buyer_questions",
          "rep_words",
          "buyer_words",
          "filler_rate");

  /**
   * One tracker hit.
   *
   * @param tracker the tracker's concept, such as {@code pricing}
   * @param tag the tag the tracker gives the activity, or null
   * @param quote the sentence that hit, and where it is
   */
  public record Hit(String tracker, String tag, Quote quote) {
    public Hit {
      Checks.required(tracker, "hit tracker");
      requireNonNull(quote, "quote");
    }
  }

  public Signals {
    metrics = Checks.map(metrics, "signals metrics");
    for (String name : metrics.keySet()) {
      checkArgument(
          METRICS.contains(name), "signals: %s is not a metric; one of %s", name, METRICS);
    }
    hits = Checks.list(hits, "signals hits");
  }

  /**
   * Hits by tracker, said by {@code party} ({@code rep} or {@code buyer}), or by anyone if null.
   */
  public Map<String, BigDecimal> hitCounts(String party) {
    Map<String, Integer> n = new HashMap<>();
    for (Hit h : hits) {
      if (party == null || party.equals(h.quote().party())) {
        n.merge(h.tracker(), 1, Integer::sum);
      }
    }
    Map<String, BigDecimal> out = new HashMap<>();
    n.forEach((k, v) -> out.put(k, BigDecimal.valueOf(v)));
    return Map.copyOf(out);
  }
}
