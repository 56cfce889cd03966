package dev.playbook.insights.report;

import java.util.Locale;

/** Small helpers to write HTML and SVG text safely. */
final class Html {

  private Html() {}

  /** {@code text} with the characters that mean something in HTML escaped. */
  static String esc(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** {@code text}, or {@code fallback} when it is null. */
  static String text(String text, String fallback) {
    return text == null ? fallback : text;
  }

  /**
   * A number of the report in a {@code span} that names its JSON path, so that the page can be
   * compared with the JSON: {@code <span class="num" data-key="totals.won">480</span>}.
   */
  static String num(String path, Number value) {
    return "<span class=\"num\" data-key=\""
        + esc(path)
        + "\">"
        + esc(Figures.format(path, value))
        + "</span>";
  }

  /** The same inside SVG text: a {@code tspan}. */
  static String tnum(String path, Number value) {
    return "<tspan data-key=\"" + esc(path) + "\">" + esc(Figures.format(path, value)) + "</tspan>";
  }

  /** A coordinate or length for SVG, with at most one decimal. */
  static String px(double v) {
    long whole = Math.round(v);
    return Math.abs(v - whole) < 0.05
        ? Long.toString(whole)
        : String.format(Locale.ROOT, "%.1f", v);
  }

  /**
   * The sort value of a number for the sortable tables: the number as JSON writes it, or empty for
   * null.
   */
  static String sortValue(Number value) {
    return value == null ? "" : value.toString();
  }

  /** {@code s} cut to {@code max} characters with an ellipsis. */
  static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
