package dev.playbook.insights;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.playbook.Playbook;
import dev.playbook.problem.Problem;
import dev.playbook.result.DealError;
import dev.playbook.result.Severity;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Portfolio#evaluate} found in a book of deals: totals, groups per rep, team and stage,
 * rule flags, the rep x rule compliance matrix, the key-node funnel, win rates from closed deals and
 * the rule backtest. Immutable; {@link #toJson()} writes the JSON described in
 * {@code docs/insights.md}.
 *
 * <p>Rates are shares from 0 to 1, and null where there is nothing to divide by.
 */
public final class PortfolioReport {

  /** Below this many deals a rate is flagged {@code small_sample}. */
  public static final int SMALL_SAMPLE = 30;

  /** The input: files, rows read, deals evaluated, bad rows, and the first problems. */
  public record Input(List<String> files, long rows, long deals, long badRows, List<Problem> problems,
      long problemCount) {
    public Input {
      files = List.copyOf(files);
      problems = List.copyOf(problems);
    }
  }

  /**
   * A group of deals (all of them, one rep, one team or one stage). Open-deal figures (gaps, open
   * actions, stalled, compliance) count open deals only.
   *
   * @param team for a rep, the team most of their deals carry; else null
   * @param winRate won / (won + lost), or null without closed deals
   * @param complianceRate share of open deals with no gap of severity medium or above; null without open deals
   * @param stalled open deals on which a rule whose id contains {@code stalled} fired
   */
  public record Group(String key, String team, long deals, long open, long won, long lost, Double winRate,
      Double complianceRate, Map<Severity, Long> gapsBySeverity, long openActions, long stalled) {
    public Group {
      gapsBySeverity = Collections.unmodifiableMap(new EnumMap<>(gapsBySeverity));
    }
  }

  /** How many open deals a rule fired on. */
  public record RuleFlags(String rule, String title, String methodology, String element, long flaggedDeals,
      Double flaggedShare) {}

  /**
   * A node of the funnel: a pipeline stage, titled by its key node where the playbook has one.
   *
   * @param reached deals whose current or any earlier stage is this node or a later one
   * @param observed deals whose current stage or stage history names this node itself
   * @param medianDaysFromPrevious median days from the previous node the deal has a date for
   */
  public record FunnelNode(String id, String title, long reached, long observed, Double conversionFromPrevious,
      Double medianDaysFromPrevious) {}

  /** A win rate among closed deals, with its 95% Wilson interval. */
  public record WinRate(String key, long closed, long won, Double winRate, Double ciLow, Double ciHigh,
      boolean smallSample) {}

  /**
   * One rule's backtest among closed deals.
   *
   * @param lift win rate when fired / win rate when not fired; null when either is missing or the latter is 0
   * @param diffCiLow low end of the 95% interval of (win rate fired - win rate not fired), Newcombe's method
   * @param smallSample fewer than {@value PortfolioReport#SMALL_SAMPLE} deals on either side
   */
  public record RuleBacktest(String rule, String title, long firedClosed, long firedWon, Double firedWinRate,
      long notFiredClosed, long notFiredWon, Double notFiredWinRate, Double lift, Double diffCiLow,
      Double diffCiHigh, boolean smallSample) {}

  /** How long the run took. */
  public record Runtime(double seconds, double dealsPerSecond, int threads, long maxDealsInFlight) {}

  private final Instant generatedAt;
  private final Instant asOf;
  private final String playbookId;
  private final String playbookTitle;
  private final int ruleCount;
  private final Input input;
  private final Group totals;
  private final List<Group> byRep;
  private final List<Group> byTeam;
  private final List<Group> byStage;
  private final List<RuleFlags> byRule;
  private final List<String> matrixReps;
  private final List<String> matrixRules;
  private final List<List<Double>> matrixRates;
  private final List<FunnelNode> funnel;
  private final List<WinRate> winRateByCycle;
  private final Map<String, List<WinRate>> winRateBy;
  private final List<RuleBacktest> backtest;
  private final long backtestDeals;
  private final long backtestSkipped;
  private final long failedDeals;
  private final List<DealError> failures;
  private final Runtime runtime;

  private PortfolioReport(Instant generatedAt, Instant asOf, Playbook playbook, Input input, Accumulator a,
      Map<String, String> titles, Runtime runtime) {
    this.generatedAt = generatedAt;
    this.asOf = asOf;
    this.playbookId = playbook.id();
    this.playbookTitle = playbook.title();
    this.ruleCount = a.ctx.rules.size();
    this.input = input;
    this.totals = group("all", null, a.totals);
    this.byRep = groups(a.byRep, true, null);
    this.byTeam = groups(a.byTeam, false, null);
    this.byStage = groups(a.byStage, false, a.ctx.stages);
    List<RuleFlags> rules = new ArrayList<>();
    for (int i = 0; i < a.ctx.rules.size(); i++) {
      String r = a.ctx.rules.get(i);
      String[] meta = a.ruleMeta.getOrDefault(r, new String[2]);
      rules.add(new RuleFlags(r, titles.getOrDefault(r, r), meta[0], meta[1], a.totals.flaggedOpen[i],
          rate(a.totals.flaggedOpen[i], a.totals.open)));
    }
    this.byRule = List.copyOf(rules);
    this.matrixReps = byRep.stream().map(Group::key).toList();
    this.matrixRules = List.copyOf(a.ctx.rules);
    List<List<Double>> rates = new ArrayList<>();
    for (String rep : matrixReps) {
      Accumulator.Counts c = a.byRep.get(rep);
      List<Double> row = new ArrayList<>();
      for (int j = 0; j < matrixRules.size(); j++) {
        row.add(c.open == 0 ? null : round(1 - (double) c.flaggedOpen[j] / c.open));
      }
      rates.add(Collections.unmodifiableList(row));
    }
    this.matrixRates = List.copyOf(rates);
    List<FunnelNode> nodes = new ArrayList<>();
    for (int i = 0; i < a.ctx.nodes.size(); i++) {
      String id = a.ctx.nodes.get(i);
      double median = a.daysFromPrevious[i].median();
      nodes.add(new FunnelNode(id, a.nodeTitles.getOrDefault(id, id), a.reached[i], a.observed[i],
          i == 0 ? null : rate(a.reached[i], a.reached[i - 1]), Double.isNaN(median) ? null : median));
    }
    this.funnel = List.copyOf(nodes);
    List<String> cycleKeys = new ArrayList<>(Accumulator.CYCLE_BUCKETS);
    cycleKeys.add(Accumulator.UNKNOWN);
    this.winRateByCycle = rates(a.cycle, cycleKeys);
    Map<String, List<WinRate>> by = new LinkedHashMap<>();
    for (String d : Accumulator.DIMENSIONS) {
      List<String> order = null;
      if (d.equals("deal_size")) {
        order = new ArrayList<>(Accumulator.SIZE_BUCKETS);
        order.add(Accumulator.UNKNOWN);
      }
      by.put(d, rates(a.winBy.get(d), order));
    }
    this.winRateBy = Collections.unmodifiableMap(by);
    List<RuleBacktest> bt = new ArrayList<>();
    for (int i = 0; i < a.ctx.rules.size(); i++) {
      String r = a.ctx.rules.get(i);
      long fc = a.firedClosed[i];
      long fw = a.firedWon[i];
      long nc = a.backtestClosed - fc;
      long nw = a.backtestWon - fw;
      Double fr = rate(fw, fc);
      Double nr = rate(nw, nc);
      Double lift = fr == null || nr == null || nw == 0 ? null : round(((double) fw / fc) / ((double) nw / nc));
      double[] ci = Stats.newcombeDiff(fw, fc, nw, nc);
      bt.add(new RuleBacktest(r, titles.getOrDefault(r, r), fc, fw, fr, nc, nw, nr, lift, nan(ci[0]), nan(ci[1]),
          fc < SMALL_SAMPLE || nc < SMALL_SAMPLE));
    }
    this.backtest = List.copyOf(bt);
    this.backtestDeals = a.backtestClosed;
    this.backtestSkipped = a.backtestSkipped;
    this.failedDeals = a.failedDeals;
    this.failures = List.copyOf(a.failures);
    this.runtime = runtime;
  }

  static PortfolioReport build(Instant generatedAt, Instant asOf, Playbook playbook, Map<String, String> titles,
      DealSource source, Accumulator all, Runtime runtime) {
    Input input = new Input(source.files(), source.rows(), source.deals(), source.badRows(), source.problems(),
        source.problemCount());
    return new PortfolioReport(generatedAt, asOf, playbook, input, all, titles, runtime);
  }

  private static Group group(String key, String team, Accumulator.Counts c) {
    Map<Severity, Long> sev = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      sev.put(s, c.gaps[s.ordinal()]);
    }
    return new Group(key, team, c.deals, c.open, c.won, c.lost, rate(c.won, c.won + c.lost),
        rate(c.compliantOpen, c.open), sev, c.openActions, c.stalled);
  }

  /** Groups by the given key order, else by deals (most first) then key. */
  private static List<Group> groups(Map<String, Accumulator.Counts> map, boolean withTeam, List<String> order) {
    List<String> keys = new ArrayList<>(map.keySet());
    if (order != null) {
      keys.sort(Comparator.comparingInt(k -> order.indexOf(k) < 0 ? Integer.MAX_VALUE : order.indexOf(k)));
    } else {
      keys.sort(Comparator.comparingLong((String k) -> -map.get(k).deals).thenComparing(k -> k));
    }
    return keys.stream().map(k -> group(k, withTeam ? map.get(k).mainTeam() : null, map.get(k))).toList();
  }

  private static List<WinRate> rates(Map<String, long[]> map, List<String> order) {
    List<String> keys = new ArrayList<>();
    if (order != null) {
      order.stream().filter(k -> map.containsKey(k) || !k.equals(Accumulator.UNKNOWN)).forEach(keys::add);
    } else {
      keys.addAll(map.keySet());
      keys.sort(Comparator.comparingLong((String k) -> -map.get(k)[0]).thenComparing(k -> k));
    }
    List<WinRate> out = new ArrayList<>();
    for (String k : keys) {
      long[] c = map.getOrDefault(k, new long[2]);
      double[] ci = Stats.wilson(c[1], c[0]);
      out.add(new WinRate(k, c[0], c[1], rate(c[1], c[0]), nan(ci[0]), nan(ci[1]), c[0] < SMALL_SAMPLE));
    }
    return List.copyOf(out);
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

  public Instant generatedAt() {
    return generatedAt;
  }

  public Instant asOf() {
    return asOf;
  }

  public String playbookId() {
    return playbookId;
  }

  public Input input() {
    return input;
  }

  public Group totals() {
    return totals;
  }

  public List<Group> byRep() {
    return byRep;
  }

  public List<Group> byTeam() {
    return byTeam;
  }

  public List<Group> byStage() {
    return byStage;
  }

  public List<RuleFlags> byRule() {
    return byRule;
  }

  /** Rows of the rep x rule matrix, in the order of {@link #byRep()}. */
  public List<String> matrixReps() {
    return matrixReps;
  }

  /** Columns of the rep x rule matrix: every rule, in playbook order. */
  public List<String> matrixRules() {
    return matrixRules;
  }

  /** {@code rates.get(i).get(j)}: share of rep i's open deals not flagged by rule j; null without open deals. */
  public List<List<Double>> matrixRates() {
    return matrixRates;
  }

  public List<FunnelNode> funnel() {
    return funnel;
  }

  public List<WinRate> winRateByCycle() {
    return winRateByCycle;
  }

  /** Win rates by {@code rep}, {@code team}, {@code product}, {@code sector} and {@code deal_size}. */
  public Map<String, List<WinRate>> winRateBy() {
    return winRateBy;
  }

  public List<RuleBacktest> backtest() {
    return backtest;
  }

  /** Closed deals in the backtest. */
  public long backtestDeals() {
    return backtestDeals;
  }

  /** Closed deals left out of the backtest for having no close date. */
  public long backtestSkipped() {
    return backtestSkipped;
  }

  /** Deals that could not be evaluated (each left out of every other figure). */
  public long failedDeals() {
    return failedDeals;
  }

  /** The errors of the first 20 deals that could not be evaluated. */
  public List<DealError> failures() {
    return failures;
  }

  public Runtime runtime() {
    return runtime;
  }

  /** The report as JSON: snake_case keys in a fixed order, pretty-printed. */
  public String toJson() {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
      g.useDefaultPrettyPrinter();
      write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString() + "\n";
  }

  private void write(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("generated_at", generatedAt.toString());
    g.writeStringField("as_of", asOf.toString());
    g.writeObjectFieldStart("playbook");
    g.writeStringField("id", playbookId);
    g.writeStringField("title", playbookTitle);
    g.writeNumberField("rules", ruleCount);
    g.writeEndObject();

    g.writeObjectFieldStart("input");
    g.writeArrayFieldStart("files");
    for (String f : input.files()) {
      g.writeString(f);
    }
    g.writeEndArray();
    g.writeNumberField("rows", input.rows());
    g.writeNumberField("deals", input.deals());
    g.writeNumberField("bad_rows", input.badRows());
    g.writeNumberField("failed_deals", failedDeals);
    g.writeArrayFieldStart("failures");
    for (DealError e : failures) {
      g.writeStartObject();
      g.writeStringField("deal", e.dealId());
      g.writeStringField("code", e.code());
      g.writeStringField("rule", e.rule());
      g.writeStringField("condition", e.condition());
      g.writeStringField("message", e.message());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberField("problem_count", input.problemCount());
    g.writeArrayFieldStart("problems");
    for (Problem p : input.problems()) {
      g.writeStartObject();
      g.writeStringField("file", p.file());
      g.writeNumberField("line", p.line());
      g.writeNumberField("column", p.column());
      g.writeStringField("code", p.code());
      g.writeStringField("message", p.message());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();

    g.writeFieldName("totals");
    g.writeStartObject();
    g.writeNumberField("deals", totals.deals());
    g.writeNumberField("open", totals.open());
    g.writeNumberField("won", totals.won());
    g.writeNumberField("lost", totals.lost());
    number(g, "win_rate", totals.winRate());
    severities(g, totals.gapsBySeverity());
    g.writeNumberField("open_actions", totals.openActions());
    g.writeNumberField("stalled", totals.stalled());
    number(g, "compliance_rate", totals.complianceRate());
    g.writeEndObject();

    groups(g, "by_rep", byRep);
    groups(g, "by_team", byTeam);
    groups(g, "by_stage", byStage);

    g.writeArrayFieldStart("by_rule");
    for (RuleFlags r : byRule) {
      g.writeStartObject();
      g.writeStringField("rule", r.rule());
      g.writeStringField("title", r.title());
      g.writeStringField("methodology", r.methodology());
      g.writeStringField("element", r.element());
      g.writeNumberField("flagged_deals", r.flaggedDeals());
      number(g, "flagged_share", r.flaggedShare());
      g.writeEndObject();
    }
    g.writeEndArray();

    g.writeObjectFieldStart("rep_rule_compliance");
    g.writeArrayFieldStart("reps");
    for (String r : matrixReps) {
      g.writeString(r);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("rules");
    for (String r : matrixRules) {
      g.writeString(r);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("rates");
    for (List<Double> row : matrixRates) {
      g.writeStartArray();
      for (Double d : row) {
        if (d == null) {
          g.writeNull();
        } else {
          g.writeNumber(d);
        }
      }
      g.writeEndArray();
    }
    g.writeEndArray();
    g.writeEndObject();

    g.writeObjectFieldStart("funnel");
    g.writeArrayFieldStart("nodes");
    for (FunnelNode n : funnel) {
      g.writeStartObject();
      g.writeStringField("id", n.id());
      g.writeStringField("title", n.title());
      g.writeNumberField("reached", n.reached());
      g.writeNumberField("observed", n.observed());
      number(g, "conversion_from_previous", n.conversionFromPrevious());
      number(g, "median_days_from_previous", n.medianDaysFromPrevious());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();

    g.writeFieldName("win_rate_by_cycle");
    winRates(g, winRateByCycle, "bucket");
    g.writeObjectFieldStart("win_rate_by");
    for (Map.Entry<String, List<WinRate>> e : winRateBy.entrySet()) {
      g.writeFieldName(e.getKey());
      winRates(g, e.getValue(), "key");
    }
    g.writeEndObject();

    g.writeObjectFieldStart("backtest");
    g.writeStringField("as_of_method", Portfolio.AS_OF_METHOD);
    g.writeNumberField("deals", backtestDeals);
    g.writeNumberField("skipped", backtestSkipped);
    g.writeArrayFieldStart("rules");
    for (RuleBacktest b : backtest) {
      g.writeStartObject();
      g.writeStringField("rule", b.rule());
      g.writeStringField("title", b.title());
      side(g, "fired", b.firedClosed(), b.firedWon(), b.firedWinRate());
      side(g, "not_fired", b.notFiredClosed(), b.notFiredWon(), b.notFiredWinRate());
      number(g, "lift", b.lift());
      number(g, "diff_ci_low", b.diffCiLow());
      number(g, "diff_ci_high", b.diffCiHigh());
      g.writeBooleanField("small_sample", b.smallSample());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();

    g.writeObjectFieldStart("runtime");
    g.writeNumberField("seconds", Math.round(runtime.seconds() * 1000) / 1000d);
    g.writeNumberField("deals_per_second", Math.round(runtime.dealsPerSecond()));
    g.writeNumberField("threads", runtime.threads());
    g.writeNumberField("max_deals_in_flight", runtime.maxDealsInFlight());
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void side(JsonGenerator g, String name, long closed, long won, Double rate) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeNumberField("closed", closed);
    g.writeNumberField("won", won);
    number(g, "win_rate", rate);
    g.writeEndObject();
  }

  private static void groups(JsonGenerator g, String name, List<Group> groups) throws IOException {
    g.writeArrayFieldStart(name);
    for (Group x : groups) {
      g.writeStartObject();
      g.writeStringField("key", x.key());
      g.writeStringField("team", x.team());
      g.writeNumberField("deals", x.deals());
      g.writeNumberField("open", x.open());
      g.writeNumberField("won", x.won());
      g.writeNumberField("lost", x.lost());
      number(g, "win_rate", x.winRate());
      number(g, "compliance_rate", x.complianceRate());
      severities(g, x.gapsBySeverity());
      g.writeNumberField("open_actions", x.openActions());
      g.writeNumberField("stalled", x.stalled());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void winRates(JsonGenerator g, List<WinRate> rates, String keyName) throws IOException {
    g.writeStartArray();
    for (WinRate r : rates) {
      g.writeStartObject();
      g.writeStringField(keyName, r.key());
      g.writeNumberField("closed", r.closed());
      g.writeNumberField("won", r.won());
      number(g, "win_rate", r.winRate());
      number(g, "ci_low", r.ciLow());
      number(g, "ci_high", r.ciHigh());
      g.writeBooleanField("small_sample", r.smallSample());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void severities(JsonGenerator g, Map<Severity, Long> sev) throws IOException {
    g.writeObjectFieldStart("gaps_by_severity");
    for (Severity s : Severity.values()) {
      g.writeNumberField(s.id(), sev.getOrDefault(s, 0L));
    }
    g.writeEndObject();
  }

  private static void number(JsonGenerator g, String name, Double value) throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, value);
    }
  }

  @Override
  public String toString() {
    return "PortfolioReport[" + playbookId + ", " + totals.deals() + " deals]";
  }
}
