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
 * <h2>Time to win</h2>
 *
 * A profile that wins as often as the book but in half the time is a customer to look for too. With
 * {@link Options#horizonDays()} {@code H > 0}, every deal with a known age is also added with
 * {@link Tally#addTime}: closed deals with their days to close, open ones censored at their age on
 * the report date, so young profiles are not misread as slow. Each profile with at least {@code
 * minSupport} such deals gets the cumulative incidence of winning within {@code H} days (loss a
 * competing risk, see {@link CumulativeIncidence}) with its 95% interval, its median time to win if
 * winning reaches 50% by day {@code H}, and a {@link Standing} against the book's own share won
 * within {@code H} days. {@link #fastest()} ranks them by the lower limit of that interval, highest
 * first (ties as above). Only days up to {@code H} are counted: a deal still open after day {@code
 * H} is censored at day {@code H + 1}, which leaves every estimate up to day {@code H} as it is and
 * keeps each profile's counts to at most {@code H + 2} days.
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
   * @param horizonDays the {@code H} of "won within H days" that ranks profiles by time to win; 0
   *     ranks by win rate only
   */
  public record Options(int minSupport, boolean pairs, int maxValues, int horizonDays) {
    public Options {
      checkArgument(minSupport >= 1, "minimum support %s must be at least 1", minSupport);
      checkArgument(maxValues >= 1, "maximum values %s must be at least 1", maxValues);
      checkArgument(horizonDays >= 0, "horizon %s days must not be negative", horizonDays);
    }

    /** Settings without the ranking by time to win. */
    public Options(int minSupport, boolean pairs, int maxValues) {
      this(minSupport, pairs, maxValues, 0);
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
  private final Estimate baselineWithin;
  private final List<Speed> fastest;

  private ProfileRanking(
      long won,
      long closed,
      Estimate baseline,
      List<Profile> profiles,
      List<String> leftOut,
      Options options,
      Estimate baselineWithin,
      List<Speed> fastest) {
    this.won = won;
    this.closed = closed;
    this.baseline = baseline;
    this.profiles = List.copyOf(profiles);
    this.leftOut = List.copyOf(leftOut);
    this.options = options;
    this.baselineWithin = baselineWithin;
    this.fastest = List.copyOf(fastest);
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
    private final CumulativeIncidence.Tally allTimes = CumulativeIncidence.tally();
    private final Map<String, Map<String, CumulativeIncidence.Tally>> singleTimes = new HashMap<>();
    private final Map<List<String>, Map<List<String>, CumulativeIncidence.Tally>> pairTimes =
        new HashMap<>();

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
     * Adds one deal's time: {@code days} from creation to its win or loss, or to the report date
     * when {@code outcome} is {@code OPEN}. Open deals count here (and not in the win rates).
     * Without a horizon ({@link Options#horizonDays()} 0) nothing is counted.
     *
     * @param attributes its attribute values by attribute name; blank values count as absent
     */
    public Tally addTime(
        Map<String, String> attributes, long days, CumulativeIncidence.Outcome outcome) {
      requireNonNull(attributes, "attributes");
      requireNonNull(outcome, "outcome");
      checkArgument(days >= 0, "days %s must not be negative", days);
      int h = options.horizonDays();
      if (h == 0) {
        return this;
      }
      long day = days > h ? h + 1 : days;
      CumulativeIncidence.Outcome seen = days > h ? CumulativeIncidence.Outcome.OPEN : outcome;
      allTimes.add(day, seen, 1);
      TreeMap<String, String> present = new TreeMap<>();
      attributes.forEach(
          (k, v) -> {
            if (k != null && v != null && !v.isBlank() && !dropped.contains(k)) {
              present.put(k, v.strip());
            }
          });
      for (Map.Entry<String, String> e : present.entrySet()) {
        Map<String, CumulativeIncidence.Tally> values =
            singleTimes.computeIfAbsent(e.getKey(), k -> new HashMap<>());
        if (!values.containsKey(e.getValue()) && values.size() >= options.maxValues()) {
          drop(e.getKey());
          continue;
        }
        values.computeIfAbsent(e.getValue(), v -> CumulativeIncidence.tally()).add(day, seen, 1);
      }
      if (options.pairs()) {
        List<Map.Entry<String, String>> kept =
            present.entrySet().stream().filter(e -> !dropped.contains(e.getKey())).toList();
        for (int i = 0; i < kept.size(); i++) {
          for (int j = i + 1; j < kept.size(); j++) {
            pairTimes
                .computeIfAbsent(
                    List.of(kept.get(i).getKey(), kept.get(j).getKey()), k -> new HashMap<>())
                .computeIfAbsent(
                    List.of(kept.get(i).getValue(), kept.get(j).getValue()),
                    v -> CumulativeIncidence.tally())
                .add(day, seen, 1);
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
      allTimes.merge(other.allTimes);
      for (Map.Entry<String, Map<String, CumulativeIncidence.Tally>> e :
          other.singleTimes.entrySet()) {
        if (dropped.contains(e.getKey())) {
          continue;
        }
        Map<String, CumulativeIncidence.Tally> values =
            singleTimes.computeIfAbsent(e.getKey(), k -> new HashMap<>());
        e.getValue()
            .forEach(
                (v, t) -> values.computeIfAbsent(v, x -> CumulativeIncidence.tally()).merge(t));
        if (values.size() > options.maxValues()) {
          drop(e.getKey());
        }
      }
      for (Map.Entry<List<String>, Map<List<String>, CumulativeIncidence.Tally>> e :
          other.pairTimes.entrySet()) {
        if (dropped.contains(e.getKey().get(0)) || dropped.contains(e.getKey().get(1))) {
          continue;
        }
        Map<List<String>, CumulativeIncidence.Tally> values =
            pairTimes.computeIfAbsent(e.getKey(), k -> new HashMap<>());
        e.getValue()
            .forEach(
                (v, t) -> values.computeIfAbsent(v, x -> CumulativeIncidence.tally()).merge(t));
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
      singleTimes.remove(attribute);
      pairTimes.keySet().removeIf(k -> k.contains(attribute));
    }

    /**
     * The counts held: one per value and pair of values ranked by win rate, and one per value or
     * pair and distinct day for time to win. They grow with the distinct values, pairs and days (at
     * most {@code horizonDays + 2} per value or pair), never with the number of deals.
     */
    public long cells() {
      long n = 0;
      for (Map<String, long[]> v : singles.values()) {
        n += v.size();
      }
      for (Map<List<String>, long[]> v : pairs.values()) {
        n += v.size();
      }
      n += allTimes.days();
      for (Map<String, CumulativeIncidence.Tally> v : singleTimes.values()) {
        for (CumulativeIncidence.Tally t : v.values()) {
          n += t.days();
        }
      }
      for (Map<List<String>, CumulativeIncidence.Tally> v : pairTimes.values()) {
        for (CumulativeIncidence.Tally t : v.values()) {
          n += t.days();
        }
      }
      return n;
    }

    /** The ranking of the deals added so far. */
    public ProfileRanking rank() {
      ProfileRanking byRate = ProfileRanking.rank(won, closed, singles, pairs, dropped, options);
      if (options.horizonDays() == 0) {
        return byRate;
      }
      int h = options.horizonDays();
      Estimate base = allTimes.estimate().wonWithin(h).orElse(Estimate.undefined());
      List<Speed> speeds = new ArrayList<>();
      singleTimes.forEach(
          (attr, values) ->
              values.forEach(
                  (value, t) ->
                      speed(List.of(new Condition(attr, value)), t, h, base)
                          .ifPresent(speeds::add)));
      pairTimes.forEach(
          (attrs, values) ->
              values.forEach(
                  (vals, t) ->
                      speed(
                              List.of(
                                  new Condition(attrs.get(0), vals.get(0)),
                                  new Condition(attrs.get(1), vals.get(1))),
                              t,
                              h,
                              base)
                          .ifPresent(speeds::add)));
      speeds.sort(
          Comparator.comparingDouble((Speed p) -> p.wonWithin().low())
              .reversed()
              .thenComparing(
                  Comparator.comparingDouble((Speed p) -> p.wonWithin().value()).reversed())
              .thenComparing(Comparator.comparingLong(Speed::deals).reversed())
              .thenComparing(Speed::label));
      return new ProfileRanking(
          byRate.won,
          byRate.closed,
          byRate.baseline,
          byRate.profiles,
          byRate.leftOut,
          options,
          base,
          speeds);
    }

    private java.util.Optional<Speed> speed(
        List<Condition> conditions, CumulativeIncidence.Tally tally, int h, Estimate base) {
      CumulativeIncidence ci = tally.estimate();
      if (ci.deals() < options.minSupport()) {
        return java.util.Optional.empty();
      }
      java.util.Optional<Estimate> within = ci.wonWithin(h);
      if (within.isEmpty() || !within.get().isDefined() || Double.isNaN(within.get().low())) {
        return java.util.Optional.empty();
      }
      Estimate w = within.get();
      Standing standing =
          w.low() > base.value()
              ? Standing.ABOVE
              : w.high() < base.value() ? Standing.BELOW : Standing.WITHIN;
      return java.util.Optional.of(
          new Speed(conditions, ci.deals(), ci.wins(), w, ci.medianTimeToWin(), standing));
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
    return new ProfileRanking(
        won,
        closed,
        baseline,
        profiles,
        new ArrayList<>(dropped),
        options,
        Estimate.undefined(),
        List.of());
  }

  private record Candidate(List<Condition> conditions, long won, long closed) {}

  /**
   * A profile and how fast it wins.
   *
   * @param conditions one value, or two of different attributes in order of attribute name
   * @param deals deals with the profile and a known age, open ones included
   * @param won of those, won (by any day)
   * @param wonWithin the cumulative incidence of winning within {@link Options#horizonDays()} days,
   *     with its 95% interval
   * @param median the median time to win, absent when winning does not reach 50% by the horizon
   * @param standing where the interval lies against the book's share won within the horizon
   */
  public record Speed(
      List<Condition> conditions,
      long deals,
      long won,
      Estimate wonWithin,
      CumulativeIncidence.Median median,
      Standing standing) {
    public Speed {
      conditions = List.copyOf(conditions);
      requireNonNull(wonWithin, "wonWithin");
      requireNonNull(median, "median");
      requireNonNull(standing, "standing");
    }

    /** The conditions joined with " and ", as {@link Profile#label()}. */
    public String label() {
      return conditions.stream().map(Condition::toString).collect(Collectors.joining(" and "));
    }
  }

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

  /**
   * The book's share of deals won within {@link Options#horizonDays()} days, with its 95% interval;
   * undefined without a horizon or deals.
   */
  public Estimate baselineWonWithin() {
    return baselineWithin;
  }

  /**
   * The profiles with at least {@link Options#minSupport()} deals of known age, ranked by the lower
   * limit of their share won within {@link Options#horizonDays()} days, highest first; empty
   * without a horizon. A profile whose share has no interval there (every deal won, or none) is
   * left out.
   */
  public List<Speed> fastest() {
    return fastest;
  }
}
