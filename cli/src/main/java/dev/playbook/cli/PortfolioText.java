package dev.playbook.cli;

import dev.playbook.insights.DealSource;
import dev.playbook.insights.Insights;
import dev.playbook.insights.PortfolioReport;
import dev.playbook.insights.PortfolioReport.Group;
import dev.playbook.insights.PortfolioReport.Input;
import dev.playbook.insights.PortfolioReport.RuleBacktest;
import dev.playbook.insights.PortfolioReport.Side;
import dev.playbook.insights.PortfolioReport.WinRate;
import dev.playbook.insights.stats.Warning;
import dev.playbook.result.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The text {@code report} and {@code backtest} print, written from the typed report. */
final class PortfolioText {

  private PortfolioText() {}

  /**
   * The headline figures of a report: deals, compliance, gaps, input, win rate by cycle, rules by
   * lift.
   */
  static String summary(PortfolioReport r) {
    Group t = r.totals();
    Input in = r.input();
    StringBuilder out = new StringBuilder();
    out.append("Playbook ")
        .append(r.playbook().id())
        .append(" (")
        .append(TextReport.count(r.playbook().rules(), "rule"))
        .append(") · as of ")
        .append(day(r.asOf().toString()))
        .append(" · ")
        .append(count(in.deals(), "deal"))
        .append(" from ")
        .append(count(in.files().size(), "file"))
        .append('\n');
    out.append("  Deals       ")
        .append(whole(t.open()))
        .append(" open, ")
        .append(whole(t.won()))
        .append(" won, ")
        .append(whole(t.lost()))
        .append(" lost");
    out.append(" · win rate ").append(percent(t.winRate()));
    out.append('\n');
    out.append("  Compliance  ")
        .append(percent(t.complianceRate()))
        .append(" of open deals have no gap of medium severity or worse · ")
        .append(count(t.openActions(), "open action"))
        .append(" · ")
        .append(whole(t.stalled()))
        .append(" stalled\n");
    List<String> gaps = new ArrayList<>();
    for (Severity s : Severity.values()) {
      gaps.add(whole(t.gapsBySeverity().get(s)) + " " + s.id());
    }
    out.append("  Gaps        ").append(String.join(", ", gaps)).append('\n');
    out.append("  Input       ")
        .append(count(in.rows(), "row"))
        .append(", ")
        .append(count(in.badRows(), "bad row"))
        .append(in.failedDeals() > 0 ? ", " + count(in.failedDeals(), "failed deal") : "")
        .append(in.skippedRows() > 0 ? ", " + whole(in.skippedRows()) + " skipped" : "")
        .append('\n');
    for (DealSource.ChildRows c : in.childTables()) {
      out.append("    ")
          .append(Visible.line(c.table()))
          .append(": ")
          .append(count(c.rows(), "row"))
          .append(" (")
          .append(whole(c.read()))
          .append(" read, ")
          .append(whole(c.skipped()))
          .append(" skipped, ")
          .append(whole(c.bad()))
          .append(" bad, ")
          .append(whole(c.orphaned()))
          .append(" naming no deal)\n");
    }
    Insights in2 = r.insights();
    if (!in2.warnings().isEmpty()) {
      out.append("Warnings: figures to read with care\n");
      for (Warning w : in2.warnings()) {
        out.append("  ! ").append(Visible.line(w.message())).append('\n');
      }
    }
    Insights.Survival all = in2.timeToWin().all();
    String survivalReason = in2.unreadable("time_to_win");
    if (survivalReason != null) {
      out.append("Time to win not shown: ").append(Visible.line(survivalReason)).append('\n');
    } else if (all.deals() > 0) {
      out.append("Time to win (open deals censored at the report date, loss a competing risk)\n");
      out.append("  Median      ").append(Visible.line(all.medianNote())).append('\n');
      for (int i = 0; i < all.wonWithin().size(); i++) {
        Insights.Interval x = all.wonWithin().get(i);
        out.append("  Won within ")
            .append(in2.timeToWin().wonWithinDays().get(i))
            .append(" days  ")
            .append(x.value() == null ? "— (the data do not reach that day)" : percent(x.value()))
            .append(
                x.low() == null
                    ? ""
                    : " (95% CI " + percent(x.low()) + " to " + percent(x.high()) + ")")
            .append('\n');
      }
    }
    List<WinRate> buckets = r.winRateByCycle();
    String cycleReason = in2.unreadable("win_rate_by_cycle");
    if (cycleReason != null) {
      out.append("Win rate by cycle length not shown: ")
          .append(Visible.line(cycleReason))
          .append('\n');
    } else if (!buckets.isEmpty()) {
      out.append("Win rate by cycle length (closed deals only; see time to win)\n");
      int width = 0;
      for (WinRate b : buckets) {
        width = Math.max(width, b.key().length());
      }
      for (WinRate b : buckets) {
        out.append("  ")
            .append(pad(b.key(), width))
            .append("  ")
            .append(padLeft(percent(b.winRate()), 6))
            .append("  ")
            .append(whole(b.won()))
            .append(" of ")
            .append(whole(b.closed()))
            .append(" won")
            .append(b.smallSample() ? " (small sample)" : "")
            .append('\n');
      }
    }
    Insights.LandmarkBacktest lb = in2.landmarks();
    if (lb != null) {
      landmarkHeadline(out, r, lb);
      return out.toString();
    }
    String reason = in2.unreadable("backtest");
    if (reason != null) {
      out.append("Rule lift not shown: ").append(Visible.line(reason)).append('\n');
      return out.toString();
    }
    List<RuleBacktest> ranked = byLift(r.backtest().rules());
    if (!ranked.isEmpty()) {
      int top = Math.min(3, ranked.size());
      int bottom = Math.min(3, ranked.size() - top);
      out.append("Rules with the highest lift (win rate when fired / when not)\n");
      for (RuleBacktest rule : ranked.subList(0, top)) {
        out.append(liftLine(rule));
      }
      if (bottom > 0) {
        out.append("Rules with the lowest lift\n");
        for (int i = ranked.size() - 1; i >= ranked.size() - bottom; i--) {
          out.append(liftLine(ranked.get(i)));
        }
      }
    }
    return out.toString();
  }

  private static void landmarkHeadline(
      StringBuilder out, PortfolioReport r, Insights.LandmarkBacktest lb) {
    String reason = r.insights().unreadable("landmark_backtest");
    if (reason != null) {
      out.append("Rule effects not shown: ").append(Visible.line(reason)).append('\n');
      return;
    }
    List<Insights.LandmarkRule> loses = new ArrayList<>();
    List<Insights.LandmarkRule> wins = new ArrayList<>();
    for (Insights.LandmarkRule rule : lb.rules()) {
      if (rule.reading().equals("loses-more")) {
        loses.add(rule);
      } else if (rule.reading().equals("wins-more")) {
        wins.add(rule);
      }
    }
    Comparator<Insights.LandmarkRule> byEffect =
        Comparator.comparingDouble((Insights.LandmarkRule x) -> x.pooled().difference().value())
            .thenComparing(Insights.LandmarkRule::rule);
    loses.sort(byEffect);
    wins.sort(byEffect.reversed());
    out.append(
        "Rules whose flag goes with losing (landmark backtest, stratified by stage and segment)\n");
    if (loses.isEmpty()) {
      out.append("  none: no rule's interval lies below zero\n");
    }
    for (Insights.LandmarkRule rule : loses.subList(0, Math.min(3, loses.size()))) {
      out.append(effectLine(rule));
    }
    if (!wins.isEmpty()) {
      out.append("Rules whose flag goes with winning\n");
      for (Insights.LandmarkRule rule : wins.subList(0, Math.min(3, wins.size()))) {
        out.append(effectLine(rule));
      }
    }
  }

  private static String effectLine(Insights.LandmarkRule rule) {
    Insights.Interval d = rule.pooled().difference();
    return "  "
        + padLeft(points(d.value()), 6)
        + " pp  (95% CI "
        + points(d.low())
        + " to "
        + points(d.high())
        + ")  "
        + rule.rule()
        + '\n';
  }

  private static String liftLine(RuleBacktest rule) {
    return "  "
        + padLeft(lift(rule.lift()), 6)
        + "  "
        + rule.rule()
        + (rule.smallSample() ? " (small sample)" : "")
        + '\n';
  }

  /** The rules that have a lift, highest first; ties by rule id. */
  static List<RuleBacktest> byLift(List<RuleBacktest> rules) {
    List<RuleBacktest> ranked = new ArrayList<>();
    for (RuleBacktest rule : rules) {
      if (rule.lift() != null) {
        ranked.add(rule);
      }
    }
    ranked.sort(
        Comparator.comparingDouble((RuleBacktest rule) -> -rule.lift())
            .thenComparing(RuleBacktest::rule));
    return ranked;
  }

  /** The backtest as a table: every rule, those with a lift first, highest first. */
  static String backtest(PortfolioReport r) {
    PortfolioReport.Backtest bt = r.backtest();
    List<RuleBacktest> rules = byLift(bt.rules());
    for (RuleBacktest rule : bt.rules()) {
      if (rule.lift() == null) {
        rules.add(rule);
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("Backtest of playbook ")
        .append(r.playbook().id())
        .append(" on ")
        .append(count(bt.deals(), "closed deal"));
    if (bt.skipped() > 0) {
      out.append(" (").append(whole(bt.skipped())).append(" skipped: no close date)");
    }
    out.append('\n');
    int width = "rule".length();
    for (RuleBacktest rule : rules) {
      width = Math.max(width, rule.rule().length());
    }
    out.append(pad("rule", width))
        .append("  fired: won/closed  rate    not fired: won/closed  rate    lift    ")
        .append("difference, 95% CI\n");
    for (RuleBacktest rule : rules) {
      Side f = rule.fired();
      Side n = rule.notFired();
      String ci =
          rule.diffCiLow() != null
              ? points(rule.diffCiLow()) + " to " + points(rule.diffCiHigh()) + " pp"
              : "—";
      out.append(pad(rule.rule(), width))
          .append("  ")
          .append(padLeft(whole(f.won()) + "/" + whole(f.closed()), 17))
          .append("  ")
          .append(padLeft(percent(f.winRate()), 6))
          .append("  ")
          .append(padLeft(whole(n.won()) + "/" + whole(n.closed()), 21))
          .append("  ")
          .append(padLeft(percent(n.winRate()), 6))
          .append("  ")
          .append(padLeft(lift(rule.lift()), 6))
          .append("  ")
          .append(ci)
          .append(rule.smallSample() ? "  small sample" : "")
          .append('\n');
    }
    out.append(
            "Lift: the win rate when the rule fired divided by the win rate when it did not. Small sample:")
        .append(" fewer than 30 closed deals on one side.\n");
    out.append(bt.asOfMethod()).append('\n');
    String reason = r.insights().unreadable("backtest");
    if (reason != null) {
      out.append("Not interpretable: ").append(Visible.line(reason)).append('\n');
    }
    Insights.LandmarkBacktest lb = r.insights().landmarks();
    if (lb != null) {
      landmarkTable(out, r, lb);
    }
    return out.toString();
  }

  private static void landmarkTable(
      StringBuilder out, PortfolioReport r, Insights.LandmarkBacktest lb) {
    out.append("\nLandmark backtest (no look-ahead): at ages ");
    List<String> ages = new ArrayList<>();
    for (int i = 0; i < lb.landmarks().size(); i++) {
      ages.add(
          lb.landmarks().get(i)
              + " days ("
              + whole(lb.atRisk().get(i))
              + " open then, "
              + whole(lb.unresolved().get(i))
              + " unresolved)");
    }
    out.append(String.join(", ", ages)).append('\n');
    String reason = r.insights().unreadable("landmark_backtest");
    if (reason != null) {
      out.append("Not interpretable: ").append(Visible.line(reason)).append('\n');
      return;
    }
    int width = "rule".length();
    for (Insights.LandmarkRule rule : lb.rules()) {
      width = Math.max(width, rule.rule().length());
    }
    out.append(pad("rule", width)).append("  flagged: won/deals  not flagged: won/deals  ");
    out.append("crude pp  stratified pp, 95% CI       reading\n");
    for (Insights.LandmarkRule rule : lb.rules()) {
      Insights.LandmarkEffect e = rule.pooled();
      Insights.Interval d = e.difference();
      String ci =
          d.low() == null
              ? "—"
              : points(d.value()) + " (" + points(d.low()) + " to " + points(d.high()) + ")";
      out.append(pad(rule.rule(), width))
          .append("  ")
          .append(padLeft(whole(e.flaggedWon()) + "/" + whole(e.flagged()), 18))
          .append("  ")
          .append(padLeft(whole(e.unflaggedWon()) + "/" + whole(e.unflagged()), 22))
          .append("  ")
          .append(padLeft(points(e.crude().value()), 8))
          .append("  ")
          .append(pad(ci, 27))
          .append("  ")
          .append(rule.reading())
          .append('\n');
    }
    out.append(lb.method()).append('\n');
  }

  static String count(long n, String noun) {
    return whole(n) + " " + noun + (n == 1 ? "" : "s");
  }

  static String count(int n, String noun) {
    return TextReport.count(n, noun);
  }

  static String whole(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String percent(Double n) {
    return n != null ? String.format(Locale.ROOT, "%.1f%%", n * 100) : "—";
  }

  static String lift(Double n) {
    return n != null ? String.format(Locale.ROOT, "%.2f×", n) : "—";
  }

  static String points(Double n) {
    if (n == null) {
      return "—";
    }
    String s = String.format(Locale.ROOT, "%+.1f", n * 100);
    return s.equals("+0.0") || s.equals("-0.0") ? "0.0" : s;
  }

  static String day(String instant) {
    return instant.endsWith("T00:00:00Z")
        ? instant.substring(0, instant.length() - "T00:00:00Z".length())
        : instant;
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  private static String padLeft(String s, int width) {
    return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
  }
}
