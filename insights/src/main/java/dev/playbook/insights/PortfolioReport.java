package dev.playbook.insights;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.playbook.problem.Problem;
import dev.playbook.result.DealError;
import dev.playbook.result.Severity;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Portfolio#evaluate} found in a book of deals: totals, groups per rep, team and stage,
 * rule flags, the rep x rule compliance matrix, the key-node funnel, win rates from closed deals
 * and the rule backtest. Immutable values all the way down, each record the shape of one object of
 * the JSON described in {@code docs/insights.md}; {@link #toJson()} is the one mapping to that
 * JSON.
 *
 * <p>Rates are shares from 0 to 1, rounded to four decimals, and null where there is nothing to
 * divide by.
 *
 * @param generatedAt when the report was made
 * @param asOf the moment open deals were evaluated at
 * @param playbook the playbook the deals were evaluated with
 * @param input what was read
 * @param totals all deals, as a group keyed {@code all}
 * @param byRep one group per rep, most deals first
 * @param byTeam one group per team, most deals first
 * @param byStage one group per stage, in playbook order
 * @param byRule every rule, in playbook order
 * @param repRuleCompliance the rep x rule matrix, rows in the order of {@code byRep}
 * @param funnel the key-node funnel, one node per stage that is not lost, in playbook order
 * @param winRateByCycle win rates by cycle-length bucket, shortest first
 * @param winRateBy win rates by rep, team, product, sector and deal size
 * @param backtest the rule backtest among closed deals
 * @param runtime how long the run took
 * @param insights the warnings, time to win, landmark backtest, breakdowns and customer profile
 * @param coaching a manager's coaching plan and which actions work, or why the report has none
 */
public record PortfolioReport(
    Instant generatedAt,
    Instant asOf,
    PlaybookSummary playbook,
    Input input,
    Group totals,
    List<Group> byRep,
    List<Group> byTeam,
    List<Group> byStage,
    List<RuleFlags> byRule,
    Compliance repRuleCompliance,
    List<FunnelNode> funnel,
    List<WinRate> winRateByCycle,
    WinRatesBy winRateBy,
    Backtest backtest,
    Run runtime,
    Insights insights,
    CoachingSection coaching) {

  /** The version of the report's JSON this library writes and the only one it reads. */
  public static final int SCHEMA_VERSION = 1;

  /** The longest document {@link #fromJson} accepts, in characters. */
  public static final int MAX_JSON_CHARS = 256 * 1024 * 1024;

  /** Below this many deals a rate is flagged {@code small_sample}. */
  public static final int SMALL_SAMPLE = 30;

  public PortfolioReport {
    requireNonNull(generatedAt, "generatedAt");
    requireNonNull(asOf, "asOf");
    requireNonNull(playbook, "playbook");
    requireNonNull(input, "input");
    requireNonNull(totals, "totals");
    byRep = List.copyOf(byRep);
    byTeam = List.copyOf(byTeam);
    byStage = List.copyOf(byStage);
    byRule = List.copyOf(byRule);
    requireNonNull(repRuleCompliance, "repRuleCompliance");
    funnel = List.copyOf(funnel);
    winRateByCycle = List.copyOf(winRateByCycle);
    requireNonNull(winRateBy, "winRateBy");
    requireNonNull(backtest, "backtest");
    requireNonNull(runtime, "runtime");
    requireNonNull(insights, "insights");
    requireNonNull(coaching, "coaching");
    checkArgument(
        repRuleCompliance.reps().equals(byRep.stream().map(Group::key).toList()),
        "the compliance matrix's reps %s are not the reps of by_rep %s",
        repRuleCompliance.reps(),
        byRep.stream().map(Group::key).toList());
  }

  /** A report without a coaching plan ({@link CoachingSection#none()}). */
  public PortfolioReport(
      Instant generatedAt,
      Instant asOf,
      PlaybookSummary playbook,
      Input input,
      Group totals,
      List<Group> byRep,
      List<Group> byTeam,
      List<Group> byStage,
      List<RuleFlags> byRule,
      Compliance repRuleCompliance,
      List<FunnelNode> funnel,
      List<WinRate> winRateByCycle,
      WinRatesBy winRateBy,
      Backtest backtest,
      Run runtime,
      Insights insights) {
    this(
        generatedAt,
        asOf,
        playbook,
        input,
        totals,
        byRep,
        byTeam,
        byStage,
        byRule,
        repRuleCompliance,
        funnel,
        winRateByCycle,
        winRateBy,
        backtest,
        runtime,
        insights,
        CoachingSection.none());
  }

  /** This report with {@code section} for its coaching section. */
  public PortfolioReport withCoaching(CoachingSection section) {
    return new PortfolioReport(
        generatedAt,
        asOf,
        playbook,
        input,
        totals,
        byRep,
        byTeam,
        byStage,
        byRule,
        repRuleCompliance,
        funnel,
        winRateByCycle,
        winRateBy,
        backtest,
        runtime,
        insights,
        section);
  }

  /** A report without {@link Insights} (no warnings, no time to win, no landmark backtest). */
  public PortfolioReport(
      Instant generatedAt,
      Instant asOf,
      PlaybookSummary playbook,
      Input input,
      Group totals,
      List<Group> byRep,
      List<Group> byTeam,
      List<Group> byStage,
      List<RuleFlags> byRule,
      Compliance repRuleCompliance,
      List<FunnelNode> funnel,
      List<WinRate> winRateByCycle,
      WinRatesBy winRateBy,
      Backtest backtest,
      Run runtime) {
    this(
        generatedAt,
        asOf,
        playbook,
        input,
        totals,
        byRep,
        byTeam,
        byStage,
        byRule,
        repRuleCompliance,
        funnel,
        winRateByCycle,
        winRateBy,
        backtest,
        runtime,
        Insights.empty());
  }

  /** The data-sufficiency warnings: {@code insights().warnings()}. */
  public List<dev.playbook.insights.stats.Warning> warnings() {
    return insights.warnings();
  }

  /**
   * The playbook a report is about.
   *
   * @param title the playbook's title, or null when it has none
   * @param rules how many rules it has
   */
  public record PlaybookSummary(String id, String title, int rules) {
    public PlaybookSummary {
      requireNonNull(id, "id");
      checkArgument(rules >= 0, "rules was set to %s, must not be negative", rules);
    }
  }

  /**
   * The input: files, rows read, deals evaluated, bad rows, and the first problems; deals that
   * could not be evaluated, and the first errors.
   *
   * @param problemCount all problems found, of which {@code problems} holds the first
   * @param failedDeals deals that could not be evaluated (each left out of every other figure)
   * @param failures the errors of the first {@value #FAILURES_KEPT} of them
   * @param skippedRows deal rows left out by the mapping's {@code skip} (deleted records), not
   *     counted in {@code rows}
   * @param childTables the rows of each child table of an export folder or database, each one read,
   *     skipped, bad or naming no deal
   */
  public record Input(
      List<String> files,
      long rows,
      long deals,
      long badRows,
      List<Problem> problems,
      long problemCount,
      long failedDeals,
      List<DealError> failures,
      long skippedRows,
      List<DealSource.ChildRows> childTables) {
    /** How many failed deals' errors a report keeps. */
    public static final int FAILURES_KEPT = 20;

    public Input {
      files = List.copyOf(files);
      problems = List.copyOf(problems);
      failures = List.copyOf(failures);
      childTables = List.copyOf(childTables);
      checkArgument(
          skippedRows >= 0, "skippedRows was set to %s, must not be negative", skippedRows);
      checkArgument(
          problemCount >= problems.size(),
          "problemCount was set to %s, must be at least the %s problems" + " given",
          problemCount,
          problems.size());
      checkArgument(
          failedDeals >= failures.size(),
          "failedDeals was set to %s, must be at least the %s failures" + " given",
          failedDeals,
          failures.size());
      checkArgument(
          failures.size() <= FAILURES_KEPT,
          "%s failures were given, at most %s are kept",
          failures.size(),
          FAILURES_KEPT);
    }

    /** An input in which every deal could be evaluated. */
    public Input(
        List<String> files,
        long rows,
        long deals,
        long badRows,
        List<Problem> problems,
        long problemCount) {
      this(files, rows, deals, badRows, problems, problemCount, 0, List.of());
    }

    /** An input with no rows skipped and no child tables. */
    public Input(
        List<String> files,
        long rows,
        long deals,
        long badRows,
        List<Problem> problems,
        long problemCount,
        long failedDeals,
        List<DealError> failures) {
      this(
          files, rows, deals, badRows, problems, problemCount, failedDeals, failures, 0, List.of());
    }

    /** This input with the deals that could not be evaluated. */
    public Input withFailures(long failedDeals, List<DealError> failures) {
      return new Input(
          files,
          rows,
          deals,
          badRows,
          problems,
          problemCount,
          failedDeals,
          failures,
          skippedRows,
          childTables);
    }

    /** This input with the deal rows skipped by the mapping and the counts of its child tables. */
    public Input withChildTables(long skippedRows, List<DealSource.ChildRows> childTables) {
      return new Input(
          files,
          rows,
          deals,
          badRows,
          problems,
          problemCount,
          failedDeals,
          failures,
          skippedRows,
          childTables);
    }
  }

  /** Deals that could not be evaluated: {@code input().failedDeals()}. */
  public long failedDeals() {
    return input.failedDeals();
  }

  /** The errors of the first of them: {@code input().failures()}. */
  public List<DealError> failures() {
    return input.failures();
  }

  /**
   * A group of deals (all of them, one rep, one team or one stage). Open-deal figures (gaps, open
   * actions, stalled, compliance) count open deals only.
   *
   * @param team for a rep, the team most of their deals carry; else null
   * @param winRate won / (won + lost), or null without closed deals
   * @param complianceRate share of open deals with no gap of severity medium or above; null without
   *     open deals
   * @param gapsBySeverity gaps on open deals, for every severity
   * @param stalled open deals on which a rule whose id contains {@code stalled} fired
   */
  public record Group(
      String key,
      String team,
      long deals,
      long open,
      long won,
      long lost,
      Double winRate,
      Double complianceRate,
      Map<Severity, Long> gapsBySeverity,
      long openActions,
      long stalled) {
    public Group {
      requireNonNull(key, "key");
      EnumMap<Severity, Long> all = new EnumMap<>(Severity.class);
      for (Severity s : Severity.values()) {
        all.put(s, gapsBySeverity.getOrDefault(s, 0L));
      }
      gapsBySeverity = Collections.unmodifiableMap(all);
    }
  }

  /**
   * How many open deals a rule fired on.
   *
   * @param title the rule's title, or null when it has none
   * @param methodology the methodology its gaps and actions name, or null
   * @param element the methodology element its gaps and actions name, or null
   * @param flaggedShare flagged open deals / open deals, or null without open deals
   */
  public record RuleFlags(
      String rule,
      String title,
      String methodology,
      String element,
      long flaggedDeals,
      Double flaggedShare) {
    public RuleFlags {
      requireNonNull(rule, "rule");
    }
  }

  /**
   * The rep x rule compliance matrix.
   *
   * @param reps the rows
   * @param rules the columns: every rule, in playbook order
   * @param rates {@code rates.get(i).get(j)}: share of rep i's open deals not flagged by rule j;
   *     null without open deals
   */
  public record Compliance(List<String> reps, List<String> rules, List<List<Double>> rates) {
    public Compliance {
      reps = List.copyOf(reps);
      rules = List.copyOf(rules);
      checkArgument(
          rates.size() == reps.size(),
          "the compliance matrix has %s rows of rates for %s reps",
          rates.size(),
          reps.size());
      List<List<Double>> rows = new ArrayList<>();
      for (int i = 0; i < rates.size(); i++) {
        checkArgument(
            rates.get(i).size() == rules.size(),
            "row %s of the compliance matrix (%s) has %s rates" + " for %s rules",
            i,
            reps.get(i),
            rates.get(i).size(),
            rules.size());
        rows.add(Collections.unmodifiableList(new ArrayList<>(rates.get(i))));
      }
      rates = Collections.unmodifiableList(rows);
    }
  }

  /**
   * A node of the funnel: a pipeline stage, titled by its key node where the playbook has one.
   *
   * @param reached deals whose current or any earlier stage is this node or a later one
   * @param observed deals whose current stage or stage history names this node itself
   * @param conversionFromPrevious reached / reached at the previous node; null for the first node
   * @param medianDaysFromPrevious median days from the previous node the deal has a date for
   */
  public record FunnelNode(
      String id,
      String title,
      long reached,
      long observed,
      Double conversionFromPrevious,
      Double medianDaysFromPrevious) {
    public FunnelNode {
      requireNonNull(id, "id");
    }
  }

  /**
   * A win rate among closed deals, with its 95% Wilson interval.
   *
   * @param key the group: a rep, team, product, sector, deal-size or cycle-length bucket
   */
  public record WinRate(
      String key,
      long closed,
      long won,
      Double winRate,
      Double ciLow,
      Double ciHigh,
      boolean smallSample) {
    public WinRate {
      requireNonNull(key, "key");
    }
  }

  /**
   * Win rates among closed deals by rep, team, product, sector and deal size, most closed deals
   * first.
   */
  public record WinRatesBy(
      List<WinRate> rep,
      List<WinRate> team,
      List<WinRate> product,
      List<WinRate> sector,
      List<WinRate> dealSize) {
    public WinRatesBy {
      rep = List.copyOf(rep);
      team = List.copyOf(team);
      product = List.copyOf(product);
      sector = List.copyOf(sector);
      dealSize = List.copyOf(dealSize);
    }
  }

  /**
   * The rule backtest among closed deals.
   *
   * @param asOfMethod at which moment closed deals were evaluated, in words ({@link
   *     Portfolio#AS_OF_METHOD})
   * @param deals closed deals in the backtest
   * @param skipped closed deals left out of the backtest for having no close date
   * @param rules every rule, in playbook order
   */
  public record Backtest(String asOfMethod, long deals, long skipped, List<RuleBacktest> rules) {
    public Backtest {
      requireNonNull(asOfMethod, "asOfMethod");
      rules = List.copyOf(rules);
    }
  }

  /**
   * One rule's backtest among closed deals.
   *
   * @param fired the closed deals the rule fired on
   * @param notFired the closed deals it did not fire on
   * @param lift win rate when fired / win rate when not fired; null when either is missing or the
   *     latter is 0
   * @param diffCiLow low end of the 95% interval of (win rate fired - win rate not fired),
   *     Newcombe's method
   * @param smallSample fewer than {@value PortfolioReport#SMALL_SAMPLE} deals on either side
   */
  public record RuleBacktest(
      String rule,
      String title,
      Side fired,
      Side notFired,
      Double lift,
      Double diffCiLow,
      Double diffCiHigh,
      boolean smallSample) {
    public RuleBacktest {
      requireNonNull(rule, "rule");
      requireNonNull(fired, "fired");
      requireNonNull(notFired, "notFired");
    }
  }

  /**
   * One side of a rule's backtest: closed deals, won deals, and the win rate (null without closed
   * deals).
   */
  public record Side(long closed, long won, Double winRate) {}

  /**
   * How long the run took.
   *
   * @param seconds wall-clock seconds, to the millisecond
   * @param dealsPerSecond deals evaluated per second, a whole number
   */
  public record Run(double seconds, double dealsPerSecond, int threads, long maxDealsInFlight) {}

  /**
   * The report {@link #toJson()} wrote.
   *
   * <p>The whole document is checked; unknown keys are ignored, so that a later minor version can
   * add some. Figures read back as written: a report read and written again gives the same JSON.
   *
   * @throws IllegalArgumentException naming the JSON path and what was wrong, such as {@code
   *     by_rep[1].win_rate: must be a number, was a string}, or refusing a document of another
   *     {@code schema_version}
   */
  public static PortfolioReport fromJson(String json) {
    return ReportJson.read(json);
  }

  /**
   * The report as JSON: {@code "schema_version": 1} first, then snake_case keys in a fixed order,
   * pretty-printed; described in {@code docs/insights.md}.
   */
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
    g.writeNumberField("schema_version", SCHEMA_VERSION);
    g.writeStringField("generated_at", generatedAt.toString());
    g.writeStringField("as_of", asOf.toString());
    g.writeObjectFieldStart("playbook");
    g.writeStringField("id", playbook.id());
    g.writeStringField("title", playbook.title());
    g.writeNumberField("rules", playbook.rules());
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
    g.writeNumberField("skipped_rows", input.skippedRows());
    g.writeArrayFieldStart("child_tables");
    for (DealSource.ChildRows c : input.childTables()) {
      g.writeStartObject();
      g.writeStringField("table", c.table());
      g.writeStringField("file", c.file());
      g.writeNumberField("rows", c.rows());
      g.writeNumberField("read", c.read());
      g.writeNumberField("skipped", c.skipped());
      g.writeNumberField("bad", c.bad());
      g.writeNumberField("orphaned", c.orphaned());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberField("failed_deals", input.failedDeals());
    g.writeArrayFieldStart("failures");
    for (DealError e : input.failures()) {
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
    insights.write(g);

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
    for (String r : repRuleCompliance.reps()) {
      g.writeString(r);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("rules");
    for (String r : repRuleCompliance.rules()) {
      g.writeString(r);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("rates");
    for (List<Double> row : repRuleCompliance.rates()) {
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
    g.writeFieldName("rep");
    winRates(g, winRateBy.rep(), "key");
    g.writeFieldName("team");
    winRates(g, winRateBy.team(), "key");
    g.writeFieldName("product");
    winRates(g, winRateBy.product(), "key");
    g.writeFieldName("sector");
    winRates(g, winRateBy.sector(), "key");
    g.writeFieldName("deal_size");
    winRates(g, winRateBy.dealSize(), "key");
    g.writeEndObject();

    g.writeObjectFieldStart("backtest");
    g.writeStringField("as_of_method", backtest.asOfMethod());
    g.writeNumberField("deals", backtest.deals());
    g.writeNumberField("skipped", backtest.skipped());
    g.writeArrayFieldStart("rules");
    for (RuleBacktest b : backtest.rules()) {
      g.writeStartObject();
      g.writeStringField("rule", b.rule());
      g.writeStringField("title", b.title());
      side(g, "fired", b.fired());
      side(g, "not_fired", b.notFired());
      number(g, "lift", b.lift());
      number(g, "diff_ci_low", b.diffCiLow());
      number(g, "diff_ci_high", b.diffCiHigh());
      g.writeBooleanField("small_sample", b.smallSample());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    insights.writeFigures(g);

    g.writeObjectFieldStart("coaching");
    g.writeStringField("missing", coaching.missing());
    if (coaching.plan() != null) {
      g.writeFieldName("plan");
      try (JsonParser p = new JsonFactory().createParser(coaching.plan().json())) {
        p.nextToken();
        g.copyCurrentStructure(p);
      }
    }
    g.writeEndObject();

    g.writeObjectFieldStart("runtime");
    g.writeNumberField("seconds", runtime.seconds());
    g.writeNumberField("deals_per_second", Math.round(runtime.dealsPerSecond()));
    g.writeNumberField("threads", runtime.threads());
    g.writeNumberField("max_deals_in_flight", runtime.maxDealsInFlight());
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void side(JsonGenerator g, String name, Side side) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeNumberField("closed", side.closed());
    g.writeNumberField("won", side.won());
    number(g, "win_rate", side.winRate());
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

  static void winRates(JsonGenerator g, List<WinRate> rates, String keyName) throws IOException {
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
    return "PortfolioReport[" + playbook.id() + ", " + totals.deals() + " deals]";
  }
}
