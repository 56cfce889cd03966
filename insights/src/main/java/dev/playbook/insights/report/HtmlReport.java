package dev.playbook.insights.report;

import static dev.playbook.insights.report.Html.cut;
import static dev.playbook.insights.report.Html.esc;
import static dev.playbook.insights.report.Html.num;
import static dev.playbook.insights.report.Html.sortValue;
import static dev.playbook.insights.report.Html.text;

import dev.playbook.insights.CoachingSection;
import dev.playbook.insights.Insights;
import dev.playbook.insights.PortfolioReport;
import dev.playbook.insights.PortfolioReport.Compliance;
import dev.playbook.insights.PortfolioReport.Group;
import dev.playbook.insights.PortfolioReport.Input;
import dev.playbook.insights.PortfolioReport.RuleBacktest;
import dev.playbook.insights.PortfolioReport.RuleFlags;
import dev.playbook.insights.PortfolioReport.Side;
import dev.playbook.insights.PortfolioReport.WinRate;
import dev.playbook.problem.Problem;
import dev.playbook.result.DealError;
import dev.playbook.result.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Renders the report of a portfolio run as one self-contained HTML page for a pipeline review:
 * headline figures, the key-node funnel, win rate by cycle length, the rep by rule compliance heat
 * map, the rule backtest, and tables per rep, team, stage and rule.
 *
 * <p>The page needs no network: styles are inline, charts are inline SVG drawn here (they show
 * without scripts and print), and the only script makes the tables sortable. Every number on the
 * page is in an element whose {@code data-key} attribute is its path in the JSON that {@link
 * PortfolioReport#toJson()} writes, such as {@code totals.won} or {@code by_rep[2].win_rate},
 * formatted by the field it comes from. The page is drawn from the typed report itself, not from
 * its JSON.
 *
 * <pre>{@code
 * PortfolioReport report = Portfolio.evaluate(deals, playbook, asOf, Portfolio.Options.defaults());
 * Files.writeString(Path.of("report.json"), report.toJson());
 * HtmlReport.write(report, Path.of("report.html"));
 * }</pre>
 */
public final class HtmlReport {

  /** How many input problems the page lists; the count always covers all of them. */
  static final int PROBLEMS_SHOWN = 50;

  private final PortfolioReport r;
  private final StringBuilder out = new StringBuilder(64 * 1024);

  private HtmlReport(PortfolioReport report) {
    this.r = report;
  }

  /**
   * The page for {@code report}, the result of {@link dev.playbook.insights.Portfolio#evaluate}.
   */
  public static String render(PortfolioReport report) {
    Objects.requireNonNull(report, "report");
    return new HtmlReport(report).page();
  }

  /**
   * Writes the page for {@code report} to {@code file} in UTF-8, replacing it if it exists; {@link
   * PortfolioReport#toJson()} gives the JSON to keep beside it.
   */
  public static void write(PortfolioReport report, Path file) throws IOException {
    Files.writeString(file, render(report), StandardCharsets.UTF_8);
  }

  private String page() {
    String title = "Pipeline review · " + text(r.playbook().title(), r.playbook().id());
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(esc(title))
        .append("</title>\n<style>\n")
        .append(Style.CSS)
        .append("</style>\n")
        .append("</head>\n<body>\n<main>\n");
    header(title);
    warnings();
    headline();
    timeToWin();
    section(
        "funnel",
        "Where deals stall: the key-node funnel",
        "How many deals reached each stage of the playbook (titled by its key node), the share of those at one"
            + " node that went on to the next, and the median days it took. The narrowest step is where deals"
            + " stall. Pale bars are inferred: no deal in the data names that stage, later stages imply it.",
        Charts.funnel(r.funnel()));
    section(
        "cycle",
        "Win rate by cycle length (closed deals only)",
        "Closed deals grouped by how long they were open, with the share won in each group. Open deals are left"
            + " out, so read time to win above first. The whisker is the"
            + " 95% confidence interval: the longer it is, the less sure the rate; hatched bars rest on too few"
            + " deals to trust.",
        r.insights().unreadable("win_rate_by_cycle") != null
            ? unreadable(r.insights().unreadable("win_rate_by_cycle"))
            : Charts.winRateByCycle(r.winRateByCycle()));
    List<Integer> columns = flaggingRules(r.repRuleCompliance());
    int left = r.repRuleCompliance().rules().size() - columns.size();
    section(
        "heatmap",
        "Who follows which step: rep × rule compliance",
        "Each cell is the share of a rep's open deals that the rule did not flag. Green rows are reps who follow"
            + " the playbook; a red column is a step most of the team skips; grey means the rep has no open deals."
            + (left > 0 && !columns.isEmpty()
                ? " Only the rules that flagged an open deal are shown; the other "
                    + left
                    + " passed on every open deal."
                : ""),
        r.insights().unreadable("rep_rule_compliance") != null
            ? unreadable(r.insights().unreadable("rep_rule_compliance"))
            : Charts.heatMap(r.repRuleCompliance(), r.byRule(), columns));
    coaching();
    coachingPlan();
    landmarks();
    backtest();
    groupTable(
        "reps",
        "Reps",
        "by_rep",
        r.byRep(),
        "Rep",
        true,
        "Per rep: deals, outcomes, win rate on closed deals, compliance (share of open deals with no gap of medium"
            + " severity or worse), gaps on open deals by severity, open actions and stalled deals. Click a column"
            + " to sort.");
    groupTable(
        "teams", "Teams", "by_team", r.byTeam(), "Team", false, "The same figures per team.");
    groupTable(
        "stages",
        "Stages",
        "by_stage",
        r.byStage(),
        "Stage",
        false,
        "The same figures per stage: where the gaps and the stalled deals sit in the process.");
    rules();
    winRates();
    breakdowns();
    profile();
    problems();
    footer();
    out.append("</main>\n<script>\n").append(Style.SCRIPT).append("</script>\n</body>\n</html>\n");
    return out.toString();
  }

  /** The columns of the compliance matrix where some rep has a share below 100%. */
  private static List<Integer> flaggingRules(Compliance matrix) {
    List<Integer> columns = new ArrayList<>();
    for (int j = 0; j < matrix.rules().size(); j++) {
      for (List<Double> row : matrix.rates()) {
        if (row.get(j) != null && row.get(j) < 1) {
          columns.add(j);
          break;
        }
      }
    }
    return columns;
  }

  private void header(String title) {
    List<String> names = r.input().files();
    out.append("<header>\n<h1>")
        .append(esc(title))
        .append("</h1>\n<p class=\"meta\">Playbook <b>")
        .append(esc(r.playbook().id()))
        .append("</b> with ")
        .append(num("playbook.rules", r.playbook().rules()))
        .append(" rules · evaluated as of <b>")
        .append(esc(day(r.asOf())))
        .append("</b> · generated ")
        .append(esc(minute(r.generatedAt())))
        .append("<br>Data: ")
        .append(esc(names.isEmpty() ? "none" : String.join(", ", names)))
        .append("</p>\n</header>\n");
  }

  private void headline() {
    Group t = r.totals();
    Input in = r.input();
    out.append("<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"cards\">\n");
    card("Deals", num("totals.deals", t.deals()), "in the book");
    card("Open", num("totals.open", t.open()), "still in play");
    card("Won", num("totals.won", t.won()), "closed won");
    card("Lost", num("totals.lost", t.lost()), "closed lost");
    card("Win rate", num("totals.win_rate", t.winRate()), "of closed deals were won");
    card(
        "Compliance",
        num("totals.compliance_rate", t.complianceRate()),
        "of open deals have no gap of medium severity or worse");
    card("Open actions", num("totals.open_actions", t.openActions()), "next steps due from reps");
    card("Stalled", num("totals.stalled", t.stalled()), "open deals with no recent progress");
    out.append(
        "</div>\n<div class=\"row\">\n<div class=\"severities\"><h3>Gaps by severity</h3>\n");
    for (Severity sev : Severity.values()) {
      out.append("<span class=\"sev sev-")
          .append(sev.id())
          .append("\">")
          .append(sev.id())
          .append(" ")
          .append(num("totals.gaps_by_severity." + sev.id(), t.gapsBySeverity().get(sev)))
          .append("</span>\n");
    }
    out.append("</div>\n<div class=\"input\"><h3>Input</h3><p>")
        .append(num("input.rows", in.rows()))
        .append(" rows read, ")
        .append(num("input.deals", in.deals()))
        .append(" deals, ")
        .append(num("input.bad_rows", in.badRows()))
        .append(" bad rows, ")
        .append(
            in.failedDeals() > 0
                ? num("input.failed_deals", in.failedDeals()) + " failed deals, "
                : "")
        .append(num("input.problem_count", in.problemCount()))
        .append(" problems")
        .append(in.problems().isEmpty() && in.failures().isEmpty() ? "" : " (listed at the end)")
        .append("</p></div>\n</div>\n</section>\n");
  }

  /**
   * A key that may be a long id (a 32-character hash): cut to its start and end with the whole
   * value on hover.
   */
  static String shortId(String key, int max) {
    boolean hash =
        key.length() >= 24 && key.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '-');
    if (key.length() <= max && !hash) {
      return esc(key);
    }
    String shown =
        key.length() <= 16 ? key : key.substring(0, 8) + "…" + key.substring(key.length() - 6);
    return "<span class=\"id\" title=\"" + esc(key) + "\">" + esc(shown) + "</span>";
  }

  /** A figure that cannot be read, greyed, with the reason. */
  private static String unreadable(String reason) {
    return "<p class=\"unreadable\">Not shown: " + esc(reason) + "</p>";
  }

  private void warnings() {
    List<dev.playbook.insights.stats.Warning> ws = r.warnings();
    if (ws.isEmpty()) {
      return;
    }
    out.append(
        "<section id=\"warnings\" class=\"banner\">\n<h2>Read these figures with care</h2>\n<ul>\n");
    for (int i = 0; i < ws.size(); i++) {
      out.append("<li data-code=\"")
          .append(esc(ws.get(i).code()))
          .append("\">")
          .append(esc(ws.get(i).message()))
          .append("</li>\n");
    }
    out.append("</ul>\n</section>\n");
  }

  private static String pct(Double v) {
    return v == null ? "—" : String.format(Locale.ROOT, "%.1f%%", v * 100);
  }

  private static String pp(Double v) {
    if (v == null) {
      return "—";
    }
    String s = String.format(Locale.ROOT, "%+.1f", v * 100);
    return s.equals("+0.0") || s.equals("-0.0") ? "0.0" : s;
  }

  private static String ci(Insights.Interval x) {
    return x.low() == null ? "" : " (" + pct(x.low()) + "–" + pct(x.high()) + ")";
  }

  private static String median(Insights.Survival s) {
    if (s.medianDays() == null) {
      return "not reached";
    }
    return "day "
        + s.medianDays()
        + (s.medianLow() == null ? "" : " (" + s.medianLow() + "–")
        + (s.medianLow() == null
            ? ""
            : s.medianHigh() == null ? "not reached)" : s.medianHigh() + ")");
  }

  private void timeToWin() {
    Insights.TimeToWin t = r.insights().timeToWin();
    Insights.Survival all = t.all();
    out.append(
            "<section id=\"time-to-win\" class=\"chart-section\">\n<h2>How fast deals are won: time to win</h2>\n")
        .append("<p class=\"how\">")
        .append(
            esc(
                "The share of deals won (green) and lost (red) by each day since creation, open deals counted"
                    + " while they are open and no longer after the report date (cumulative incidence, loss a"
                    + " competing risk), with 95% intervals."
                    + (r.insights().unreadable("time_to_win") == null
                        ? " " + sentence(all.medianNote())
                        : "")))
        .append("</p>\n");
    String unread = r.insights().unreadable("time_to_win");
    if (unread != null) {
      out.append(unreadable(unread)).append("\n</section>\n");
      return;
    }
    if (all.deals() == 0) {
      out.append(
          "<p class=\"empty\">No deal has a creation date, so there is no time to win.</p>\n</section>\n");
      return;
    }
    out.append("<div class=\"chart-box\">")
        .append(Charts.incidence(all.curve()))
        .append("</div>\n");
    survivalTable(t, List.of(all), "Book");
    for (Insights.SurvivalGroup g : t.by()) {
      if (g.field().equals("owner") || g.field().equals("team") || g.field().equals("cohort")) {
        String reason = r.insights().unreadable("time_to_win.by." + g.field());
        out.append("<h3>By ")
            .append(esc(g.field().equals("owner") ? "rep" : g.field()))
            .append("</h3>\n");
        if (reason != null) {
          out.append(unreadable(reason)).append('\n');
        } else {
          survivalTable(t, g.groups().subList(0, Math.min(30, g.groups().size())), g.field());
        }
      }
    }
    out.append("</section>\n");
  }

  private void survivalTable(Insights.TimeToWin t, List<Insights.Survival> rows, String label) {
    out.append(
            "<div class=\"scroll\"><table class=\"sortable compact\">\n<thead><tr><th data-type=\"text\">")
        .append(esc(label))
        .append(
            "</th><th class=\"n\">Deals</th><th class=\"n\">Won</th><th class=\"n\">Lost</th><th class=\"n\">Open</th>")
        .append("<th data-type=\"text\">Median time to win (95% CI)</th>");
    for (int d : t.wonWithinDays()) {
      out.append("<th class=\"n\">Won within ").append(d).append(" days</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (Insights.Survival s : rows) {
      out.append("<tr")
          .append(s.smallSample() ? " class=\"small\"" : "")
          .append("><td>")
          .append(shortId(s.key(), 40))
          .append("</td><td class=\"n\">")
          .append(s.deals())
          .append("</td><td class=\"n\">")
          .append(s.won())
          .append("</td><td class=\"n\">")
          .append(s.lost())
          .append("</td><td class=\"n\">")
          .append(s.open())
          .append("</td><td title=\"")
          .append(esc(s.medianNote()))
          .append("\">")
          .append(esc(median(s)))
          .append("</td>");
      for (Insights.Interval x : s.wonWithin()) {
        out.append("<td class=\"n\" data-sort=\"")
            .append(sortValue(x.value()))
            .append("\">")
            .append(esc(pct(x.value()) + ci(x)))
            .append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table></div>\n");
  }

  /**
   * The manager's coaching plan from the loop (answers to findings, stall points, points to coach
   * with what to practise) and the table of which actions work; or the line that says why the
   * report has none.
   */
  private void coachingPlan() {
    out.append("<section id=\"coaching-plan\">\n<h2>Coaching plan and which actions work</h2>\n")
        .append("<p class=\"how\">")
        .append(
            esc(
                "From the decision log and the reps' answers to findings: how each rep answers, the"
                    + " stage where their deals stall and the rules they break more often than the"
                    + " rest of the team (only differences that stay significant once every"
                    + " comparison is counted), each with the talk track or exit criteria to"
                    + " practise. Then, over closed deals, the win rate when an action was done"
                    + " against when it was suggested and not done, stratified by segment and stage."
                    + " This is association, not cause."))
        .append("</p>\n");
    CoachingSection section = r.coaching();
    if (section.plan() == null) {
      out.append("<p class=\"empty\">").append(esc(section.missing())).append("</p>\n");
    } else {
      out.append(section.plan().html());
    }
    out.append("</section>\n");
  }

  /** Which reps to coach, on what: each rep's most-broken rules against the team. */
  private void coaching() {
    Compliance m = r.repRuleCompliance();
    out.append(
            "<section id=\"coaching\">\n<h2>Which reps to coach, on what</h2>\n<p class=\"how\">")
        .append(
            esc(
                "For each rep, the rules that flag the largest share of the rep's open deals, against the share they flag across the team."))
        .append("</p>\n");
    String reason = r.insights().unreadable("rep_rule_compliance");
    if (reason != null) {
      out.append(unreadable(reason)).append("\n</section>\n");
      return;
    }
    long open = r.totals().open();
    if (open == 0 || m.reps().isEmpty()) {
      out.append("<p class=\"empty\">No open deals in this book.</p>\n</section>\n");
      return;
    }
    out.append(
            "<div class=\"scroll\"><table class=\"sortable compact\">\n<thead><tr><th data-type=\"text\">Rep</th>")
        .append(
            "<th class=\"n\">Open deals</th><th data-type=\"text\">Rules broken most (rep vs team)</th></tr></thead>\n<tbody>\n");
    int shown = 0;
    for (int i = 0; i < m.reps().size() && shown < 30; i++) {
      Group rep = r.byRep().get(i);
      if (rep.open() == 0) {
        continue;
      }
      List<String> parts = new ArrayList<>();
      List<Integer> order = new ArrayList<>();
      for (int j = 0; j < m.rules().size(); j++) {
        Double rate = m.rates().get(i).get(j);
        if (rate != null && rate < 1) {
          order.add(j);
        }
      }
      final int row = i;
      order.sort(Comparator.comparingDouble((Integer j) -> m.rates().get(row).get(j)));
      for (int j : order.subList(0, Math.min(3, order.size()))) {
        double repShare = 1 - m.rates().get(i).get(j);
        double team =
            r.byRule().get(j).flaggedShare() == null ? 0 : r.byRule().get(j).flaggedShare();
        parts.add(
            text(r.byRule().get(j).title(), m.rules().get(j))
                + " "
                + pct(repShare)
                + " vs "
                + pct(team));
      }
      shown++;
      out.append("<tr><td>")
          .append(shortId(rep.key(), 40))
          .append("</td><td class=\"n\">")
          .append(rep.open())
          .append("</td><td>")
          .append(esc(parts.isEmpty() ? "none" : String.join("; ", parts)))
          .append("</td></tr>\n");
    }
    out.append("</tbody>\n</table></div>\n</section>\n");
  }

  private void landmarks() {
    Insights.LandmarkBacktest lb = r.insights().landmarks();
    if (lb == null) {
      return;
    }
    out.append(
            "<section id=\"landmarks\">\n<h2>Which rules predict the outcome: landmark backtest</h2>\n<p class=\"how\">")
        .append(esc(lb.method()))
        .append("</p>\n");
    String reason = r.insights().unreadable("landmark_backtest");
    if (reason != null) {
      out.append(unreadable(reason)).append("\n</section>\n");
      return;
    }
    out.append(
            "<div class=\"scroll\"><table class=\"sortable compact\">\n<thead><tr><th data-type=\"text\">Rule</th>")
        .append(
            "<th data-type=\"text\">Reading</th><th class=\"n\">Flagged: won of deals</th><th class=\"n\">Not flagged: won of deals</th>")
        .append(
            "<th class=\"n\">Crude difference</th><th class=\"n\">Stratified difference (95% CI)</th>");
    for (int d : lb.landmarks()) {
      out.append("<th class=\"n\">Day ").append(d).append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (Insights.LandmarkRule rule : lb.rules()) {
      Insights.LandmarkEffect e = rule.pooled();
      boolean testable = !rule.reading().equals("not-testable");
      out.append("<tr")
          .append(testable ? "" : " class=\"small\"")
          .append("><td title=\"")
          .append(esc(rule.rule()))
          .append("\">")
          .append(esc(text(rule.title(), rule.rule())))
          .append("</td><td>")
          .append(esc(rule.reading().replace('-', ' ')))
          .append("</td><td class=\"n\">")
          .append(e.flaggedWon())
          .append(" of ")
          .append(e.flagged())
          .append("</td><td class=\"n\">")
          .append(e.unflaggedWon())
          .append(" of ")
          .append(e.unflagged())
          .append("</td><td class=\"n\">")
          .append(esc(pp(e.crude().value()) + " pp"))
          .append("</td><td class=\"n\" data-sort=\"")
          .append(sortValue(e.difference().value()))
          .append("\">")
          .append(
              esc(
                  e.difference().low() == null
                      ? "—"
                      : pp(e.difference().value())
                          + " pp ("
                          + pp(e.difference().low())
                          + " to "
                          + pp(e.difference().high())
                          + ")"))
          .append("</td>");
      for (Insights.LandmarkEffect x : rule.perLandmark()) {
        out.append("<td class=\"n\" data-sort=\"")
            .append(sortValue(x.difference().value()))
            .append("\">")
            .append(esc(x.difference().low() == null ? "—" : pp(x.difference().value())))
            .append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table></div>\n</section>\n");
  }

  private void breakdowns() {
    for (Insights.Breakdown b : r.insights().breakdowns()) {
      out.append("<section id=\"by-")
          .append(esc(b.field()))
          .append("\">\n<h2>By ")
          .append(esc(b.field()))
          .append("</h2>\n");
      String reason = r.insights().unreadable("breakdowns." + b.field());
      if (reason != null) {
        out.append(unreadable(reason)).append("\n</section>\n");
        continue;
      }
      survivalTable(
          r.insights().timeToWin(),
          b.timeToWin().subList(0, Math.min(50, b.timeToWin().size())),
          b.field());
      out.append("</section>\n");
    }
  }

  private void profile() {
    Insights.Profiles p = r.insights().profile();
    out.append(
            "<section id=\"profile\">\n<h2>Which customers win: customer profile</h2>\n<p class=\"how\">")
        .append(
            esc(
                "Attribute values and pairs of values with at least "
                    + p.minSupport()
                    + " closed deals, ranked by the lower end of their win rate's 95% interval, against the book's "
                    + pct(p.baseline().value())
                    + ". Significant: still outside the baseline after allowing for how many profiles were tested."))
        .append("</p>\n");
    if (p.profiles().isEmpty()) {
      out.append(
          "<p class=\"empty\">No profile has "
              + p.minSupport()
              + " closed deals.</p>\n</section>\n");
      return;
    }
    out.append(
            "<div class=\"scroll\"><table class=\"sortable compact\">\n<thead><tr><th data-type=\"text\">Profile</th>")
        .append(
            "<th class=\"n\">Won of closed</th><th class=\"n\">Win rate (95% CI)</th><th class=\"n\">Lift</th><th data-type=\"text\">Standing</th></tr></thead>\n<tbody>\n");
    for (Insights.Profile x : p.profiles()) {
      out.append("<tr><td>")
          .append(esc(cut(x.label(), 80)))
          .append("</td><td class=\"n\">")
          .append(x.won())
          .append(" of ")
          .append(x.closed())
          .append("</td><td class=\"n\" data-sort=\"")
          .append(sortValue(x.winRate().value()))
          .append("\">")
          .append(esc(pct(x.winRate().value()) + ci(x.winRate())))
          .append("</td><td class=\"n\">")
          .append(x.lift() == null ? "—" : String.format(Locale.ROOT, "%.2f×", x.lift()))
          .append("</td><td>")
          .append(esc(x.standing() + (x.significant() ? ", significant" : "")))
          .append("</td></tr>\n");
    }
    out.append("</tbody>\n</table></div>\n");
    fastest(p);
    out.append("</section>\n");
  }

  /** The profiles ranked by time to win: their share won within the horizon, open deals counted. */
  private void fastest(Insights.Profiles p) {
    if (p.horizonDays() == 0) {
      return;
    }
    out.append("<h3>Which customers win fast</h3>\n<p class=\"how\">")
        .append(
            esc(
                "The same profiles ranked by the lower end of the 95% interval of their share won within "
                    + p.horizonDays()
                    + " days of creation (open deals count until the report date, lost deals as lost), against the book's "
                    + pct(p.baselineWonWithin().value())
                    + "; at least "
                    + p.minSupport()
                    + " deals each."))
        .append("</p>\n");
    if (p.fastest().isEmpty()) {
      out.append(
          "<p class=\"empty\">No profile has "
              + p.minSupport()
              + " deals whose share won within "
              + p.horizonDays()
              + " days has an interval.</p>\n");
      return;
    }
    out.append(
            "<div class=\"scroll\"><table class=\"sortable compact\">\n<thead><tr><th data-type=\"text\">Profile</th>")
        .append(
            "<th class=\"n\">Won of deals</th><th class=\"n\">Won within "
                + p.horizonDays()
                + " days (95% CI)</th><th class=\"n\">Median time to win</th><th data-type=\"text\">Standing</th></tr></thead>\n<tbody>\n");
    for (Insights.ProfileSpeed x : p.fastest()) {
      out.append("<tr><td>")
          .append(esc(cut(x.label(), 80)))
          .append("</td><td class=\"n\">")
          .append(x.won())
          .append(" of ")
          .append(x.deals())
          .append("</td><td class=\"n\" data-sort=\"")
          .append(sortValue(x.wonWithin().value()))
          .append("\">")
          .append(esc(pct(x.wonWithin().value()) + ci(x.wonWithin())))
          .append("</td><td class=\"n\">")
          .append(x.medianDays() == null ? "not reached" : "day " + x.medianDays())
          .append("</td><td>")
          .append(esc(x.standing()))
          .append("</td></tr>\n");
    }
    out.append("</tbody>\n</table></div>\n");
  }

  private void card(String label, String value, String note) {
    out.append("<div class=\"card\"><div class=\"card-label\">")
        .append(esc(label))
        .append("</div><div class=\"card-value\">")
        .append(value)
        .append("</div><div class=\"card-note\">")
        .append(esc(note))
        .append("</div></div>\n");
  }

  private void section(String id, String title, String explanation, String body) {
    out.append("<section id=\"")
        .append(id)
        .append("\" class=\"chart-section\">\n<h2>")
        .append(esc(title))
        .append("</h2>\n<p class=\"how\">")
        .append(esc(explanation))
        .append("</p>\n<div class=\"chart-box\">")
        .append(body)
        .append("</div>\n</section>\n");
  }

  private void backtest() {
    PortfolioReport.Backtest bt = r.backtest();
    List<RuleBacktest> rules = bt.rules();
    String reason = r.insights().unreadable("backtest");
    if (reason != null) {
      out.append("<section id=\"backtest\">\n<h2>Rule backtest as of the day before closing</h2>\n")
          .append(unreadable(reason))
          .append("\n</section>\n");
      return;
    }
    out.append(
            "<section id=\"backtest\">\n<h2>Which rules predict the outcome: rule backtest</h2>\n<p class=\"how\">")
        .append(
            esc(
                "Among closed deals, the win rate when the rule fired and when it did not. Lift is the first"
                    + " divided by the second; the bar shows the difference in win rate with its 95% confidence interval"
                    + " (zero in the middle). A rule whose interval is all red fires on deals that go on to lose: it earns"
                    + " its place. Grey intervals crossing zero are noise so far. "))
        .append("Backtested on ")
        .append(num("backtest.deals", bt.deals()))
        .append(" closed deals")
        .append(bt.skipped() > 0 ? " (" + num("backtest.skipped", bt.skipped()) + " skipped)" : "")
        .append(". ")
        .append("</p>\n");
    if (rules.isEmpty()) {
      out.append(
          "<p class=\"empty\">No rule could be backtested: there are no closed deals.</p>\n</section>\n");
      return;
    }
    double range = 0.25;
    for (RuleBacktest rule : rules) {
      for (Double d : new Double[] {rule.diffCiLow(), rule.diffCiHigh()}) {
        if (d != null) {
          range = Math.max(range, Math.abs(d));
        }
      }
    }
    range = Math.min(1, Math.ceil(range * 4) / 4);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      order.add(i);
    }
    order.sort(
        Comparator.comparingDouble(
            i -> rules.get(i).lift() != null ? -rules.get(i).lift() : Double.POSITIVE_INFINITY));
    out.append(
            "<div class=\"scroll\"><table class=\"sortable backtest\">\n<thead><tr><th data-type=\"text\">Rule</th>")
        .append(
            "<th class=\"n\">Win rate when it fired</th><th class=\"n\">Win rate when it did not</th>")
        .append(
            "<th class=\"n\">Lift</th><th class=\"n\">Difference, 95% CI</th><th data-type=\"text\">Reading</th>")
        .append("</tr></thead>\n<tbody>\n");
    List<Integer> untested = new ArrayList<>();
    for (int i : order) {
      RuleBacktest rule = rules.get(i);
      String p = "backtest.rules[" + i + "]";
      boolean small = rule.smallSample();
      if (rule.lift() == null && rule.diffCiLow() == null) {
        untested.add(i);
        continue;
      }
      out.append("<tr")
          .append(small ? " class=\"small\"" : "")
          .append("><td><div class=\"rule-title\">")
          .append(esc(text(rule.title(), rule.rule())))
          .append("</div><div class=\"rule-id\">")
          .append(esc(rule.rule()))
          .append("</div></td>");
      side(p + ".fired", rule.fired());
      side(p + ".not_fired", rule.notFired());
      out.append("<td class=\"n lift\" data-sort=\"")
          .append(sortValue(rule.lift()))
          .append("\">")
          .append(num(p + ".lift", rule.lift()))
          .append("</td>");
      out.append("<td class=\"n\" data-sort=\"")
          .append(sortValue(rule.diffCiLow()))
          .append("\">")
          .append(Charts.difference(rule, range))
          .append("<div class=\"ci-text\">")
          .append(num(p + ".diff_ci_low", rule.diffCiLow()))
          .append(
              rule.diffCiLow() != null || rule.diffCiHigh() != null
                  ? " to " + num(p + ".diff_ci_high", rule.diffCiHigh())
                  : "")
          .append("</div></td>");
      out.append("<td>")
          .append(reading(rule))
          .append(small ? " <span class=\"badge\">small sample</span>" : "")
          .append("</td></tr>\n");
    }
    out.append("</tbody>\n</table></div>\n<p class=\"scale\">Difference bars run from −")
        .append(Math.round(range * 100))
        .append(" to +")
        .append(Math.round(range * 100))
        .append(" percentage points. ")
        .append(esc(sentence(bt.asOfMethod())))
        .append("</p>\n");
    if (!untested.isEmpty()) {
      out.append("<details class=\"untested\"><summary>")
          .append(untested.size())
          .append(untested.size() == 1 ? " rule" : " rules")
          .append(
              " could not be backtested: they fired on none of the closed deals, or on all of them</summary>\n")
          .append("<table class=\"sortable compact\">\n<thead><tr><th data-type=\"text\">Rule</th>")
          .append(
              "<th class=\"n\">Fired: won of closed</th><th class=\"n\">Not fired: won of closed</th></tr></thead>\n")
          .append("<tbody>\n");
      for (int i : untested) {
        RuleBacktest rule = rules.get(i);
        String p = "backtest.rules[" + i + "]";
        out.append("<tr><td>")
            .append(esc(text(rule.title(), rule.rule())))
            .append(" <span class=\"rule-id\">")
            .append(esc(rule.rule()))
            .append("</span></td>");
        untestedSide(p + ".fired", rule.fired());
        untestedSide(p + ".not_fired", rule.notFired());
        out.append("</tr>\n");
      }
      out.append("</tbody>\n</table>\n</details>\n");
    }
    out.append("</section>\n");
  }

  /** A cell of the backtest table: the win rate on one side, with won of closed below. */
  private void side(String p, Side s) {
    out.append("<td class=\"n\" data-sort=\"")
        .append(sortValue(s.winRate()))
        .append("\"><div class=\"rate\">")
        .append(num(p + ".win_rate", s.winRate()))
        .append("</div><div class=\"sub\">")
        .append(num(p + ".won", s.won()))
        .append(" won of ")
        .append(num(p + ".closed", s.closed()))
        .append("</div></td>");
  }

  private void untestedSide(String p, Side s) {
    out.append("<td class=\"n\" data-sort=\"")
        .append(sortValue(s.closed()))
        .append("\">")
        .append(num(p + ".won", s.won()))
        .append(" of ")
        .append(num(p + ".closed", s.closed()))
        .append("</td>");
  }

  private static String reading(RuleBacktest rule) {
    Double lo = rule.diffCiLow();
    Double hi = rule.diffCiHigh();
    if (lo == null || hi == null) {
      return "<span class=\"reading none\">not enough closed deals</span>";
    }
    if (hi < 0) {
      return "<span class=\"reading loss\">flags deals that lose more</span>";
    }
    if (lo > 0) {
      return "<span class=\"reading win\">fires on deals that win more</span>";
    }
    return "<span class=\"reading none\">no clear effect</span>";
  }

  private void groupTable(
      String id,
      String title,
      String key,
      List<Group> rows,
      String keyLabel,
      boolean withTeam,
      String how) {
    out.append("<section id=\"")
        .append(id)
        .append("\">\n<h2>")
        .append(esc(title))
        .append("</h2>\n<p class=\"how\">")
        .append(esc(how))
        .append("</p>\n");
    if (rows.isEmpty()) {
      out.append("<p class=\"empty\">None.</p>\n</section>\n");
      return;
    }
    out.append(
            "<div class=\"scroll\"><table class=\"sortable groups\">\n<thead><tr><th data-type=\"text\">")
        .append(keyLabel)
        .append("</th>")
        .append(withTeam ? "<th data-type=\"text\">Team</th>" : "")
        .append(
            "<th class=\"n\">Deals</th><th class=\"n\">Open</th><th class=\"n\">Won</th><th class=\"n\">Lost</th>")
        .append("<th class=\"n\">Win rate</th><th class=\"n\">Compliance</th>");
    for (Severity sev : Severity.values()) {
      out.append("<th class=\"n sevh\" title=\"")
          .append(sev.id())
          .append(" gaps\">")
          .append(sev.id())
          .append("</th>");
    }
    out.append(
        "<th class=\"n\">Open actions</th><th class=\"n\">Stalled</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < rows.size(); i++) {
      Group row = rows.get(i);
      String p = key + "[" + i + "]";
      out.append("<tr><td>").append(shortId(row.key(), 40)).append("</td>");
      if (withTeam) {
        out.append("<td>").append(esc(text(row.team(), ""))).append("</td>");
      }
      cell(p + ".deals", row.deals());
      cell(p + ".open", row.open());
      cell(p + ".won", row.won());
      cell(p + ".lost", row.lost());
      String winReason = r.insights().unreadable(key);
      if (winReason != null) {
        out.append("<td class=\"n unreadable-cell\" data-sort=\"\" title=\"")
            .append(esc(winReason))
            .append("\">n/a</td>");
      } else {
        cell(p + ".win_rate", row.winRate());
      }
      Double c = row.complianceRate();
      out.append("<td class=\"n meter\" data-sort=\"")
          .append(sortValue(c))
          .append("\"")
          .append(c != null ? " style=\"--p:" + Math.round(c * 100) + "%\"" : "")
          .append(">")
          .append(num(p + ".compliance_rate", c))
          .append("</td>");
      for (Severity sev : Severity.values()) {
        cell(p + ".gaps_by_severity." + sev.id(), row.gapsBySeverity().get(sev));
      }
      cell(p + ".open_actions", row.openActions());
      cell(p + ".stalled", row.stalled());
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table></div>\n</section>\n");
  }

  private void cell(String path, Number v) {
    out.append("<td class=\"n\" data-sort=\"")
        .append(sortValue(v))
        .append("\">")
        .append(num(path, v))
        .append("</td>");
  }

  private void rules() {
    List<RuleFlags> rules = r.byRule();
    out.append("<section id=\"rules\">\n<h2>Rules</h2>\n<p class=\"how\">")
        .append(
            esc(
                "How many open deals each rule flagged, and their share of all open deals; most often"
                    + " flagged first."))
        .append("</p>\n");
    if (rules.isEmpty()) {
      out.append("<p class=\"empty\">None.</p>\n</section>\n");
      return;
    }
    out.append(
        "<table class=\"sortable\">\n<thead><tr><th data-type=\"text\">Rule</th><th data-type=\"text\">Methodology"
            + " element</th><th class=\"n\">Deals flagged</th><th class=\"n\">Share flagged</th></tr></thead>\n<tbody>\n");
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingLong(i -> -rules.get(i).flaggedDeals()));
    List<Integer> quiet = new ArrayList<>();
    for (int i : order) {
      RuleFlags rule = rules.get(i);
      String p = "by_rule[" + i + "]";
      if (rule.flaggedDeals() == 0) {
        quiet.add(i);
        continue;
      }
      String element =
          String.join(" · ", nonBlank(text(rule.methodology(), ""), text(rule.element(), "")));
      out.append("<tr><td><div class=\"rule-title\">")
          .append(esc(text(rule.title(), rule.rule())))
          .append("</div><div class=\"rule-id\">")
          .append(esc(rule.rule()))
          .append("</div></td><td>")
          .append(esc(element))
          .append("</td>");
      cell(p + ".flagged_deals", rule.flaggedDeals());
      Double share = rule.flaggedShare();
      out.append("<td class=\"n meter flag\" data-sort=\"")
          .append(sortValue(share))
          .append("\"")
          .append(share != null ? " style=\"--p:" + Math.round(share * 100) + "%\"" : "")
          .append(">")
          .append(num(p + ".flagged_share", share))
          .append("</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n");
    if (!quiet.isEmpty()) {
      out.append("<details class=\"quiet\"><summary>")
          .append(quiet.size())
          .append(quiet.size() == 1 ? " rule" : " rules")
          .append(" flagged no open deal</summary>\n<ul class=\"quiet\">\n");
      for (int i : quiet) {
        RuleFlags rule = rules.get(i);
        String p = "by_rule[" + i + "]";
        out.append("<li>")
            .append(esc(text(rule.title(), rule.rule())))
            .append(" <span class=\"rule-id\">")
            .append(esc(rule.rule()))
            .append("</span> ")
            .append(num(p + ".flagged_deals", rule.flaggedDeals()))
            .append(" flagged</li>\n");
      }
      out.append("</ul>\n</details>\n");
    }
    out.append("</section>\n");
  }

  private static List<String> nonBlank(String... parts) {
    List<String> kept = new ArrayList<>();
    for (String p : parts) {
      if (!p.isBlank()) {
        kept.add(p);
      }
    }
    return kept;
  }

  private void winRates() {
    PortfolioReport.WinRatesBy by = r.winRateBy();
    out.append(
            "<section id=\"win-rates\">\n<h2>Win rate by rep, team, product, sector and deal size</h2>\n")
        .append("<p class=\"how\">")
        .append(
            esc(
                "Closed deals only. The bar is the win rate, the black line its 95%"
                    + " confidence interval; pale bars and the small-sample mark mean too few deals to compare fairly."))
        .append("</p>\n<div class=\"grid\">\n");
    winRatePanel("rep", "Rep", by.rep());
    winRatePanel("team", "Team", by.team());
    winRatePanel("product", "Product", by.product());
    winRatePanel("sector", "Sector", by.sector());
    winRatePanel("deal_size", "Deal size", by.dealSize());
    out.append("</div>\n</section>\n");
  }

  private void winRatePanel(String key, String label, List<WinRate> rows) {
    out.append("<div class=\"panel\"><h3>").append(label).append("</h3>\n");
    String reason = r.insights().unreadable("win_rate_by." + key);
    if (reason != null) {
      out.append(unreadable(reason)).append("</div>\n");
      return;
    }
    if (rows.isEmpty()) {
      out.append("<p class=\"empty\">No data.</p></div>\n");
      return;
    }
    out.append("<table class=\"sortable compact\">\n<thead><tr><th data-type=\"text\">")
        .append(label)
        .append(
            "</th><th class=\"n\">Won of closed</th><th class=\"n\">Win rate</th><th class=\"n\">95% CI</th>")
        .append("<th data-type=\"none\"></th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < rows.size(); i++) {
      WinRate row = rows.get(i);
      String p = "win_rate_by." + key + "[" + i + "]";
      boolean small = row.smallSample();
      out.append("<tr")
          .append(small ? " class=\"small\"" : "")
          .append("><td>")
          .append(shortId(row.key(), 40))
          .append(small ? " <span class=\"badge\" title=\"small sample\">small</span>" : "")
          .append("</td>")
          .append("<td class=\"n\" data-sort=\"")
          .append(sortValue(row.closed()))
          .append("\">")
          .append(num(p + ".won", row.won()))
          .append(" of ")
          .append(num(p + ".closed", row.closed()))
          .append("</td>");
      cell(p + ".win_rate", row.winRate());
      out.append("<td class=\"n ci-text\" data-sort=\"")
          .append(sortValue(row.ciLow()))
          .append("\">")
          .append(num(p + ".ci_low", row.ciLow()))
          .append("–")
          .append(num(p + ".ci_high", row.ciHigh()))
          .append("</td><td>")
          .append(Charts.rateBar(row))
          .append("</td></tr>\n");
    }
    out.append("</tbody>\n</table></div>\n");
  }

  private void problems() {
    failures();
    Input in = r.input();
    List<Problem> problems = in.problems();
    if (problems.isEmpty()) {
      return;
    }
    out.append("<section id=\"problems\">\n<h2>Input problems</h2>\n<p class=\"how\">")
        .append(
            "Rows that could not be read as deals were left out of every figure above; fix them at the source. ")
        .append(num("input.problem_count", in.problemCount()))
        .append(" in all")
        .append(
            problems.size() > PROBLEMS_SHOWN
                ? ", the first " + PROBLEMS_SHOWN + " shown"
                : problems.size() < in.problemCount()
                    ? ", the first " + problems.size() + " shown"
                    : "")
        .append(".</p>\n<ul class=\"problems\">\n");
    for (int i = 0; i < Math.min(PROBLEMS_SHOWN, problems.size()); i++) {
      Problem p = problems.get(i);
      String path = "input.problems[" + i + "]";
      out.append("<li><code>")
          .append(esc(p.file()))
          .append(":")
          .append(num(path + ".line", p.line()))
          .append(":")
          .append(num(path + ".column", p.column()))
          .append(": ")
          .append(esc(p.code()))
          .append("</code> ")
          .append(esc(p.message()))
          .append("</li>\n");
    }
    out.append("</ul>\n</section>\n");
  }

  /** Deals that could not be evaluated: counted, and the first listed with what failed. */
  private void failures() {
    Input in = r.input();
    if (in.failedDeals() == 0) {
      return;
    }
    out.append(
            "<section id=\"failures\">\n<h2>Deals that could not be evaluated</h2>\n<p class=\"how\">")
        .append(
            "These deals were left out of every figure above; the rest of the book was evaluated. ")
        .append(num("input.failed_deals", in.failedDeals()))
        .append(" in all")
        .append(
            in.failures().size() < in.failedDeals()
                ? ", the first " + in.failures().size() + " shown"
                : "")
        .append(".</p>\n<ul class=\"problems\">\n");
    for (DealError e : in.failures()) {
      out.append("<li><code>")
          .append(esc(e.dealId()))
          .append(": ")
          .append(esc(e.kind().code()))
          .append("</code> ")
          .append(e.rule() == null ? "" : "rule " + esc(e.rule()) + ": ")
          .append(esc(e.message()))
          .append("</li>\n");
    }
    out.append("</ul>\n</section>\n");
  }

  private void footer() {
    PortfolioReport.Run rt = r.runtime();
    out.append("<footer>Evaluated in ")
        .append(num("runtime.seconds", rt.seconds()))
        .append(" s, ")
        .append(num("runtime.deals_per_second", rt.dealsPerSecond()))
        .append(" deals per second on ")
        .append(num("runtime.threads", rt.threads()))
        .append(" threads. Made by Playbook Engine from ")
        .append("report.json; every figure here is in that file under the same name.</footer>\n");
  }

  /** {@code text} with a capital first letter and a full stop at the end; empty stays empty. */
  private static String sentence(String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      return t;
    }
    t = Character.toUpperCase(t.charAt(0)) + t.substring(1);
    return t.endsWith(".") ? t : t + ".";
  }

  /** {@code 2026-11-26 15:23 UTC} for an instant such as {@code 2026-11-26T15:23:18.04Z}. */
  private static String minute(Instant instant) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
        .withZone(ZoneOffset.UTC)
        .format(instant);
  }

  /**
   * {@code 2026-11-20} for an instant at the start of that day, else the instant as JSON writes it.
   */
  private static String day(Instant instant) {
    String s = instant.toString();
    return s.endsWith("T00:00:00Z") ? s.substring(0, s.length() - "T00:00:00Z".length()) : s;
  }
}
