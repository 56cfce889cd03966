package dev.playbook.cli;

import dev.playbook.insights.PortfolioReport;
import dev.playbook.insights.PortfolioReport.Group;
import dev.playbook.insights.PortfolioReport.Input;
import dev.playbook.insights.PortfolioReport.RuleBacktest;
import dev.playbook.insights.PortfolioReport.Side;
import dev.playbook.insights.PortfolioReport.WinRate;
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
        .append('\n');
    List<WinRate> buckets = r.winRateByCycle();
    if (!buckets.isEmpty()) {
      out.append("Win rate by cycle length\n");
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
    return out.toString();
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
