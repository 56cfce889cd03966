package dev.playbook.insights.loop;

import static java.util.Objects.requireNonNull;

import dev.playbook.model.WatchedField;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One evaluation of one deal, as the decision log records it: enough to replay it (the playbook's
 * revision and the deal's fingerprint) and to audit it (what was shown, what was hidden and why,
 * how the success indicators stand).
 *
 * @param id the decision's id: 16 hex digits over revision, deal, fingerprint and as-of, so the
 *     same evaluation always gets the same id
 * @param recordedAt when it was recorded
 * @param asOf the evaluation time
 * @param playbook the playbook's id
 * @param revision the playbook's revision ({@code Playbook.revision()})
 * @param dealId the deal's id
 * @param dealFingerprint the deal's fingerprint ({@link Loop#fingerprint})
 * @param findings the findings shown to the rep
 * @param hidden the findings hidden by feedback or a re-offer limit, with who hid them and why
 * @param indicators the success indicators open or resolved at this evaluation
 * @param escalations the findings left unresolved long enough for the rule's escalation ladder
 * @param fieldFingerprints 16 hex digits over each field a snooze can wait on ({@link
 *     WatchedField}), by its key, so that a later evaluation can tell whether that field changed;
 *     empty in decisions recorded before it was kept
 */
public record Decision(
    String id,
    Instant recordedAt,
    Instant asOf,
    String playbook,
    String revision,
    String dealId,
    String dealFingerprint,
    List<Finding> findings,
    List<Hidden> hidden,
    List<Indicator> indicators,
    List<Escalation> escalations,
    Map<String, String> fieldFingerprints) {

  /** A decision without field fingerprints, as logs written before they were kept hold it. */
  public Decision(
      String id,
      Instant recordedAt,
      Instant asOf,
      String playbook,
      String revision,
      String dealId,
      String dealFingerprint,
      List<Finding> findings,
      List<Hidden> hidden,
      List<Indicator> indicators,
      List<Escalation> escalations) {
    this(
        id,
        recordedAt,
        asOf,
        playbook,
        revision,
        dealId,
        dealFingerprint,
        findings,
        hidden,
        indicators,
        escalations,
        Map.of());
  }

  public Decision {
    requireNonNull(id, "id");
    requireNonNull(recordedAt, "recordedAt");
    requireNonNull(asOf, "asOf");
    requireNonNull(playbook, "playbook");
    requireNonNull(revision, "revision");
    requireNonNull(dealId, "dealId");
    requireNonNull(dealFingerprint, "dealFingerprint");
    findings = List.copyOf(findings);
    hidden = List.copyOf(hidden);
    indicators = List.copyOf(indicators);
    escalations = List.copyOf(escalations);
    fieldFingerprints = Collections.unmodifiableMap(new TreeMap<>(fieldFingerprints));
  }

  /** Every finding the rules produced, shown or hidden. */
  public List<Finding> allFindings() {
    return java.util.stream.Stream.concat(findings.stream(), hidden.stream().map(Hidden::finding))
        .toList();
  }

  /** Why a finding was hidden. */
  public enum Because {
    /** The rep snoozed it and the date has not come, or the named field has not changed. */
    SNOOZED,
    /** The rep dismissed it and the deal has not changed since. */
    DISMISSED,
    /** The rep marked it done and the deal has not changed since. */
    DONE,
    /** The rule's re-offer limit: dismissed too often on this deal, paused for a while. */
    PAUSED;

    /** The lowercase name used in files. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A finding that the rules produced but the rep does not see; managers and reports do.
   *
   * @param finding the finding
   * @param because why it is hidden
   * @param by who hid it
   * @param reason the dismissal reason, or null
   * @param note the rep's note, or null
   * @param until the first day it shows again, or null when a change of the deal brings it back
   * @param untilChanged for a snooze until a field changes: the field; null otherwise
   */
  public record Hidden(
      Finding finding,
      Because because,
      String by,
      String reason,
      String note,
      LocalDate until,
      WatchedField untilChanged) {

    /** A finding hidden with no field to wait on. */
    public Hidden(
        Finding finding, Because because, String by, String reason, String note, LocalDate until) {
      this(finding, because, by, reason, note, until, null);
    }

    public Hidden {
      requireNonNull(finding, "finding");
      requireNonNull(because, "because");
      requireNonNull(by, "by");
    }
  }

  /** How a success indicator stands. */
  public enum Status {
    /** The success condition has not held yet and the window is open. */
    PENDING,
    /** The success condition held within the window. */
    MET,
    /** The window closed without the success condition holding. */
    MISSED;

    /** The lowercase name used in files. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The success indicator of one action: what success looks like (the rule's {@code success.when})
   * and by when.
   *
   * @param finding the action's finding id
   * @param rule the rule's id
   * @param since the day the action was first found
   * @param by the last day of the window
   * @param status met, missed or pending
   * @param resolvedOn the day it became met or missed, or null while pending
   */
  public record Indicator(
      String finding,
      String rule,
      LocalDate since,
      LocalDate by,
      Status status,
      LocalDate resolvedOn) {
    public Indicator {
      requireNonNull(finding, "finding");
      requireNonNull(rule, "rule");
      requireNonNull(since, "since");
      requireNonNull(by, "by");
      requireNonNull(status, "status");
    }
  }

  /** A step of a rule's escalation ladder. */
  public enum Level {
    /** The finding is addressed to the deal owner's manager. */
    MANAGER,
    /** The manager is asked to reassign the deal or back the owner up, with candidates. */
    REASSIGN;

    /** The lowercase name used in files. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A manager-audience finding: a rep's finding left unresolved for as long as the rule's ladder
   * allows.
   *
   * @param finding the rep's finding id
   * @param rule the rule's id
   * @param level to the manager, or a reassign/backfill suggestion
   * @param owner the deal's owner, or null
   * @param manager the owner's manager, or null when the teams do not name one
   * @param since the first day of the run of evaluations that found it
   * @param days how many days it has been unresolved
   * @param message the manager's message
   * @param talkTrack what the manager could say, or null
   * @param candidates for a reassignment: reps of the owner's team with capacity and a better win
   *     rate in the deal's segment, best first; empty otherwise
   */
  public record Escalation(
      String finding,
      String rule,
      Level level,
      String owner,
      String manager,
      LocalDate since,
      int days,
      String message,
      String talkTrack,
      List<String> candidates) {
    public Escalation {
      requireNonNull(finding, "finding");
      requireNonNull(rule, "rule");
      requireNonNull(level, "level");
      requireNonNull(since, "since");
      requireNonNull(message, "message");
      candidates = List.copyOf(candidates);
    }
  }
}
