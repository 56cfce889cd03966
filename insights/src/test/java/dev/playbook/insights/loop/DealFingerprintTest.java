package dev.playbook.insights.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.Deals;
import dev.playbook.model.Activity;
import dev.playbook.model.CloseDateChange;
import dev.playbook.model.Contact;
import dev.playbook.model.Deal;
import dev.playbook.model.Evidence;
import dev.playbook.model.NextStep;
import dev.playbook.model.Quote;
import dev.playbook.model.Signals;
import dev.playbook.model.StageChange;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The deal fingerprint: built from named fields in a fixed order, not from toString(). */
class DealFingerprintTest {

  static final String DEAL =
      """
      {"id": "D-1", "name": "Acme – rollout", "account": "Acme", "owner": "ana", "segment": "smb",
       "stage": "discovery", "stage_history": [{"stage": "discovery", "entered_at": "2026-10-01T09:00:00Z"}],
       "amount": AMOUNT, "currency": "EUR", "created_at": "2026-09-01T09:00:00Z",
       "contacts": [{"id": "c1", "name": "Lena Fischer", "roles": ["ROLES"], "power": "medium"}],
       "activities": [{"id": "a1", "type": "call", "direction": "outbound", "occurred_at": "2026-10-12T10:00:00Z",
                       "tags": [TAGS]}],
       "custom": {"region": "north"}}
      """;

  static Deal deal(String amount, String roles, String tags) {
    String json =
        DEAL.replace("AMOUNT", amount)
            .replace("ROLES", roles)
            .replace("TAGS", tags)
            .replace("\n", " ");
    return Deals.parse("d.jsonl", json).get(0);
  }

  static final Deal BASE = deal("1000", "champion", "\"demo\", \"pricing\"");

  @Test
  void canonical_deal_writesEachPresentFieldByNameInTheDocumentedOrder() {
    assertThat(DealFingerprint.canonical(BASE))
        .isEqualTo(
            """
            id=3:D-1
            name=14:Acme – rollout
            account=4:Acme
            owner=3:ana
            segment=3:smb
            stage=9:discovery
            stage_history[0].stage=9:discovery
            stage_history[0].entered_at=20:2026-10-01T09:00:00Z
            amount=4:1000
            currency=3:EUR
            created_at=20:2026-09-01T09:00:00Z
            contacts[0].id=2:c1
            contacts[0].name=12:Lena Fischer
            contacts[0].roles=11:8:champion;
            contacts[0].power=6:medium
            activities[0].id=2:a1
            activities[0].type=4:call
            activities[0].direction=8:outbound
            activities[0].occurred_at=20:2026-10-12T10:00:00Z
            activities[0].tags=17:4:demo;7:pricing;
            custom.region=10:text:north
            """);
  }

  @Test
  void fingerprint_fixedDeal_isPinnedSoThatAnUpgradeCannotChangeItUnnoticed() {
    assertThat(Loop.fingerprint(BASE))
        .isEqualTo(Finding.sha256(DealFingerprint.canonical(BASE)))
        .isEqualTo("c9f084581457237e157d35e800639fb9cbfd9508daba0eb2b19b9285aed65aed");
  }

  @Test
  void fingerprint_sameContentWrittenDifferently_isTheSame() {
    Deal other = deal("1000.00", "champion", "\"pricing\", \"demo\"");

    assertThat(Loop.fingerprint(other)).isEqualTo(Loop.fingerprint(BASE));
  }

  @Test
  void fingerprint_anyChange_changesIt() {
    List<Deal> changed =
        List.of(
            deal("1001", "champion", "\"demo\", \"pricing\""),
            deal("1000", "economic_buyer", "\"demo\", \"pricing\""),
            deal("1000", "champion", "\"demo\""),
            BASE.toBuilder().owner("ben").build(),
            BASE.toBuilder()
                .putCustom("region", new dev.playbook.model.CustomValue.Text("south"))
                .build(),
            BASE.toBuilder()
                .addActivity(
                    Activity.builder(
                            "a2",
                            dev.playbook.model.ActivityType.EMAIL,
                            java.time.Instant.parse("2026-10-13T10:00:00Z"))
                        .build())
                .build(),
            BASE.toBuilder()
                .addActivity(
                    Activity.builder(
                            "a2",
                            dev.playbook.model.ActivityType.EMAIL,
                            java.time.Instant.parse("2026-10-13T10:00:00Z"))
                        .body("The budget is approved.")
                        .build())
                .build());

    assertThat(changed)
        .extracting(Loop::fingerprint)
        .doesNotContain(Loop.fingerprint(BASE))
        .doesNotHaveDuplicates();
  }

  @Test
  void fingerprint_feedbackWrittenIntoTheDeal_leavesItAndEveryFieldFingerprintAlone() {
    Deal answered =
        BASE.toBuilder()
            .addFeedback(
                new dev.playbook.model.Feedback(
                    null,
                    "deal-risk.no-activity",
                    "c1",
                    dev.playbook.model.FeedbackResponse.DONE,
                    null,
                    "called her",
                    null,
                    null,
                    "ana",
                    java.time.Instant.parse("2026-10-13T10:00:00Z")))
            .build();

    assertThat(Loop.fingerprint(answered)).isEqualTo(Loop.fingerprint(BASE));
    assertThat(DealFingerprint.fields(answered)).isEqualTo(DealFingerprint.fields(BASE));
  }

  @Test
  void fields_eachWatchedField_changesOnlyWithThatField() {
    Deal moved = BASE.toBuilder().stage("proposal").build();
    Deal pricier = BASE.toBuilder().amount(java.math.BigDecimal.valueOf(2000)).build();

    Map<String, String> base = DealFingerprint.fields(BASE);
    assertThat(base.keySet())
        .containsExactly(
            "activities",
            "amount",
            "close_date",
            "contacts",
            "evidence",
            "forecast_category",
            "next_steps",
            "owner",
            "probability",
            "stage");
    assertThat(diff(base, DealFingerprint.fields(moved))).containsExactly("stage");
    assertThat(diff(base, DealFingerprint.fields(pricier))).containsExactly("amount");
    assertThat(diff(base, DealFingerprint.fields(deal("1000", "economic_buyer", "\"demo\""))))
        .containsExactly("activities", "contacts");
  }

  @Test
  void fields_aTextWithALineThatLooksLikeAWatchedField_changesOnlyItsOwnField() {
    Deal renamed = BASE.toBuilder().name("Acme\nstage=6:closed\namount=1:9").build();

    assertThat(diff(DealFingerprint.fields(BASE), DealFingerprint.fields(renamed))).isEmpty();
  }

  @Test
  void write_givesTheCanonicalTextAndTheFieldFingerprintsOfOneWriting() {
    DealFingerprint.Written written = DealFingerprint.write(BASE);

    assertThat(written.canonical()).isEqualTo(DealFingerprint.canonical(BASE));
    assertThat(written.fields()).isEqualTo(DealFingerprint.fields(BASE));
  }

  private static List<String> diff(Map<String, String> a, Map<String, String> b) {
    return a.keySet().stream().filter(k -> !a.get(k).equals(b.get(k))).toList();
  }

  @Test
  void fingerprint_textThatLooksLikeAnotherField_cannotCollide() {
    Deal a = BASE.toBuilder().name("x").account("y").build();
    Deal b = BASE.toBuilder().name("x\naccount=1:y").account(null).build();

    assertThat(Loop.fingerprint(a)).isNotEqualTo(Loop.fingerprint(b));
  }

  /**
   * A field added to the model must be added to the fingerprint (and to its documented order) on
   * purpose: this lists every record component the fingerprint writes.
   */
  @Test
  void canonical_coversEveryFieldOfTheModel() {
    Map<Class<?>, List<String>> covered =
        Map.of(
            Deal.class,
            List.of(
                "id",
                "name",
                "account",
                "owner",
                "team",
                "segment",
                "stage",
                "stageHistory",
                "amount",
                "currency",
                "createdAt",
                "closeDate",
                "closeDateHistory",
                "leadSource",
                "mqlAt",
                "sqlAt",
                "assignedAt",
                "probability",
                "forecastCategory",
                "contacts",
                "activities",
                "nextSteps",
                "evidence",
                "custom",
                // left out of the fingerprint on purpose: answering a finding is not a change
                "feedback"),
            StageChange.class,
            List.of("stage", "enteredAt"),
            CloseDateChange.class,
            List.of("from", "to", "changedAt"),
            Contact.class,
            List.of(
                "id",
                "name",
                "title",
                "roles",
                "power",
                "responseMode",
                "lastEngagedAt",
                "primary"),
            Activity.class,
            List.of(
                "id",
                "type",
                "direction",
                "occurredAt",
                "contactIds",
                "outcome",
                "tags",
                "counts",
                "durationMinutes",
                "subject",
                "body",
                "signals"),
            Signals.class,
            List.of("metrics", "hits"),
            Signals.Hit.class,
            List.of("tracker", "tag", "quote"),
            NextStep.class,
            List.of("title", "due", "owner", "status", "buyerCommitment"),
            Evidence.class,
            List.of("status", "text", "updatedAt", "quote"),
            Quote.class,
            List.of("activityId", "type", "startedAt", "offset", "speaker", "party", "text"));
    for (Map.Entry<Class<?>, List<String>> e : covered.entrySet()) {
      assertThat(Arrays.stream(e.getKey().getRecordComponents()).map(RecordComponent::getName))
          .as("the fields of %s", e.getKey().getSimpleName())
          .containsExactlyElementsOf(e.getValue());
    }
  }
}
