package dev.playbook.model;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A rep's response to a finding on this deal, written in the deal file's {@code feedback} list. It
 * names the finding by its stable id, or by the rule that found it (and the contact an action is
 * aimed at). Rules do not read it: it is input to the loop that shows or hides findings, not a fact
 * about the buyer.
 *
 * @param finding the finding's id, such as {@code a-3f9c0e2b7d41a6c8}; null when {@code rule} is
 *     given
 * @param rule the id of the rule whose findings it answers; null when {@code finding} is given
 * @param target with {@code rule}: the contact id of the action answered; null for any
 * @param response what the rep answered
 * @param reason a dismissal's reason (one of the playbook's dismissal reasons); null otherwise
 * @param note free text, or null
 * @param until a snooze's first day shown again; null otherwise
 * @param untilChanged a snooze's field that brings it back when it changes; null otherwise
 * @param by who answered
 * @param at when they answered
 */
public record Feedback(
    String finding,
    String rule,
    String target,
    FeedbackResponse response,
    String reason,
    String note,
    LocalDate until,
    WatchedField untilChanged,
    String by,
    Instant at) {

  /** The largest note kept, in characters. */
  public static final int MAX_NOTE_CHARS = 2000;

  public Feedback {
    checkArgument(
        (finding == null) != (rule == null),
        "feedback: give either a finding id or a rule, not %s",
        finding == null ? "neither" : "both");
    String what = "feedback on " + (finding != null ? finding : rule);
    checkArgument(finding == null || !finding.isBlank(), "%s: finding must not be blank", what);
    checkArgument(rule == null || !rule.isBlank(), "%s: rule must not be blank", what);
    checkArgument(target == null || rule != null, "%s: a target is given only with a rule", what);
    requireNonNull(response, () -> what + ": response must not be null");
    Checks.required(by, what + ": by");
    requireNonNull(at, () -> what + ": at must not be null");
    boolean snoozed = response == FeedbackResponse.SNOOZED;
    checkArgument(
        !snoozed || (until == null) != (untilChanged == null),
        "%s: a snooze gives either 'until' or 'until_changed'",
        what);
    checkArgument(
        snoozed || (until == null && untilChanged == null),
        "%s: 'until' and 'until_changed' are only for a snooze",
        what);
    checkArgument(
        response != FeedbackResponse.DISMISSED || (reason != null && !reason.isBlank()),
        "%s: a dismissal needs a reason",
        what);
    checkArgument(
        note == null || note.length() <= MAX_NOTE_CHARS,
        "%s: a note may hold at most %s characters",
        what,
        MAX_NOTE_CHARS);
  }
}
