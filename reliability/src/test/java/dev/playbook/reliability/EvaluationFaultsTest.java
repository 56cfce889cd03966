package dev.playbook.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.playbook.EvaluationLimits;
import dev.playbook.Playbook;
import dev.playbook.model.Activity;
import dev.playbook.model.ActivityType;
import dev.playbook.model.Deal;
import dev.playbook.problem.EvaluationException;
import dev.playbook.problem.ProblemException;
import dev.playbook.result.DealError;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Evaluations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for faults that arrived at evaluation time and sank a whole run: each is named
 * after what broke. The costly cases are measured on a thread of their own (wall time, bytes
 * allocated) and written to {@code target/evaluation-faults-report.md}.
 */
class EvaluationFaultsTest {

  static final Instant AS_OF = Instant.parse("2026-11-20T09:00:00Z");
  static final Map<String, String> REPORT = new TreeMap<>();

  static final String NESTED =
      """
      playbook: nested
      stages: [open, won]
      rules:
        - id: nested.triple
          when: any(activities, any(stage_history, any(close_date_history, changed_at < occurred_at and entered_at > changed_at)))
          gap: { severity: low, message: "{deal.name} had it" }
        - id: nested.open
          when: stage == open
          gap: { severity: high, message: "{deal.name} is open" }
      """;

  /**
   * A deal with {@code n} activities, stage changes and close date changes; the nested rule walks
   * n^3 of them.
   */
  static Deal listsOf(String id, int n) {
    Deal.Builder b = Deal.builder(id, "open").name("Deal " + id);
    for (int i = 0; i < n; i++) {
      Instant at = AS_OF.minusSeconds(3600L * (i + 1));
      b.addActivity(Activity.builder("a" + i, ActivityType.CALL, at).build());
      b.addStageChange("open", at.minusSeconds(86_400L * 400));
      b.addCloseDateChange(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-02"), at);
    }
    return b.build();
  }

  static <T> Measured.Outcome<T> measure(String name, java.util.concurrent.Callable<T> task) {
    Measured.Outcome<T> o = Measured.run(Duration.ofSeconds(60), task);
    REPORT.put(
        name,
        String.format(
            Locale.ROOT,
            "%.0f ms, %.1f MB allocated%s",
            o.millis(),
            o.megabytes(),
            o.hung() ? " (hung)" : ""));
    return o;
  }

  @AfterAll
  static void writeReport() throws IOException {
    StringBuilder md =
        new StringBuilder(
            "# Evaluation faults: worst case of each kind\n\n| case | cost |\n|---|---|\n");
    REPORT.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    Path out = Path.of(System.getProperty("basedir", "."), "target", "evaluation-faults-report.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md);
  }

  @Test
  void
      dueOf99999999999999Days_validatedThenFailedEveryDealWithAJavaTimeMessage_isNowALoadProblem() {
    String yaml =
        """
        playbook: far
        stages: [open, won]
        rules:
          - id: far.call
            when: stage == open
            action: { title: Call, due: 99999999999999d }
        """;

    assertThatThrownBy(() -> Playbook.parse("far.yaml", yaml))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e ->
                assertThat(e.problems())
                    .extracting(p -> p.render())
                    .containsExactly(
                        "far.yaml:6:33: invalid-value: 'due' is '99999999999999d', more than 100 years ahead;"
                            + " write at most 36500d, 5214w or 26071bd"));
  }

  @Test
  void dueOf100Years_theLongestAllowed_evaluatesToADateInTheCalendar() {
    Playbook playbook =
        Playbook.parse(
            "far.yaml",
            """
        playbook: far
        stages: [open, won]
        rules:
          - id: far.call
            when: stage == open
            action: { title: Call, due: 26071bd }
        """);

    Evaluation e =
        playbook.evaluate(Deal.builder("d", "open").build(), Instant.parse("9999-01-01T00:00:00Z"));

    assertThat(e.actions().get(0).due()).isEqualTo(LocalDate.parse("+10098-12-08"));
  }

  @Test
  void
      asOfYear999999999_failedEveryDealWithInstantExceedsMinimumOrMaximum_isNowRefusedWithTheRange() {
    Playbook playbook = Playbook.parse("nested.yaml", NESTED);

    assertThatThrownBy(
            () ->
                playbook.evaluateEach(
                    List.of(listsOf("d", 1)),
                    Instant.parse("+999999999-12-31T00:00:00Z"),
                    Locale.ENGLISH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the evaluation time +999999999-12-31T00:00:00Z is outside the supported range,"
                + " 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z");
  }

  @Test
  void
      coalesceOfA3bdParameterComparedWith2d_passedValidateThenThrewOnEveryDeal_isNowALoadProblem() {
    String yaml =
        """
        playbook: grace
        stages: [open, won]
        parameters:
          grace: 3bd
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
  void oneFailingDeal_madeEvaluateAllThrowForItsWholeBatch_nowEveryOtherDealIsEvaluated() {
    Playbook playbook =
        Playbook.parse("nested.yaml", NESTED)
            .withLimits(EvaluationLimits.defaults().withMaxSteps(10_000));
    List<Deal> deals = new ArrayList<>();
    for (int i = 0; i < 99; i++) {
      deals.add(listsOf("d" + i, 2));
    }
    deals.add(50, listsOf("costly", 40));

    Evaluations result = playbook.evaluateEach(deals, AS_OF, Locale.ENGLISH);

    assertThat(result.evaluated())
        .hasSize(99)
        .allSatisfy(e -> assertThat(e.firedRules()).containsExactly("nested.open"));
    assertThat(result.failed())
        .extracting(DealError::index, DealError::dealId, DealError::code, DealError::rule)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(50, "costly", "too-costly", "nested.triple"));
  }

  @Test
  void
      aThreeLevelQuantifierOverAThousandActivities_took98SecondsForOneDeal_isNowTooCostlyWithinTheBudget() {
    Playbook playbook = Playbook.parse("nested.yaml", NESTED);
    Deal big = listsOf("big", 1_000);

    Measured.Outcome<Evaluations> o =
        measure(
            "three-level quantifier over 1,000 items, default budget",
            () -> playbook.evaluateEach(List.of(big, listsOf("small", 3)), AS_OF, Locale.ENGLISH));

    assertThat(o.thrown()).isNull();
    assertThat(o.value().evaluated()).extracting(Evaluation::dealId).containsExactly("small");
    assertThat(o.value().failed().get(0).message())
        .isEqualTo(
            "deal 'big' is too costly to evaluate: it took more"
                + " than 10000000 steps, the budget of one deal; the budget ran out at rule 'nested.triple', condition"
                + " 'any(activities, any(stage_history, any(close_date_history, changed_at < occurred_at and entered_at >"
                + " changed_at)))' (quantifiers nested 3 deep, about 13 × n^3 steps for lists of n items)");
    assertThat(o.millis()).isLessThan(20_000);
  }

  @Test
  void aThreeLevelQuantifierOverAThousandActivities_isTooCostlyFromEvaluateToo() {
    Playbook playbook =
        Playbook.parse("nested.yaml", NESTED)
            .withLimits(EvaluationLimits.defaults().withMaxSteps(100_000));

    assertThatThrownBy(() -> playbook.evaluate(listsOf("big", 1_000), AS_OF))
        .isInstanceOfSatisfying(EvaluationException.class, e -> assertThat(e.tooCostly()).isTrue())
        .hasMessageStartingWith(
            "deal 'big' is too costly to evaluate: it took more than 100000 steps");
  }

  @Test
  void
      aMessageOf16000NamePlaceholdersOnA100000CharacterName_ranIntoOutOfMemory_isNowCutAtTheMaximumLength() {
    String yaml =
        "playbook: big\nstages: [open, won]\nrules:\n  - id: big.msg\n    when: stage == open\n"
            + "    gap: { severity: low, message: \""
            + "{name}".repeat(16_000)
            + "\" }\n"
            + "    action: { title: \""
            + "{name}".repeat(16_000)
            + "\" }\n";
    Playbook playbook = Playbook.parse("big.yaml", yaml);
    Deal deal = Deal.builder("d", "open").name("n".repeat(100_000)).build();

    Measured.Outcome<Evaluation> o =
        measure(
            "16,000 placeholders on a 100,000-character name, default length",
            () -> playbook.evaluate(deal, AS_OF));

    assertThat(o.thrown()).isNull();
    assertThat(o.value().gaps().get(0).message())
        .hasSize(10_000)
        .isEqualTo("n".repeat(9_988) + "…[truncated]");
    assertThat(o.value().actions().get(0).title()).hasSize(10_000).endsWith("…[truncated]");
    assertThat(o.megabytes()).isLessThan(64);
  }
}
