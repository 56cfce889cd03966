package dev.playbook.insights.loop;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.playbook.model.FeedbackResponse;
import dev.playbook.model.WatchedField;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * A rep's response to one finding: a fact that later evaluations honour.
 *
 * @param finding the finding's stable id ({@link Finding#id})
 * @param dealId the deal the finding is about
 * @param response what the rep answered
 * @param reason a dismissal's reason, one of the playbook's {@code dismiss_reasons}; else null
 * @param note free text, or null
 * @param until the first day a snoozed finding shows again; null for other responses and for a
 *     snooze until a field changes
 * @param by who answered
 * @param at when they answered
 * @param untilChanged the deal field whose change brings a snoozed finding back; null for other
 *     responses and for a snooze until a date
 */
public record Feedback(
    String finding,
    String dealId,
    Response response,
    String reason,
    String note,
    LocalDate until,
    String by,
    Instant at,
    WatchedField untilChanged) {

  /** The responses a rep can give. */
  public enum Response {
    /** The rep did what the action asked; hidden until the deal changes. */
    DONE,
    /** The rep says the finding is wrong or does not apply; hidden until the deal changes. */
    DISMISSED,
    /** Not now: hidden until a date, or until a named field of the deal changes. */
    SNOOZED,
    /** The rep agrees and will do it; the finding stays shown. */
    ACCEPTED;

    /** The lowercase name used in files. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A response with no {@code untilChanged}: a snooze waits for its date. */
  public Feedback(
      String finding,
      String dealId,
      Response response,
      String reason,
      String note,
      LocalDate until,
      String by,
      Instant at) {
    this(finding, dealId, response, reason, note, until, by, at, null);
  }

  /** The response of this name in the deal file's terms. */
  static Response of(FeedbackResponse r) {
    return Response.valueOf(r.name());
  }

  public Feedback {
    requireNonNull(finding, "finding");
    requireNonNull(dealId, "dealId");
    requireNonNull(response, "response");
    requireNonNull(by, "by");
    requireNonNull(at, "at");
    checkArgument(
        response == Response.SNOOZED ? (until == null) != (untilChanged == null) : until == null,
        "feedback on %s: a date 'until' is given exactly when it is snoozed",
        finding);
    checkArgument(
        untilChanged == null || response == Response.SNOOZED,
        "feedback on %s: 'until_changed' is only for a snooze",
        finding);
    checkArgument(
        response != Response.DISMISSED || reason != null,
        "feedback on %s: a dismissal needs a reason",
        finding);
  }
}
