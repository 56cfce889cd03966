package dev.playbook.insights.report;

import static dev.playbook.insights.report.Html.cut;
import static dev.playbook.insights.report.Html.esc;
import static dev.playbook.insights.report.Html.num;
import static dev.playbook.insights.report.Html.sortValue;
import static dev.playbook.insights.report.Html.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.playbook.insights.PortfolioReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Renders the report JSON of a portfolio run as one self-contained HTML page for a pipeline
 * review: headline figures, the key-node funnel, win rate by cycle length, the rep by rule
 * compliance heat map, the rule backtest, and tables per rep, team, stage and rule.
 *
 * <p>The page needs no network: styles are inline, charts are inline SVG drawn here (they show
 * without scripts and print), and the only script makes the tables sortable. Every number on the
 * page is in an element whose {@code data-key} attribute is its path in the JSON, such as
 * {@code totals.won} or {@code by_rep[2].win_rate}, formatted by the field it comes from.
 *
 * <pre>{@code
 * PortfolioReport report = Portfolio.evaluate(deals, playbook, asOf, Portfolio.Options.defaults());
 * Files.writeString(Path.of("report.json"), report.toJson());
 * HtmlReport.write(report, Path.of("report.html"));
 * }</pre>
 */
public final class HtmlReport {

  private static final String[] SEVERITIES = {"critical", "high", "medium", "low", "info"};

  /** How many input problems the page lists; the count always covers all of them. */
  static final int PROBLEMS_SHOWN = 50;

  private final JsonNode r;
  private final StringBuilder out = new StringBuilder(64 * 1024);

  private HtmlReport(JsonNode report) {
    this.r = report;
  }

  /** The page for {@code report}, a report JSON document as described in docs/insights.md. */
  public static String render(JsonNode report) {
    Objects.requireNonNull(report, "report");
    if (!report.isObject()) {
      throw new IllegalArgumentException("the report must be a JSON object, not " + report.getNodeType());
    }
    return new HtmlReport(report).page();
  }

  /** Writes the page for {@code report} to {@code file} in UTF-8, replacing it if it exists. */
  public static void write(JsonNode report, Path file) throws IOException {
    Files.writeString(file, render(report), StandardCharsets.UTF_8);
  }

  /** The page for the result of {@link dev.playbook.insights.Portfolio#evaluate}. */
  public static String render(PortfolioReport report) {
    Objects.requireNonNull(report, "report");
    try {
      return render(new ObjectMapper().readTree(report.toJson()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the page for the result of {@link dev.playbook.insights.Portfolio#evaluate} to
   * {@code file} in UTF-8; {@link PortfolioReport#toJson()} gives the JSON to keep beside it.
   */
  public static void write(PortfolioReport report, Path file) throws IOException {
    Files.writeString(file, render(report), StandardCharsets.UTF_8);
  }

  private String page() {
    String title = "Pipeline review · " + text(r.path("playbook").path("title"), text(r.path("playbook").path("id"), ""));
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(Style.CSS).append("</style>\n")
        .append("</head>\n<body>\n<main>\n");
    header(title);
    headline();
    section("funnel", "Where deals stall: the key-node funnel",
        "How many deals reached each stage of the playbook (titled by its key node), the share of those at one"
            + " node that went on to the next, and the median days it took. The narrowest step is where deals"
            + " stall. Pale bars are inferred: no deal in the data names that stage, later stages imply it.",
        Charts.funnel(r.path("funnel").path("nodes")));
    section("cycle", "Win rate by cycle length",
        "Closed deals grouped by how long they were open, with the share won in each group. The whisker is the"
            + " 95% confidence interval: the longer it is, the less sure the rate; hatched bars rest on too few"
            + " deals to trust.",
        Charts.winRateByCycle(r.path("win_rate_by_cycle")));
    List<Integer> columns = flaggingRules(r.path("rep_rule_compliance"));
    int left = r.path("rep_rule_compliance").path("rules").size() - columns.size();
    section("heatmap", "Who follows which step: rep × rule compliance",
        "Each cell is the share of a rep's open deals that the rule did not flag. Green rows are reps who follow"
            + " the playbook; a red column is a step most of the team skips; grey means the rep has no open deals."
            + (left > 0 && !columns.isEmpty() ? " Only the rules that flagged an open deal are shown; the other "
                + left + " passed on every open deal." : ""),
        Charts.heatMap(r.path("rep_rule_compliance"), r.path("by_rule"), columns));
    backtest();
    groupTable("reps", "Reps", "by_rep", "Rep", true,
        "Per rep: deals, outcomes, win rate on closed deals, compliance (share of open deals with no gap of medium"
            + " severity or worse), gaps on open deals by severity, open actions and stalled deals. Click a column"
            + " to sort.");
    groupTable("teams", "Teams", "by_team", "Team", false,
        "The same figures per team.");
    groupTable("stages", "Stages", "by_stage", "Stage", false,
        "The same figures per stage: where the gaps and the stalled deals sit in the process.");
    rules();
    winRates();
    problems();
    footer();
    out.append("</main>\n<script>\n").append(Style.SCRIPT).append("</script>\n</body>\n</html>\n");
    return out.toString();
  }

  /** The columns of the compliance matrix where some rep has a share below 100%. */
  private static List<Integer> flaggingRules(JsonNode matrix) {
    List<Integer> columns = new ArrayList<>();
    JsonNode rates = matrix.path("rates");
    for (int j = 0; j < matrix.path("rules").size(); j++) {
      for (JsonNode row : rates) {
        if (row.path(j).isNumber() && row.path(j).asDouble() < 1) {
          columns.add(j);
          break;
        }
      }
    }
    return columns;
  }

  private void header(String title) {
    JsonNode files = r.path("input").path("files");
    List<String> names = new ArrayList<>();
    files.forEach(f -> names.add(f.asText()));
    out.append("<header>\n<h1>").append(esc(title)).append("</h1>\n<p class=\"meta\">Playbook <b>")
        .append(esc(text(r.path("playbook").path("id"), ""))).append("</b> with ")
        .append(num("playbook.rules", r.path("playbook").path("rules"))).append(" rules · evaluated as of <b>")
        .append(esc(day(r.path("as_of")))).append("</b> · generated ").append(esc(minute(text(r.path("generated_at"), ""))))
        .append("<br>Data: ").append(esc(names.isEmpty() ? "none" : String.join(", ", names))).append("</p>\n</header>\n");
  }

  private void headline() {
    JsonNode t = r.path("totals");
    JsonNode in = r.path("input");
    out.append("<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"cards\">\n");
    card("Deals", num("totals.deals", t.path("deals")), "in the book");
    card("Open", num("totals.open", t.path("open")), "still in play");
    card("Won", num("totals.won", t.path("won")), "closed won");
    card("Lost", num("totals.lost", t.path("lost")), "closed lost");
    if (t.has("win_rate")) {
      card("Win rate", num("totals.win_rate", t.path("win_rate")), "of closed deals were won");
    }
    card("Compliance", num("totals.compliance_rate", t.path("compliance_rate")),
        "of open deals have no gap of medium severity or worse");
    card("Open actions", num("totals.open_actions", t.path("open_actions")), "next steps due from reps");
    card("Stalled", num("totals.stalled", t.path("stalled")), "open deals with no recent progress");
    out.append("</div>\n<div class=\"row\">\n<div class=\"severities\"><h3>Gaps by severity</h3>\n");
    for (String sev : SEVERITIES) {
      out.append("<span class=\"sev sev-").append(sev).append("\">").append(sev).append(" ")
          .append(num("totals.gaps_by_severity." + sev, t.path("gaps_by_severity").path(sev))).append("</span>\n");
    }
    out.append("</div>\n<div class=\"input\"><h3>Input</h3><p>")
        .append(num("input.rows", in.path("rows"))).append(" rows read, ")
        .append(num("input.deals", in.path("deals"))).append(" deals, ")
        .append(num("input.bad_rows", in.path("bad_rows"))).append(" bad rows, ")
        .append(problemCount(in)).append(" problems").append(in.path("problems").size() > 0 ? " (listed at the end)" : "")
        .append("</p></div>\n</div>\n</section>\n");
  }

  /** The number of input problems: {@code input.problem_count} when given, else the length of the list. */
  private static String problemCount(JsonNode input) {
    return input.path("problem_count").isNumber() ? num("input.problem_count", input.path("problem_count"))
        : num("input.problems.length", IntNode.valueOf(input.path("problems").size()));
  }

  private void card(String label, String value, String note) {
    out.append("<div class=\"card\"><div class=\"card-label\">").append(esc(label)).append("</div><div class=\"card-value\">")
        .append(value).append("</div><div class=\"card-note\">").append(esc(note)).append("</div></div>\n");
  }

  private void section(String id, String title, String explanation, String body) {
    out.append("<section id=\"").append(id).append("\" class=\"chart-section\">\n<h2>").append(esc(title))
        .append("</h2>\n<p class=\"how\">").append(esc(explanation)).append("</p>\n<div class=\"chart-box\">")
        .append(body).append("</div>\n</section>\n");
  }

  private void backtest() {
    JsonNode rules = r.path("backtest").path("rules");
    out.append("<section id=\"backtest\">\n<h2>Which rules predict the outcome: rule backtest</h2>\n<p class=\"how\">")
        .append(esc("Among closed deals, the win rate when the rule fired and when it did not. Lift is the first"
            + " divided by the second; the bar shows the difference in win rate with its 95% confidence interval"
            + " (zero in the middle). A rule whose interval is all red fires on deals that go on to lose: it earns"
            + " its place. Grey intervals crossing zero are noise so far. "))
        .append(r.path("backtest").path("deals").isNumber() ? "Backtested on "
            + num("backtest.deals", r.path("backtest").path("deals")) + " closed deals"
            + (r.path("backtest").path("skipped").asLong(0) > 0 ? " (" + num("backtest.skipped",
                r.path("backtest").path("skipped")) + " skipped)" : "") + ". " : "")
        .append("</p>\n");
    if (!rules.isArray() || rules.isEmpty()) {
      out.append("<p class=\"empty\">No rule could be backtested: there are no closed deals.</p>\n</section>\n");
      return;
    }
    double range = 0.25;
    for (JsonNode rule : rules) {
      for (String k : List.of("diff_ci_low", "diff_ci_high")) {
        if (rule.path(k).isNumber()) {
          range = Math.max(range, Math.abs(rule.path(k).asDouble()));
        }
      }
    }
    range = Math.min(1, Math.ceil(range * 4) / 4);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble(i -> rules.get(i).path("lift").isNumber()
        ? -rules.get(i).path("lift").asDouble() : Double.POSITIVE_INFINITY));
    out.append("<div class=\"scroll\"><table class=\"sortable backtest\">\n<thead><tr><th data-type=\"text\">Rule</th>")
        .append("<th class=\"n\">Win rate when it fired</th><th class=\"n\">Win rate when it did not</th>")
        .append("<th class=\"n\">Lift</th><th class=\"n\">Difference, 95% CI</th><th data-type=\"text\">Reading</th>")
        .append("</tr></thead>\n<tbody>\n");
    List<Integer> untested = new ArrayList<>();
    for (int i : order) {
      JsonNode rule = rules.get(i);
      String p = "backtest.rules[" + i + "]";
      boolean small = rule.path("small_sample").asBoolean(false);
      if (!rule.path("lift").isNumber() && !rule.path("diff_ci_low").isNumber()) {
        untested.add(i);
        continue;
      }
      out.append("<tr").append(small ? " class=\"small\"" : "").append("><td><div class=\"rule-title\">")
          .append(esc(text(rule.path("title"), rule.path("rule").asText()))).append("</div><div class=\"rule-id\">")
          .append(esc(rule.path("rule").asText())).append("</div></td>");
      for (String side : List.of("fired", "not_fired")) {
        JsonNode s = rule.path(side);
        out.append("<td class=\"n\" data-sort=\"").append(sortValue(s.path("win_rate"))).append("\"><div class=\"rate\">")
            .append(num(p + "." + side + ".win_rate", s.path("win_rate"))).append("</div><div class=\"sub\">")
            .append(num(p + "." + side + ".won", s.path("won"))).append(" won of ")
            .append(num(p + "." + side + ".closed", s.path("closed"))).append("</div></td>");
      }
      out.append("<td class=\"n lift\" data-sort=\"").append(sortValue(rule.path("lift"))).append("\">")
          .append(num(p + ".lift", rule.path("lift"))).append("</td>");
      out.append("<td class=\"n\" data-sort=\"").append(sortValue(rule.path("diff_ci_low"))).append("\">")
          .append(Charts.difference(rule, range)).append("<div class=\"ci-text\">")
          .append(num(p + ".diff_ci_low", rule.path("diff_ci_low")))
          .append(rule.path("diff_ci_low").isNumber() || rule.path("diff_ci_high").isNumber()
              ? " to " + num(p + ".diff_ci_high", rule.path("diff_ci_high")) : "").append("</div></td>");
      out.append("<td>").append(reading(rule)).append(small ? " <span class=\"badge\">small sample</span>" : "")
          .append("</td></tr>\n");
    }
    out.append("</tbody>\n</table></div>\n<p class=\"scale\">Difference bars run from −").append(Math.round(range * 100))
        .append(" to +").append(Math.round(range * 100)).append(" percentage points. ")
        .append(esc(sentence(text(r.path("backtest").path("as_of_method"), "")))).append("</p>\n");
    if (!untested.isEmpty()) {
      out.append("<details class=\"untested\"><summary>").append(untested.size())
          .append(untested.size() == 1 ? " rule" : " rules")
          .append(" could not be backtested: they fired on none of the closed deals, or on all of them</summary>\n")
          .append("<table class=\"sortable compact\">\n<thead><tr><th data-type=\"text\">Rule</th>")
          .append("<th class=\"n\">Fired: won of closed</th><th class=\"n\">Not fired: won of closed</th></tr></thead>\n")
          .append("<tbody>\n");
      for (int i : untested) {
        JsonNode rule = rules.get(i);
        String p = "backtest.rules[" + i + "]";
        out.append("<tr><td>").append(esc(text(rule.path("title"), rule.path("rule").asText())))
            .append(" <span class=\"rule-id\">").append(esc(rule.path("rule").asText())).append("</span></td>");
        for (String side : List.of("fired", "not_fired")) {
          JsonNode s = rule.path(side);
          out.append("<td class=\"n\" data-sort=\"").append(sortValue(s.path("closed"))).append("\">")
              .append(num(p + "." + side + ".won", s.path("won"))).append(" of ")
              .append(num(p + "." + side + ".closed", s.path("closed"))).append("</td>");
        }
        out.append("</tr>\n");
      }
      out.append("</tbody>\n</table>\n</details>\n");
    }
    out.append("</section>\n");
  }

  private static String reading(JsonNode rule) {
    JsonNode lo = rule.path("diff_ci_low");
    JsonNode hi = rule.path("diff_ci_high");
    if (!lo.isNumber() || !hi.isNumber()) {
      return "<span class=\"reading none\">not enough closed deals</span>";
    }
    if (hi.asDouble() < 0) {
      return "<span class=\"reading loss\">flags deals that lose more</span>";
    }
    if (lo.asDouble() > 0) {
      return "<span class=\"reading win\">fires on deals that win more</span>";
    }
    return "<span class=\"reading none\">no clear effect</span>";
  }

  private void groupTable(String id, String title, String key, String keyLabel, boolean withTeam, String how) {
    JsonNode rows = r.path(key);
    out.append("<section id=\"").append(id).append("\">\n<h2>").append(esc(title)).append("</h2>\n<p class=\"how\">")
        .append(esc(how)).append("</p>\n");
    if (!rows.isArray() || rows.isEmpty()) {
      out.append("<p class=\"empty\">None.</p>\n</section>\n");
      return;
    }
    out.append("<div class=\"scroll\"><table class=\"sortable groups\">\n<thead><tr><th data-type=\"text\">")
        .append(keyLabel).append("</th>").append(withTeam ? "<th data-type=\"text\">Team</th>" : "")
        .append("<th class=\"n\">Deals</th><th class=\"n\">Open</th><th class=\"n\">Won</th><th class=\"n\">Lost</th>")
        .append("<th class=\"n\">Win rate</th><th class=\"n\">Compliance</th>");
    for (String sev : SEVERITIES) {
      out.append("<th class=\"n sevh\" title=\"").append(sev).append(" gaps\">").append(sev).append("</th>");
    }
    out.append("<th class=\"n\">Open actions</th><th class=\"n\">Stalled</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      String p = key + "[" + i + "]";
      out.append("<tr><td>").append(esc(text(row.path("key"), "(none)"))).append("</td>");
      if (withTeam) {
        out.append("<td>").append(esc(text(row.path("team"), ""))).append("</td>");
      }
      for (String f : List.of("deals", "open", "won", "lost", "win_rate")) {
        cell(p + "." + f, row.path(f));
      }
      JsonNode c = row.path("compliance_rate");
      out.append("<td class=\"n meter\" data-sort=\"").append(sortValue(c)).append("\"")
          .append(c.isNumber() ? " style=\"--p:" + Math.round(c.asDouble() * 100) + "%\"" : "").append(">")
          .append(num(p + ".compliance_rate", c)).append("</td>");
      for (String sev : SEVERITIES) {
        cell(p + ".gaps_by_severity." + sev, row.path("gaps_by_severity").path(sev));
      }
      cell(p + ".open_actions", row.path("open_actions"));
      cell(p + ".stalled", row.path("stalled"));
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table></div>\n</section>\n");
  }

  private void cell(String path, JsonNode v) {
    out.append("<td class=\"n\" data-sort=\"").append(sortValue(v)).append("\">").append(num(path, v)).append("</td>");
  }

  private void rules() {
    JsonNode rules = r.path("by_rule");
    out.append("<section id=\"rules\">\n<h2>Rules</h2>\n<p class=\"how\">")
        .append(esc("How many open deals each rule flagged, and their share of all open deals; most often"
            + " flagged first."))
        .append("</p>\n");
    if (!rules.isArray() || rules.isEmpty()) {
      out.append("<p class=\"empty\">None.</p>\n</section>\n");
      return;
    }
    out.append("<table class=\"sortable\">\n<thead><tr><th data-type=\"text\">Rule</th><th data-type=\"text\">Methodology"
        + " element</th><th class=\"n\">Deals flagged</th><th class=\"n\">Share flagged</th></tr></thead>\n<tbody>\n");
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingLong(i -> -rules.get(i).path("flagged_deals").asLong()));
    List<Integer> quiet = new ArrayList<>();
    for (int i : order) {
      JsonNode rule = rules.get(i);
      String p = "by_rule[" + i + "]";
      if (rule.path("flagged_deals").asLong() == 0) {
        quiet.add(i);
        continue;
      }
      String element = String.join(" · ", nonBlank(text(rule.path("methodology"), ""), text(rule.path("element"), "")));
      out.append("<tr><td><div class=\"rule-title\">").append(esc(text(rule.path("title"), rule.path("rule").asText())))
          .append("</div><div class=\"rule-id\">").append(esc(rule.path("rule").asText())).append("</div></td><td>")
          .append(esc(element)).append("</td>");
      cell(p + ".flagged_deals", rule.path("flagged_deals"));
      JsonNode share = rule.path("flagged_share");
      out.append("<td class=\"n meter flag\" data-sort=\"").append(sortValue(share)).append("\"")
          .append(share.isNumber() ? " style=\"--p:" + Math.round(share.asDouble() * 100) + "%\"" : "").append(">")
          .append(num(p + ".flagged_share", share)).append("</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n");
    if (!quiet.isEmpty()) {
      out.append("<details class=\"quiet\"><summary>").append(quiet.size())
          .append(quiet.size() == 1 ? " rule" : " rules").append(" flagged no open deal</summary>\n<ul class=\"quiet\">\n");
      for (int i : quiet) {
        JsonNode rule = rules.get(i);
        String p = "by_rule[" + i + "]";
        out.append("<li>").append(esc(text(rule.path("title"), rule.path("rule").asText())))
            .append(" <span class=\"rule-id\">").append(esc(rule.path("rule").asText())).append("</span> ")
            .append(num(p + ".flagged_deals", rule.path("flagged_deals"))).append(" flagged</li>\n");
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
    JsonNode by = r.path("win_rate_by");
    out.append("<section id=\"win-rates\">\n<h2>Win rate by rep, team, product, sector and deal size</h2>\n")
        .append("<p class=\"how\">").append(esc("Closed deals only. The bar is the win rate, the black line its 95%"
            + " confidence interval; pale bars and the small-sample mark mean too few deals to compare fairly."))
        .append("</p>\n<div class=\"grid\">\n");
    for (String[] dim : new String[][] {{"rep", "Rep"}, {"team", "Team"}, {"product", "Product"},
        {"sector", "Sector"}, {"deal_size", "Deal size"}}) {
      JsonNode rows = by.path(dim[0]);
      out.append("<div class=\"panel\"><h3>").append(dim[1]).append("</h3>\n");
      if (!rows.isArray() || rows.isEmpty()) {
        out.append("<p class=\"empty\">No data.</p></div>\n");
        continue;
      }
      out.append("<table class=\"sortable compact\">\n<thead><tr><th data-type=\"text\">").append(dim[1])
          .append("</th><th class=\"n\">Won of closed</th><th class=\"n\">Win rate</th><th class=\"n\">95% CI</th>")
          .append("<th data-type=\"none\"></th></tr></thead>\n<tbody>\n");
      for (int i = 0; i < rows.size(); i++) {
        JsonNode row = rows.get(i);
        String p = "win_rate_by." + dim[0] + "[" + i + "]";
        boolean small = row.path("small_sample").asBoolean(false);
        out.append("<tr").append(small ? " class=\"small\"" : "").append("><td>")
            .append(esc(cut(text(row.path("key"), "(none)"), 40)))
            .append(small ? " <span class=\"badge\" title=\"small sample\">small</span>" : "").append("</td>")
            .append("<td class=\"n\" data-sort=\"").append(sortValue(row.path("closed"))).append("\">")
            .append(num(p + ".won", row.path("won"))).append(" of ").append(num(p + ".closed", row.path("closed")))
            .append("</td>");
        cell(p + ".win_rate", row.path("win_rate"));
        out.append("<td class=\"n ci-text\" data-sort=\"").append(sortValue(row.path("ci_low"))).append("\">")
            .append(num(p + ".ci_low", row.path("ci_low"))).append("–").append(num(p + ".ci_high", row.path("ci_high")))
            .append("</td><td>").append(Charts.rateBar(row)).append("</td></tr>\n");
      }
      out.append("</tbody>\n</table></div>\n");
    }
    out.append("</div>\n</section>\n");
  }

  private void problems() {
    JsonNode problems = r.path("input").path("problems");
    if (!problems.isArray() || problems.isEmpty()) {
      return;
    }
    out.append("<section id=\"problems\">\n<h2>Input problems</h2>\n<p class=\"how\">")
        .append("Rows that could not be read as deals were left out of every figure above; fix them at the source. ")
        .append(problemCount(r.path("input"))).append(" in all")
        .append(problems.size() > PROBLEMS_SHOWN ? ", the first " + PROBLEMS_SHOWN + " shown"
            : problems.size() < r.path("input").path("problem_count").asInt(0) ? ", the first " + problems.size() + " shown"
            : "")
        .append(".</p>\n<ul class=\"problems\">\n");
    for (int i = 0; i < Math.min(PROBLEMS_SHOWN, problems.size()); i++) {
      JsonNode p = problems.get(i);
      String path = "input.problems[" + i + "]";
      out.append("<li><code>").append(esc(text(p.path("file"), ""))).append(":")
          .append(num(path + ".line", p.path("line"))).append(":")
          .append(p.path("column").isNumber() ? num(path + ".column", p.path("column")) : esc(text(p.path("column"), "")))
          .append(": ").append(esc(text(p.path("code"), ""))).append("</code> ")
          .append(esc(text(p.path("message"), ""))).append("</li>\n");
    }
    out.append("</ul>\n</section>\n");
  }

  private void footer() {
    JsonNode rt = r.path("runtime");
    out.append("<footer>Evaluated in ").append(num("runtime.seconds", rt.path("seconds"))).append(" s, ")
        .append(num("runtime.deals_per_second", rt.path("deals_per_second"))).append(" deals per second on ")
        .append(num("runtime.threads", rt.path("threads"))).append(" threads. Made by Playbook Engine from ")
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

  /** {@code 2026-11-26 15:23 UTC} for an instant such as {@code 2026-11-26T15:23:18.04Z}; else as written. */
  private static String minute(String instant) {
    try {
      return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC)
          .format(Instant.parse(instant));
    } catch (DateTimeParseException e) {
      return instant;
    }
  }

  /** {@code 2026-11-20} for an instant at the start of that day, else the instant as written. */
  private static String day(JsonNode instant) {
    String s = text(instant, "");
    return s.endsWith("T00:00:00Z") ? s.substring(0, s.length() - "T00:00:00Z".length()) : s;
  }
}
