package dev.playbook.insights.loop;

import static java.util.Objects.requireNonNull;

/**
 * A decision as JSON, and back: the schema {@code playbook-decision/1} that {@link
 * JsonlDecisionLog} writes one line at a time and the streams topology writes to its decisions
 * topic ({@code docs/feedback-and-coaching.md} gives the fields).
 */
public final class Decisions {

  /** The schema's name, the value of every record's {@code schema} field. */
  public static final String SCHEMA = DecisionJson.SCHEMA;

  private Decisions() {}

  /** The decision as one line of JSON, without a line break. */
  public static String toJson(Decision decision) {
    return DecisionJson.write(requireNonNull(decision, "decision"));
  }

  /**
   * The decision in {@code json}.
   *
   * @throws IllegalArgumentException naming what is wrong, when it is not a decision
   */
  public static Decision fromJson(String json) {
    return DecisionJson.read(requireNonNull(json, "json"));
  }
}
