package dev.playbook.result;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Why a rule fired or did not fire on one deal: each part of its condition joined by {@code and},
 * {@code or} or {@code not}, with its value on the deal and the facts it read.
 *
 * @param rule the rule id
 * @param title the rule's title (English, or its first language)
 * @param fired whether the rule fired
 * @param condition the condition as written
 * @param parts each part, in the order written
 * @param provenance the rule's file and line
 */
public record Explanation(
    String rule,
    String title,
    boolean fired,
    String condition,
    List<Part> parts,
    Provenance provenance) {

  public Explanation {
    requireNonNull(rule, "rule");
    requireNonNull(title, "title");
    requireNonNull(condition, "condition");
    parts = List.copyOf(parts);
    requireNonNull(provenance, "provenance");
  }

  /**
   * One part of a condition: e.g. text {@code stage >= proposal}, value {@code true}, detail {@code
   * stage = negotiation}. The value is {@code true}, {@code false}, {@code unknown} (a missing
   * value was involved), or a number or date for a part that is not true/false.
   */
  public record Part(String text, String value, String detail) {
    public Part {
      requireNonNull(text, "text");
      requireNonNull(value, "value");
      requireNonNull(detail, "detail");
    }

    /** {@code stage >= proposal: true (stage = negotiation)}. */
    public String render() {
      return text + ": " + value + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
  }
}
