package dev.playbook.insights;

import dev.playbook.descriptor.PlaybookDescriptor;
import dev.playbook.insights.stats.CumulativeIncidence;
import dev.playbook.insights.stats.DataChecks;
import dev.playbook.insights.stats.Estimate;
import dev.playbook.insights.stats.MantelHaenszel;
import dev.playbook.insights.stats.ProfileRanking;
import dev.playbook.insights.stats.Proportions;
import dev.playbook.insights.stats.Warning;
import dev.playbook.model.CustomValue;
import dev.playbook.model.Deal;
import dev.playbook.result.Evaluation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The running counts behind {@link Insights}: outcome coverage of the grouping fields, creation
 * cohorts, per-day tallies of wins, losses and censorings per group, the landmark backtest's strata
 * and the links between the strata one deal sits in at two landmarks, and the customer profiles.
 * Its size grows with the number of distinct days, groups, strata and attribute values, never with
 * the number of deals ({@link #cells()}): at most {@value #MAX_GROUPS} groups per field and {@value
 * #MAX_STRATUM_SEGMENTS} segments in the strata are kept apart (the rest count under {@value
 * #OTHER}).
 */
final class FindingsTally {

  /** The most groups of one field that are kept apart. */
  static final int MAX_GROUPS = 500;

  static final String OTHER = "(other)";

  /** The fields time to win is always broken down by. */
  static final List<String> SURVIVAL_FIELDS =
      List.of("owner", "team", "segment", "lead_source", "cohort");

  /** The grouping fields whose outcome coverage is checked. */
  static final List<String> COVERED_FIELDS =
      List.of("owner", "team", "segment", "lead_source", "amount");

  /**
   * The most segments the landmark backtest's strata keep apart per worker; the rest share the
   * stratum {@value #OTHER}.
   */
  static final int MAX_STRATUM_SEGMENTS = 50;

  /** A deal's evaluation at one landmark: its index, its stage then, and the evaluation. */
  record LandmarkEval(int landmark, String stage, Evaluation evaluation) {}

  /**
   * Deals that sat, for one rule, in side {@code firstFlagged} of stratum {@code firstStratum} at
   * landmark {@code first} and in side {@code secondFlagged} of {@code secondStratum} at the later
   * landmark {@code second}.
   */
  private record LinkKey(
      int first,
      String firstStratum,
      boolean firstFlagged,
      int second,
      String secondStratum,
      boolean secondFlagged) {}

  private final Context ctx;
  private final List<String> covered = new ArrayList<>();
  private final Map<String, long[]> coverage = new HashMap<>(); // wonWith, lostWith
  private long won;
  private long lost;
  private long open;
  private long closedWithoutCloseDate;
  private long wonWithoutCloseDate;
  private long wonBeforeCreation;
  private long lostBeforeCreation;
  private final TreeMap<String, long[]> cohorts = new TreeMap<>(); // deals, open
  private final CumulativeIncidence.Tally all = CumulativeIncidence.tally();
  private final Map<String, Map<String, CumulativeIncidence.Tally>> survival = new HashMap<>();
  private final Map<String, Map<String, long[]>> winRates = new HashMap<>();
  private final long[] atRisk;
  private final long[] unresolved;
  // [landmark][rule] -> stratum -> flaggedWon, flagged, unflaggedWon, unflagged
  private final List<List<Map<String, long[]>>> strata = new ArrayList<>();
  // [rule] -> link -> deals, won: the deals a rule's pooled landmark effect counts more than once
  private final List<Map<LinkKey, long[]>> links = new ArrayList<>();
  private final java.util.Set<String> stratumSegments = new java.util.HashSet<>();
  private final long[] firedAtLandmarks;
  private long evaluatedAtLandmarks;
  private long landmarkDealsWon;
  private long landmarkDealsLost;
  private final ProfileRanking.Tally profile;

  FindingsTally(Context ctx) {
    this.ctx = ctx;
    covered.addAll(COVERED_FIELDS);
    covered.add(Fields.CUSTOM + ctx.productField);
    covered.add(Fields.CUSTOM + ctx.sectorField);
    for (String f : ctx.by) {
      if (!covered.contains(f) && !f.equals("stage") && !f.equals("cohort")) {
        covered.add(f);
      }
    }
    covered.forEach(f -> coverage.put(f, new long[2]));
    List<String> groups = new ArrayList<>(SURVIVAL_FIELDS);
    ctx.by.stream().filter(f -> !groups.contains(f)).forEach(groups::add);
    groups.forEach(f -> survival.put(f, new HashMap<>()));
    ctx.by.forEach(f -> winRates.put(f, new HashMap<>()));
    int n = ctx.landmarks.size();
    atRisk = new long[n];
    unresolved = new long[n];
    for (int i = 0; i < n; i++) {
      List<Map<String, long[]>> perRule = new ArrayList<>();
      for (int r = 0; r < ctx.rules.size(); r++) {
        perRule.add(new HashMap<>());
      }
      strata.add(perRule);
    }
    for (int r = 0; r < ctx.rules.size(); r++) {
      links.add(new HashMap<>());
    }
    firedAtLandmarks = new long[ctx.rules.size()];
    profile =
        ProfileRanking.tally(
            new ProfileRanking.Options(ctx.profileMinSupport, true, 50, horizon(ctx.wonWithin)));
  }

  /** The horizon profiles are ranked by time to win at: the largest won-within day, else 90. */
  static int horizon(List<Integer> wonWithin) {
    return wonWithin.stream().mapToInt(Integer::intValue).max().orElse(90);
  }

  /** The moment a deal's age counts from: its creation, else its first stage change. */
  static Instant start(Deal deal) {
    if (deal.createdAt() != null) {
      return deal.createdAt();
    }
    return deal.stageHistory().isEmpty() ? null : deal.stageHistory().get(0).enteredAt();
  }

  /** The day a closed deal closed: its close date, else its entry into its closing stage. */
  static LocalDate closeDay(Deal deal) {
    if (deal.closeDate() != null) {
      return deal.closeDate();
    }
    LocalDate end = null;
    for (dev.playbook.model.StageChange c : deal.stageHistory()) {
      if (c.stage().equals(deal.stage())) {
        end = LocalDate.ofInstant(c.enteredAt(), ZoneOffset.UTC);
      }
    }
    return end;
  }

  void add(Deal deal, boolean isWon, boolean isLost, List<LandmarkEval> landmarks) {
    boolean closed = isWon || isLost;
    if (isWon) {
      won++;
    } else if (isLost) {
      lost++;
    } else {
      open++;
    }
    for (String f : covered) {
      if (closed && Fields.value(deal, f, ctx.buckets) != null) {
        coverage.get(f)[isWon ? 0 : 1]++;
      }
    }
    if (closed && deal.closeDate() == null) {
      closedWithoutCloseDate++;
      if (isWon) {
        wonWithoutCloseDate++;
      }
    }
    Instant start = start(deal);
    LocalDate startDay = start == null ? null : LocalDate.ofInstant(start, ZoneOffset.UTC);
    if (startDay != null) {
      long[] c = cohorts.computeIfAbsent(startDay.toString().substring(0, 7), k -> new long[2]);
      c[0]++;
      if (!closed) {
        c[1]++;
      }
    }
    Map<String, String> attributes = attributes(deal);
    // time to win
    long days = -1;
    LocalDate end = closed ? closeDay(deal) : LocalDate.ofInstant(ctx.asOf, ZoneOffset.UTC);
    if (startDay != null && end != null) {
      days = ChronoUnit.DAYS.between(startDay, end);
      if (days < 0 && closed) {
        if (isWon) {
          wonBeforeCreation++;
        } else {
          lostBeforeCreation++;
        }
      }
    }
    if (days >= 0) {
      CumulativeIncidence.Outcome outcome =
          isWon
              ? CumulativeIncidence.Outcome.WON
              : isLost ? CumulativeIncidence.Outcome.LOST : CumulativeIncidence.Outcome.OPEN;
      all.add(days, outcome, 1);
      profile.addTime(attributes, days, outcome);
      for (Map.Entry<String, Map<String, CumulativeIncidence.Tally>> e : survival.entrySet()) {
        String key = group(e.getValue(), Fields.value(deal, e.getKey(), ctx.buckets));
        e.getValue().computeIfAbsent(key, k -> CumulativeIncidence.tally()).add(days, outcome, 1);
      }
    }
    if (closed) {
      for (Map.Entry<String, Map<String, long[]>> e : winRates.entrySet()) {
        String key = group(e.getValue(), Fields.value(deal, e.getKey(), ctx.buckets));
        long[] c = e.getValue().computeIfAbsent(key, k -> new long[2]);
        c[0]++;
        if (isWon) {
          c[1]++;
        }
      }
      profile.add(new ProfileRanking.Deal(attributes, isWon));
    }
    landmarks(deal, isWon, closed, startDay, end, landmarks);
  }

  private void landmarks(
      Deal deal,
      boolean isWon,
      boolean closed,
      LocalDate startDay,
      LocalDate end,
      List<LandmarkEval> evals) {
    if (startDay == null || ctx.landmarks.isEmpty()) {
      return;
    }
    if (!closed) {
      LocalDate today = LocalDate.ofInstant(ctx.asOf, ZoneOffset.UTC);
      for (int i = 0; i < ctx.landmarks.size(); i++) {
        if (startDay.plusDays(ctx.landmarks.get(i)).isBefore(today)) {
          unresolved[i]++;
        }
      }
      return;
    }
    String segment = stratumSegment(Fields.value(deal, "segment", ctx.buckets));
    if (!evals.isEmpty()) {
      if (isWon) {
        landmarkDealsWon++;
      } else {
        landmarkDealsLost++;
      }
    }
    String[] stratumAt = new String[evals.size()];
    boolean[][] firedAt = new boolean[evals.size()][];
    for (int j = 0; j < evals.size(); j++) {
      LandmarkEval e = evals.get(j);
      int i = e.landmark();
      atRisk[i]++;
      evaluatedAtLandmarks++;
      String stratum = e.stage() + " / " + segment;
      boolean[] fired = new boolean[ctx.rules.size()];
      for (String r : e.evaluation().firedRules()) {
        Integer ri = ctx.ruleIndex.get(r);
        if (ri != null) {
          fired[ri] = true;
        }
      }
      stratumAt[j] = stratum;
      firedAt[j] = fired;
      for (int r = 0; r < fired.length; r++) {
        long[] c = strata.get(i).get(r).computeIfAbsent(stratum, k -> new long[4]);
        int side = fired[r] ? 0 : 2;
        if (fired[r]) {
          firedAtLandmarks[r]++;
        }
        c[side + 1]++;
        if (isWon) {
          c[side]++;
        }
      }
    }
    // the same deal at two landmarks: its counts there are not independent
    for (int j = 0; j < evals.size(); j++) {
      for (int k = j + 1; k < evals.size(); k++) {
        boolean later = evals.get(j).landmark() < evals.get(k).landmark();
        int x = later ? j : k;
        int y = later ? k : j;
        for (int r = 0; r < ctx.rules.size(); r++) {
          LinkKey key =
              new LinkKey(
                  evals.get(x).landmark(),
                  stratumAt[x],
                  firedAt[x][r],
                  evals.get(y).landmark(),
                  stratumAt[y],
                  firedAt[y][r]);
          long[] c = links.get(r).computeIfAbsent(key, q -> new long[2]);
          c[0]++;
          if (isWon) {
            c[1]++;
          }
        }
      }
    }
  }

  /** The segment a stratum is named by: at most {@value #MAX_STRATUM_SEGMENTS} kept apart. */
  private String stratumSegment(String segment) {
    String key = segment == null ? Accumulator.NONE : segment;
    if (stratumSegments.contains(key)) {
      return key;
    }
    if (stratumSegments.size() >= MAX_STRATUM_SEGMENTS) {
      return OTHER;
    }
    stratumSegments.add(key);
    return key;
  }

  /**
   * The profile attributes of a deal: segment, lead source and its text and yes/no custom fields.
   * Not the deal size: many exports give won deals their booked value and lost ones a list price,
   * so the amount can carry the outcome itself.
   */
  private Map<String, String> attributes(Deal deal) {
    Map<String, String> out = new HashMap<>();
    putIfSet(out, "segment", deal.segment());
    putIfSet(out, "lead_source", deal.leadSource());
    for (Map.Entry<String, CustomValue> e : deal.custom().entrySet()) {
      if (e.getValue() instanceof CustomValue.Text || e.getValue() instanceof CustomValue.Flag) {
        putIfSet(out, Fields.CUSTOM + e.getKey(), Fields.custom(deal, e.getKey()));
      }
    }
    return out;
  }

  private static void putIfSet(Map<String, String> out, String key, String value) {
    if (value != null && !value.isBlank()) {
      out.put(key, value);
    }
  }

  private static String group(Map<String, ?> groups, String value) {
    String key = value == null ? Accumulator.NONE : value;
    if (!groups.containsKey(key) && groups.size() >= MAX_GROUPS) {
      return OTHER;
    }
    return key;
  }

  /**
   * The counts held (map entries and days of the time-to-win tallies), to check that they grow with
   * what is distinct in the book, not with its deals.
   */
  long cells() {
    long n = coverage.size() + cohorts.size() + all.days() + stratumSegments.size();
    for (Map<String, CumulativeIncidence.Tally> groups : survival.values()) {
      for (CumulativeIncidence.Tally t : groups.values()) {
        n += t.days();
      }
    }
    for (Map<String, long[]> groups : winRates.values()) {
      n += groups.size();
    }
    for (List<Map<String, long[]>> perRule : strata) {
      for (Map<String, long[]> m : perRule) {
        n += m.size();
      }
    }
    for (Map<LinkKey, long[]> m : links) {
      n += m.size();
    }
    return n + profile.cells();
  }

  void merge(FindingsTally o) {
    covered.forEach(
        f -> {
          coverage.get(f)[0] += o.coverage.get(f)[0];
          coverage.get(f)[1] += o.coverage.get(f)[1];
        });
    won += o.won;
    lost += o.lost;
    open += o.open;
    closedWithoutCloseDate += o.closedWithoutCloseDate;
    wonWithoutCloseDate += o.wonWithoutCloseDate;
    wonBeforeCreation += o.wonBeforeCreation;
    lostBeforeCreation += o.lostBeforeCreation;
    o.cohorts.forEach(
        (k, v) -> {
          long[] c = cohorts.computeIfAbsent(k, x -> new long[2]);
          c[0] += v[0];
          c[1] += v[1];
        });
    all.merge(o.all);
    o.survival.forEach(
        (f, groups) -> {
          Map<String, CumulativeIncidence.Tally> into = survival.get(f);
          groups.forEach(
              (k, t) ->
                  into.computeIfAbsent(group(into, k), x -> CumulativeIncidence.tally()).merge(t));
        });
    o.winRates.forEach(
        (f, groups) -> {
          Map<String, long[]> into = winRates.get(f);
          groups.forEach(
              (k, v) -> {
                long[] c = into.computeIfAbsent(group(into, k), x -> new long[2]);
                c[0] += v[0];
                c[1] += v[1];
              });
        });
    for (int i = 0; i < atRisk.length; i++) {
      atRisk[i] += o.atRisk[i];
      unresolved[i] += o.unresolved[i];
      for (int r = 0; r < ctx.rules.size(); r++) {
        Map<String, long[]> into = strata.get(i).get(r);
        o.strata
            .get(i)
            .get(r)
            .forEach(
                (k, v) -> {
                  long[] c = into.computeIfAbsent(k, x -> new long[4]);
                  for (int j = 0; j < 4; j++) {
                    c[j] += v[j];
                  }
                });
      }
    }
    for (int r = 0; r < firedAtLandmarks.length; r++) {
      firedAtLandmarks[r] += o.firedAtLandmarks[r];
      Map<LinkKey, long[]> into = links.get(r);
      o.links
          .get(r)
          .forEach(
              (k, v) -> {
                long[] c = into.computeIfAbsent(k, x -> new long[2]);
                c[0] += v[0];
                c[1] += v[1];
              });
    }
    evaluatedAtLandmarks += o.evaluatedAtLandmarks;
    landmarkDealsWon += o.landmarkDealsWon;
    landmarkDealsLost += o.landmarkDealsLost;
    profile.merge(o.profile);
  }

  /**
   * The insights, with the old backtest's counts for its checks.
   *
   * @param backtestWon won deals in the backtest as of the day before closing
   * @param backtestLost lost deals in it
   * @param firedClosed per rule, closed deals it fired on in that backtest
   */
  Insights report(
      PlaybookDescriptor described,
      Locale locale,
      long backtestWon,
      long backtestLost,
      long[] firedClosed) {
    List<Warning> warnings = new ArrayList<>();
    Map<String, String> unreadable = new LinkedHashMap<>();
    for (String f : covered) {
      long[] c = coverage.get(f);
      DataChecks.outcomeOnlyField(
              new DataChecks.FieldCoverage(f, groupsOf(f), c[0], won, c[1], lost))
          .ifPresent(
              w -> {
                warnings.add(w);
                keysOf(f).forEach(k -> unreadable.put(k, w.message()));
              });
    }
    DataChecks.noOpenDeals(won, lost, open)
        .ifPresent(
            w -> {
              warnings.add(w);
              unreadable.put("rep_rule_compliance", w.message());
              unreadable.put("by_rule", w.message());
            });
    DataChecks.missingCloseDates(closedWithoutCloseDate, won + lost)
        .ifPresent(
            w -> {
              warnings.add(w);
              long lostWithout = closedWithoutCloseDate - wonWithoutCloseDate;
              boolean onlyLost = lostWithout == lost && lost > 0 && wonWithoutCloseDate == 0;
              boolean onlyWon = wonWithoutCloseDate == won && won > 0 && lostWithout == 0;
              if ((onlyLost && won > 0) || (onlyWon && lost > 0)) {
                String none =
                    String.format(
                        Locale.ROOT,
                        "no %s deal has a close date (%d of %d %s deals have none)",
                        onlyLost ? "lost" : "won",
                        onlyLost ? lostWithout : wonWithoutCloseDate,
                        onlyLost ? lost : won,
                        onlyLost ? "lost" : "won");
                unreadable.put(
                    "win_rate_by_cycle", none + ": win rates by cycle length are not comparable");
                unreadable.put(
                    "time_to_win",
                    none
                        + ": time to win would count the "
                        + (onlyLost ? "won" : "lost")
                        + " deals only");
              }
            });
    DataChecks.impossibleCycles(wonBeforeCreation, won, lostBeforeCreation, lost)
        .ifPresent(warnings::add);
    List<DataChecks.Cohort> cohortList = new ArrayList<>();
    cohorts.forEach((k, v) -> cohortList.add(new DataChecks.Cohort(k, v[0], v[1])));
    DataChecks.rightCensoring(cohortList).ifPresent(warnings::add);
    DataChecks.backtestOutcomes(backtestWon, backtestLost)
        .ifPresent(
            w -> {
              warnings.add(w);
              unreadable.put("backtest", w.message());
            });
    Insights.LandmarkBacktest landmarkBacktest = null;
    if (!ctx.landmarks.isEmpty()) {
      // each deal once, however many landmarks it was open at
      final long landmarkWins = landmarkDealsWon;
      final long landmarkLosses = landmarkDealsLost;
      Optional<Warning> outcomes = DataChecks.backtestOutcomes(landmarkWins, landmarkLosses);
      outcomes.ifPresent(
          w -> {
            Warning named = new Warning(w.code(), "landmark backtest: " + w.message(), w.figures());
            warnings.add(named);
            unreadable.put("landmark_backtest", named.message());
          });
      landmarkBacktest = landmarkBacktest(described, locale);
      if (outcomes.isEmpty()) {
        for (int r = 0; r < ctx.rules.size(); r++) {
          DataChecks.ruleFiring(
                  new DataChecks.RuleFiring(
                      ctx.rules.get(r),
                      firedAtLandmarks[r],
                      evaluatedAtLandmarks,
                      landmarkWins + landmarkLosses))
              .ifPresent(warnings::add);
        }
      }
    } else if (backtestWon + backtestLost > 0) {
      for (int r = 0; r < ctx.rules.size(); r++) {
        DataChecks.ruleFiring(
                new DataChecks.RuleFiring(
                    ctx.rules.get(r), firedClosed[r], backtestWon + backtestLost))
            .ifPresent(warnings::add);
      }
    }
    List<Insights.SurvivalGroup> by = new ArrayList<>();
    for (String f : SURVIVAL_FIELDS) {
      by.add(new Insights.SurvivalGroup(f, survivals(survival.get(f))));
    }
    Insights.TimeToWin timeToWin =
        new Insights.TimeToWin(ctx.wonWithin, survival("all", all, true), by);
    List<Insights.Breakdown> breakdowns = new ArrayList<>();
    for (String f : ctx.by) {
      breakdowns.add(
          new Insights.Breakdown(f, winRates(winRates.get(f)), survivals(survival.get(f))));
    }
    return new Insights(warnings, unreadable, timeToWin, landmarkBacktest, breakdowns, profiles());
  }

  private static String groupsOf(String field) {
    return switch (field) {
      case "owner" -> "rep";
      case "team" -> "team";
      case "segment" -> "segment";
      case "lead_source" -> "lead source";
      case "amount" -> "deal size";
      default -> field;
    };
  }

  /** The figures a field's outcome-only coverage makes unreadable, by JSON key. */
  private List<String> keysOf(String field) {
    List<String> keys = new ArrayList<>();
    switch (field) {
      case "owner" -> {
        keys.add("win_rate_by.rep");
        keys.add("by_rep");
        keys.add("time_to_win.by.owner");
      }
      case "team" -> {
        keys.add("win_rate_by.team");
        keys.add("by_team");
        keys.add("time_to_win.by.team");
      }
      case "segment", "lead_source" -> keys.add("time_to_win.by." + field);
      case "amount" -> keys.add("win_rate_by.deal_size");
      default -> {
        if (field.equals(Fields.CUSTOM + ctx.productField)) {
          keys.add("win_rate_by.product");
        }
        if (field.equals(Fields.CUSTOM + ctx.sectorField)) {
          keys.add("win_rate_by.sector");
        }
      }
    }
    if (ctx.by.contains(field)) {
      keys.add("breakdowns." + field);
    }
    return keys;
  }

  private Insights.LandmarkBacktest landmarkBacktest(PlaybookDescriptor described, Locale locale) {
    List<Insights.LandmarkRule> rules = new ArrayList<>();
    for (int r = 0; r < ctx.rules.size(); r++) {
      String id = ctx.rules.get(r);
      String title = described.rule(id).map(d -> d.title().get(locale)).orElse(null);
      List<Insights.LandmarkEffect> per = new ArrayList<>();
      List<MantelHaenszel.Stratum> pooled = new ArrayList<>();
      for (int i = 0; i < ctx.landmarks.size(); i++) {
        List<MantelHaenszel.Stratum> s = strata(strata.get(i).get(r), ctx.landmarks.get(i) + "d ");
        pooled.addAll(s);
        per.add(effect(ctx.landmarks.get(i), s, List.of()));
      }
      Insights.LandmarkEffect all = effect(null, pooled, links(r));
      rules.add(new Insights.LandmarkRule(id, title, per, all, reading(all)));
    }
    List<Long> risk = new ArrayList<>();
    List<Long> open = new ArrayList<>();
    for (int i = 0; i < atRisk.length; i++) {
      risk.add(atRisk[i]);
      open.add(unresolved[i]);
    }
    return new Insights.LandmarkBacktest(
        Portfolio.LANDMARK_METHOD, ctx.landmarks, risk, open, rules);
  }

  /** The links of rule {@code r}, labelled like the strata of {@link #landmarkBacktest}. */
  private List<MantelHaenszel.Link> links(int r) {
    List<MantelHaenszel.Link> out = new ArrayList<>();
    links
        .get(r)
        .forEach(
            (k, v) ->
                out.add(
                    new MantelHaenszel.Link(
                        ctx.landmarks.get(k.first()) + "d " + k.firstStratum(),
                        k.firstFlagged(),
                        ctx.landmarks.get(k.second()) + "d " + k.secondStratum(),
                        k.secondFlagged(),
                        v[0],
                        v[1])));
    return out;
  }

  private static List<MantelHaenszel.Stratum> strata(Map<String, long[]> counts, String prefix) {
    List<MantelHaenszel.Stratum> out = new ArrayList<>();
    counts.keySet().stream()
        .sorted()
        .forEach(
            k -> {
              long[] c = counts.get(k);
              out.add(new MantelHaenszel.Stratum(prefix + k, c[0], c[1], c[2], c[3]));
            });
    return out;
  }

  private static Insights.LandmarkEffect effect(
      Integer landmark, List<MantelHaenszel.Stratum> strata, List<MantelHaenszel.Link> links) {
    long a = 0;
    long n1 = 0;
    long c = 0;
    long n0 = 0;
    for (MantelHaenszel.Stratum s : strata) {
      a += s.flaggedWon();
      n1 += s.flagged();
      c += s.unflaggedWon();
      n0 += s.unflagged();
    }
    MantelHaenszel mh = MantelHaenszel.of(strata, links);
    return new Insights.LandmarkEffect(
        landmark,
        n1,
        a,
        n0,
        c,
        interval(Proportions.newcombeDifference(a, n1, c, n0)),
        interval(mh.pooled().riskDifference()),
        interval(mh.pooled().riskRatio()),
        mh.used(),
        mh.skipped());
  }

  /** The reading of a pooled effect from its interval. */
  static String reading(Insights.LandmarkEffect e) {
    Insights.Interval d = e.difference();
    if (d.low() == null) {
      return "not-testable";
    } else if (d.high() < 0) {
      return "loses-more";
    } else if (d.low() > 0) {
      return "wins-more";
    }
    return "no-clear-effect";
  }

  static Insights.Interval interval(Estimate e) {
    return new Insights.Interval(
        Insights.round(e.value()), Insights.round(e.low()), Insights.round(e.high()));
  }

  private List<Insights.Survival> survivals(Map<String, CumulativeIncidence.Tally> groups) {
    Map<String, CumulativeIncidence> estimates = new HashMap<>();
    groups.forEach((k, t) -> estimates.put(k, t.estimate()));
    return estimates.keySet().stream()
        .sorted(
            Comparator.comparingLong((String k) -> -estimates.get(k).deals()).thenComparing(k -> k))
        .map(k -> survival(k, estimates.get(k), false))
        .toList();
  }

  private Insights.Survival survival(String key, CumulativeIncidence.Tally tally, boolean curve) {
    return survival(key, tally.estimate(), curve);
  }

  private Insights.Survival survival(String key, CumulativeIncidence ci, boolean withCurve) {
    CumulativeIncidence.Median m = ci.medianTimeToWin();
    List<Insights.Interval> within = new ArrayList<>();
    for (int d : ctx.wonWithin) {
      within.add(ci.wonWithin(d).map(FindingsTally::interval).orElse(Insights.Interval.NONE));
    }
    List<Insights.CurvePoint> curve = new ArrayList<>();
    if (withCurve) {
      List<CumulativeIncidence.Step> steps = ci.steps();
      int n = steps.size();
      int max = Insights.Survival.CURVE_POINTS;
      int previous = -1;
      for (int j = 0; j < Math.min(n, max); j++) {
        int idx = n <= max ? j : (int) Math.round((double) j * (n - 1) / (max - 1));
        if (idx == previous) {
          continue;
        }
        previous = idx;
        CumulativeIncidence.Step s = steps.get(idx);
        curve.add(
            new Insights.CurvePoint(s.day(), s.atRisk(), interval(s.won()), interval(s.lost())));
      }
    }
    return new Insights.Survival(
        key,
        ci.deals(),
        ci.wins(),
        ci.losses(),
        ci.censored(),
        m.day().isPresent() ? m.day().getAsLong() : null,
        m.low().isPresent() ? m.low().getAsLong() : null,
        m.high().isPresent() ? m.high().getAsLong() : null,
        m.note(),
        within,
        curve,
        ci.deals() < PortfolioReport.SMALL_SAMPLE);
  }

  private static List<PortfolioReport.WinRate> winRates(Map<String, long[]> map) {
    List<String> keys = new ArrayList<>(map.keySet());
    keys.sort(Comparator.comparingLong((String k) -> -map.get(k)[0]).thenComparing(k -> k));
    List<PortfolioReport.WinRate> out = new ArrayList<>();
    for (String k : keys) {
      long[] c = map.get(k);
      Estimate e = Proportions.wilson(c[1], c[0]);
      out.add(
          new PortfolioReport.WinRate(
              k,
              c[0],
              c[1],
              Insights.round(e.value()),
              Insights.round(e.low()),
              Insights.round(e.high()),
              c[0] < PortfolioReport.SMALL_SAMPLE));
    }
    return out;
  }

  private Insights.Profiles profiles() {
    ProfileRanking ranking = profile.rank();
    double base = ranking.baseline().value();
    List<Insights.Profile> kept = new ArrayList<>();
    for (ProfileRanking.Profile p : ranking.profiles()) {
      if (kept.size() == Insights.Profiles.KEPT) {
        break;
      }
      kept.add(
          new Insights.Profile(
              p.label(),
              p.closed(),
              p.won(),
              interval(p.winRate()),
              Insights.round(p.lift()),
              p.standing().name().toLowerCase(Locale.ROOT),
              p.significant(base)));
    }
    List<Insights.ProfileSpeed> fastest = new ArrayList<>();
    for (ProfileRanking.Speed p : ranking.fastest()) {
      if (fastest.size() == Insights.Profiles.KEPT) {
        break;
      }
      fastest.add(
          new Insights.ProfileSpeed(
              p.label(),
              p.deals(),
              p.won(),
              interval(p.wonWithin()),
              p.median().day().isPresent() ? p.median().day().getAsLong() : null,
              p.standing().name().toLowerCase(Locale.ROOT)));
    }
    return new Insights.Profiles(
        ranking.closed(),
        ranking.won(),
        interval(ranking.baseline()),
        ctx.profileMinSupport,
        kept,
        ranking.leftOut(),
        ranking.options().horizonDays(),
        interval(ranking.baselineWonWithin()),
        fastest);
  }
}
