package dev.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.model.Activity;
import dev.playbook.model.ActivityType;
import dev.playbook.model.BuyingRole;
import dev.playbook.model.Contact;
import dev.playbook.model.CustomValue;
import dev.playbook.model.Deal;
import dev.playbook.model.Direction;
import dev.playbook.model.Evidence;
import dev.playbook.model.EvidenceStatus;
import dev.playbook.model.NextStep;
import dev.playbook.model.NextStepStatus;
import dev.playbook.model.Outcome;
import dev.playbook.model.Power;
import dev.playbook.problem.ProblemException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What conditions mean, evaluated end to end through the compiled rule base. */
class ConditionSemanticsTest {

  static final Instant AS_OF = Instant.parse("2026-11-20T09:00:00Z"); // a Friday

  static final String HEADER =
      """
      playbook: t
      stages: [prospecting, qualification, discovery, proposal, negotiation, closed_won, closed_lost]
      segments: [smb, enterprise]
      custom_fields: { renewal: boolean, region: text, arr: number, signed_on: date }
      methodologies:
        meddic: { elements: [ { id: metrics }, { id: champion } ] }
      parameters:
        stale_days: { default: 14, by_segment: { enterprise: 21 }, by_stage: { negotiation: 7 } }
        window: 3d
      rules:
        - id: r
          when: "%s"
          action: { title: x }
      """;

  static Deal.Builder base() {
    Contact li =
        Contact.builder("c1")
            .name("Li Wei")
            .roles(BuyingRole.CHAMPION, BuyingRole.TECHNICAL)
            .power(Power.MEDIUM)
            .build();
    Contact ana =
        Contact.builder("c2")
            .name("Ana Ruiz")
            .roles(BuyingRole.ECONOMIC_BUYER)
            .power(Power.HIGH)
            .build();
    return Deal.builder("D-1", "proposal")
        .name("Globex")
        .segment("smb")
        .amount(new BigDecimal("50000"))
        .createdAt(Instant.parse("2026-09-01T00:00:00Z"))
        .addStageChange("proposal", Instant.parse("2026-11-02T00:00:00Z"))
        .addContact(li)
        .addContact(ana)
        .addActivity(
            Activity.builder("a1", ActivityType.MEETING, Instant.parse("2026-11-10T15:00:00Z"))
                .direction(Direction.OUTBOUND)
                .contactIds("c1")
                .outcome(Outcome.ADVANCE)
                .tags("reframe")
                .count("implication_questions", 3)
                .build())
        .addActivity(
            Activity.builder("a2", ActivityType.EMAIL, Instant.parse("2026-11-16T09:00:00Z"))
                .direction(Direction.OUTBOUND)
                .contactIds("c2")
                .build())
        .addNextStep(
            new NextStep(
                "Send proposal", LocalDate.parse("2026-11-18"), "rep", NextStepStatus.OPEN, false))
        .putEvidence("meddic.metrics", new Evidence(EvidenceStatus.PARTIAL, "cut churn", null))
        .putCustom("renewal", CustomValue.of(true))
        .putCustom("region", CustomValue.of("emea"))
        .putCustom("signed_on", CustomValue.of(LocalDate.parse("2026-01-15")));
  }

  static boolean fires(String condition, Deal deal) {
    Playbook p = Playbook.parse("t.yaml", HEADER.formatted(condition.replace("\"", "\\\"")));
    return !p.evaluate(deal, AS_OF).actions().isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "stage >= proposal | true",
        "stage > proposal | false",
        "stage in [discovery, proposal] | true",
        "stage not in [discovery, proposal] | false",
        "segment == smb | true",
        "amount >= 50000 and amount < 50001 | true",
        "amount * 2 == 100000 | true",
        "amount / 0 > 1 | false",
        "not (amount / 0 > 1) | false",
        "amount / 0 > 1 or stage == proposal | true",
        "probability > 10 | false",
        "probability is missing | true",
        "probability is present | false",
        "name == 'Globex' | true",
        "name contains 'glob' | true",
        "any(contacts, role == economic_buyer) | true",
        "none(contacts, role == blocker) | true",
        "all(contacts, power >= medium) | true",
        "count(contacts, power > medium) == 1 | true",
        "count(contacts) == 2 | true",
        "any(contacts, role in [coach, technical]) | true",
        "any(contacts, role not in [economic_buyer, champion]) | false",
        "count_true(amount > 1, stage == proposal, probability > 5) == 2 | true",
        "coalesce(probability, 0) == 0 | true",
        "coalesce(amount, 0) == 50000 | true",
        "sum(activities, coalesce(counts.problem_questions, 0)) == 0 | true",
        "any(contacts, roles contains technical and power == medium) | true",
        "any(activities, type == meeting and any(contacts, role == champion)) | true",
        "any(activities, type == meeting and any(contacts, role == economic_buyer)) | false",
        "any(activities, tags contains 'reframe') | true",
        "sum(activities, counts.implication_questions) == 3 | true",
        "max(activities, occurred_at, direction == outbound) == last_activity | true",
        "min(activities, occurred_at) < now - 7d | true",
        "days_since(last_activity) == 4 | true",
        "hours_since(last_activity) == 96 | true",
        "days_since(stage_entered_at) == 18 | true",
        "days_since(created_at) == 80 | true",
        "business_days_since(last_activity) == 4 | true",
        "any(next_steps, status == open and due < now) | true",
        "any(next_steps, buyer_commitment) | false",
        "last_activity > now - 2bd | false",
        "last_activity > now - 5bd | true",
        "days_since(last_activity) < param(stale_days) | true",
        "param(window) < 5 | true",
        "evidence(meddic.metrics) == partial | true",
        "evidence(meddic.champion) == unknown | true",
        "evidence(meddic.metrics) >= partial | true",
        "evidence_updated(meddic.metrics) is missing | true",
        "custom.renewal | true",
        "custom.region == 'emea' | true",
        "custom.arr is missing | true",
        "custom.signed_on < now | true",
        "close_date_pushes == 0 | true",
        "days_between(created_at, stage_entered_at) == 62 | true",
      })
  void condition_onTheBaseDeal(String condition, boolean expected) {
    assertThat(fires(condition, base().build())).isEqualTo(expected);
  }

  @Test
  void missingValues_areUnknown_soNeitherAConditionNorItsNegationFires() {
    Deal noActivity = base().activities(java.util.List.of()).build();

    assertThat(fires("days_since(last_activity) > 14", noActivity)).isFalse();
    assertThat(fires("not (days_since(last_activity) > 14)", noActivity)).isFalse();
    assertThat(fires("last_activity is missing or days_since(last_activity) > 14", noActivity))
        .isTrue();
  }

  @Test
  void lastActivity_ignoresPlannedActivities() {
    Deal planned =
        base()
            .addActivity(
                Activity.builder(
                        "future", ActivityType.MEETING, Instant.parse("2026-11-25T10:00:00Z"))
                    .build())
            .build();
    assertThat(fires("days_since(last_activity) == 4", planned)).isTrue();
  }

  @Test
  void parameters_resolveByStageThenSegmentThenDefault() {
    String cond = "param(stale_days) == %s";
    assertThat(fires(cond.formatted("14"), base().build())).isTrue();
    assertThat(fires(cond.formatted("21"), base().segment("enterprise").build())).isTrue();
    assertThat(
            fires(cond.formatted("7"), base().segment("enterprise").stage("negotiation").build()))
        .isTrue();
  }

  @Test
  void businessDaysSince_countsWholeBusinessDaysElapsed_includingTimeOfDay() {
    // regression: a Monday 15:00 meeting seen on Friday 09:00 is 3 whole business days ago, not 4
    Deal deal =
        base()
            .activities(
                java.util.List.of(
                    Activity.builder(
                            "m", ActivityType.MEETING, Instant.parse("2026-11-16T15:00:00Z"))
                        .build()))
            .build();
    assertThat(fires("business_days_since(last_activity) == 3", deal)).isTrue();
    assertThat(fires("last_activity + 3bd < now and last_activity + 4bd > now", deal)).isTrue();
    // from Saturday 10:00: Monday 10:00 is one business day later, so Friday 09:00 is 4
    Deal weekend =
        base()
            .activities(
                java.util.List.of(
                    Activity.builder(
                            "m", ActivityType.MEETING, Instant.parse("2026-11-14T10:00:00Z"))
                        .build()))
            .build();
    assertThat(fires("business_days_between(last_activity, now) == 4", weekend)).isTrue();
  }

  @Test
  void parameterInBusinessDays_comparedWithANumber_isRejectedAtLoad() {
    String yaml =
        """
        playbook: t
        stages: [a, b]
        parameters: { window: { default: 2d, by_stage: { b: 2bd } } }
        rules:
          - { id: r, when: "days_since(created_at) > param(window)", action: { title: x } }
        """;
    ProblemException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ProblemException.class, () -> Playbook.parse("t.yaml", yaml));
    assertThat(e.getMessage())
        .isEqualTo(
            "t.yaml:5:46: type-mismatch: parameter 'window' is in business days, "
                + "which can only be added to or subtracted from a date; compare business_days_since(...) with a number instead");
  }

  @Test
  void closeDatePushes_countOnlyMovesLater() {
    Deal deal =
        base()
            .addCloseDateChange(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-11-01"), AS_OF)
            .addCloseDateChange(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-10-20"), AS_OF)
            .addCloseDateChange(LocalDate.parse("2026-10-20"), LocalDate.parse("2026-12-20"), AS_OF)
            .build();
    assertThat(fires("close_date_pushes == 2", deal)).isTrue();
  }
}
