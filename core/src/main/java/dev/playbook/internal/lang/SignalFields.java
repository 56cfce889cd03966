package dev.playbook.internal.lang;

import dev.playbook.model.Activity;
import dev.playbook.model.Signals;
import java.math.BigDecimal;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The activity fields filled by the analysis of a conversation: its metrics and its tracker hits.
 * All are missing on an activity that was not analysed.
 */
final class SignalFields {

  /** The names of the fields, in the order of the docs. */
  static final List<String> NAMES;

  static {
    List<String> names = new ArrayList<>(Signals.METRICS);
    names.addAll(List.of("hits", "rep_hits", "buyer_hits"));
    NAMES = List.copyOf(names);
  }

  private SignalFields() {}

  static void add(Map<String, Type.Field> a) {
    metric(a, "talk_ratio", "the rep side's share of speaking time, 0 to 1");
    metric(a, "longest_monologue", "the longest rep monologue, in seconds");
    metric(a, "longest_story", "the longest buyer story, in seconds");
    metric(a, "interactivity", "speaker switches per minute");
    metric(a, "patience", "mean pause before the rep speaks after the buyer, in seconds");
    metric(a, "rep_questions", "questions the rep side asked");
    metric(a, "buyer_questions", "questions the buying side asked");
    metric(a, "rep_words", "words the rep side said");
    metric(a, "buyer_words", "words the buying side said");
    metric(a, "filler_rate", "rep filler words per 100 rep words");
    hits(a, "hits", null, "tracker hits by anyone, such as hits.pricing");
    hits(a, "rep_hits", "rep", "tracker hits by the rep side, such as rep_hits.pricing");
    hits(a, "buyer_hits", "buyer", "tracker hits by the buying side, such as buyer_hits.pricing");
  }

  private static void metric(Map<String, Type.Field> a, String name, String doc) {
    a.put(
        name,
        new Type.Field(
            name,
            Type.Basic.NUMBER,
            (f, r) -> {
              Signals s = ((Activity) r).signals();
              BigDecimal v = s == null ? null : s.metrics().get(name);
              return v == null ? null : v.doubleValue();
            },
            doc));
  }

  private static void hits(Map<String, Type.Field> a, String name, String party, String doc) {
    a.put(
        name,
        new Type.Field(
            name,
            new Type.NumberMap(),
            (f, r) -> {
              Signals s = ((Activity) r).signals();
              return s == null ? null : new ZeroForMissing(s.hitCounts(party));
            },
            doc));
  }

  /** Hit counts of an analysed activity: a tracker that did not hit has 0, not a missing value. */
  private static final class ZeroForMissing extends AbstractMap<String, BigDecimal> {
    private final Map<String, BigDecimal> counts;

    ZeroForMissing(Map<String, BigDecimal> counts) {
      this.counts = counts;
    }

    @Override
    public BigDecimal get(Object key) {
      return counts.getOrDefault(key, BigDecimal.ZERO);
    }

    @Override
    public Set<Entry<String, BigDecimal>> entrySet() {
      return counts.entrySet();
    }
  }
}
