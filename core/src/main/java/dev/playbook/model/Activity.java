package dev.playbook.model;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A call, email, meeting, demo, note or task on a deal.
 *
 * @param id unique within the deal
 * @param type what kind of activity it was
 * @param direction who started it, or null if not recorded
 * @param occurredAt when it happened
 * @param contactIds the ids of the deal's contacts it involved; never null
 * @param outcome what it led to, or null if not recorded
 * @param tags free labels such as {@code reframe}, in the order given; never null
 * @param counts named counts such as {@code implication_questions}, zero or more; never null
 * @param durationMinutes length in whole minutes, or null
 * @param subject the subject or title as the CRM recorded it, or null; at most {@value
 *     #MAX_SUBJECT_LENGTH} characters
 * @param body the text of the e-mail, note, call notes or task description, or null; at most
 *     {@value #MAX_BODY_LENGTH} characters. It is kept as written, for analysis such as tracker
 *     hits; conditions do not read it
 * @param signals what the analysis of its transcript or e-mail found, or null if it was not
 *     analysed
 */
public record Activity(
    String id,
    ActivityType type,
    Direction direction,
    Instant occurredAt,
    List<String> contactIds,
    Outcome outcome,
    Set<String> tags,
    Map<String, BigDecimal> counts,
    Integer durationMinutes,
    String subject,
    String body,
    Signals signals) {

  /** The most characters a subject may have. */
  public static final int MAX_SUBJECT_LENGTH = 1_000;

  /** The most characters a body may have; the same as any value of a deal file. */
  public static final int MAX_BODY_LENGTH = 100_000;

  public Activity {
    Checks.required(id, "activity id");
    requireNonNull(type, () -> "activity " + id + ": type must not be null");
    requireNonNull(occurredAt, () -> "activity " + id + ": occurred_at must not be null");
    contactIds = Checks.list(contactIds, "activity " + id + " contacts");
    tags = Checks.set(tags, "activity " + id + " tags");
    counts = Checks.map(counts, "activity " + id + " counts");
    for (Map.Entry<String, BigDecimal> count : counts.entrySet()) {
      checkArgument(
          count.getValue().signum() >= 0,
          "activity %s: count %s is %s, must not be negative",
          id,
          count.getKey(),
          count.getValue());
    }
    checkArgument(
        durationMinutes == null || durationMinutes >= 0,
        "activity %s: duration_minutes %s must not be negative",
        id,
        durationMinutes);
    checkArgument(
        subject == null || subject.length() <= MAX_SUBJECT_LENGTH,
        "activity %s: subject has %s characters, more than the %s allowed",
        id,
        subject == null ? 0 : subject.length(),
        MAX_SUBJECT_LENGTH);
    checkArgument(
        body == null || body.length() <= MAX_BODY_LENGTH,
        "activity %s: body has %s characters, more than the %s allowed",
        id,
        body == null ? 0 : body.length(),
        MAX_BODY_LENGTH);
  }

  /** An activity without subject or body. */
  public Activity(
      String id,
      ActivityType type,
      Direction direction,
      Instant occurredAt,
      List<String> contactIds,
      Outcome outcome,
      Set<String> tags,
      Map<String, BigDecimal> counts,
      Integer durationMinutes,
      Signals signals) {
    this(
        id,
        type,
        direction,
        occurredAt,
        contactIds,
        outcome,
        tags,
        counts,
        durationMinutes,
        null,
        null,
        signals);
  }

  /** An activity without subject or body that was not analysed. */
  public Activity(
      String id,
      ActivityType type,
      Direction direction,
      Instant occurredAt,
      List<String> contactIds,
      Outcome outcome,
      Set<String> tags,
      Map<String, BigDecimal> counts,
      Integer durationMinutes) {
    this(
        id,
        type,
        direction,
        occurredAt,
        contactIds,
        outcome,
        tags,
        counts,
        durationMinutes,
        null,
        null,
        null);
  }

  /** A builder holding this activity's values, to make a changed copy. */
  public Builder toBuilder() {
    return new Builder(id, type, occurredAt)
        .direction(direction)
        .contactIds(contactIds)
        .outcome(outcome)
        .tags(new LinkedHashSet<>(tags))
        .counts(new LinkedHashMap<>(counts))
        .durationMinutes(durationMinutes)
        .subject(subject)
        .body(body)
        .signals(signals);
  }

  public static Builder builder(String id, ActivityType type, Instant occurredAt) {
    return new Builder(id, type, occurredAt);
  }

  /** Builds an {@link Activity}; everything but id, type and time is optional. */
  public static final class Builder {
    private final String id;
    private final ActivityType type;
    private final Instant occurredAt;
    private Direction direction;
    private List<String> contactIds = List.of();
    private Outcome outcome;
    private Set<String> tags = new LinkedHashSet<>();
    private Map<String, BigDecimal> counts = new LinkedHashMap<>();
    private Integer durationMinutes;
    private String subject;
    private String body;
    private Signals signals;

    private Builder(String id, ActivityType type, Instant occurredAt) {
      this.id = id;
      this.type = type;
      this.occurredAt = occurredAt;
    }

    public Builder direction(Direction direction) {
      this.direction = direction;
      return this;
    }

    public Builder contactIds(List<String> contactIds) {
      this.contactIds = contactIds;
      return this;
    }

    public Builder contactIds(String... contactIds) {
      return contactIds(Arrays.asList(contactIds));
    }

    public Builder outcome(Outcome outcome) {
      this.outcome = outcome;
      return this;
    }

    public Builder tags(Set<String> tags) {
      this.tags = tags;
      return this;
    }

    public Builder tags(String... tags) {
      return tags(new LinkedHashSet<>(Arrays.asList(tags)));
    }

    public Builder counts(Map<String, BigDecimal> counts) {
      this.counts = counts;
      return this;
    }

    /** Adds or replaces one count. */
    public Builder count(String name, long value) {
      Map<String, BigDecimal> copy = new LinkedHashMap<>(counts == null ? Map.of() : counts);
      copy.put(name, BigDecimal.valueOf(value));
      this.counts = copy;
      return this;
    }

    public Builder durationMinutes(Integer durationMinutes) {
      this.durationMinutes = durationMinutes;
      return this;
    }

    public Builder subject(String subject) {
      this.subject = subject;
      return this;
    }

    public Builder body(String body) {
      this.body = body;
      return this;
    }

    public Builder signals(Signals signals) {
      this.signals = signals;
      return this;
    }

    public Activity build() {
      return new Activity(
          id,
          type,
          direction,
          occurredAt,
          contactIds,
          outcome,
          tags,
          counts,
          durationMinutes,
          subject,
          body,
          signals);
    }
  }
}
