package dev.playbook.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playbook.EvaluationLimits;
import dev.playbook.Playbook;
import dev.playbook.model.Activity;
import dev.playbook.model.ActivityType;
import dev.playbook.model.Deal;
import dev.playbook.result.DealError;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A book with a deal that cannot be evaluated still gives a report, with that deal counted as
 * failed.
 */
class PortfolioFailuresTest {

  static final Instant AS_OF = PortfolioTest.AS_OF;

  static final String NESTED =
      """
      playbook: nested
      stages: [lead, qualify, propose, closed_won, closed_lost]
      rules:
        - id: nested.triple
          when: any(activities, any(stage_history, any(close_date_history, changed_at < occurred_at and entered_at > changed_at)))
          gap: { severity: low, message: "had it" }
        - id: nested.no-amount
          when: stage < closed_won and amount is missing
          gap: { severity: low, message: "no amount" }
      """;

  /** A deal whose nested rule walks 20 × 20 × 20 items, past a budget of 1,000 steps. */
  static Deal costly(String id, String stage) {
    Deal.Builder b = Deal.builder(id, stage).owner("cy").team("north");
    for (int i = 0; i < 20; i++) {
      Instant at = AS_OF.minusSeconds(86_400L * (i + 1));
      b.addActivity(Activity.builder("a" + i, ActivityType.CALL, at).build());
      b.addStageChange("lead", at.minusSeconds(86_400L * 300));
      b.addCloseDateChange(LocalDate.parse("2026-07-01"), LocalDate.parse("2026-07-02"), at);
    }
    if (stage.equals("closed_won")) {
      b.closeDate(LocalDate.parse("2026-05-20"));
    }
    return b.build();
  }

  @Test
  void evaluate_oneOpenAndOneClosedDealTooCostly_countsThemAsFailedAndReportsTheRest()
      throws Exception {
    Playbook playbook =
        Playbook.parse("nested.yaml", NESTED)
            .withLimits(EvaluationLimits.defaults().withMaxSteps(1_000));
    List<Deal> book = new ArrayList<>(PortfolioTest.book());
    book.add(2, costly("X1", "propose"));
    book.add(costly("X2", "closed_won"));

    PortfolioReport report =
        Portfolio.evaluate(
            book.iterator(),
            playbook,
            AS_OF,
            Portfolio.Options.builder()
                .threads(2)
                .batchSize(3)
                .clock(Clock.fixed(AS_OF, ZoneOffset.UTC))
                .build());

    assertThat(report.failedDeals()).isEqualTo(2);
    assertThat(report.failures())
        .extracting(DealError::dealId)
        .containsExactlyInAnyOrder("X1", "X2");
    assertThat(report.failures()).extracting(DealError::code).containsOnly("too-costly");
    assertThat(report.totals().deals()).isEqualTo(6);
    assertThat(report.input().deals()).isEqualTo(8);
    JsonNode json = new ObjectMapper().readTree(report.toJson());
    assertThat(json.at("/input/failed_deals").asLong()).isEqualTo(2);
    assertThat(json.at("/input/failures/0/code").asText()).isEqualTo("too-costly");
    assertThat(json.at("/input/failures/0/rule").asText()).isEqualTo("nested.triple");
  }

  @Test
  void evaluate_everyDealFine_reportsNoFailures() {
    Playbook playbook = Playbook.parse("nested.yaml", NESTED);

    PortfolioReport report =
        Portfolio.evaluate(
            PortfolioTest.book().iterator(), playbook, AS_OF, Portfolio.Options.defaults());

    assertThat(report.failedDeals()).isZero();
    assertThat(report.failures()).isEmpty();
    assertThat(report.totals().deals()).isEqualTo(6);
  }
}
