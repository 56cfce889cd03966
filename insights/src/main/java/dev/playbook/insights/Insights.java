package dev.playbook.insights;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.playbook.insights.stats.Warning;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The figures of a report that say how sure they are: the data-sufficiency warnings, time to win
 * with open deals censored, the landmark backtest, the breakdowns by the fields the user chose and
 * the customer profile. Part of {@link PortfolioReport} ({@link PortfolioReport#insights()}); each
 * record is the shape of one object of the JSON described in {@code docs/insights.md}.
 *
 * @param warnings why some figures cannot be read at face value, each with the numbers behind it
 * @param unreadable the figures that cannot be interpreted, by their JSON key (such as {@code
 *     win_rate_by.rep} or {@code backtest}), with the reason; the report shows them greyed with it
 * @param timeToWin cumulative incidence of winning and losing over days since creation
 * @param landmarks the backtest at fixed ages; null when it was switched off
 * @param breakdowns win rates and time to win by each field of {@code by}
 * @param profile the customer profiles that win, best first
 */
public record Insights(
    List<Warning> warnings,
    Map<String, String> unreadable,
    TimeToWin timeToWin,
    LandmarkBacktest landmarks,
    List<Breakdown> breakdowns,
    Profiles profile) {

  public Insights {
    warnings = List.copyOf(warnings);
    unreadable = Map.copyOf(unreadable);
    requireNonNull(timeToWin, "timeToWin");
    breakdowns = List.copyOf(breakdowns);
    requireNonNull(profile, "profile");
  }

  /** No figures: a report made without any deal. */
  public static Insights empty() {
    return new Insights(
        List.of(),
        Map.of(),
        new TimeToWin(List.of(), Survival.none("all"), List.of()),
        null,
        List.of(),
        new Profiles(0, 0, Interval.NONE, 0, List.of(), List.of(), 0, Interval.NONE, List.of()));
  }

  /** The reason a figure cannot be read, or null when it can. */
  public String unreadable(String key) {
    return unreadable.get(key);
  }

  /**
   * An estimate with its 95% interval, rounded to four decimals; nulls where there is none.
   *
   * @param value the estimate, null when undefined
   * @param low the lower limit, null without an interval
   * @param high the upper limit, null without an interval
   */
  public record Interval(Double value, Double low, Double high) {
    /** Nothing to estimate from. */
    public static final Interval NONE = new Interval(null, null, null);
  }

  /**
   * Time to win: the cumulative incidence of winning and of losing over days since creation, loss a
   * competing risk and open deals censored at the report date.
   *
   * @param wonWithinDays the days N of "won within N days", in order
   * @param all every deal with a known age
   * @param by per rep, team, segment, lead source and creation quarter, in that order
   */
  public record TimeToWin(List<Integer> wonWithinDays, Survival all, List<SurvivalGroup> by) {
    public TimeToWin {
      wonWithinDays = List.copyOf(wonWithinDays);
      requireNonNull(all, "all");
      by = List.copyOf(by);
    }
  }

  /**
   * Survival figures of the groups of one field.
   *
   * @param field the field, by its own name ({@code owner}, {@code custom.lead_type}, {@code
   *     cohort})
   * @param groups most deals first, then by key
   */
  public record SurvivalGroup(String field, List<Survival> groups) {
    public SurvivalGroup {
      requireNonNull(field, "field");
      groups = List.copyOf(groups);
    }
  }

  /**
   * Time to win of one group.
   *
   * @param key the group's value ({@code all} for the whole book)
   * @param deals deals counted (won, lost and open with a known age)
   * @param won deals won
   * @param lost deals lost
   * @param open deals still open, censored at their age on the report date
   * @param medianDays the first day by which half of the deals are won, null when never
   * @param medianLow the lower 95% limit of the median, null when not reached
   * @param medianHigh the upper 95% limit, null when not reached
   * @param medianNote what the median means here, in words
   * @param wonWithin the cumulative incidence of winning within each of {@code wonWithinDays},
   *     {@link Interval#NONE} where the data do not reach that day
   * @param curve the estimate after each observed day, thinned to at most {@value #CURVE_POINTS}
   *     points (the whole book only; empty for groups)
   * @param smallSample fewer than {@value PortfolioReport#SMALL_SAMPLE} deals
   */
  public record Survival(
      String key,
      long deals,
      long won,
      long lost,
      long open,
      Long medianDays,
      Long medianLow,
      Long medianHigh,
      String medianNote,
      List<Interval> wonWithin,
      List<CurvePoint> curve,
      boolean smallSample) {
    /** The most points a curve keeps. */
    public static final int CURVE_POINTS = 120;

    public Survival {
      requireNonNull(key, "key");
      requireNonNull(medianNote, "medianNote");
      wonWithin = List.copyOf(wonWithin);
      curve = List.copyOf(curve);
    }

    static Survival none(String key) {
      return new Survival(
          key,
          0,
          0,
          0,
          0,
          null,
          null,
          null,
          "no deals: there is no median time to win",
          List.of(),
          List.of(),
          true);
    }
  }

  /**
   * One point of a cumulative incidence curve.
   *
   * @param day days since creation
   * @param atRisk deals still open and observed at the start of the day
   * @param won cumulative incidence of winning by the end of the day, with its interval
   * @param lost cumulative incidence of losing by the end of the day, with its interval
   */
  public record CurvePoint(long day, long atRisk, Interval won, Interval lost) {}

  /**
   * The backtest at fixed ages, without look-ahead.
   *
   * @param method how deals were evaluated and compared, in words ({@link
   *     Portfolio#LANDMARK_METHOD})
   * @param landmarks the ages in days, in order
   * @param atRisk per landmark: closed deals still open at that age, the ones compared
   * @param unresolved per landmark: deals open at that age and still open on the report date, left
   *     out because their outcome is not known yet
   * @param rules every rule, in playbook order
   */
  public record LandmarkBacktest(
      String method,
      List<Integer> landmarks,
      List<Long> atRisk,
      List<Long> unresolved,
      List<LandmarkRule> rules) {
    public LandmarkBacktest {
      requireNonNull(method, "method");
      landmarks = List.copyOf(landmarks);
      atRisk = List.copyOf(atRisk);
      unresolved = List.copyOf(unresolved);
      rules = List.copyOf(rules);
    }
  }

  /**
   * One rule in the landmark backtest.
   *
   * @param perLandmark one effect per landmark, in the order of {@link
   *     LandmarkBacktest#landmarks()}
   * @param pooled the Mantel–Haenszel effect over the strata of every landmark
   * @param reading {@code loses-more}, {@code wins-more}, {@code no-clear-effect} or {@code
   *     not-testable}, from the pooled interval
   */
  public record LandmarkRule(
      String rule,
      String title,
      List<LandmarkEffect> perLandmark,
      LandmarkEffect pooled,
      String reading) {
    public LandmarkRule {
      requireNonNull(rule, "rule");
      perLandmark = List.copyOf(perLandmark);
      requireNonNull(pooled, "pooled");
      requireNonNull(reading, "reading");
    }
  }

  /**
   * The effect of a rule's firing at one landmark (or pooled), stratified by stage at the landmark
   * and segment.
   *
   * @param landmark the age in days; null when pooled
   * @param flagged deals it flagged
   * @param flaggedWon of those, won
   * @param unflagged deals it did not flag
   * @param unflaggedWon of those, won
   * @param crude win rate flagged minus not flagged, all deals in one table (Newcombe interval)
   * @param difference the Mantel–Haenszel risk difference over the strata (Sato interval)
   * @param riskRatio the Mantel–Haenszel risk ratio (Greenland–Robins interval)
   * @param strataUsed strata with flagged and not-flagged deals
   * @param strataSkipped strata without one of the two
   */
  public record LandmarkEffect(
      Integer landmark,
      long flagged,
      long flaggedWon,
      long unflagged,
      long unflaggedWon,
      Interval crude,
      Interval difference,
      Interval riskRatio,
      int strataUsed,
      int strataSkipped) {
    public LandmarkEffect {
      requireNonNull(crude, "crude");
      requireNonNull(difference, "difference");
      requireNonNull(riskRatio, "riskRatio");
    }
  }

  /**
   * Win rates and time to win by one field the user chose.
   *
   * @param field the field by its own name, such as {@code lead_source} or {@code custom.lead_type}
   * @param winRates among closed deals, most closed first
   * @param timeToWin per value, most deals first
   */
  public record Breakdown(
      String field, List<PortfolioReport.WinRate> winRates, List<Survival> timeToWin) {
    public Breakdown {
      requireNonNull(field, "field");
      winRates = List.copyOf(winRates);
      timeToWin = List.copyOf(timeToWin);
    }
  }

  /**
   * Which customers win.
   *
   * @param closed closed deals ranked
   * @param won of those, won
   * @param baseline the book's win rate with its Wilson interval
   * @param minSupport the fewest closed deals a profile needs
   * @param profiles ranked by the lower limit of their win rate's interval, best first (at most
   *     {@value #KEPT})
   * @param leftOut attributes with too many distinct values to rank
   * @param horizonDays the N of "won within N days" that ranks {@code fastest}: the largest of the
   *     report's won-within days
   * @param baselineWonWithin the book's share won within {@code horizonDays}, with its interval
   * @param fastest profiles with at least {@code minSupport} deals of known age (open ones
   *     included), ranked by the lower limit of their share won within {@code horizonDays}, best
   *     first (at most {@value #KEPT})
   */
  public record Profiles(
      long closed,
      long won,
      Interval baseline,
      int minSupport,
      List<Profile> profiles,
      List<String> leftOut,
      int horizonDays,
      Interval baselineWonWithin,
      List<ProfileSpeed> fastest) {
    /** The most profiles a report keeps. */
    public static final int KEPT = 25;

    public Profiles {
      requireNonNull(baseline, "baseline");
      profiles = List.copyOf(profiles);
      leftOut = List.copyOf(leftOut);
      requireNonNull(baselineWonWithin, "baselineWonWithin");
      fastest = List.copyOf(fastest);
    }
  }

  /**
   * One customer profile and how fast it wins.
   *
   * @param label such as {@code sector = retail and size = 50-249}
   * @param deals deals with the profile and a known age, open ones included
   * @param won of those, won
   * @param wonWithin the share won within the horizon (cumulative incidence), with its 95% interval
   * @param medianDays the median time to win, null when winning does not reach 50% by the horizon
   * @param standing {@code above}, {@code within} or {@code below}: where the interval lies against
   *     the book's share won within the horizon
   */
  public record ProfileSpeed(
      String label, long deals, long won, Interval wonWithin, Long medianDays, String standing) {
    public ProfileSpeed {
      requireNonNull(label, "label");
      requireNonNull(wonWithin, "wonWithin");
      requireNonNull(standing, "standing");
    }
  }

  /**
   * One customer profile.
   *
   * @param label such as {@code sector = retail and size = 50-249}
   * @param closed closed deals with the profile
   * @param won of those, won
   * @param winRate with its 95% Wilson interval
   * @param lift win rate over the baseline
   * @param standing {@code above}, {@code within} or {@code below}: where the interval lies against
   *     the baseline
   * @param significant whether the Bonferroni-adjusted interval excludes the baseline
   */
  public record Profile(
      String label,
      long closed,
      long won,
      Interval winRate,
      Double lift,
      String standing,
      boolean significant) {
    public Profile {
      requireNonNull(label, "label");
      requireNonNull(standing, "standing");
    }
  }

  void write(JsonGenerator g) throws IOException {
    g.writeArrayFieldStart("warnings");
    for (Warning w : warnings) {
      g.writeStartObject();
      g.writeStringField("code", w.code());
      g.writeStringField("message", w.message());
      g.writeObjectFieldStart("figures");
      for (Map.Entry<String, Number> f : w.figures().entrySet()) {
        Number n = f.getValue();
        if (n instanceof Double d) {
          number(g, f.getKey(), round(d));
        } else {
          g.writeNumberField(f.getKey(), n.longValue());
        }
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeObjectFieldStart("unreadable");
    for (String key : unreadable.keySet().stream().sorted().toList()) {
      g.writeStringField(key, unreadable.get(key));
    }
    g.writeEndObject();
  }

  void writeFigures(JsonGenerator g) throws IOException {
    g.writeObjectFieldStart("time_to_win");
    g.writeArrayFieldStart("won_within_days");
    for (int d : timeToWin.wonWithinDays()) {
      g.writeNumber(d);
    }
    g.writeEndArray();
    g.writeFieldName("all");
    survival(g, timeToWin.all(), timeToWin.wonWithinDays());
    g.writeObjectFieldStart("by");
    for (SurvivalGroup s : timeToWin.by()) {
      g.writeArrayFieldStart(s.field());
      for (Survival x : s.groups()) {
        survival(g, x, timeToWin.wonWithinDays());
      }
      g.writeEndArray();
    }
    g.writeEndObject();
    g.writeEndObject();

    if (landmarks == null) {
      g.writeNullField("landmark_backtest");
    } else {
      g.writeObjectFieldStart("landmark_backtest");
      g.writeStringField("method", landmarks.method());
      g.writeArrayFieldStart("landmarks");
      for (int i = 0; i < landmarks.landmarks().size(); i++) {
        g.writeStartObject();
        g.writeNumberField("days", landmarks.landmarks().get(i));
        g.writeNumberField("at_risk", landmarks.atRisk().get(i));
        g.writeNumberField("unresolved", landmarks.unresolved().get(i));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("rules");
      for (LandmarkRule r : landmarks.rules()) {
        g.writeStartObject();
        g.writeStringField("rule", r.rule());
        g.writeStringField("title", r.title());
        g.writeStringField("reading", r.reading());
        g.writeFieldName("pooled");
        effect(g, r.pooled());
        g.writeArrayFieldStart("by_landmark");
        for (LandmarkEffect e : r.perLandmark()) {
          effect(g, e);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }

    g.writeArrayFieldStart("breakdowns");
    for (Breakdown b : breakdowns) {
      g.writeStartObject();
      g.writeStringField("field", b.field());
      g.writeFieldName("win_rates");
      PortfolioReport.winRates(g, b.winRates(), "key");
      g.writeArrayFieldStart("time_to_win");
      for (Survival s : b.timeToWin()) {
        survival(g, s, timeToWin.wonWithinDays());
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();

    g.writeObjectFieldStart("customer_profile");
    g.writeNumberField("closed", profile.closed());
    g.writeNumberField("won", profile.won());
    interval(g, "baseline", profile.baseline());
    g.writeNumberField("min_support", profile.minSupport());
    g.writeArrayFieldStart("profiles");
    for (Profile p : profile.profiles()) {
      g.writeStartObject();
      g.writeStringField("label", p.label());
      g.writeNumberField("closed", p.closed());
      g.writeNumberField("won", p.won());
      interval(g, "win_rate", p.winRate());
      number(g, "lift", p.lift());
      g.writeStringField("standing", p.standing());
      g.writeBooleanField("significant", p.significant());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("left_out");
    for (String s : profile.leftOut()) {
      g.writeString(s);
    }
    g.writeEndArray();
    g.writeNumberField("horizon_days", profile.horizonDays());
    interval(g, "baseline_won_within", profile.baselineWonWithin());
    g.writeArrayFieldStart("fastest");
    for (ProfileSpeed p : profile.fastest()) {
      g.writeStartObject();
      g.writeStringField("label", p.label());
      g.writeNumberField("deals", p.deals());
      g.writeNumberField("won", p.won());
      interval(g, "won_within", p.wonWithin());
      longOrNull(g, "median_days", p.medianDays());
      g.writeStringField("standing", p.standing());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void survival(JsonGenerator g, Survival s, List<Integer> days) throws IOException {
    g.writeStartObject();
    g.writeStringField("key", s.key());
    g.writeNumberField("deals", s.deals());
    g.writeNumberField("won", s.won());
    g.writeNumberField("lost", s.lost());
    g.writeNumberField("open", s.open());
    longOrNull(g, "median_days", s.medianDays());
    longOrNull(g, "median_ci_low", s.medianLow());
    longOrNull(g, "median_ci_high", s.medianHigh());
    g.writeStringField("median_note", s.medianNote());
    g.writeArrayFieldStart("won_within");
    for (int i = 0; i < s.wonWithin().size(); i++) {
      g.writeStartObject();
      g.writeNumberField("days", days.get(i));
      Interval x = s.wonWithin().get(i);
      number(g, "value", x.value());
      number(g, "ci_low", x.low());
      number(g, "ci_high", x.high());
      g.writeEndObject();
    }
    g.writeEndArray();
    if (!s.curve().isEmpty()) {
      g.writeArrayFieldStart("curve");
      for (CurvePoint p : s.curve()) {
        g.writeStartObject();
        g.writeNumberField("day", p.day());
        g.writeNumberField("at_risk", p.atRisk());
        interval(g, "won", p.won());
        interval(g, "lost", p.lost());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeBooleanField("small_sample", s.smallSample());
    g.writeEndObject();
  }

  private static void effect(JsonGenerator g, LandmarkEffect e) throws IOException {
    g.writeStartObject();
    if (e.landmark() != null) {
      g.writeNumberField("days", e.landmark());
    }
    g.writeNumberField("flagged", e.flagged());
    g.writeNumberField("flagged_won", e.flaggedWon());
    g.writeNumberField("not_flagged", e.unflagged());
    g.writeNumberField("not_flagged_won", e.unflaggedWon());
    interval(g, "crude_difference", e.crude());
    interval(g, "difference", e.difference());
    interval(g, "risk_ratio", e.riskRatio());
    g.writeNumberField("strata_used", e.strataUsed());
    g.writeNumberField("strata_skipped", e.strataSkipped());
    g.writeEndObject();
  }

  private static void interval(JsonGenerator g, String name, Interval x) throws IOException {
    g.writeObjectFieldStart(name);
    number(g, "value", x.value());
    number(g, "ci_low", x.low());
    number(g, "ci_high", x.high());
    g.writeEndObject();
  }

  private static void longOrNull(JsonGenerator g, String name, Long v) throws IOException {
    if (v == null) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, v);
    }
  }

  private static void number(JsonGenerator g, String name, Double v) throws IOException {
    if (v == null || v.isNaN() || v.isInfinite()) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, v);
    }
  }

  static Double round(double x) {
    return Double.isNaN(x) || Double.isInfinite(x) ? null : Math.round(x * 10_000d) / 10_000d;
  }
}
