package dev.playbook.reliability;

import java.util.List;

/**
 * Writes playbook YAML around conditions that come from elsewhere (fuzz data, generators): the
 * {@link Fixtures#HEADER} and one rule per condition. Each condition is written in one of the YAML
 * scalar styles (plain, single-quoted, double-quoted, literal block, folded block), so that the
 * loader's position mapping is exercised for all of them.
 */
final class GeneratedPlaybook {

  private GeneratedPlaybook() {}

  enum Style {
    PLAIN,
    SINGLE,
    DOUBLE,
    LITERAL,
    FOLDED
  }

  /**
   * A playbook whose rule {@code gen.r<i>} has condition {@code conditions.get(i)}; every third
   * condition is also used as a message placeholder, every third as an action target, and the last
   * one as an exit criterion of a key node.
   */
  static String withConditions(List<String> conditions) {
    StringBuilder y = new StringBuilder(Fixtures.HEADER);
    if (conditions.size() > 1) {
      String last = conditions.get(conditions.size() - 1);
      y.append(
          "key_nodes:\n  - id: priced\n    stage: proposal\n    title: Priced\n    exit_criteria:\n");
      y.append("      - id: c\n        title: Criterion\n        when: ");
      scalar(y, last, style(conditions.size() - 1, last), 10);
    }
    y.append("rules:\n");
    for (int i = 0; i < conditions.size(); i++) {
      String c = conditions.get(i);
      y.append("  - id: gen.r").append(i).append('\n');
      y.append("    title: Rule ").append(i).append('\n');
      y.append("    when: ");
      scalar(y, c, style(i, c), 6);
      y.append("    gap:\n      severity: ").append(i % 2 == 0 ? "high" : "low").append('\n');
      y.append("      message: ");
      if (i % 3 == 1) {
        scalar(y, "{" + c + "} on {deal.name}", Style.DOUBLE, 8);
      } else {
        y.append("\"{deal.name} at {stage}\"\n");
      }
      if (i % 3 == 2) {
        y.append("    action:\n      title: \"Act on {account}\"\n      priority: ")
            .append(i % 101)
            .append("\n      due: 2bd\n      talk_track: intro\n      target: ");
        scalar(y, c, style(i + 1, c), 8);
      }
    }
    return y.toString();
  }

  /**
   * One rule per condition, in rule-file form, for the differential and determinism runs. A rule's
   * severity, action and methodology element follow from the number in its id, so the same id gives
   * the same rule in whichever file and position it is written.
   */
  static String rules(List<String> ids, List<String> conditions) {
    StringBuilder y = new StringBuilder("rules:\n");
    for (int i = 0; i < conditions.size(); i++) {
      String digits = ids.get(i).replaceAll("\\D+", "");
      int k = digits.isEmpty() ? i : Integer.parseInt(digits);
      y.append("  - id: ").append(ids.get(i)).append('\n');
      y.append("    when: ");
      scalar(y, conditions.get(i), Style.DOUBLE, 6);
      if (k % 3 == 1) {
        y.append("    methodology: meddic\n    element: ")
            .append(List.of("metrics", "economic_buyer", "champion", "identify_pain").get(k % 4))
            .append('\n');
      }
      y.append("    gap: { severity: ")
          .append(List.of("critical", "high", "medium", "low", "info").get(k % 5))
          .append(", message: \"")
          .append(ids.get(i))
          .append(" on {deal.id}\" }\n");
      if (k % 2 == 0) {
        y.append("    action: { title: \"Act ")
            .append(k % 7)
            .append("\", priority: ")
            .append((k * 37) % 101)
            .append(", due: ")
            .append(k % 3 == 0 ? "2bd" : "1w")
            .append(", target: \"power >= medium\" }\n");
      }
    }
    return y.toString();
  }

  static Style style(int index, String text) {
    return Style.values()[Math.floorMod(index + text.length(), Style.values().length)];
  }

  /**
   * Appends {@code text} as a YAML scalar in {@code style}, ending the line; block content is
   * indented.
   */
  static void scalar(StringBuilder y, String text, Style style, int indent) {
    switch (style) {
      case PLAIN -> y.append(text).append('\n');
      case SINGLE -> y.append('\'').append(text.replace("'", "''")).append("'\n");
      case DOUBLE -> y.append(doubleQuoted(text)).append('\n');
      case LITERAL, FOLDED -> {
        y.append(style == Style.LITERAL ? "|-" : ">-").append('\n');
        for (String line : text.split("\n", -1)) {
          y.append(" ".repeat(indent)).append(line).append('\n');
        }
      }
    }
  }

  /** A YAML double-quoted scalar holding exactly {@code text}. */
  static String doubleQuoted(String text) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        sb.append("\\\\");
      } else if (c == '"') {
        sb.append("\\\"");
      } else if (c < 0x20
          || (c >= 0x7f && c <= 0x9f)
          || c == '\u2028'
          || c == '\u2029'
          || c == '\uFEFF'
          || c == '\uFFFE'
          || c == '\uFFFF') {
        sb.append(String.format("\\u%04X", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
