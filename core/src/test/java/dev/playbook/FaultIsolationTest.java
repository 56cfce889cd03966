package dev.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.playbook.model.Activity;
import dev.playbook.model.ActivityType;
import dev.playbook.model.Deal;
import dev.playbook.problem.EvaluationException;
import dev.playbook.problem.ProblemException;
import dev.playbook.result.DealError;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Evaluations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * One deal's failure is that deal's result; budgets and limits stop the deals that would cost too
 * much.
 */
class FaultIsolationTest {

  static final Instant AS_OF = Instant.parse("2026-11-20T09:00:00Z");

  static final String NESTED =
      """
      playbook: nested
      stages: [open, won]
      rules:
        - id: nested.triple
          when: any(activities, any(stage_history, any(close_date_history, changed_at < occurred_at and entered_at > changed_at)))
          gap: { severity: low, message: "{deal.name} had a demo" }
        - id: nested.any
          when: stage == open
          gap: { severity: high, message: "{deal.name} is open" }
      """;

  /**
   * A deal with {@code n} activities, stage changes and close date changes, none of which make the
   * nested rule hold.
   */
  static Deal withActivities(String id, int n) {
    Deal.Builder b = Deal.builder(id, "open").name("Deal " + id);
    for (int i = 0; i < n; i++) {
      Instant at = AS_OF.minusSeconds(3600L * (i + 1));
      b.addActivity(Activity.builder("a" + i, ActivityType.CALL, at).build());
      b.addStageChange("open", at.minusSeconds(86_400L * 400));
      b.addCloseDateChange(
          java.time.LocalDate.parse("2026-12-01"), java.time.LocalDate.parse("2026-12-02"), at);
    }
    return b.build();
  }

  @Test
  void evaluateEach_oneDealTooCostly_returnsEveryOtherDealAndATooCostlyError() {
    Playbook playbook =
        Playbook.parse("nested.yaml", NESTED)
            .withLimits(EvaluationLimits.defaults().withMaxSteps(100_000));
    List<Deal> deals =
        List.of(
            withActivities("small-1", 3), withActivities("big", 100), withActivities("small-2", 0));

    Evaluations result = playbook.evaluateEach(deals, AS_OF, Locale.ENGLISH);

    assertThat(result.evaluated())
        .extracting(Evaluation::dealId)
        .containsExactly("small-1", "small-2");
    assertThat(result.evaluated().get(0).firedRules()).containsExactly("nested.any");
    assertThat(result.complete()).isFalse();
    assertThat(result.failed())
        .containsExactly(
            new DealError(
                1,
                "big",
                DealError.Kind.TOO_COSTLY,
                "nested.triple",
                "any(activities, any(stage_history, any(close_date_history, changed_at < occurred_at and entered_at > changed_at)))",
                "deal 'big' is too costly to evaluate: it took more than 100000 steps, the budget of one deal; the budget"
                    + " ran out at rule 'nested.triple', condition 'any(activities, any(stage_history, any(close_date_history,"
                    + " changed_at < occurred_at and entered_at > changed_at)))' (quantifiers nested 3 deep, about 13 × n^3"
                    + " steps for lists of n items)"));
    assertThat(result.failed().get(0).code()).isEqualTo("too-costly");
  }

  @Test
  void
      evaluateEach_theDefaultBudget_stopsAThreeLevelQuantifierOverAThousandActivitiesWithinSeconds() {
    Playbook playbook = Playbook.parse("nested.yaml", NESTED);
    long start = System.nanoTime();

    Evaluations result =
        playbook.evaluateEach(List.of(withActivities("big", 1_000)), AS_OF, Locale.ENGLISH);

    assertThat(result.failed())
        .extracting(DealError::kind)
        .containsExactly(DealError.Kind.TOO_COSTLY);
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(20);
  }

  @Test
  void evaluateAll_aTooCostlyDeal_throwsAfterEvaluatingAll_naming_theDeal() {
    Playbook playbook =
        Playbook.parse("nested.yaml", NESTED)
            .withLimits(EvaluationLimits.defaults().withMaxSteps(1_000));

    assertThatThrownBy(
            () ->
                playbook.evaluateAll(
                    List.of(withActivities("ok", 1), withActivities("big", 20)),
                    AS_OF,
                    Locale.ENGLISH))
        .isInstanceOfSatisfying(
            EvaluationException.class,
            e -> {
              assertThat(e.dealId()).isEqualTo("big");
              assertThat(e.tooCostly()).isTrue();
            })
        .hasMessageStartingWith(
            "deal 'big' is too costly to evaluate: it took more than 1000 steps");
  }

  @Test
  void evaluateEach_aDealAtAnUnknownStage_isAnErrorAndTheOthersAreEvaluated() {
    Playbook playbook = Playbook.parse("nested.yaml", NESTED);

    Evaluations result =
        playbook.evaluateEach(
            List.of(Deal.builder("lost", "gone").build(), withActivities("ok", 1)),
            AS_OF,
            Locale.ENGLISH);

    assertThat(result.evaluated()).extracting(Evaluation::dealId).containsExactly("ok");
    assertThat(result.failed())
        .containsExactly(
            new DealError(
                0,
                "lost",
                DealError.Kind.UNKNOWN_STAGE,
                null,
                null,
                "deal 'lost' is at stage 'gone', which playbook 'nested' does not define; its stages are: open, won"));
  }

  @Test
  void evaluateEach_moreDealsThanOneBatch_keepsEveryResultInOrder() {
    Playbook playbook =
        Playbook.parse("nested.yaml", NESTED)
            .withLimits(EvaluationLimits.defaults().withMaxSteps(1_000));
    List<Deal> deals = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      deals.add(i == 137 ? withActivities("big", 20) : withActivities("d" + i, 1));
    }

    Evaluations result = playbook.evaluateEach(deals, AS_OF, Locale.ENGLISH);

    assertThat(result.evaluated()).hasSize(249);
    assertThat(result.evaluated().get(137).dealId()).isEqualTo("d138");
    assertThat(result.failed())
        .extracting(DealError::dealId, DealError::index)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("big", 137));
  }

  @Test
  void load_aCoalescedBusinessDayParameterComparedWithDays_isALocatedTypeMismatch() {
    String yaml =
        """
        playbook: grace
        stages: [open, won]
        parameters:
          grace: { default: 3bd }
        rules:
          - id: grace.late
            when: coalesce(param(grace), 1d) > 2d
            gap: { severity: low, message: late }
        """;

    assertThatThrownBy(() -> Playbook.parse("grace.yaml", yaml))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e ->
                assertThat(e.problems())
                    .extracting(p -> p.render())
                    .containsExactly(
                        "grace.yaml:7:20: type-mismatch: parameter 'grace' is in business days, which can only"
                            + " be added to or subtracted from a date; compare business_days_since(...) with a number instead"));
  }

  @Test
  void load_aCoalescedBusinessDayFallbackComparedWithDays_isALocatedTypeMismatch() {
    String yaml =
        """
        playbook: grace
        stages: [open, won]
        parameters:
          grace: { default: 3d }
        rules:
          - id: grace.late
            when: coalesce(param(grace), 2bd) > 2d
            gap: { severity: low, message: late }
        """;

    assertThatThrownBy(() -> Playbook.parse("grace.yaml", yaml))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e ->
                assertThat(e.problems())
                    .extracting(p -> p.render())
                    .containsExactly(
                        "grace.yaml:7:34: type-mismatch: business days can only be added to or subtracted from"
                            + " a date; use business_days_since(...) to count them"));
  }

  @Test
  void load_aBusinessDayDefinitionComparedWithDays_isALocatedTypeMismatchAtItsUse() {
    String yaml =
        """
        playbook: grace
        stages: [open, won]
        define:
          wait: 2bd
        rules:
          - id: grace.late
            when: stage == open and wait > 2d
            gap: { severity: low, message: late }
        """;

    assertThatThrownBy(() -> Playbook.parse("grace.yaml", yaml))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e ->
                assertThat(e.problems())
                    .extracting(p -> p.render())
                    .containsExactly(
                        "grace.yaml:7:29: type-mismatch: definition 'wait' can be in business days,"
                            + " which can only be added to or subtracted from a date; compare"
                            + " business_days_since(...) with a number instead"));
  }

  @Test
  void load_aDueDateCenturiesAhead_isAnInvalidValue() {
    String yaml =
        """
        playbook: due
        stages: [open, won]
        rules:
          - id: due.far
            when: stage == open
            action: { title: Call, due: 99999999999999d }
        """;

    assertThatThrownBy(() -> Playbook.parse("due.yaml", yaml))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e ->
                assertThat(e.problems())
                    .extracting(p -> p.render())
                    .containsExactly(
                        "due.yaml:6:33: invalid-value: 'due' is '99999999999999d', more than 100 years ahead;"
                            + " write at most 36500d, 5214w or 26071bd"));
  }

  @Test
  void evaluate_anEvaluationTimeOutsideTheCalendar_isAnArgumentErrorNotAJavaTimeMessage() {
    Playbook playbook = Playbook.parse("nested.yaml", NESTED);
    Instant far = Instant.parse("+999999999-12-31T00:00:00Z");

    assertThatThrownBy(
            () -> playbook.evaluateEach(List.of(withActivities("d", 1)), far, Locale.ENGLISH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the evaluation time +999999999-12-31T00:00:00Z is outside the supported range,"
                + " 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z");
  }

  @Test
  void evaluate_aMessageOfManyPlaceholdersOnAHugeName_isCutAtTheMaximumLength() {
    String yaml =
        "playbook: big\nstages: [open, won]\nrules:\n  - id: big.msg\n    when: stage == open\n"
            + "    gap: { severity: low, message: \""
            + "{name}".repeat(16_000)
            + "\" }\n";
    Playbook playbook =
        Playbook.parse("big.yaml", yaml)
            .withLimits(EvaluationLimits.defaults().withMaxMessageLength(500));
    Deal deal = Deal.builder("d", "open").name("n".repeat(100_000)).build();

    String message = playbook.evaluate(deal, AS_OF).gaps().get(0).message();

    assertThat(message).isEqualTo("n".repeat(488) + "…[truncated]");
  }

  @Test
  void evaluationLimits_outOfRange_nameTheBadValue() {
    assertThatThrownBy(() -> EvaluationLimits.defaults().withMaxSteps(0))
        .hasMessage("maxSteps was set to 0, must be positive");
    assertThatThrownBy(() -> EvaluationLimits.defaults().withMaxMessageLength(10))
        .hasMessage("maxMessageLength was set to 10, must be at least 100");
    assertThat(EvaluationLimits.defaults()).isEqualTo(new EvaluationLimits(10_000_000, 10_000));
  }
}
