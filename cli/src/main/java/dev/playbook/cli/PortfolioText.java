package dev.playbook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The text {@code report} and {@code backtest} print, written from the report JSON. */
final class PortfolioText {

  private static final String[] SEVERITIES = {"critical", "high", "medium", "low", "info"};

  private PortfolioText() {}

  /** The headline figures of a report: deals, compliance, gaps, input, win rate by cycle, rules by lift. */
  static String summary(JsonNode r) {
    JsonNode t = r.path("totals");
    JsonNode in = r.path("input");
    StringBuilder out = new StringBuilder();
    out.append("Playbook ").append(r.path("playbook").path("id").asText()).append(" (")
        .append(TextReport.count(r.path("playbook").path("rules").asInt(), "rule")).append(") · as of ")
        .append(day(r.path("as_of").asText())).append(" · ").append(count(in.path("deals"), "deal")).append(" from ")
        .append(count(in.path("files").size(), "file")).append('\n');
    out.append("  Deals       ").append(whole(t.path("open"))).append(" open, ").append(whole(t.path("won")))
        .append(" won, ").append(whole(t.path("lost"))).append(" lost");
    if (t.has("win_rate")) {
      out.append(" · win rate ").append(percent(t.path("win_rate")));
    }
    out.append('\n');
    out.append("  Compliance  ").append(percent(t.path("compliance_rate")))
        .append(" of open deals have no gap of medium severity or worse · ")
        .append(count(t.path("open_actions"), "open action")).append(" · ").append(whole(t.path("stalled")))
        .append(" stalled\n");
    List<String> gaps = new ArrayList<>();
    for (String s : SEVERITIES) {
      gaps.add(whole(t.path("gaps_by_severity").path(s)) + " " + s);
    }
    out.append("  Gaps        ").append(String.join(", ", gaps)).append('\n');
    out.append("  Input       ").append(count(in.path("rows"), "row")).append(", ")
        .append(count(in.path("bad_rows"), "bad row"))
        .append(in.path("failed_deals").asLong() > 0 ? ", " + count(in.path("failed_deals"), "failed deal") : "")
        .append('\n');
    JsonNode buckets = r.path("win_rate_by_cycle");
    if (buckets.size() > 0) {
      out.append("Win rate by cycle length\n");
      int width = 0;
      for (JsonNode b : buckets) {
        width = Math.max(width, b.path("bucket").asText().length());
      }
      for (JsonNode b : buckets) {
        out.append("  ").append(pad(b.path("bucket").asText(), width)).append("  ")
            .append(padLeft(percent(b.path("win_rate")), 6)).append("  ").append(whole(b.path("won"))).append(" of ")
            .append(whole(b.path("closed"))).append(" won")
            .append(b.path("small_sample").asBoolean() ? " (small sample)" : "").append('\n');
      }
    }
    List<JsonNode> ranked = byLift(r.path("backtest").path("rules"));
    if (!ranked.isEmpty()) {
      int top = Math.min(3, ranked.size());
      int bottom = Math.min(3, ranked.size() - top);
      out.append("Rules with the highest lift (win rate when fired / when not)\n");
      for (JsonNode rule : ranked.subList(0, top)) {
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

  private static String liftLine(JsonNode rule) {
    return "  " + padLeft(lift(rule.path("lift")), 6) + "  " + rule.path("rule").asText()
        + (rule.path("small_sample").asBoolean() ? " (small sample)" : "") + '\n';
  }

  /** The rules that have a lift, highest first; ties by rule id. */
  static List<JsonNode> byLift(JsonNode rules) {
    List<JsonNode> ranked = new ArrayList<>();
    rules.forEach(rule -> {
      if (rule.path("lift").isNumber()) {
        ranked.add(rule);
      }
    });
    ranked.sort(Comparator.comparingDouble((JsonNode rule) -> -rule.path("lift").asDouble())
        .thenComparing(rule -> rule.path("rule").asText()));
    return ranked;
  }

  /** The backtest as a table: every rule, those with a lift first, highest first. */
  static String backtest(JsonNode r) {
    JsonNode bt = r.path("backtest");
    List<JsonNode> rules = byLift(bt.path("rules"));
    bt.path("rules").forEach(rule -> {
      if (!rule.path("lift").isNumber()) {
        rules.add(rule);
      }
    });
    StringBuilder out = new StringBuilder();
    out.append("Backtest of playbook ").append(r.path("playbook").path("id").asText()).append(" on ")
        .append(count(bt.path("deals"), "closed deal"));
    if (bt.path("skipped").asLong() > 0) {
      out.append(" (").append(whole(bt.path("skipped"))).append(" skipped: no close date)");
    }
    out.append('\n');
    int width = "rule".length();
    for (JsonNode rule : rules) {
      width = Math.max(width, rule.path("rule").asText().length());
    }
    out.append(pad("rule", width)).append("  fired: won/closed  rate    not fired: won/closed  rate    lift    ")
        .append("difference, 95% CI\n");
    for (JsonNode rule : rules) {
      JsonNode f = rule.path("fired");
      JsonNode n = rule.path("not_fired");
      String ci = rule.path("diff_ci_low").isNumber()
          ? points(rule.path("diff_ci_low")) + " to " + points(rule.path("diff_ci_high")) + " pp" : "—";
      out.append(pad(rule.path("rule").asText(), width)).append("  ")
          .append(padLeft(whole(f.path("won")) + "/" + whole(f.path("closed")), 17)).append("  ")
          .append(padLeft(percent(f.path("win_rate")), 6)).append("  ")
          .append(padLeft(whole(n.path("won")) + "/" + whole(n.path("closed")), 21)).append("  ")
          .append(padLeft(percent(n.path("win_rate")), 6)).append("  ")
          .append(padLeft(lift(rule.path("lift")), 6)).append("  ").append(ci)
          .append(rule.path("small_sample").asBoolean() ? "  small sample" : "").append('\n');
    }
    out.append("Lift: the win rate when the rule fired divided by the win rate when it did not. Small sample:")
        .append(" fewer than 30 closed deals on one side.\n");
    out.append(bt.path("as_of_method").asText()).append('\n');
    return out.toString();
  }

  static String count(JsonNode n, String noun) {
    return whole(n) + " " + noun + (n.asLong() == 1 ? "" : "s");
  }

  static String count(int n, String noun) {
    return TextReport.count(n, noun);
  }

  static String whole(JsonNode n) {
    return n.isNumber() ? String.format(Locale.ROOT, "%,d", n.asLong()) : "—";
  }

  static String percent(JsonNode n) {
    return n.isNumber() ? String.format(Locale.ROOT, "%.1f%%", n.asDouble() * 100) : "—";
  }

  static String lift(JsonNode n) {
    return n.isNumber() ? String.format(Locale.ROOT, "%.2f×", n.asDouble()) : "—";
  }

  static String points(JsonNode n) {
    String s = String.format(Locale.ROOT, "%+.1f", n.asDouble() * 100);
    return s.equals("+0.0") || s.equals("-0.0") ? "0.0" : s;
  }

  static String day(String instant) {
    return instant.endsWith("T00:00:00Z") ? instant.substring(0, instant.length() - "T00:00:00Z".length()) : instant;
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  private static String padLeft(String s, int width) {
    return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
  }
}
