package dev.playbook.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playbook.model.Activity;
import dev.playbook.model.ActivityType;
import dev.playbook.model.BuyingRole;
import dev.playbook.model.Contact;
import dev.playbook.model.CustomValue;
import dev.playbook.model.Deal;
import dev.playbook.model.DealField;
import dev.playbook.model.DealField.Part;
import dev.playbook.model.Direction;
import dev.playbook.model.Evidence;
import dev.playbook.model.EvidenceStatus;
import dev.playbook.model.Feedback;
import dev.playbook.model.FeedbackResponse;
import dev.playbook.model.ForecastCategory;
import dev.playbook.model.NextStep;
import dev.playbook.model.NextStepStatus;
import dev.playbook.model.Outcome;
import dev.playbook.model.Power;
import dev.playbook.model.ResponseMode;
import dev.playbook.model.WatchedField;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streams JSON writes the deal fields of core's table, {@link DealField}, and no others. */
class DealJsonVocabularyTest {

  @Test
  void write_dealWithEveryFieldSet_writesTheKeysOfTheFieldTable() throws Exception {
    Deal deal =
        Deal.builder("D-1", "proposal")
            .name("Acme \"renewal\" – 续约")
            .account("Acme")
            .owner("dana")
            .team("emea")
            .segment("enterprise")
            .addStageChange("discovery", Instant.parse("2026-09-01T09:00:00Z"))
            .amount(new BigDecimal("120000.50"))
            .currency("EUR")
            .createdAt(Instant.parse("2026-08-20T02:15:00Z"))
            .closeDate(LocalDate.parse("2026-12-15"))
            .addCloseDateChange(
                null, LocalDate.parse("2026-11-30"), Instant.parse("2026-09-01T00:00:00Z"))
            .addCloseDateChange(
                LocalDate.parse("2026-11-30"),
                LocalDate.parse("2026-12-15"),
                Instant.parse("2026-10-01T08:00:00Z"))
            .leadSource("webinar")
            .mqlAt(Instant.parse("2026-08-20T00:00:00Z"))
            .sqlAt(Instant.parse("2026-08-21T00:00:00Z"))
            .assignedAt(Instant.parse("2026-08-21T01:00:00.250Z"))
            .probability(new BigDecimal("60"))
            .forecastCategory(ForecastCategory.BEST_CASE)
            .addContact(
                Contact.builder("c-1")
                    .name("Ana")
                    .title("CFO")
                    .roles(BuyingRole.ECONOMIC_BUYER, BuyingRole.DECISION_MAKER)
                    .power(Power.HIGH)
                    .responseMode(ResponseMode.EVEN_KEEL)
                    .lastEngagedAt(Instant.parse("2026-10-20T14:00:00Z"))
                    .primary(true)
                    .build())
            .addContact(Contact.builder("c-2").build())
            .addActivity(
                Activity.builder("A-1", ActivityType.MEETING, Instant.parse("2026-10-20T14:00:00Z"))
                    .direction(Direction.OUTBOUND)
                    .contactIds("c-1", "c-2")
                    .outcome(Outcome.NO_SHOW)
                    .tags("reframe", "x")
                    .count("implication_questions", 3)
                    .durationMinutes(45)
                    .subject("Re: pricing, \"final\"")
                    .body("Hi Dana,\nthe budget is approved.\n– Ana")
                    .build())
            .addNextStep(
                new NextStep(
                    "Security review",
                    LocalDate.parse("2026-11-05"),
                    "Ben",
                    NextStepStatus.DONE,
                    true))
            .addNextStep(NextStep.open("Pricing call", null))
            .putEvidence(
                "meddic.metrics",
                new Evidence(
                    EvidenceStatus.CONFIRMED, "3 days", Instant.parse("2026-10-01T00:00:00Z")))
            .putEvidence("meddic.decision_process", Evidence.of(EvidenceStatus.PARTIAL))
            .putCustom("renewal", CustomValue.of(true))
            .putCustom("seats", CustomValue.of(new BigDecimal("250")))
            .putCustom("go_live", CustomValue.of(LocalDate.parse("2027-01-15")))
            .putCustom("region", CustomValue.of("EMEA"))
            .addFeedback(
                new Feedback(
                    "a-3f9c0e2b7d41a6c8",
                    null,
                    null,
                    FeedbackResponse.SNOOZED,
                    null,
                    "on holiday",
                    LocalDate.parse("2026-12-01"),
                    null,
                    "ana",
                    Instant.parse("2026-11-20T09:00:00Z")))
            .addFeedback(
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
                    Instant.parse("2026-11-20T09:00:00Z")))
            .addFeedback(
                new Feedback(
                    null,
                    "acme.eb",
                    null,
                    FeedbackResponse.DISMISSED,
                    "wrong-data",
                    null,
                    null,
                    null,
                    "ana",
                    Instant.parse("2026-11-20T09:00:00Z")))
            .build();

    assertThat(DealJson.read("store", DealJson.write(deal))).isEqualTo(deal);
    JsonNode json = new ObjectMapper().readTree(DealJson.write(deal));

    assertThat(keys(json)).containsExactlyInAnyOrderElementsOf(DealField.keys(Part.DEAL));
    assertThat(keys(json.path("stage_history").get(0)))
        .containsExactlyInAnyOrderElementsOf(DealField.keys(Part.STAGE_CHANGE));
    assertThat(keys(json.path("close_date_history").get(1)))
        .containsExactlyInAnyOrderElementsOf(DealField.keys(Part.CLOSE_DATE_CHANGE));
    assertThat(keys(json.path("contacts").get(0)))
        .containsExactlyInAnyOrderElementsOf(DealField.keys(Part.CONTACT));
    assertThat(keys(json.path("activities").get(0)))
        .containsExactlyInAnyOrderElementsOf(DealField.keys(Part.ACTIVITY));
    assertThat(keys(json.path("next_steps").get(0)))
        .containsExactlyInAnyOrderElementsOf(DealField.keys(Part.NEXT_STEP));
    assertThat(keys(json.path("evidence").path("meddic.metrics")))
        .containsExactlyInAnyOrderElementsOf(DealField.keys(Part.EVIDENCE));
    List<String> feedbackKeys = new ArrayList<>();
    json.path("feedback")
        .forEach(
            f ->
                keys(f).stream().filter(k -> !feedbackKeys.contains(k)).forEach(feedbackKeys::add));
    assertThat(feedbackKeys).containsExactlyInAnyOrderElementsOf(DealField.keys(Part.FEEDBACK));
  }

  private static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }
}
