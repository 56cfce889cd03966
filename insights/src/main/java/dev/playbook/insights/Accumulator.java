package dev.playbook.insights;

import dev.playbook.descriptor.PlaybookDescriptor;
import dev.playbook.descriptor.RuleDescriptor;
import dev.playbook.model.CustomValue;
import dev.playbook.model.Deal;
import dev.playbook.model.StageChange;
import dev.playbook.result.DealError;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Gap;
import dev.playbook.result.Severity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Running totals over the deals one worker has seen; workers' accumulators are merged at the end,
 * and {@link #report} turns the merged counters into the typed {@link PortfolioReport}. Holds
 * counters per key (rep, team, stage, bucket) and histograms of days, never a deal or an
 * evaluation, so its size does not grow with the number of deals; the counters stay private.
 */
final class Accumulator {

  static final String NONE = "(none)";
  static final String UNKNOWN = "unknown";
  static final List<String> DIMENSIONS = List.of("rep", "team", "product", "sector", "deal_size");

  private final Context ctx;
  private final Counts totals;
  private final Map<String, Counts> byRep = new HashMap<>();
  private final Map<String, Counts> byTeam = new HashMap<>();
  private final Map<String, Counts> byStage = new HashMap<>();
  private final long[] reached;
  private final long[] observed;
  private final Histogram[] daysFromPrevious;
  private final Map<String, long[]> cycle = new HashMap<>();
  private final Map<String, Map<String, long[]>> winBy = new HashMap<>();
  private final long[] firedClosed;
  private final long[] firedWon;
  private long backtestClosed;
  private long backtestWon;
  private long backtestSkipped;

  /** Deals that could not be evaluated, and the first of their errors. */
  private long failedDeals;

  private final List<DealError> failures = new ArrayList<>();
  private final FindingsTally findings;

  Accumulator(Context ctx) {
    this.ctx = ctx;
    this.findings = new FindingsTally(ctx);
    this.totals = new Counts(ctx.rules.size());
    this.reached = new long[ctx.nodes.size()];
    this.observed = new long[ctx.nodes.size()];
    this.daysFromPrevious = new Histogram[ctx.nodes.size()];
    for (int i = 0; i < daysFromPrevious.length; i++) {
      daysFromPrevious[i] = new Histogram();
    }
    this.firedClosed = new long[ctx.rules.size()];
    this.firedWon = new long[ctx.rules.size()];
    DIMENSIONS.forEach(d -> winBy.put(d, new HashMap<>()));
  }

  /**
   * Adds one deal: {@code current} is its evaluation as of the report date (open deals only, else
   * null); {@code backtest} its evaluation as of the day before closing (closed deals, else null).
   */
  /**
   * The counts held: groups, buckets, days of the histograms, kept failures and the insights'
   * counts ({@link FindingsTally#cells()}); they grow with what is distinct, not with the deals.
   */
  long cells() {
    long n = byRep.size() + byTeam.size() + byStage.size() + cycle.size() + failures.size();
    for (Counts c : byRep.values()) {
      n += c.teams.size();
    }
    for (Histogram h : daysFromPrevious) {
      n += h.counts.size();
    }
    for (Map<String, long[]> m : winBy.values()) {
      n += m.size();
    }
    return n + findings.cells();
  }

  /** Counts a deal that could not be evaluated. */
  void failed(DealError error) {
    failedDeals++;
    if (failures.size() < PortfolioReport.Input.FAILURES_KEPT) {
      failures.add(error);
    }
  }

  void add(Deal deal, Evaluation current, Evaluation backtest) {
    add(deal, current, backtest, List.of());
  }

  /**
   * Adds one deal as {@link #add(Deal, Evaluation, Evaluation)}, with its evaluations at the
   * landmarks it was still open at (closed deals only).
   */
  void add(
      Deal deal,
      Evaluation current,
      Evaluation backtest,
      List<FindingsTally.LandmarkEval> landmarks) {
    String rep = key(deal.owner());
    String team = key(deal.team());
    Counts[] groups = {
      totals,
      byRep.computeIfAbsent(rep, k -> new Counts(ctx.rules.size())),
      byTeam.computeIfAbsent(team, k -> new Counts(ctx.rules.size())),
      byStage.computeIfAbsent(deal.stage(), k -> new Counts(ctx.rules.size()))
    };
    groups[1].teams.merge(team, 1L, Long::sum);
    boolean won = ctx.won.contains(deal.stage());
    boolean lost = ctx.lost.contains(deal.stage());
    for (Counts c : groups) {
      c.deals++;
      if (won) {
        c.won++;
      } else if (lost) {
        c.lost++;
      } else {
        c.open++;
      }
    }
    findings.add(deal, won, lost, landmarks);
    if (current != null) {
      openDeal(current, groups);
    }
    funnel(deal, won);
    if (won || lost) {
      closedDeal(deal, won, rep, team);
      if (backtest != null) {
        backtestClosed++;
        if (won) {
          backtestWon++;
        }
        for (String r : backtest.firedRules()) {
          Integer i = ctx.ruleIndex.get(r);
          if (i != null) {
            firedClosed[i]++;
            if (won) {
              firedWon[i]++;
            }
          }
        }
      } else {
        backtestSkipped++;
      }
    }
  }

  private void openDeal(Evaluation e, Counts[] groups) {
    long[] sev = new long[Severity.values().length];
    boolean compliant = true;
    for (Gap g : e.gaps()) {
      sev[g.severity().ordinal()]++;
      compliant &= g.severity().compareTo(Severity.MEDIUM) > 0;
    }
    boolean stalled = e.firedRules().stream().anyMatch(r -> r.contains("stalled"));
    for (Counts c : groups) {
      for (int i = 0; i < sev.length; i++) {
        c.gaps[i] += sev[i];
      }
      c.openActions += e.actions().size();
      if (stalled) {
        c.stalled++;
      }
      if (compliant) {
        c.compliantOpen++;
      }
      for (String r : e.firedRules()) {
        Integer i = ctx.ruleIndex.get(r);
        if (i != null) {
          c.flaggedOpen[i]++;
        }
      }
    }
  }

  /** Counts the nodes a deal reached and the days between the ones it has dates for. */
  private void funnel(Deal deal, boolean won) {
    int furthest = -1;
    if (won) {
      Integer i = ctx.nodeIndex.get(deal.stage());
      furthest = i == null ? -1 : i;
    } else {
      Integer i = ctx.nodeIndex.get(deal.stage());
      if (i != null) {
        furthest = i;
      }
      for (StageChange c : deal.stageHistory()) {
        Integer h = ctx.nodeIndex.get(c.stage());
        if (h != null && !ctx.won.contains(c.stage())) {
          furthest = Math.max(furthest, h);
        }
      }
    }
    if (furthest < 0) {
      return;
    }
    boolean[] seen = new boolean[ctx.nodes.size()];
    Integer current = ctx.nodeIndex.get(deal.stage());
    if (current != null) {
      seen[current] = true;
    }
    Instant[] entered = new Instant[ctx.nodes.size()];
    for (StageChange c : deal.stageHistory()) {
      Integer h = ctx.nodeIndex.get(c.stage());
      if (h != null && (entered[h] == null || c.enteredAt().isBefore(entered[h]))) {
        entered[h] = c.enteredAt();
        seen[h] = true;
      }
    }
    for (int i = 0; i < seen.length; i++) {
      if (seen[i]) {
        observed[i]++;
      }
    }
    if (won && entered[furthest] == null && deal.closeDate() != null) {
      entered[furthest] = deal.closeDate().atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    Instant previous = null;
    for (int i = 0; i <= furthest; i++) {
      reached[i]++;
      if (entered[i] != null) {
        if (previous != null && !entered[i].isBefore(previous)) {
          daysFromPrevious[i].add(ChronoUnit.DAYS.between(previous, entered[i]));
        }
        previous = entered[i];
      }
    }
  }

  private void closedDeal(Deal deal, boolean won, String rep, String team) {
    long days = cycleDays(deal);
    String bucket = days < 0 ? UNKNOWN : ctx.buckets.cycleBucket(days);
    count(cycle, bucket, won);
    count(winBy.get("rep"), rep, won);
    count(winBy.get("team"), team, won);
    count(winBy.get("product"), custom(deal, ctx.productField), won);
    count(winBy.get("sector"), custom(deal, ctx.sectorField), won);
    count(
        winBy.get("deal_size"),
        deal.amount() == null ? UNKNOWN : ctx.buckets.amountBucket(deal.amount().doubleValue()),
        won);
  }

  /**
   * Days from creation (else the first stage change) to the close date (else the closing stage
   * change); -1 if unknown.
   */
  static long cycleDays(Deal deal) {
    Instant start = deal.createdAt();
    if (start == null && !deal.stageHistory().isEmpty()) {
      start = deal.stageHistory().get(0).enteredAt();
    }
    LocalDate end = deal.closeDate();
    if (end == null) {
      for (StageChange c : deal.stageHistory()) {
        if (c.stage().equals(deal.stage())) {
          end = LocalDate.ofInstant(c.enteredAt(), ZoneOffset.UTC);
        }
      }
    }
    if (start == null || end == null) {
      return -1;
    }
    long days = ChronoUnit.DAYS.between(LocalDate.ofInstant(start, ZoneOffset.UTC), end);
    return days < 0 ? -1 : days;
  }

  private static String custom(Deal deal, String field) {
    CustomValue v = deal.custom().get(field);
    if (v == null) {
      return NONE;
    }
    if (v instanceof CustomValue.Text t) {
      return t.value();
    } else if (v instanceof CustomValue.Number n) {
      return n.value().toPlainString();
    } else if (v instanceof CustomValue.Flag f) {
      return String.valueOf(f.value());
    }
    return ((CustomValue.Date) v).value().toString();
  }

  private static void count(Map<String, long[]> map, String key, boolean won) {
    long[] c = map.computeIfAbsent(key, k -> new long[2]);
    c[0]++;
    if (won) {
      c[1]++;
    }
  }

  private static String key(String s) {
    return s == null || s.isBlank() ? NONE : s;
  }

  void merge(Accumulator o) {
    totals.merge(o.totals);
    mergeCounts(byRep, o.byRep);
    mergeCounts(byTeam, o.byTeam);
    mergeCounts(byStage, o.byStage);
    for (int i = 0; i < reached.length; i++) {
      reached[i] += o.reached[i];
      observed[i] += o.observed[i];
      daysFromPrevious[i].merge(o.daysFromPrevious[i]);
    }
    mergeRates(cycle, o.cycle);
    DIMENSIONS.forEach(d -> mergeRates(winBy.get(d), o.winBy.get(d)));
    for (int i = 0; i < firedClosed.length; i++) {
      firedClosed[i] += o.firedClosed[i];
      firedWon[i] += o.firedWon[i];
    }
    backtestClosed += o.backtestClosed;
    backtestWon += o.backtestWon;
    backtestSkipped += o.backtestSkipped;
    findings.merge(o.findings);
    failedDeals += o.failedDeals;
    for (DealError e : o.failures) {
      if (failures.size() < PortfolioReport.Input.FAILURES_KEPT) {
        failures.add(e);
      }
    }
  }

  private void mergeCounts(Map<String, Counts> into, Map<String, Counts> from) {
    from.forEach((k, v) -> into.computeIfAbsent(k, x -> new Counts(ctx.rules.size())).merge(v));
  }

  private static void mergeRates(Map<String, long[]> into, Map<String, long[]> from) {
    from.forEach(
        (k, v) -> {
          long[] c = into.computeIfAbsent(k, x -> new long[2]);
          c[0] += v[0];
          c[1] += v[1];
        });
  }

  /**
   * The report of every deal added (and merged): the figures of the counters, rates rounded to four
   * decimals, groups and win rates in the order {@link PortfolioReport} documents.
   *
   * @param described the playbook's rules and key nodes, for their titles, methodologies and
   *     elements
   * @param locale the locale of rule and key node titles
   */
  PortfolioReport report(
      Instant generatedAt,
      Instant asOf,
      PortfolioReport.PlaybookSummary playbook,
      PlaybookDescriptor described,
      Locale locale,
      PortfolioReport.Input input,
      PortfolioReport.Run runtime) {
    List<PortfolioReport.Group> reps = groups(byRep, true, null);
    List<PortfolioReport.RuleFlags> rules = new ArrayList<>();
    List<PortfolioReport.RuleBacktest> backtest = new ArrayList<>();
    for (int i = 0; i < ctx.rules.size(); i++) {
      String r = ctx.rules.get(i);
      RuleDescriptor d = described.rule(r).orElseThrow();
      String title = d.title().get(locale);
      rules.add(
          new PortfolioReport.RuleFlags(
              r,
              title,
              d.methodology(),
              d.element(),
              totals.flaggedOpen[i],
              rate(totals.flaggedOpen[i], totals.open)));
      backtest.add(backtest(r, title, i));
    }
    List<List<Double>> rates = new ArrayList<>();
    for (PortfolioReport.Group rep : reps) {
      Counts c = byRep.get(rep.key());
      List<Double> row = new ArrayList<>();
      for (int j = 0; j < ctx.rules.size(); j++) {
        row.add(c.open == 0 ? null : round(1 - (double) c.flaggedOpen[j] / c.open));
      }
      rates.add(row);
    }
    List<PortfolioReport.FunnelNode> nodes = new ArrayList<>();
    for (int i = 0; i < ctx.nodes.size(); i++) {
      String id = ctx.nodes.get(i);
      double median = daysFromPrevious[i].median();
      // a stage's node is titled after its first key node, if it has one
      String title =
          described.keyNodes(id).stream().findFirst().map(k -> k.title().get(locale)).orElse(id);
      nodes.add(
          new PortfolioReport.FunnelNode(
              id,
              title,
              reached[i],
              observed[i],
              i == 0 ? null : rate(reached[i], reached[i - 1]),
              Double.isNaN(median) ? null : median));
    }
    List<String> cycleKeys = new ArrayList<>(ctx.buckets.cycleLabels());
    cycleKeys.add(UNKNOWN);
    List<String> sizeKeys = new ArrayList<>(ctx.buckets.amountLabels());
    sizeKeys.add(UNKNOWN);
    PortfolioReport.WinRatesBy by =
        new PortfolioReport.WinRatesBy(
            rates(winBy.get("rep"), null),
            rates(winBy.get("team"), null),
            rates(winBy.get("product"), null),
            rates(winBy.get("sector"), null),
            rates(winBy.get("deal_size"), sizeKeys));
    return new PortfolioReport(
        generatedAt,
        asOf,
        playbook,
        input.withFailures(failedDeals, failures),
        group("all", null, totals),
        reps,
        groups(byTeam, false, null),
        groups(byStage, false, ctx.stages),
        rules,
        new PortfolioReport.Compliance(
            reps.stream().map(PortfolioReport.Group::key).toList(), ctx.rules, rates),
        nodes,
        rates(cycle, cycleKeys),
        by,
        new PortfolioReport.Backtest(
            Portfolio.AS_OF_METHOD, backtestClosed, backtestSkipped, backtest),
        runtime,
        findings.report(described, locale, backtestWon, backtestClosed - backtestWon, firedClosed));
  }

  private PortfolioReport.RuleBacktest backtest(String rule, String title, int i) {
    long fc = firedClosed[i];
    long fw = firedWon[i];
    long nc = backtestClosed - fc;
    long nw = backtestWon - fw;
    Double fr = rate(fw, fc);
    Double nr = rate(nw, nc);
    Double lift =
        fr == null || nr == null || nw == 0 ? null : round(((double) fw / fc) / ((double) nw / nc));
    double[] ci = Stats.newcombeDiff(fw, fc, nw, nc);
    return new PortfolioReport.RuleBacktest(
        rule,
        title,
        new PortfolioReport.Side(fc, fw, fr),
        new PortfolioReport.Side(nc, nw, nr),
        lift,
        nan(ci[0]),
        nan(ci[1]),
        fc < PortfolioReport.SMALL_SAMPLE || nc < PortfolioReport.SMALL_SAMPLE);
  }

  private static PortfolioReport.Group group(String key, String team, Counts c) {
    Map<Severity, Long> sev = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      sev.put(s, c.gaps[s.ordinal()]);
    }
    return new PortfolioReport.Group(
        key,
        team,
        c.deals,
        c.open,
        c.won,
        c.lost,
        rate(c.won, c.won + c.lost),
        rate(c.compliantOpen, c.open),
        sev,
        c.openActions,
        c.stalled);
  }

  /** Groups by the given key order, else by deals (most first) then key. */
  private static List<PortfolioReport.Group> groups(
      Map<String, Counts> map, boolean withTeam, List<String> order) {
    List<String> keys = new ArrayList<>(map.keySet());
    if (order != null) {
      keys.sort(
          Comparator.comparingInt(
              k -> order.indexOf(k) < 0 ? Integer.MAX_VALUE : order.indexOf(k)));
    } else {
      keys.sort(Comparator.comparingLong((String k) -> -map.get(k).deals).thenComparing(k -> k));
    }
    return keys.stream()
        .map(k -> group(k, withTeam ? map.get(k).mainTeam() : null, map.get(k)))
        .toList();
  }

  /**
   * Win rates in the given key order (unknown only when present), else by closed deals (most first)
   * then key.
   */
  private static List<PortfolioReport.WinRate> rates(Map<String, long[]> map, List<String> order) {
    List<String> keys = new ArrayList<>();
    if (order != null) {
      order.stream().filter(k -> map.containsKey(k) || !k.equals(UNKNOWN)).forEach(keys::add);
    } else {
      keys.addAll(map.keySet());
      keys.sort(Comparator.comparingLong((String k) -> -map.get(k)[0]).thenComparing(k -> k));
    }
    List<PortfolioReport.WinRate> out = new ArrayList<>();
    for (String k : keys) {
      long[] c = map.getOrDefault(k, new long[2]);
      double[] ci = Stats.wilson(c[1], c[0]);
      out.add(
          new PortfolioReport.WinRate(
              k,
              c[0],
              c[1],
              rate(c[1], c[0]),
              nan(ci[0]),
              nan(ci[1]),
              c[0] < PortfolioReport.SMALL_SAMPLE));
    }
    return out;
  }

  private static Double rate(long k, long n) {
    return n == 0 ? null : round((double) k / n);
  }

  private static Double nan(double x) {
    return Double.isNaN(x) ? null : round(x);
  }

  private static double round(double x) {
    return Math.round(x * 10_000d) / 10_000d;
  }

  /** Counters of one group of deals (a rep, a team, a stage, or all). */
  private static final class Counts {
    long deals;
    long open;
    long won;
    long lost;
    final long[] gaps = new long[Severity.values().length];
    long openActions;
    long stalled;
    long compliantOpen;
    final long[] flaggedOpen;
    final Map<String, Long> teams = new HashMap<>();

    Counts(int rules) {
      flaggedOpen = new long[rules];
    }

    void merge(Counts o) {
      deals += o.deals;
      open += o.open;
      won += o.won;
      lost += o.lost;
      for (int i = 0; i < gaps.length; i++) {
        gaps[i] += o.gaps[i];
      }
      openActions += o.openActions;
      stalled += o.stalled;
      compliantOpen += o.compliantOpen;
      for (int i = 0; i < flaggedOpen.length; i++) {
        flaggedOpen[i] += o.flaggedOpen[i];
      }
      o.teams.forEach((k, v) -> teams.merge(k, v, Long::sum));
    }

    /** The team most of the group's deals carry (ties: alphabetical), or null. */
    String mainTeam() {
      return teams.entrySet().stream()
          .sorted(
              Map.Entry.<String, Long>comparingByValue()
                  .reversed()
                  .thenComparing(Map.Entry.comparingByKey()))
          .map(Map.Entry::getKey)
          .findFirst()
          .orElse(null);
    }
  }

  /** Counts of whole days, for an exact median without keeping every value. */
  private static final class Histogram {
    final TreeMap<Long, Long> counts = new TreeMap<>();
    long n;

    void add(long days) {
      counts.merge(days, 1L, Long::sum);
      n++;
    }

    void merge(Histogram o) {
      o.counts.forEach((k, v) -> counts.merge(k, v, Long::sum));
      n += o.n;
    }

    /** The median (mean of the two middle values when n is even), or NaN when empty. */
    double median() {
      if (n == 0) {
        return Double.NaN;
      }
      long lowRank = (n - 1) / 2;
      long highRank = n / 2;
      Long low = null;
      Long high = null;
      long seen = 0;
      for (Map.Entry<Long, Long> e : counts.entrySet()) {
        long next = seen + e.getValue();
        if (low == null && lowRank < next) {
          low = e.getKey();
        }
        if (highRank < next) {
          high = e.getKey();
          break;
        }
        seen = next;
      }
      return (low + high) / 2.0;
    }
  }
}
