package dev.playbook.streams;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The names of the topics the topology reads and writes. Every input topic is keyed by deal id and
 * must have the same number of partitions (the topology joins them in one state store per
 * partition).
 *
 * @param dealUpserts deal records in the deal file format; a null value (tombstone) deletes the
 *     deal
 * @param contacts one contact per record, added or replaced by contact id
 * @param activities one activity per record, added or replaced by activity id
 * @param nextSteps one next step per record, added or replaced by title
 * @param feedback one rep's response to a finding per record, in the format of a deal file's {@code
 *     feedback} item, kept with the deal and honoured from its next evaluation on
 * @param findings output: what changed in a deal's actions and gaps, and why
 * @param decisions output: one decision record ({@code playbook-decision/1}) per evaluation
 * @param deadLetters output: every input record that could not be used, with the reason
 */
public record Topics(
    String dealUpserts,
    String contacts,
    String activities,
    String nextSteps,
    String feedback,
    String findings,
    String decisions,
    String deadLetters) {

  public Topics {
    List<String> all =
        List.of(
            dealUpserts,
            contacts,
            activities,
            nextSteps,
            feedback,
            findings,
            decisions,
            deadLetters);
    Set<String> seen = new HashSet<>();
    for (String t : all) {
      checkArgument(t != null && !t.isBlank(), "topic names must not be blank, were %s", all);
      checkArgument(seen.add(t), "topic %s is named twice in %s", t, all);
    }
  }

  /**
   * {@code deal-upserts}, {@code deal-contacts}, {@code deal-activities}, {@code deal-next-steps},
   * {@code deal-feedback}, {@code deal-findings}, {@code deal-decisions}, {@code
   * deal-dead-letters}.
   */
  public static Topics defaults() {
    return withPrefix("");
  }

  /** The default names with {@code prefix} in front, such as {@code crm.} or {@code test-}. */
  public static Topics withPrefix(String prefix) {
    return new Topics(
        prefix + "deal-upserts",
        prefix + "deal-contacts",
        prefix + "deal-activities",
        prefix + "deal-next-steps",
        prefix + "deal-feedback",
        prefix + "deal-findings",
        prefix + "deal-decisions",
        prefix + "deal-dead-letters");
  }

  /** The five input topics. */
  public List<String> inputs() {
    return List.of(dealUpserts, contacts, activities, nextSteps, feedback);
  }

  /**
   * What kind of event a record read from {@code topic} is, or null for a topic that is no input.
   */
  EventKind kindOf(String topic) {
    if (dealUpserts.equals(topic)) {
      return EventKind.DEAL;
    }
    if (contacts.equals(topic)) {
      return EventKind.CONTACT;
    }
    if (activities.equals(topic)) {
      return EventKind.ACTIVITY;
    }
    if (nextSteps.equals(topic)) {
      return EventKind.NEXT_STEP;
    }
    if (feedback.equals(topic)) {
      return EventKind.FEEDBACK;
    }
    return null;
  }

  /** The kinds of input event. */
  enum EventKind {
    DEAL("deal"),
    CONTACT("contact"),
    ACTIVITY("activity"),
    NEXT_STEP("next_step"),
    FEEDBACK("feedback");

    final String id;

    EventKind(String id) {
      this.id = id;
    }
  }
}
