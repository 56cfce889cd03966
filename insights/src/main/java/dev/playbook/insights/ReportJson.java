package dev.playbook.insights;

import dev.playbook.insights.Insights.Breakdown;
import dev.playbook.insights.Insights.CurvePoint;
import dev.playbook.insights.Insights.Interval;
import dev.playbook.insights.Insights.LandmarkBacktest;
import dev.playbook.insights.Insights.LandmarkEffect;
import dev.playbook.insights.Insights.LandmarkRule;
import dev.playbook.insights.Insights.Profile;
import dev.playbook.insights.Insights.ProfileSpeed;
import dev.playbook.insights.Insights.Profiles;
import dev.playbook.insights.Insights.Survival;
import dev.playbook.insights.Insights.SurvivalGroup;
import dev.playbook.insights.Insights.TimeToWin;
import dev.playbook.insights.PortfolioReport.Backtest;
import dev.playbook.insights.PortfolioReport.Compliance;
import dev.playbook.insights.PortfolioReport.FunnelNode;
import dev.playbook.insights.PortfolioReport.Group;
import dev.playbook.insights.PortfolioReport.Input;
import dev.playbook.insights.PortfolioReport.PlaybookSummary;
import dev.playbook.insights.PortfolioReport.RuleBacktest;
import dev.playbook.insights.PortfolioReport.RuleFlags;
import dev.playbook.insights.PortfolioReport.Run;
import dev.playbook.insights.PortfolioReport.Side;
import dev.playbook.insights.PortfolioReport.WinRate;
import dev.playbook.insights.PortfolioReport.WinRatesBy;
import dev.playbook.insights.loop.ActionEffects;
import dev.playbook.insights.loop.Coaching;
import dev.playbook.insights.stats.Estimate;
import dev.playbook.insights.stats.Proportions;
import dev.playbook.insights.stats.Warning;
import dev.playbook.problem.Problem;
import dev.playbook.result.DealError;
import dev.playbook.result.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the document {@link PortfolioReport#toJson()} writes; see {@link PortfolioReport#fromJson}.
 */
final class ReportJson {

  private ReportJson() {}

  static PortfolioReport read(String json) {
    JsonIn root = JsonIn.root(json);
    JsonIn version = root.field("schema_version");
    int v = version.integer();
    if (v != PortfolioReport.SCHEMA_VERSION) {
      throw version.bad(
          v + " is not supported; this library reads version " + PortfolioReport.SCHEMA_VERSION);
    }
    // in the document's order, so that the first thing wrong is the one named
    Instant generatedAt = root.field("generated_at").instant();
    Instant asOf = root.field("as_of").instant();
    PlaybookSummary playbook = playbook(root.field("playbook"));
    Input input = input(root.field("input"));
    List<Warning> warnings = root.field("warnings").list(ReportJson::warning);
    Map<String, String> unreadable = unreadable(root.field("unreadable"));
    Group totals = group(root.field("totals"), "all");
    List<Group> byRep = root.field("by_rep").list(g -> group(g, null));
    List<Group> byTeam = root.field("by_team").list(g -> group(g, null));
    List<Group> byStage = root.field("by_stage").list(g -> group(g, null));
    List<RuleFlags> byRule = root.field("by_rule").list(ReportJson::ruleFlags);
    Compliance compliance = compliance(root.field("rep_rule_compliance"));
    List<FunnelNode> funnel = root.field("funnel").field("nodes").list(ReportJson::funnelNode);
    List<WinRate> byCycle = root.field("win_rate_by_cycle").list(r -> winRate(r, "bucket"));
    JsonIn by = root.field("win_rate_by");
    WinRatesBy winRateBy =
        by.make(
            () ->
                new WinRatesBy(
                    winRates(by.field("rep")),
                    winRates(by.field("team")),
                    winRates(by.field("product")),
                    winRates(by.field("sector")),
                    winRates(by.field("deal_size"))));
    Backtest backtest = backtest(root.field("backtest"));
    TimeToWin timeToWin = timeToWin(root.field("time_to_win"));
    List<Integer> days = timeToWin.wonWithinDays();
    JsonIn lm = root.field("landmark_backtest");
    LandmarkBacktest landmarks = lm.isNull() ? null : landmarks(lm);
    List<Breakdown> breakdowns = root.field("breakdowns").list(b -> breakdown(b, days));
    Profiles profile = profiles(root.field("customer_profile"));
    JsonIn co = root.fieldOrNull("coaching");
    CoachingSection coaching = co == null ? CoachingSection.none() : coaching(co);
    Run runtime = run(root.field("runtime"));
    Insights insights =
        root.make(
            () -> new Insights(warnings, unreadable, timeToWin, landmarks, breakdowns, profile));
    return root.make(
        () ->
            new PortfolioReport(
                generatedAt,
                asOf,
                playbook,
                input,
                totals,
                byRep,
                byTeam,
                byStage,
                byRule,
                compliance,
                funnel,
                byCycle,
                winRateBy,
                backtest,
                runtime,
                insights,
                coaching));
  }

  /** The coaching section: its plan, or why it has none. */
  private static CoachingSection coaching(JsonIn c) {
    String missing = c.field("missing").textOrNull();
    JsonIn p = c.fieldOrNull("plan");
    if (p == null || p.isNull()) {
      return c.make(() -> CoachingSection.missing(missing));
    }
    String schema = p.field("schema").text();
    if (!schema.equals(Coaching.JSON_SCHEMA)) {
      throw p.field("schema").bad("'" + schema + "' is not " + Coaching.JSON_SCHEMA);
    }
    String manager = p.field("manager").text();
    JsonIn correction = p.field("correction");
    int comparisons = correction.field("comparisons").integer();
    int stallComparisons = correction.field("stall_comparisons").integer();
    List<Coaching.RepPlan> reps = p.field("reps").list(ReportJson::repPlan);
    List<ActionEffects.Row> rows = p.field("actions").list(ReportJson::actionRow);
    Coaching plan =
        p.make(
            () ->
                new Coaching(
                    manager, comparisons, stallComparisons, reps, new ActionEffects(rows)));
    return c.make(
        () -> missing == null ? CoachingSection.of(plan) : new CoachingSection(missing, plan));
  }

  private static Coaching.RepPlan repPlan(JsonIn r) {
    String rep = r.field("rep").text();
    int deals = r.field("open_deals").integer();
    JsonIn answers = r.field("responses");
    JsonIn st = r.field("stall");
    Coaching.Stall stall =
        st.isNull()
            ? null
            : st.make(
                () ->
                    new Coaching.Stall(
                        st.field("stage").text(),
                        st.field("rep_stalled").integer(),
                        st.field("rep_reached").integer(),
                        st.field("team_stalled").integer(),
                        st.field("team_reached").integer(),
                        estimate(st.field("difference")),
                        estimate(st.field("adjusted")),
                        st.field("sop").list(JsonIn::text)));
    List<Coaching.Point> points =
        r.field("points")
            .list(
                pt ->
                    new Coaching.Point(
                        pt.field("rule").text(),
                        pt.field("rep_deals").integer(),
                        pt.field("rep_total").integer(),
                        pt.field("team_deals").integer(),
                        pt.field("team_total").integer(),
                        estimate(pt.field("difference")),
                        estimate(pt.field("adjusted")),
                        pt.field("practise").textOrNull()));
    return r.make(
        () ->
            new Coaching.RepPlan(
                rep,
                deals,
                stall,
                points,
                answers.field("shown").integer(),
                answers.field("done").integer(),
                answers.field("dismissed").integer(),
                answers.field("snoozed").integer(),
                answers.field("no_answer").integer()));
  }

  private static ActionEffects.Row actionRow(JsonIn a) {
    long doneWon = a.field("done").field("won").count();
    long doneClosed = a.field("done").field("closed").count();
    long notWon = a.field("not_done").field("won").count();
    long notClosed = a.field("not_done").field("closed").count();
    return a.make(
        () ->
            new ActionEffects.Row(
                a.field("rule").text(),
                a.field("suggested").integer(),
                a.field("marked_done").integer(),
                a.field("success_met").integer(),
                doneWon,
                doneClosed,
                notWon,
                notClosed,
                Proportions.wilson(doneWon, doneClosed),
                Proportions.wilson(notWon, notClosed),
                estimate(a.field("crude")),
                estimate(a.field("stratified")),
                a.field("strata").integer(),
                a.field("strata_skipped").integer()));
  }

  /** An estimate as {@link Coaching#json()} writes it: nulls where it has no value or interval. */
  private static Estimate estimate(JsonIn e) {
    Double value = e.field("value").numberOrNull();
    Double low = e.field("low").numberOrNull();
    Double high = e.field("high").numberOrNull();
    if (value == null) {
      return Estimate.undefined();
    }
    if (low == null || high == null) {
      return Estimate.withoutInterval(value);
    }
    return e.make(() -> Estimate.of(value, low, high));
  }

  private static PlaybookSummary playbook(JsonIn p) {
    return p.make(
        () ->
            new PlaybookSummary(
                p.field("id").text(), p.field("title").textOrNull(), p.field("rules").integer()));
  }

  private static Input input(JsonIn in) {
    return in.make(
        () ->
            new Input(
                in.field("files").list(JsonIn::text),
                in.field("rows").count(),
                in.field("deals").count(),
                in.field("bad_rows").count(),
                in.field("problems").list(ReportJson::problem),
                in.field("problem_count").count(),
                in.field("failed_deals").count(),
                in.field("failures").list(ReportJson::failure),
                in.field("skipped_rows").count(),
                in.field("child_tables").list(ReportJson::childRows)));
  }

  private static DealSource.ChildRows childRows(JsonIn c) {
    return c.make(
        () ->
            new DealSource.ChildRows(
                c.field("table").text(),
                c.field("file").text(),
                c.field("rows").count(),
                c.field("read").count(),
                c.field("skipped").count(),
                c.field("bad").count(),
                c.field("orphaned").count()));
  }

  private static Problem problem(JsonIn p) {
    return p.make(
        () ->
            new Problem(
                p.field("code").text(),
                p.field("file").text(),
                p.field("line").integer(),
                p.field("column").integer(),
                p.field("message").text()));
  }

  private static DealError failure(JsonIn f) {
    // a report keeps no position: the deals were evaluated in batches, not as one list
    return f.make(
        () ->
            new DealError(
                0,
                f.field("deal").text(),
                f.field("code").choice(DealError.Kind.values(), DealError.Kind::code),
                f.field("rule").textOrNull(),
                f.field("condition").textOrNull(),
                f.field("message").text()));
  }

  /** A group; {@code key} is the key of {@code totals}, which has none in the document. */
  private static Group group(JsonIn g, String key) {
    JsonIn sev = g.field("gaps_by_severity");
    Map<Severity, Long> gaps = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      gaps.put(s, sev.field(s.id()).count());
    }
    return g.make(
        () ->
            new Group(
                key == null ? g.field("key").text() : key,
                key == null ? g.field("team").textOrNull() : null,
                g.field("deals").count(),
                g.field("open").count(),
                g.field("won").count(),
                g.field("lost").count(),
                g.field("win_rate").numberOrNull(),
                g.field("compliance_rate").numberOrNull(),
                gaps,
                g.field("open_actions").count(),
                g.field("stalled").count()));
  }

  private static RuleFlags ruleFlags(JsonIn r) {
    return r.make(
        () ->
            new RuleFlags(
                r.field("rule").text(),
                r.field("title").textOrNull(),
                r.field("methodology").textOrNull(),
                r.field("element").textOrNull(),
                r.field("flagged_deals").count(),
                r.field("flagged_share").numberOrNull()));
  }

  private static Compliance compliance(JsonIn c) {
    return c.make(
        () ->
            new Compliance(
                c.field("reps").list(JsonIn::text),
                c.field("rules").list(JsonIn::text),
                c.field("rates").list(row -> row.list(JsonIn::numberOrNull))));
  }

  private static FunnelNode funnelNode(JsonIn n) {
    return n.make(
        () ->
            new FunnelNode(
                n.field("id").text(),
                n.field("title").textOrNull(),
                n.field("reached").count(),
                n.field("observed").count(),
                n.field("conversion_from_previous").numberOrNull(),
                n.field("median_days_from_previous").numberOrNull()));
  }

  private static List<WinRate> winRates(JsonIn list) {
    return list.list(r -> winRate(r, "key"));
  }

  private static WinRate winRate(JsonIn r, String keyName) {
    return r.make(
        () ->
            new WinRate(
                r.field(keyName).text(),
                r.field("closed").count(),
                r.field("won").count(),
                r.field("win_rate").numberOrNull(),
                r.field("ci_low").numberOrNull(),
                r.field("ci_high").numberOrNull(),
                r.field("small_sample").bool()));
  }

  private static Backtest backtest(JsonIn b) {
    return b.make(
        () ->
            new Backtest(
                b.field("as_of_method").text(),
                b.field("deals").count(),
                b.field("skipped").count(),
                b.field("rules")
                    .list(
                        r ->
                            r.make(
                                () ->
                                    new RuleBacktest(
                                        r.field("rule").text(),
                                        r.field("title").textOrNull(),
                                        side(r.field("fired")),
                                        side(r.field("not_fired")),
                                        r.field("lift").numberOrNull(),
                                        r.field("diff_ci_low").numberOrNull(),
                                        r.field("diff_ci_high").numberOrNull(),
                                        r.field("small_sample").bool())))));
  }

  private static Side side(JsonIn s) {
    return new Side(
        s.field("closed").count(), s.field("won").count(), s.field("win_rate").numberOrNull());
  }

  private static Run run(JsonIn r) {
    return new Run(
        r.field("seconds").number(),
        r.field("deals_per_second").number(),
        r.field("threads").integer(),
        r.field("max_deals_in_flight").count());
  }

  // ---- insights

  private static Warning warning(JsonIn w) {
    Map<String, Number> figures = new LinkedHashMap<>();
    w.field("figures").fields().forEach((name, f) -> figures.put(name, f.figure()));
    return w.make(() -> new Warning(w.field("code").text(), w.field("message").text(), figures));
  }

  private static Map<String, String> unreadable(JsonIn u) {
    Map<String, String> out = new LinkedHashMap<>();
    u.fields().forEach((name, f) -> out.put(name, f.text()));
    return out;
  }

  private static TimeToWin timeToWin(JsonIn t) {
    List<Integer> days = t.field("won_within_days").list(JsonIn::integer);
    List<SurvivalGroup> by = new ArrayList<>();
    t.field("by")
        .fields()
        .forEach(
            (name, field) ->
                by.add(
                    field.make(() -> new SurvivalGroup(name, field.list(s -> survival(s, days))))));
    return t.make(() -> new TimeToWin(days, survival(t.field("all"), days), by));
  }

  private static Survival survival(JsonIn s, List<Integer> days) {
    List<JsonIn> within = s.field("won_within").items();
    List<Interval> wonWithin = new ArrayList<>();
    for (int i = 0; i < within.size(); i++) {
      JsonIn d = within.get(i).field("days");
      int day = d.integer();
      if (i >= days.size() || day != days.get(i)) {
        throw d.bad(
            day
                + " is not "
                + (i < days.size() ? "" + days.get(i) : "one")
                + " of time_to_win.won_within_days, in the same place");
      }
      wonWithin.add(interval(within.get(i)));
    }
    JsonIn curve = s.fieldOrNull("curve");
    return s.make(
        () ->
            new Survival(
                s.field("key").text(),
                s.field("deals").count(),
                s.field("won").count(),
                s.field("lost").count(),
                s.field("open").count(),
                s.field("median_days").countOrNull(),
                s.field("median_ci_low").countOrNull(),
                s.field("median_ci_high").countOrNull(),
                s.field("median_note").text(),
                wonWithin,
                curve == null ? List.of() : curve.list(ReportJson::curvePoint),
                s.field("small_sample").bool()));
  }

  private static CurvePoint curvePoint(JsonIn p) {
    return new CurvePoint(
        p.field("day").count(),
        p.field("at_risk").count(),
        interval(p.field("won")),
        interval(p.field("lost")));
  }

  private static Interval interval(JsonIn x) {
    return new Interval(
        x.field("value").numberOrNull(),
        x.field("ci_low").numberOrNull(),
        x.field("ci_high").numberOrNull());
  }

  private static LandmarkBacktest landmarks(JsonIn l) {
    List<Integer> days = new ArrayList<>();
    List<Long> atRisk = new ArrayList<>();
    List<Long> unresolved = new ArrayList<>();
    l.field("landmarks")
        .list(
            x -> {
              days.add(x.field("days").integer());
              atRisk.add(x.field("at_risk").count());
              unresolved.add(x.field("unresolved").count());
              return x;
            });
    return l.make(
        () ->
            new LandmarkBacktest(
                l.field("method").text(),
                days,
                atRisk,
                unresolved,
                l.field("rules")
                    .list(
                        r ->
                            r.make(
                                () ->
                                    new LandmarkRule(
                                        r.field("rule").text(),
                                        r.field("title").textOrNull(),
                                        r.field("by_landmark").list(ReportJson::effect),
                                        effect(r.field("pooled")),
                                        r.field("reading").text())))));
  }

  private static LandmarkEffect effect(JsonIn e) {
    JsonIn days = e.fieldOrNull("days");
    return e.make(
        () ->
            new LandmarkEffect(
                days == null ? null : days.integerOrNull(),
                e.field("flagged").count(),
                e.field("flagged_won").count(),
                e.field("not_flagged").count(),
                e.field("not_flagged_won").count(),
                interval(e.field("crude_difference")),
                interval(e.field("difference")),
                interval(e.field("risk_ratio")),
                e.field("strata_used").integer(),
                e.field("strata_skipped").integer()));
  }

  private static Breakdown breakdown(JsonIn b, List<Integer> days) {
    return b.make(
        () ->
            new Breakdown(
                b.field("field").text(),
                winRates(b.field("win_rates")),
                b.field("time_to_win").list(s -> survival(s, days))));
  }

  private static Profiles profiles(JsonIn p) {
    return p.make(
        () ->
            new Profiles(
                p.field("closed").count(),
                p.field("won").count(),
                interval(p.field("baseline")),
                p.field("min_support").integer(),
                p.field("profiles")
                    .list(
                        x ->
                            x.make(
                                () ->
                                    new Profile(
                                        x.field("label").text(),
                                        x.field("closed").count(),
                                        x.field("won").count(),
                                        interval(x.field("win_rate")),
                                        x.field("lift").numberOrNull(),
                                        x.field("standing").text(),
                                        x.field("significant").bool()))),
                p.field("left_out").list(JsonIn::text),
                p.field("horizon_days").integer(),
                interval(p.field("baseline_won_within")),
                p.field("fastest")
                    .list(
                        x ->
                            x.make(
                                () ->
                                    new ProfileSpeed(
                                        x.field("label").text(),
                                        x.field("deals").count(),
                                        x.field("won").count(),
                                        interval(x.field("won_within")),
                                        x.field("median_days").countOrNull(),
                                        x.field("standing").text())))));
  }
}
