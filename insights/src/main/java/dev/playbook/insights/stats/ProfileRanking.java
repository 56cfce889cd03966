package dev.playbook.insights.stats;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which customers win: attribute values ({@code sector = retail}) and pairs of values ({@code
 * sector = retail, size = 50-249}) ranked by win rate against the book's baseline.
 *
 * <p>Only closed deals count. Each profile with at least {@link Options#minSupport()} closed deals
 * gets its win rate with a 95% Wilson interval and a {@link Standing} against the baseline (the win
 * rate of all closed deals): {@code ABOVE} when the interval lies wholly above it. Profiles are
 * ranked by the lower limit of that interval, highest first, so that a small profile with a lucky
 * rate does not outrank a large one that is surely better; ties by rate, then by support, then by
 * name.
 *
 * <p>Many profiles are tested at once, so some will lie outside the baseline by chance (about 5% of
 * them when nothing is going on). {@link Profile#adjusted()} is the Wilson interval at the
 * Bonferroni level {@code 1 - 0.05/m} for the {@code m} profiles tested; a profile whose adjusted
 * interval excludes the baseline ({@link Profile#significant()}) is unlikely to be chance even
 * after looking at all of them.
 *
 * <p>Memory is bounded: an attribute with more than {@link Options#maxValues()} distinct values (an
 * id, a free-text field) is left out, and named in {@link #leftOut()}, as soon as it passes that
 * count, so at most {@code k·(maxValues+1)} values and {@code k(k-1)/2·maxValues²} pairs are
 * counted for {@code k} attributes.
 */
public final class ProfileRanking {

  /**
   * One closed deal.
   *
   * @param attributes its attribute values by attribute name; blank values count as absent
   * @param won whether it was won (else lost)
   */
  public record Deal(Map<String, String> attributes, boolean won) {
    public Deal {
      Map<String, String> copy = new HashMap<>();
      attributes.forEach(
          (k, v) -> {
            if (k != null && v != null) {
              copy.put(k, v);
            }
          });
      attributes = Map.copyOf(copy);
    }
  }

  /**
   * One attribute value.
   *
   * @param attribute the attribute's name, such as {@code sector}
   * @param value its value
   */
  public record Condition(String attribute, String value) {
    public Condition {
      requireNonNull(attribute, "attribute");
      requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return attribute + " = " + value;
    }
  }

  /** Where a profile's 95% interval lies against the baseline. */
  public enum Standing {
    ABOVE,
    WITHIN,
    BELOW
  }

  /**
   * A profile and how it wins.
   *
   * @param conditions one value, or two of different attributes in order of attribute name
   * @param won won deals with the profile
   * @param closed closed deals with the profile
   * @param winRate the win rate with its 95% Wilson interval
   * @param lift the win rate over the baseline
   * @param standing where the 95% interval lies against the baseline
   * @param adjusted the win rate with its Bonferroni-adjusted Wilson interval
   */
  public record Profile(
      List<Condition> conditions,
      long won,
      long closed,
      Estimate winRate,
      double lift,
      Standing standing,
      Estimate adjusted) {
    public Profile {
      conditions = List.copyOf(conditions);
    }

    /** Whether the adjusted interval lies wholly above or below the baseline. */
    public boolean significant(double baseline) {
      return adjusted.excludes(baseline);
    }

    /** The conditions joined with " and ", such as {@code sector = retail and size = 50-249}. */
    public String label() {
      return conditions.stream().map(Condition::toString).collect(Collectors.joining(" and "));
    }
  }

  /**
   * Settings.
   *
   * @param minSupport the fewest closed deals a profile needs to be ranked
   * @param pairs whether pairs of values are ranked too
   * @param maxValues the most distinct values an attribute may have before it is left out
   */
  public record Options(int minSupport, boolean pairs, int maxValues) {
    public Options {
      checkArgument(minSupport >= 1, "minimum support %s must be at least 1", minSupport);
      checkArgument(maxValues >= 1, "maximum values %s must be at least 1", maxValues);
    }

    /** At least 30 closed deals, pairs included, at most 50 values per attribute. */
    public static Options defaults() {
      return new Options(30, true, 50);
    }
  }

  private final long won;
  private final long closed;
  private final Estimate baseline;
  private final List<Profile> profiles;
  private final List<String> leftOut;
  private final Options options;

  private ProfileRanking(
      long won,
      long closed,
      Estimate baseline,
      List<Profile> profiles,
      List<String> leftOut,
      Options options) {
    this.won = won;
    this.closed = closed;
    this.baseline = baseline;
    this.profiles = List.copyOf(profiles);
    this.leftOut = List.copyOf(leftOut);
    this.options = options;
  }

  /** Ranks the profiles of {@code deals} (one pass). */
  public static ProfileRanking of(Iterable<Deal> deals, Options options) {
    Tally tally = tally(options);
    for (Deal deal : deals) {
      tally.add(deal);
    }
    return tally.rank();
  }

  /** A new, empty tally, to add closed deals one by one from a stream. */
  public static Tally tally(Options options) {
    return new Tally(requireNonNull(options, "options"));
  }

  /** Counts per value and pair of values, in bounded memory. Not thread-safe. */
  public static final class Tally {

    private final Options options;
    private long won;
    private long closed;
    private final Map<String, Map<String, long[]>> singles = new HashMap<>();
    private final Map<List<String>, Map<List<String>, long[]>> pairs = new HashMap<>();
    private final Set<String> dropped = new TreeSet<>();

    private Tally(Options options) {
      this.options = options;
    }

    /** Adds one closed deal. */
    public Tally add(Deal deal) {
      requireNonNull(deal, "deal");
      closed++;
      int w = deal.won() ? 1 : 0;
      won += w;
      TreeMap<String, String> present = new TreeMap<>();
      for (Map.Entry<String, String> e : deal.attributes().entrySet()) {
        if (!e.getValue().isBlank() && !dropped.contains(e.getKey())) {
          present.put(e.getKey(), e.getValue().strip());
        }
      }
      for (Map.Entry<String, String> e : present.entrySet()) {
        Map<String, long[]> values = singles.computeIfAbsent(e.getKey(), k -> new HashMap<>());
        if (!values.containsKey(e.getValue()) && values.size() >= options.maxValues()) {
          drop(e.getKey());
          continue;
        }
        count(values.computeIfAbsent(e.getValue(), v -> new long[2]), w);
      }
      if (options.pairs()) {
        List<Map.Entry<String, String>> kept =
            present.entrySet().stream().filter(e -> !dropped.contains(e.getKey())).toList();
        for (int i = 0; i < kept.size(); i++) {
          for (int j = i + 1; j < kept.size(); j++) {
            List<String> key = List.of(kept.get(i).getKey(), kept.get(j).getKey());
            List<String> vals = List.of(kept.get(i).getValue(), kept.get(j).getValue());
            count(
                pairs
                    .computeIfAbsent(key, k -> new HashMap<>())
                    .computeIfAbsent(vals, v -> new long[2]),
                w);
          }
        }
      }
      return this;
    }

    /**
     * Adds every count of {@code other} (a tally of other deals with the same options) to this one;
     * an attribute left out of either is left out of both.
     */
    public Tally merge(Tally other) {
      requireNonNull(other, "other");
      checkArgument(
          other.options.equals(options), "tallies with different options cannot be merged");
      won += other.won;
      closed += other.closed;
      other.dropped.forEach(this::drop);
      for (Map.Entry<String, Map<String, long[]>> e : other.singles.entrySet()) {
        if (dropped.contains(e.getKey())) {
          continue;
        }
        Map<String, long[]> values = singles.computeIfAbsent(e.getKey(), k -> new HashMap<>());
        e.getValue().forEach((v, c) -> add(values.computeIfAbsent(v, x -> new long[2]), c));
        if (values.size() > options.maxValues()) {
          drop(e.getKey());
        }
      }
      for (Map.Entry<List<String>, Map<List<String>, long[]>> e : other.pairs.entrySet()) {
        if (dropped.contains(e.getKey().get(0)) || dropped.contains(e.getKey().get(1))) {
          continue;
        }
        Map<List<String>, long[]> values = pairs.computeIfAbsent(e.getKey(), k -> new HashMap<>());
        e.getValue().forEach((v, c) -> add(values.computeIfAbsent(v, x -> new long[2]), c));
      }
      return this;
    }

    private static void add(long[] into, long[] c) {
      into[0] += c[0];
      into[1] += c[1];
    }

    private void drop(String attribute) {
      dropped.add(attribute);
      singles.remove(attribute);
      pairs.keySet().removeIf(k -> k.contains(attribute));
    }

    /** The ranking of the deals added so far. */
    public ProfileRanking rank() {
      return ProfileRanking.rank(won, closed, singles, pairs, dropped, options);
    }
  }

  private static ProfileRanking rank(
      long won,
      long closed,
      Map<String, Map<String, long[]>> singles,
      Map<List<String>, Map<List<String>, long[]>> pairs,
      Set<String> dropped,
      Options options) {
    List<Candidate> candidates = new ArrayList<>();
    singles.forEach(
        (attr, values) ->
            values.forEach(
                (value, c) -> {
                  if (c[1] >= options.minSupport()) {
                    candidates.add(new Candidate(List.of(new Condition(attr, value)), c[0], c[1]));
                  }
                }));
    pairs.forEach(
        (attrs, values) ->
            values.forEach(
                (vals, c) -> {
                  if (c[1] >= options.minSupport()) {
                    candidates.add(
                        new Candidate(
                            List.of(
                                new Condition(attrs.get(0), vals.get(0)),
                                new Condition(attrs.get(1), vals.get(1))),
                            c[0],
                            c[1]));
                  }
                }));

    Estimate baseline = Proportions.wilson(won, closed);
    double base = baseline.value();
    int m = candidates.size();
    double adjustedConfidence = m == 0 ? 0.95 : 1 - 0.05 / m;
    List<Profile> profiles = new ArrayList<>(m);
    for (Candidate c : candidates) {
      Estimate rate = Proportions.wilson(c.won, c.closed);
      Standing standing =
          rate.low() > base
              ? Standing.ABOVE
              : rate.high() < base ? Standing.BELOW : Standing.WITHIN;
      profiles.add(
          new Profile(
              c.conditions,
              c.won,
              c.closed,
              rate,
              base > 0 ? rate.value() / base : Double.NaN,
              standing,
              Proportions.wilson(c.won, c.closed, adjustedConfidence)));
    }
    profiles.sort(
        Comparator.comparingDouble((Profile p) -> p.winRate().low())
            .reversed()
            .thenComparing(
                Comparator.comparingDouble((Profile p) -> p.winRate().value()).reversed())
            .thenComparing(Comparator.comparingLong(Profile::closed).reversed())
            .thenComparing(Profile::label));
    return new ProfileRanking(won, closed, baseline, profiles, new ArrayList<>(dropped), options);
  }

  private record Candidate(List<Condition> conditions, long won, long closed) {}

  private static void count(long[] c, int won) {
    c[0] += won;
    c[1]++;
  }

  /** Won closed deals. */
  public long won() {
    return won;
  }

  /** Closed deals. */
  public long closed() {
    return closed;
  }

  /** The book's win rate with its 95% Wilson interval; undefined without closed deals. */
  public Estimate baseline() {
    return baseline;
  }

  /** Every profile with enough support, best first. */
  public List<Profile> profiles() {
    return profiles;
  }

  /** The profiles whose 95% interval lies wholly above the baseline, best first. */
  public List<Profile> above() {
    return profiles.stream().filter(p -> p.standing() == Standing.ABOVE).toList();
  }

  /** The profiles whose Bonferroni-adjusted interval excludes the baseline, best first. */
  public List<Profile> significant() {
    return profiles.stream().filter(p -> p.significant(baseline.value())).toList();
  }

  /** The attributes left out for having more than {@link Options#maxValues()} values, sorted. */
  public List<String> leftOut() {
    return leftOut;
  }

  /** The settings used. */
  public Options options() {
    return options;
  }
}
