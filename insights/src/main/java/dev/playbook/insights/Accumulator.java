package dev.playbook.insights;

import dev.playbook.result.Action;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Gap;
import dev.playbook.result.Severity;
import dev.playbook.result.StageReadiness;
import dev.playbook.model.CustomValue;
import dev.playbook.model.Deal;
import dev.playbook.model.StageChange;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Running totals over the deals one worker has seen; workers' accumulators are merged at the end.
 * Holds counters per key (rep, team, stage, bucket) and histograms of days, never a deal or an
 * evaluation, so its size does not grow with the number of deals.
 */
final class Accumulator {

  static final String NONE = "(none)";
  static final List<String> CYCLE_BUCKETS = List.of("0-15", "16-30", "31-60", "61-90", "91-120", "121+");
  static final List<String> SIZE_BUCKETS =
      List.of("under 1k", "1k-5k", "5k-10k", "10k-50k", "50k-100k", "100k+");
  static final String UNKNOWN = "unknown";
  static final List<String> DIMENSIONS = List.of("rep", "team", "product", "sector", "deal_size");

  final Context ctx;
  final Counts totals;
  final Map<String, Counts> byRep = new HashMap<>();
  final Map<String, Counts> byTeam = new HashMap<>();
  final Map<String, Counts> byStage = new HashMap<>();
  final Map<String, String[]> ruleMeta = new HashMap<>();
  final Map<String, String> nodeTitles = new HashMap<>();
  final long[] reached;
  final long[] observed;
  final Histogram[] daysFromPrevious;
  final Map<String, long[]> cycle = new HashMap<>();
  final Map<String, Map<String, long[]>> winBy = new HashMap<>();
  final long[] firedClosed;
  final long[] firedWon;
  long backtestClosed;
  long backtestWon;
  long backtestSkipped;
  /** Deals that could not be evaluated, and the first {@link #FAILURES_KEPT} of their errors. */
  long failedDeals;
  final List<dev.playbook.result.DealError> failures = new java.util.ArrayList<>();
  static final int FAILURES_KEPT = 20;

  Accumulator(Context ctx) {
    this.ctx = ctx;
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
  void add(Deal deal, Evaluation current, Evaluation backtest) {
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
      ruleMeta.putIfAbsent(g.rule(), new String[] {g.methodology(), g.element()});
    }
    for (Action a : e.actions()) {
      ruleMeta.putIfAbsent(a.rule(), new String[] {a.methodology(), a.element()});
    }
    boolean stalled = e.firedRules().stream().anyMatch(r -> r.contains("stalled"));
    StageReadiness sr = e.stageReadiness();
    if (!sr.keyNodes().isEmpty()) {
      nodeTitles.putIfAbsent(sr.stage(), sr.keyNodes().get(0).title());
    }
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
    String bucket = days < 0 ? UNKNOWN : cycleBucket(days);
    count(cycle, bucket, won);
    count(winBy.get("rep"), rep, won);
    count(winBy.get("team"), team, won);
    count(winBy.get("product"), custom(deal, ctx.productField), won);
    count(winBy.get("sector"), custom(deal, ctx.sectorField), won);
    count(winBy.get("deal_size"), sizeBucket(deal.amount()), won);
  }

  /** Days from creation (else the first stage change) to the close date (else the closing stage change); -1 if unknown. */
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

  static String cycleBucket(long days) {
    if (days <= 15) {
      return "0-15";
    } else if (days <= 30) {
      return "16-30";
    } else if (days <= 60) {
      return "31-60";
    } else if (days <= 90) {
      return "61-90";
    } else if (days <= 120) {
      return "91-120";
    }
    return "121+";
  }

  static String sizeBucket(BigDecimal amount) {
    if (amount == null) {
      return UNKNOWN;
    }
    double a = amount.doubleValue();
    if (a < 1_000) {
      return "under 1k";
    } else if (a < 5_000) {
      return "1k-5k";
    } else if (a < 10_000) {
      return "5k-10k";
    } else if (a < 50_000) {
      return "10k-50k";
    } else if (a < 100_000) {
      return "50k-100k";
    }
    return "100k+";
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

  /** Counts a deal that could not be evaluated. */
  void failed(dev.playbook.result.DealError error) {
    failedDeals++;
    if (failures.size() < FAILURES_KEPT) {
      failures.add(error);
    }
  }

  void merge(Accumulator o) {
    failedDeals += o.failedDeals;
    for (dev.playbook.result.DealError e : o.failures) {
      if (failures.size() < FAILURES_KEPT) {
        failures.add(e);
      }
    }
    totals.merge(o.totals);
    mergeCounts(byRep, o.byRep);
    mergeCounts(byTeam, o.byTeam);
    mergeCounts(byStage, o.byStage);
    o.ruleMeta.forEach(ruleMeta::putIfAbsent);
    o.nodeTitles.forEach(nodeTitles::putIfAbsent);
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
  }

  private void mergeCounts(Map<String, Counts> into, Map<String, Counts> from) {
    from.forEach((k, v) -> into.computeIfAbsent(k, x -> new Counts(ctx.rules.size())).merge(v));
  }

  private static void mergeRates(Map<String, long[]> into, Map<String, long[]> from) {
    from.forEach((k, v) -> {
      long[] c = into.computeIfAbsent(k, x -> new long[2]);
      c[0] += v[0];
      c[1] += v[1];
    });
  }

  /** Counters of one group of deals (a rep, a team, a stage, or all). */
  static final class Counts {
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
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .map(Map.Entry::getKey).findFirst().orElse(null);
    }
  }

  /** Counts of whole days, for an exact median without keeping every value. */
  static final class Histogram {
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
