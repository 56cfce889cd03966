package dev.playbook.insights.report;

import static dev.playbook.insights.report.Html.cut;
import static dev.playbook.insights.report.Html.esc;
import static dev.playbook.insights.report.Html.px;
import static dev.playbook.insights.report.Html.text;
import static dev.playbook.insights.report.Html.tnum;

import dev.playbook.insights.PortfolioReport.Compliance;
import dev.playbook.insights.PortfolioReport.FunnelNode;
import dev.playbook.insights.PortfolioReport.RuleBacktest;
import dev.playbook.insights.PortfolioReport.RuleFlags;
import dev.playbook.insights.PortfolioReport.WinRate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The charts of the report, drawn as inline SVG so that they show without scripts and print. */
final class Charts {

  private static final String BLUE = "#2f6db5";
  private static final String MUTED = "#9db6d8";
  private static final String INK = "#1f2933";
  private static final String GREY = "#6b7785";

  private Charts() {}

  /** The key-node funnel: one centred bar per node, conversion and median days between bars. */
  static String funnel(List<FunnelNode> nodes) {
    if (nodes.isEmpty()) {
      return "<p class=\"empty\">The playbook defines no key nodes, so there is no funnel.</p>";
    }
    double max = 1;
    for (FunnelNode n : nodes) {
      max = Math.max(max, n.reached());
    }
    int width = 760;
    int labelW = 190;
    int areaW = width - labelW - 20;
    int barH = 34;
    int gap = 30;
    int height = 10 + nodes.size() * barH + (nodes.size() - 1) * gap + 10;
    StringBuilder s = svgOpen("funnel", width, height, "Key-node funnel");
    for (int i = 0; i < nodes.size(); i++) {
      FunnelNode n = nodes.get(i);
      String p = "funnel.nodes[" + i + "]";
      double y = 10 + i * (barH + gap);
      double reached = n.reached();
      double w = Math.max(3, areaW * reached / max);
      double x = labelW + (areaW - w) / 2;
      boolean inferred = n.observed() == 0 && reached > 0;
      s.append("<rect class=\"bar")
          .append(inferred ? " inferred" : "")
          .append("\" x=\"")
          .append(px(x))
          .append("\" y=\"")
          .append(px(y))
          .append("\" width=\"")
          .append(px(w))
          .append("\" height=\"")
          .append(barH)
          .append("\" rx=\"3\" fill=\"")
          .append(inferred ? MUTED : BLUE)
          .append("\"><title>")
          .append(esc(text(n.title(), "")))
          .append("</title></rect>");
      s.append("<text x=\"")
          .append(labelW - 12)
          .append("\" y=\"")
          .append(px(y + barH / 2.0 + 5))
          .append("\" text-anchor=\"end\" class=\"label\">")
          .append(esc(cut(text(n.title(), n.id()), 28)))
          .append("</text>");
      boolean inside = w >= (inferred ? 150 : 70);
      s.append("<text x=\"")
          .append(px(inside ? x + w / 2 : x + w + 8))
          .append("\" y=\"")
          .append(px(y + barH / 2.0 + 5))
          .append("\" text-anchor=\"")
          .append(inside ? "middle" : "start")
          .append("\" class=\"value")
          .append(inside ? " on-bar" : "")
          .append("\">")
          .append(tnum(p + ".reached", n.reached()))
          .append(inferred ? " deals · inferred" : " deals")
          .append("</text>");
      if (i > 0) {
        double ty = y - gap / 2.0 + 5;
        s.append("<text x=\"")
            .append(labelW + areaW / 2)
            .append("\" y=\"")
            .append(px(ty))
            .append("\" text-anchor=\"middle\" class=\"note\">↓ ")
            .append(tnum(p + ".conversion_from_previous", n.conversionFromPrevious()))
            .append(" went on")
            .append(
                n.medianDaysFromPrevious() != null
                    ? " · median "
                        + tnum(p + ".median_days_from_previous", n.medianDaysFromPrevious())
                        + " days from "
                        + esc(cut(text(nodes.get(i - 1).title(), nodes.get(i - 1).id()), 24))
                    : "")
            .append("</text>");
      }
    }
    return s.append("</svg>").toString();
  }

  /** Win rate per cycle-length bucket: bars, 95% CI whiskers, small samples hatched. */
  static String winRateByCycle(List<WinRate> buckets) {
    if (buckets.isEmpty()) {
      return "<p class=\"empty\">No closed deals, so there is no win rate by cycle length.</p>";
    }
    int width = 760;
    int height = 320;
    int left = 52;
    int right = 16;
    int top = 22;
    int bottom = 70;
    double plotW = width - left - right;
    double plotH = height - top - bottom;
    double base = top + plotH;
    StringBuilder s = svgOpen("cycle", width, height, "Win rate by cycle length");
    s.append(
        "<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\""
            + " patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#dbe6f4\"/>"
            + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\""
            + MUTED
            + "\" stroke-width=\"3\"/></pattern></defs>");
    for (int t = 0; t <= 4; t++) {
      double y = base - plotH * t / 4;
      s.append("<line x1=\"")
          .append(left)
          .append("\" x2=\"")
          .append(width - right)
          .append("\" y1=\"")
          .append(px(y))
          .append("\" y2=\"")
          .append(px(y))
          .append("\" class=\"grid\"/>");
      s.append("<text x=\"")
          .append(left - 6)
          .append("\" y=\"")
          .append(px(y + 4))
          .append("\" text-anchor=\"end\" class=\"axis\">")
          .append(t * 25)
          .append("%</text>");
    }
    double band = plotW / buckets.size();
    double barW = Math.min(70, band * 0.56);
    for (int i = 0; i < buckets.size(); i++) {
      WinRate b = buckets.get(i);
      String p = "win_rate_by_cycle[" + i + "]";
      double cx = left + band * i + band / 2;
      boolean small = b.smallSample();
      Double rate = b.winRate();
      double labelTop = base;
      if (rate != null) {
        double h = Math.max(1, plotH * clamp01(rate));
        s.append("<rect class=\"bar")
            .append(small ? " small" : "")
            .append("\" x=\"")
            .append(px(cx - barW / 2))
            .append("\" y=\"")
            .append(px(base - h))
            .append("\" width=\"")
            .append(px(barW))
            .append("\" height=\"")
            .append(px(h))
            .append("\" fill=\"")
            .append(small ? "url(#hatch)" : BLUE)
            .append("\"")
            .append(small ? " stroke=\"" + MUTED + "\" stroke-dasharray=\"4 3\"" : "")
            .append("/>");
        labelTop = base - h;
        Double lo = b.ciLow();
        Double hi = b.ciHigh();
        if (lo != null && hi != null) {
          double y1 = base - plotH * clamp01(lo);
          double y2 = base - plotH * clamp01(hi);
          s.append(whisker(cx, y1, y2, 16));
          labelTop = Math.min(labelTop, y2);
        }
      } else {
        s.append("<text x=\"")
            .append(px(cx))
            .append("\" y=\"")
            .append(px(base - 8))
            .append("\" text-anchor=\"middle\" class=\"note\">no closed deals</text>");
      }
      if (rate != null) {
        s.append("<text x=\"")
            .append(px(cx))
            .append("\" y=\"")
            .append(px(Math.max(12, labelTop - 6)))
            .append("\" text-anchor=\"middle\" class=\"value\">")
            .append(tnum(p + ".win_rate", rate))
            .append("</text>");
      }
      s.append("<text x=\"")
          .append(px(cx))
          .append("\" y=\"")
          .append(px(base + 18))
          .append("\" text-anchor=\"middle\" class=\"label\">")
          .append(esc(cut(b.key(), 18)))
          .append("</text>");
      s.append("<text x=\"")
          .append(px(cx))
          .append("\" y=\"")
          .append(px(base + 35))
          .append("\" text-anchor=\"middle\" class=\"axis\">")
          .append(tnum(p + ".won", b.won()))
          .append(" of ")
          .append(tnum(p + ".closed", b.closed()))
          .append(" won</text>");
      if (small) {
        s.append("<text x=\"")
            .append(px(cx))
            .append("\" y=\"")
            .append(px(base + 52))
            .append("\" text-anchor=\"middle\" class=\"warn\">small sample</text>");
      }
    }
    s.append("<line x1=\"")
        .append(left)
        .append("\" x2=\"")
        .append(width - right)
        .append("\" y1=\"")
        .append(px(base))
        .append("\" y2=\"")
        .append(px(base))
        .append("\" class=\"baseline\"/>");
    return s.append("</svg>").toString();
  }

  /** Reps down, rules across, each cell the share of the rep's open deals the rule did not flag. */
  static String heatMap(Compliance matrix, List<RuleFlags> byRule, List<Integer> columns) {
    List<String> reps = matrix.reps();
    List<String> rules = matrix.rules();
    List<List<Double>> rates = matrix.rates();
    if (reps.isEmpty() || rules.isEmpty()) {
      return "<p class=\"empty\">No reps or no rules, so there is no compliance heat map.</p>";
    }
    if (columns.isEmpty()) {
      return "<p class=\"empty\">No rule flagged an open deal: every rep follows every rule.</p>";
    }
    Map<String, String> titles = new HashMap<>();
    for (RuleFlags r : byRule) {
      titles.put(r.rule(), text(r.title(), r.rule()));
    }
    int cellW = 58;
    int cellH = 24;
    int labelW = 170;
    int headH = 160;
    int width = Math.max(labelW + columns.size() * cellW + 110, labelW + 420);
    int height = headH + reps.size() * cellH + 56;
    StringBuilder s = svgOpen("heatmap", width, height, "Rep by rule compliance");
    for (int c = 0; c < columns.size(); c++) {
      String id = rules.get(columns.get(c));
      String title = titles.getOrDefault(id, id);
      double x = labelW + c * cellW + cellW / 2.0;
      s.append("<text class=\"label\" transform=\"translate(")
          .append(px(x + 4))
          .append(",")
          .append(headH - 8)
          .append(") rotate(-40)\"><title>")
          .append(esc(title + " (" + id + ")"))
          .append("</title>")
          .append(esc(cut(title, 34)))
          .append("</text>");
    }
    for (int i = 0; i < reps.size(); i++) {
      double y = headH + i * cellH;
      s.append("<text x=\"")
          .append(labelW - 8)
          .append("\" y=\"")
          .append(px(y + cellH / 2.0 + 4))
          .append("\" text-anchor=\"end\" class=\"label\">")
          .append(esc(cut(reps.get(i), 26)))
          .append("</text>");
      for (int c = 0; c < columns.size(); c++) {
        int j = columns.get(c);
        Double v = rates.get(i).get(j);
        String p = "rep_rule_compliance.rates[" + i + "][" + j + "]";
        double x = labelW + c * cellW;
        String fill = v != null ? color(v) : "#eef0f3";
        s.append("<rect class=\"cell\" x=\"")
            .append(px(x + 1))
            .append("\" y=\"")
            .append(px(y + 1))
            .append("\" width=\"")
            .append(cellW - 2)
            .append("\" height=\"")
            .append(cellH - 2)
            .append("\" fill=\"")
            .append(fill)
            .append("\"><title>")
            .append(esc(reps.get(i) + " · " + titles.getOrDefault(rules.get(j), rules.get(j))))
            .append("</title></rect>");
        s.append("<text x=\"")
            .append(px(x + cellW / 2.0))
            .append("\" y=\"")
            .append(px(y + cellH / 2.0 + 4))
            .append("\" text-anchor=\"middle\" class=\"cellv\" fill=\"")
            .append(v != null ? textOn(v) : GREY)
            .append("\">")
            .append(tnum(p, v))
            .append("</text>");
      }
    }
    double ly = headH + reps.size() * cellH + 18;
    s.append("<defs><linearGradient id=\"scale\">");
    for (int k = 0; k <= 4; k++) {
      s.append("<stop offset=\"")
          .append(k * 25)
          .append("%\" stop-color=\"")
          .append(color(k / 4.0))
          .append("\"/>");
    }
    s.append("</linearGradient></defs>");
    s.append("<text x=\"")
        .append(labelW - 8)
        .append("\" y=\"")
        .append(px(ly + 11))
        .append("\" text-anchor=\"end\" class=\"axis\">share not flagged</text>");
    s.append("<text x=\"")
        .append(labelW)
        .append("\" y=\"")
        .append(px(ly + 11))
        .append("\" class=\"axis\">0%</text>");
    s.append("<rect x=\"")
        .append(labelW + 26)
        .append("\" y=\"")
        .append(px(ly))
        .append("\" width=\"180\" height=\"14\"" + " fill=\"url(#scale)\" rx=\"2\"/>");
    s.append("<text x=\"")
        .append(labelW + 212)
        .append("\" y=\"")
        .append(px(ly + 11))
        .append("\" class=\"axis\">100%</text>");
    s.append("<rect x=\"")
        .append(labelW + 260)
        .append("\" y=\"")
        .append(px(ly))
        .append("\" width=\"14\" height=\"14\"" + " fill=\"#eef0f3\"/><text x=\"")
        .append(labelW + 280)
        .append("\" y=\"")
        .append(px(ly + 11))
        .append("\" class=\"axis\">— no open deals</text>");
    return s.append("</svg>").toString();
  }

  /**
   * A small forest plot of the difference in win rate, fired minus not fired, with its 95% CI on a
   * scale of ±{@code range}; green when the whole interval is above zero, red when below.
   */
  static String difference(RuleBacktest rule, double range) {
    Double lo = rule.diffCiLow();
    Double hi = rule.diffCiHigh();
    int w = 180;
    int h = 22;
    StringBuilder s =
        new StringBuilder(
            "<svg class=\"ci\" width=\""
                + w
                + "\" height=\""
                + h
                + "\" viewBox=\"0 0 "
                + w
                + " "
                + h
                + "\" role=\"img\" aria-label=\"difference in win rate with its confidence interval\">");
    s.append("<line x1=\"")
        .append(w / 2)
        .append("\" x2=\"")
        .append(w / 2)
        .append("\" y1=\"2\" y2=\"")
        .append(h - 2)
        .append("\" class=\"zero\"/>");
    if (lo != null && hi != null) {
      double x1 = scale(lo, range, w);
      double x2 = scale(hi, range, w);
      String c = lo > 0 ? "#1a9850" : hi < 0 ? "#d73027" : GREY;
      s.append("<line x1=\"")
          .append(px(x1))
          .append("\" x2=\"")
          .append(px(Math.max(x2, x1 + 1)))
          .append("\" y1=\"11\" y2=\"11\"" + " stroke=\"")
          .append(c)
          .append("\" stroke-width=\"3\" class=\"range\"/>");
      Double f = rule.fired().winRate();
      Double n = rule.notFired().winRate();
      if (f != null && n != null) {
        s.append("<circle cx=\"")
            .append(px(scale(f - n, range, w)))
            .append("\" cy=\"11\" r=\"4\"" + " fill=\"")
            .append(c)
            .append("\"/>");
      }
    }
    return s.append("</svg>").toString();
  }

  /** A win rate and its CI on a 0 to 100% scale, for the win-rate tables. */
  static String rateBar(WinRate row) {
    int w = 110;
    int h = 16;
    StringBuilder s =
        new StringBuilder(
            "<svg class=\"ci\" width=\""
                + w
                + "\" height=\""
                + h
                + "\" viewBox=\"0 0 "
                + w
                + " "
                + h
                + "\" role=\"img\" aria-label=\"win rate with its confidence interval\">");
    s.append("<rect x=\"0\" y=\"4\" width=\"")
        .append(w)
        .append("\" height=\"8\" fill=\"#eef0f3\" rx=\"2\"/>");
    Double rate = row.winRate();
    if (rate != null) {
      boolean small = row.smallSample();
      s.append("<rect x=\"0\" y=\"4\" width=\"")
          .append(px(Math.max(1, w * clamp01(rate))))
          .append("\" height=\"8\" rx=\"2\" fill=\"")
          .append(small ? MUTED : BLUE)
          .append("\"/>");
      Double lo = row.ciLow();
      Double hi = row.ciHigh();
      if (lo != null && hi != null) {
        double x1 = w * clamp01(lo);
        double x2 = w * clamp01(hi);
        s.append("<line x1=\"")
            .append(px(x1))
            .append("\" x2=\"")
            .append(px(x2))
            .append("\" y1=\"8\" y2=\"8\" stroke=\"")
            .append(INK)
            .append("\" stroke-width=\"1.5\"/>")
            .append("<line x1=\"")
            .append(px(x1))
            .append("\" x2=\"")
            .append(px(x1))
            .append("\" y1=\"3\" y2=\"13\" stroke=\"")
            .append(INK)
            .append("\"/><line x1=\"")
            .append(px(x2))
            .append("\" x2=\"")
            .append(px(x2))
            .append("\" y1=\"3\" y2=\"13\" stroke=\"")
            .append(INK)
            .append("\"/>");
      }
    }
    return s.append("</svg>").toString();
  }

  private static double scale(double v, double range, int w) {
    double c = Math.max(-range, Math.min(range, v));
    return 4 + (w - 8) * (c + range) / (2 * range);
  }

  private static String whisker(double cx, double y1, double y2, double cap) {
    return "<g class=\"whisker\" stroke=\""
        + INK
        + "\" stroke-width=\"1.5\">"
        + "<line x1=\""
        + px(cx)
        + "\" x2=\""
        + px(cx)
        + "\" y1=\""
        + px(y1)
        + "\" y2=\""
        + px(y2)
        + "\"/>"
        + "<line x1=\""
        + px(cx - cap / 2)
        + "\" x2=\""
        + px(cx + cap / 2)
        + "\" y1=\""
        + px(y1)
        + "\" y2=\""
        + px(y1)
        + "\"/>"
        + "<line x1=\""
        + px(cx - cap / 2)
        + "\" x2=\""
        + px(cx + cap / 2)
        + "\" y1=\""
        + px(y2)
        + "\" y2=\""
        + px(y2)
        + "\"/>"
        + "</g>";
  }

  private static StringBuilder svgOpen(String id, int width, int height, String label) {
    return new StringBuilder(
        "<svg id=\"chart-"
            + id
            + "\" class=\"chart\" width=\""
            + width
            + "\" height=\""
            + height
            + "\" viewBox=\"0 0 "
            + width
            + " "
            + height
            + "\" role=\"img\" aria-label=\""
            + esc(label)
            + "\" xmlns=\"http://www.w3.org/2000/svg\">");
  }

  private static double clamp01(double v) {
    return Math.max(0, Math.min(1, v));
  }

  /** Red through yellow to green, for shares from 0 to 1. */
  static String color(double v) {
    int[][] stops = {{215, 48, 39}, {252, 141, 89}, {254, 224, 139}, {145, 207, 96}, {26, 152, 80}};
    double t = clamp01(v) * (stops.length - 1);
    int k = Math.min(stops.length - 2, (int) Math.floor(t));
    double f = t - k;
    int r = (int) Math.round(stops[k][0] + (stops[k + 1][0] - stops[k][0]) * f);
    int g = (int) Math.round(stops[k][1] + (stops[k + 1][1] - stops[k][1]) * f);
    int b = (int) Math.round(stops[k][2] + (stops[k + 1][2] - stops[k][2]) * f);
    return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
  }

  private static String textOn(double v) {
    return v < 0.15 || v > 0.9 ? "#ffffff" : INK;
  }

  /** The cumulative incidence of winning (green) and losing (red) over days since creation. */
  static String incidence(List<dev.playbook.insights.Insights.CurvePoint> curve) {
    if (curve.isEmpty()) {
      return "<p class=\"empty\">No deal closed yet.</p>";
    }
    int width = 640;
    int height = 220;
    int left = 44;
    int bottom = 190;
    double maxDay = Math.max(1, curve.get(curve.size() - 1).day());
    StringBuilder won = new StringBuilder();
    StringBuilder lost = new StringBuilder();
    for (dev.playbook.insights.Insights.CurvePoint p : curve) {
      double x = left + (width - left - 10) * p.day() / maxDay;
      double yw = bottom - 170 * (p.won().value() == null ? 0 : p.won().value());
      double yl = bottom - 170 * (p.lost().value() == null ? 0 : p.lost().value());
      won.append(px(x)).append(',').append(px(yw)).append(' ');
      lost.append(px(x)).append(',').append(px(yl)).append(' ');
    }
    StringBuilder s =
        svgOpen("incidence", width, height, "Cumulative incidence of winning and losing");
    for (int pct = 0; pct <= 100; pct += 25) {
      double y = bottom - 170 * pct / 100.0;
      s.append("<line x1=\"")
          .append(left)
          .append("\" x2=\"")
          .append(width - 10)
          .append("\" y1=\"")
          .append(px(y))
          .append("\" y2=\"")
          .append(px(y))
          .append("\" class=\"grid\"/>")
          .append("<text x=\"")
          .append(left - 6)
          .append("\" y=\"")
          .append(px(y + 4))
          .append("\" text-anchor=\"end\">")
          .append(pct)
          .append("%</text>");
    }
    s.append("<polyline fill=\"none\" stroke=\"#15803d\" stroke-width=\"2\" points=\"")
        .append(won.toString().strip())
        .append("\"/>");
    s.append("<polyline fill=\"none\" stroke=\"#b91c1c\" stroke-width=\"2\" points=\"")
        .append(lost.toString().strip())
        .append("\"/>");
    s.append("<text x=\"")
        .append(left)
        .append("\" y=\"")
        .append(height - 8)
        .append("\">day 0</text>");
    s.append("<text x=\"")
        .append(width - 10)
        .append("\" y=\"")
        .append(height - 8)
        .append("\" text-anchor=\"end\">day ")
        .append((long) maxDay)
        .append("</text>");
    return s.append("</svg>").toString();
  }
}
