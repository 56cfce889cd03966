package dev.playbook.insights.loop;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

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
 * @param until the first day a snoozed finding shows again; null for other responses
 * @param by who answered
 * @param at when they answered
 */
public record Feedback(
    String finding,
    String dealId,
    Response response,
    String reason,
    String note,
    LocalDate until,
    String by,
    Instant at) {

  /** The responses a rep can give. */
  public enum Response {
    /** The rep did what the action asked; hidden until the deal changes. */
    DONE,
    /** The rep says the finding is wrong or does not apply; hidden until the deal changes. */
    DISMISSED,
    /** Not now: hidden until a date. */
    SNOOZED,
    /** The rep agrees and will do it; the finding stays shown. */
    ACCEPTED;

    /** The lowercase name used in files. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Feedback {
    requireNonNull(finding, "finding");
    requireNonNull(dealId, "dealId");
    requireNonNull(response, "response");
    requireNonNull(by, "by");
    requireNonNull(at, "at");
    checkArgument(
        (response == Response.SNOOZED) == (until != null),
        "feedback on %s: a date 'until' is given exactly when it is snoozed",
        finding);
    checkArgument(
        response != Response.DISMISSED || reason != null,
        "feedback on %s: a dismissal needs a reason",
        finding);
  }
}
