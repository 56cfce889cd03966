package dev.playbook.insights.stats;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Time to win with loss as a competing risk: the Aalen–Johansen cumulative incidence of winning and
 * of losing, and the Kaplan–Meier probability of being still open, over days since creation. Open
 * deals are censored at the report date, so they count while they are open and no longer after.
 *
 * <h2>Estimators</h2>
 *
 * At each distinct day {@code t_j} let {@code n_j} be the deals at risk (still open and observed at
 * {@code t_j}), {@code w_j} and {@code l_j} the wins and losses on that day, {@code d_j = w_j +
 * l_j}, and {@code S(t_0) = 1}. Then
 *
 * <pre>
 *   S(t)    = Π_{t_j ≤ t} (1 - d_j / n_j)                          still open (Kaplan–Meier)
 *   F_w(t)  = Σ_{t_j ≤ t} S(t_{j-1}) · w_j / n_j                   won by day t (Aalen–Johansen)
 *   F_l(t)  = Σ_{t_j ≤ t} S(t_{j-1}) · l_j / n_j                   lost by day t
 * </pre>
 *
 * and {@code S + F_w + F_l = 1} at every day. Unlike one minus a Kaplan–Meier of winning that
 * censors losses, {@code F_w} does not treat a lost deal as one that might still be won.
 *
 * <h2>Ties</h2>
 *
 * Days are whole days. On one day, wins and losses are simultaneous: both count against the same
 * {@code n_j}, so their order does not matter. Censorings on a day follow that day's events: a deal
 * open on the report date at age {@code t} is at risk at {@code t} (the usual convention of Kaplan
 * and Meier).
 *
 * <h2>Variances and intervals</h2>
 *
 * <ul>
 *   <li>{@code S}: Greenwood's formula {@code Var S(t) = S(t)² Σ_{t_j<=t} d_j / (n_j (n_j - d_j))}.
 *   <li>{@code F_k}: the delta-method (Greenwood-type) variance of Marubini &amp; Valsecchi,
 *       <i>Analysing Survival Data from Clinical Trials and Observational Studies</i>, Wiley 1995,
 *       §10.2, as given by M. Pintilie, <i>Competing Risks: A Practical Perspective</i>, Wiley
 *       2006, eq. 4.3:
 *       <pre>
 *   Var F_k(t) = Σ_{t_j≤t} [F_k(t) - F_k(t_j)]² d_j / (n_j (n_j - d_j))
 *              + Σ_{t_j≤t} S(t_{j-1})² d_kj (n_j - d_kj) / n_j³
 *              - 2 Σ_{t_j≤t} [F_k(t) - F_k(t_j)] S(t_{j-1}) d_kj / n_j²</pre>
 *       With a single kind of event it equals Greenwood's variance of {@code 1 - S}.
 *   <li>The 95% intervals use the log(-log) transformation, which keeps them inside (0, 1): for an
 *       estimate {@code p} with standard error {@code se}, {@code σ = se / (p |ln p|)} and the
 *       interval is {@code (p^exp(zσ), p^exp(-zσ))}. It is undefined (NaN bounds) where {@code p}
 *       is 0 or 1.
 * </ul>
 *
 * <p>Memory is bounded by the number of distinct days, not the number of deals: {@link Tally}
 * counts per day.
 */
public final class CumulativeIncidence {

  /** How a deal stands at the report date. */
  public enum Outcome {
    WON,
    LOST,
    /** Still open: censored at its age on the report date. */
    OPEN
  }

  /**
   * One deal's time and outcome.
   *
   * @param days days from creation to its win or loss, or to the report date when open
   * @param outcome how it stands
   */
  public record Observation(long days, Outcome outcome) {
    public Observation {
      checkArgument(days >= 0, "days %s must not be negative", days);
      requireNonNull(outcome, "outcome");
    }
  }

  /**
   * The estimates just after one observed day.
   *
   * @param day days since creation
   * @param atRisk deals open and observed at the start of the day
   * @param wins deals won on the day
   * @param losses deals lost on the day
   * @param censored deals open on the report date at this age
   * @param stillOpen the Kaplan–Meier probability of still being open after the day
   * @param stillOpenError its standard error (Greenwood)
   * @param won the cumulative incidence of winning by the end of the day
   * @param wonError its standard error (delta method)
   * @param lost the cumulative incidence of losing by the end of the day
   * @param lostError its standard error (delta method)
   */
  public record Step(
      long day,
      long atRisk,
      long wins,
      long losses,
      long censored,
      Estimate stillOpen,
      double stillOpenError,
      Estimate won,
      double wonError,
      Estimate lost,
      double lostError) {
    public Step {
      requireNonNull(stillOpen, "stillOpen");
      requireNonNull(won, "won");
      requireNonNull(lost, "lost");
    }
  }

  /**
   * The median time to win: the first day on which the cumulative incidence of winning reaches 0.5,
   * with the days on which the upper and the lower 95% limit first reach it as its interval (the
   * pointwise-interval method of Brookmeyer and Crowley, Biometrics 38 (1982) 29–41, applied to the
   * cumulative incidence).
   *
   * @param day the median, absent when the cumulative incidence never reaches 0.5 in the data
   * @param low the lower limit, absent when even the upper limit never reaches 0.5
   * @param high the upper limit, absent when the lower limit never reaches 0.5
   * @param note what the figure means, in English
   */
  public record Median(OptionalLong day, OptionalLong low, OptionalLong high, String note) {
    public Median {
      requireNonNull(day, "day");
      requireNonNull(low, "low");
      requireNonNull(high, "high");
      requireNonNull(note, "note");
    }
  }

  private final List<Step> steps;
  private final long deals;
  private final long wins;
  private final long losses;
  private final long censored;

  private CumulativeIncidence(List<Step> steps, long deals, long wins, long losses, long censored) {
    this.steps = List.copyOf(steps);
    this.deals = deals;
    this.wins = wins;
    this.losses = losses;
    this.censored = censored;
  }

  /** The estimates for {@code observations}. */
  public static CumulativeIncidence of(Iterable<Observation> observations) {
    Tally tally = tally();
    for (Observation o : observations) {
      tally.add(o);
    }
    return tally.estimate();
  }

  /** A new, empty tally, to add deals one by one (a stream of any length in bounded memory). */
  public static Tally tally() {
    return new Tally();
  }

  /** Counts of wins, losses and censorings per day. Not thread-safe; {@link #merge} combines. */
  public static final class Tally {

    private final TreeMap<Long, long[]> byDay = new TreeMap<>();

    private Tally() {}

    /** Adds one deal. */
    public Tally add(Observation observation) {
      requireNonNull(observation, "observation");
      return add(observation.days(), observation.outcome(), 1);
    }

    /** Adds {@code count} deals with the same time and outcome. */
    public Tally add(long days, Outcome outcome, long count) {
      checkArgument(days >= 0, "days %s must not be negative", days);
      requireNonNull(outcome, "outcome");
      checkArgument(count >= 0, "count %s must not be negative", count);
      if (count > 0) {
        byDay.computeIfAbsent(days, d -> new long[3])[outcome.ordinal()] += count;
      }
      return this;
    }

    /** The number of distinct days counted: what the tally's memory grows with. */
    public int days() {
      return byDay.size();
    }

    /** Adds every count of {@code other} to this tally. */
    public Tally merge(Tally other) {
      for (Map.Entry<Long, long[]> e : other.byDay.entrySet()) {
        long[] into = byDay.computeIfAbsent(e.getKey(), d -> new long[3]);
        for (int i = 0; i < 3; i++) {
          into[i] += e.getValue()[i];
        }
      }
      return this;
    }

    /** The estimates for the deals added so far. */
    public CumulativeIncidence estimate() {
      return compute(byDay);
    }
  }

  private static CumulativeIncidence compute(TreeMap<Long, long[]> byDay) {
    long totalWins = 0;
    long totalLosses = 0;
    long totalCensored = 0;
    for (long[] c : byDay.values()) {
      totalWins += c[0];
      totalLosses += c[1];
      totalCensored += c[2];
    }
    long total = totalWins + totalLosses + totalCensored;

    double z = Normal.Z95;
    long atRisk = total;
    double s = 1; // S(t_{j-1})
    double fw = 0;
    double fl = 0;
    // running sums for the variances, expanded so that each day costs O(1):
    // Σ (F - F_j)² a_j = F² Σa_j - 2F Σ F_j a_j + Σ F_j² a_j, and Σ (F - F_j) c_j = F Σc_j - Σ F_j
    // c_j
    double greenwood = 0; // Σ a_j, a_j = d_j / (n_j (n_j - d_j)), over days with n_j > d_j
    double[] sumFa = new double[2];
    double[] sumF2a = new double[2];
    double[] sumB = new double[2];
    double[] sumC = new double[2];
    double[] sumFc = new double[2];
    List<Step> steps = new ArrayList<>(byDay.size());
    for (Map.Entry<Long, long[]> e : byDay.entrySet()) {
      long w = e.getValue()[0];
      long l = e.getValue()[1];
      long c = e.getValue()[2];
      long d = w + l;
      long n = atRisk;
      double n3 = (double) n * n * n;
      double n2 = (double) n * n;
      if (d > 0) {
        double sPrev = s;
        fw += sPrev * w / n;
        fl += sPrev * l / n;
        s = sPrev * (1 - (double) d / n);
        long[] dk = {w, l};
        for (int k = 0; k < 2; k++) {
          sumB[k] += sPrev * sPrev * dk[k] * (n - dk[k]) / n3;
          sumC[k] += sPrev * dk[k] / n2;
        }
        double fAfter0 = fw;
        double fAfter1 = fl;
        sumFc[0] += fAfter0 * sPrev * w / n2;
        sumFc[1] += fAfter1 * sPrev * l / n2;
        if (n > d) {
          // when n_j = d_j nothing is left at risk: F_k stays at F_k(t_j) and the term is 0
          double a = (double) d / (n * (double) (n - d));
          greenwood += a;
          sumFa[0] += fAfter0 * a;
          sumFa[1] += fAfter1 * a;
          sumF2a[0] += fAfter0 * fAfter0 * a;
          sumF2a[1] += fAfter1 * fAfter1 * a;
        }
      }
      double varS = s * s * greenwood;
      double varW = cifVariance(fw, greenwood, sumFa[0], sumF2a[0], sumB[0], sumC[0], sumFc[0]);
      double varL = cifVariance(fl, greenwood, sumFa[1], sumF2a[1], sumB[1], sumC[1], sumFc[1]);
      steps.add(
          new Step(
              e.getKey(),
              n,
              w,
              l,
              c,
              logLog(s, varS, z),
              Math.sqrt(varS),
              logLog(fw, varW, z),
              Math.sqrt(varW),
              logLog(fl, varL, z),
              Math.sqrt(varL)));
      atRisk -= d + c;
    }
    return new CumulativeIncidence(steps, total, totalWins, totalLosses, totalCensored);
  }

  private static double cifVariance(
      double f, double sumA, double sumFa, double sumF2a, double sumB, double sumC, double sumFc) {
    double first = f * f * sumA - 2 * f * sumFa + sumF2a;
    double third = f * sumC - sumFc;
    return Math.max(0, first + sumB - 2 * third);
  }

  /** The estimate {@code p} with its log(-log) interval; no interval at 0 or 1. */
  private static Estimate logLog(double p, double variance, double z) {
    if (!(p > 0 && p < 1) || variance <= 0) {
      return Estimate.withoutInterval(p);
    }
    double sigma = Math.sqrt(variance) / (p * Math.abs(Math.log(p)));
    return Estimate.of(p, Math.pow(p, Math.exp(z * sigma)), Math.pow(p, Math.exp(-z * sigma)));
  }

  /** One step per observed day, in order of day. */
  public List<Step> steps() {
    return steps;
  }

  /** The number of deals. */
  public long deals() {
    return deals;
  }

  /** The number of won deals. */
  public long wins() {
    return wins;
  }

  /** The number of lost deals. */
  public long losses() {
    return losses;
  }

  /** The number of open (censored) deals. */
  public long censored() {
    return censored;
  }

  /** The last observed day (event or censoring), absent without deals. */
  public OptionalLong lastDay() {
    return steps.isEmpty()
        ? OptionalLong.empty()
        : OptionalLong.of(steps.get(steps.size() - 1).day());
  }

  /**
   * The cumulative incidence of winning within {@code days} days of creation (wins on day {@code
   * days} included). Absent without deals, or when {@code days} lies beyond the last observed day
   * while deals were still at risk there: the data say nothing about that span.
   */
  public Optional<Estimate> wonWithin(long days) {
    return at(days).map(Step::won);
  }

  /** The cumulative incidence of losing within {@code days} days, as {@link #wonWithin}. */
  public Optional<Estimate> lostWithin(long days) {
    return at(days).map(Step::lost);
  }

  /** The probability of still being open after {@code days} days, as {@link #wonWithin}. */
  public Optional<Estimate> stillOpenAfter(long days) {
    return at(days).map(Step::stillOpen);
  }

  private Optional<Step> at(long days) {
    checkArgument(days >= 0, "days %s must not be negative", days);
    if (steps.isEmpty()) {
      return Optional.empty();
    }
    Step last = steps.get(steps.size() - 1);
    if (days > last.day() && last.stillOpen().value() > 0) {
      return Optional.empty();
    }
    if (days < steps.get(0).day()) {
      return Optional.of(
          new Step(
              days,
              deals,
              0,
              0,
              0,
              Estimate.withoutInterval(1),
              0,
              Estimate.withoutInterval(0),
              0,
              Estimate.withoutInterval(0),
              0));
    }
    Step found = steps.get(0);
    int lo = 0;
    int hi = steps.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (steps.get(mid).day() <= days) {
        found = steps.get(mid);
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return Optional.of(found);
  }

  /** The median time to win; see {@link Median}. */
  public Median medianTimeToWin() {
    if (steps.isEmpty()) {
      return new Median(
          OptionalLong.empty(),
          OptionalLong.empty(),
          OptionalLong.empty(),
          "no deals: there is no median time to win");
    }
    OptionalLong day = firstDay(Reach.VALUE);
    OptionalLong low = firstDay(Reach.HIGH);
    OptionalLong high = firstDay(Reach.LOW);
    Step last = steps.get(steps.size() - 1);
    String note;
    if (day.isEmpty()) {
      note =
          String.format(
              Locale.ROOT,
              "the cumulative incidence of winning reaches %.1f%% by day %d, the last day observed,"
                  + " and never 50%%: there is no median time to win",
              100 * last.won().value(),
              last.day());
    } else if (high.isEmpty()) {
      note =
          String.format(
              Locale.ROOT,
              "half of the deals are won by day %d; the upper 95%% limit is not reached by day %d,"
                  + " the last day observed",
              day.getAsLong(),
              last.day());
    } else {
      note =
          String.format(
              Locale.ROOT,
              "half of the deals are won by day %d (95%% CI day %d to day %d)",
              day.getAsLong(),
              low.getAsLong(),
              high.getAsLong());
    }
    return new Median(day, low, high, note);
  }

  private enum Reach {
    VALUE,
    LOW,
    HIGH
  }

  private static final double HALF = 0.5 - 1e-12;

  private OptionalLong firstDay(Reach which) {
    for (Step step : steps) {
      Estimate won = step.won();
      double x =
          switch (which) {
            case VALUE -> won.value();
            // without an interval (F is 0 or 1) the limits are taken as the value itself
            case LOW -> won.hasInterval() ? won.low() : won.value();
            case HIGH -> won.hasInterval() ? won.high() : won.value();
          };
      if (x >= HALF) {
        return OptionalLong.of(step.day());
      }
    }
    return OptionalLong.empty();
  }
}
