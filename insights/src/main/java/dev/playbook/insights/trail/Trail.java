package dev.playbook.insights.trail;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One generated deal and everything its trail holds, as the writers need it. Built by {@link
 * Planner}, already cut at the export moment for deals that are still open; the planted attributes
 * are kept beside it ({@link Truth}) so that tests can check the ground truth.
 */
record Trail(
    int index,
    String id,
    String name,
    Roster.User owner,
    Accounts.Account account,
    String segment,
    String stage,
    List<StageStep> stages,
    BigDecimal amount,
    String currency,
    Instant createdAt,
    Instant mqlAt,
    Instant sqlAt,
    LocalDate closeDate,
    Instant closedAt,
    List<CloseChange> closeChanges,
    String leadSource,
    String type,
    int probability,
    String forecastCategory,
    String product,
    List<Contact> contacts,
    List<Activity> activities,
    List<NextStep> nextSteps,
    Map<String, Evidence> evidence,
    Truth truth) {

  /** Whether the deal was won or lost by the export; false for an open deal. */
  boolean closed() {
    return closedAt != null;
  }

  boolean won() {
    return "closed_won".equals(stage);
  }

  /** A stage the deal entered, in the playbook's stage names. */
  record StageStep(String stage, Instant enteredAt) {}

  /** A change of the expected close date; {@code from} is null for the first date set. */
  record CloseChange(LocalDate from, LocalDate to, Instant changedAt) {}

  /**
   * A contact on the deal's buying team.
   *
   * @param roles the playbook's role words, such as {@code economic_buyer}
   * @param power {@code high}, {@code medium} or {@code low}
   * @param responseMode set on the primary contact only, else null
   * @param lastEngagedAt the last activity with this contact, or null
   */
  record Contact(
      int index,
      String firstName,
      String lastName,
      String title,
      List<String> roles,
      String power,
      String responseMode,
      boolean primary,
      Instant lastEngagedAt) {

    String name() {
      return firstName + " " + lastName;
    }

    boolean has(String role) {
      return roles.contains(role);
    }
  }

  /**
   * One logged activity.
   *
   * @param type {@code call}, {@code email}, {@code meeting}, {@code demo}, {@code note} or {@code
   *     task}
   * @param direction {@code inbound}, {@code outbound} or null
   * @param contact the index of the contact it was with, or -1
   * @param outcome one of the deal-facts outcomes, or null
   * @param disposition for calls: {@code Connected}, {@code No answer}, {@code Left voicemail},
   *     {@code Busy}
   * @param transcript for some connected calls, lines of {@code Speaker: text}; else null
   */
  record Activity(
      int index,
      String type,
      String direction,
      Instant occurredAt,
      int contact,
      String outcome,
      String disposition,
      List<String> tags,
      Map<String, Integer> counts,
      Integer durationMinutes,
      String subject,
      String body,
      String transcript) {}

  /** A next step; {@code createdAt} is when the rep logged it. */
  record NextStep(
      String title, LocalDate due, boolean done, boolean buyerCommitment, Instant createdAt) {}

  /** A qualification evidence entry: {@code unknown}, {@code partial} or {@code confirmed}. */
  record Evidence(String status, String text, Instant updatedAt) {}

  /**
   * The planted attributes of the deal, as drawn before its trail was written.
   *
   * @param economicBuyerMet a meeting with the economic buyer before the deal entered proposal
   * @param silent no activity for the last 25 to 45 days before closing
   * @param singleThreadedEnterprise an enterprise deal with one contact
   * @param longLived a cycle of 95 to 170 days, the last stage 50 to 75 of them
   * @param noNextStepsRep owned by the rep who never logs next steps
   * @param winProbability the probability the deal was won with, from the planted effects
   */
  record Truth(
      boolean economicBuyerMet,
      boolean silent,
      boolean singleThreadedEnterprise,
      boolean longLived,
      boolean noNextStepsRep,
      double winProbability,
      boolean plannedWin) {}
}
