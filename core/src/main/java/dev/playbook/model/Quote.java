package dev.playbook.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A sentence said in a conversation, and where it is: the proof of a fact the engine found in a
 * call, meeting or e-mail.
 *
 * @param activityId the activity the conversation belongs to
 * @param type the activity's type, such as {@code call}
 * @param startedAt when the conversation started, with its local offset; null when unknown
 * @param offset how far into the conversation the sentence was said; null without times
 * @param speaker the speaker as the transcript names them
 * @param party {@code rep} or {@code buyer}
 * @param text the sentence
 */
public record Quote(
    String activityId,
    ActivityType type,
    OffsetDateTime startedAt,
    Duration offset,
    String speaker,
    String party,
    String text) {

  private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  public Quote {
    Checks.required(activityId, "quote activity id");
    requireNonNull(type, "quote type");
    requireNonNull(speaker, "quote speaker");
    Checks.required(party, "quote party");
    requireNonNull(text, "quote text");
  }

  /** When the sentence was said, or when the conversation started; null when neither is known. */
  public Instant at() {
    if (startedAt == null) {
      return null;
    }
    return offset == null ? startedAt.toInstant() : startedAt.toInstant().plus(offset);
  }

  /**
   * The quote on one line: {@code call 2026-11-17 15:00, 12:41, Daniel Reed (buyer): "what would
   * this cost?"}; the date and the offset are left out when unknown.
   */
  public String line() {
    StringBuilder b = new StringBuilder(type.id());
    if (startedAt != null) {
      b.append(' ').append(DAY_TIME.format(startedAt));
    }
    if (offset != null) {
      b.append(", ").append(offset(offset));
    }
    b.append(", ").append(speaker).append(" (").append(party).append("): \"").append(text);
    return b.append('"').toString();
  }

  /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
  static String offset(Duration d) {
    long s = Math.max(0, d.getSeconds());
    long h = s / 3600;
    long m = (s % 3600) / 60;
    long sec = s % 60;
    return h > 0 ? String.format("%d:%02d:%02d", h, m, sec) : String.format("%d:%02d", m, sec);
  }
}
