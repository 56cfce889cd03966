package dev.playbook.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.playbook.Deals;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reps' feedback written in deal files: read into {@link Deal#feedback()}, bad entries located. */
class DealFeedbackTest {

  private static final Instant AT = Instant.parse("2026-11-20T09:00:00Z");

  private static List<String> problemsOf(String fileName, String content) {
    ProblemException e =
        catchThrowableOfType(ProblemException.class, () -> Deals.parse(fileName, content));
    assertThat(e).as("expected problems").isNotNull();
    return e.problems().stream().map(Problem::render).toList();
  }

  @Test
  void parse_feedbackOfEachResponse_readsIntoTheDeal() {
    String yaml =
        """
        id: D-1
        stage: proposal
        feedback:
          - {finding: a-3f9c0e2b7d41a6c8, response: snoozed, until: 2026-12-01, by: ana, at: 2026-11-20T09:00:00Z}
          - {rule: acme.next-step, target: c-1, response: Snoozed, until_changed: close-date, by: ana, at: 2026-11-20T09:00:00Z}
          - {rule: acme.eb, response: dismissed, reason: wrong-data, note: not our buyer, by: ana, at: 2026-11-20T09:00:00Z}
          - {rule: acme.eb, response: done, by: ana, at: 2026-11-20}
          - {rule: acme.eb, response: accepted, by: 7, at: 2026-11-20T10:00:00+01:00}
        """;

    Deal deal = Deals.parse("d.yaml", yaml).get(0);

    assertThat(deal.feedback())
        .containsExactly(
            new Feedback(
                "a-3f9c0e2b7d41a6c8",
                null,
                null,
                FeedbackResponse.SNOOZED,
                null,
                null,
                LocalDate.parse("2026-12-01"),
                null,
                "ana",
                AT),
            new Feedback(
                null,
                "acme.next-step",
                "c-1",
                FeedbackResponse.SNOOZED,
                null,
                null,
                null,
                WatchedField.CLOSE_DATE,
                "ana",
                AT),
            new Feedback(
                null,
                "acme.eb",
                null,
                FeedbackResponse.DISMISSED,
                "wrong-data",
                "not our buyer",
                null,
                null,
                "ana",
                AT),
            new Feedback(
                null,
                "acme.eb",
                null,
                FeedbackResponse.DONE,
                null,
                null,
                null,
                null,
                "ana",
                Instant.parse("2026-11-20T00:00:00Z")),
            new Feedback(
                null, "acme.eb", null, FeedbackResponse.ACCEPTED, null, null, null, null, "7", AT));
  }

  @Test
  void parse_badFeedbackEntries_reportsEachAtItsPlace() {
    String json =
        """
        {"id": "D-1", "stage": "x", "feedback": [
          {"finding": "a-1", "response": "snoozed", "until": "2026-13-01", "by": "ana", "at": "2026-11-20"},
          {"rule": "r", "response": "ignored", "by": "ana", "at": "yesterday"},
          {"rule": "r", "finding": "a-3f9c0e2b7d41a6c8", "response": "done", "by": "ana", "at": "2026-11-20", "untill": "2026-12-01"},
          {"response": "dismissed", "by": "ana", "at": "2026-11-20"},
          {"rule": "r", "response": "snoozed", "by": "ana", "at": "2026-11-20"},
          {"rule": "r", "response": "snoozed", "until": "2026-12-01", "until_changed": "stage", "by": "ana", "at": "2026-11-20"},
          {"rule": "r", "response": "done", "until_changed": "colour", "by": "ana", "at": "2026-11-20"},
          {"finding": "g-0b1d2e3f4a5b6c7d", "target": "c-1", "response": "accepted", "at": "2026-11-20"}
        ]}
        """;

    assertThat(problemsOf("d.json", json))
        .containsExactly(
            "d.json:2:15: invalid-value: finding 'a-1' is not a finding id such as"
                + " a-3f9c0e2b7d41a6c8",
            "d.json:2:54: invalid-value: 'until' must be a date like 2026-11-02, not"
                + " '2026-13-01'",
            "d.json:3:29: invalid-value: 'response' is 'ignored', which is not a feedback response;"
                + " known: done, dismissed, snoozed, accepted",
            "d.json:3:59: invalid-value: 'at' must be a date-time like 2026-11-02T10:15:00Z, not"
                + " 'yesterday'",
            "d.json:4:12: invalid-value: a feedback entry names its finding by 'finding' or by"
                + " 'rule', not both",
            "d.json:4:103: unknown-field: 'untill' is not a feedback field (did you mean"
                + " 'until'?)",
            "d.json:5:3: missing-field: a dismissed feedback entry needs a 'reason'",
            "d.json:5:3: missing-field: a feedback entry needs 'finding' (a finding id) or 'rule'",
            "d.json:6:3: missing-field: a snoozed feedback entry needs 'until' (the day it shows"
                + " again) or 'until_changed' (the field whose change brings it back)",
            "d.json:7:80: invalid-value: a snooze gives 'until' or 'until_changed', not both",
            "d.json:8:54: invalid-value: 'until_changed' is 'colour', which is not a field a snooze"
                + " can wait on; known: stage, close_date, amount, probability,"
                + " forecast_category, owner, contacts, activities, next_steps, evidence",
            "d.json:9:3: missing-field: a feedback entry needs 'by'",
            "d.json:9:47: invalid-value: 'target' goes with 'rule', to name the contact of the"
                + " action answered");
  }

  @Test
  void feedback_isRefusedWithoutAFindingOrRule_andTheOldConstructorKeepsWorking() {
    assertThatThrownBy(
            () ->
                new Feedback(
                    null, null, null, FeedbackResponse.DONE, null, null, null, null, "ana", AT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("feedback: give either a finding id or a rule, not neither");
    assertThatThrownBy(
            () ->
                new Feedback(
                    null, "r", null, FeedbackResponse.SNOOZED, null, null, null, null, "ana", AT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("feedback on r: a snooze gives either 'until' or 'until_changed'");

    Deal old = Deal.builder("D-1", "x").build();
    Deal viaOldConstructor =
        new Deal(
            "D-1", null, null, null, null, null, "x", null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null);
    assertThat(viaOldConstructor).isEqualTo(old);
    assertThat(old.feedback()).isEmpty();
  }
}
