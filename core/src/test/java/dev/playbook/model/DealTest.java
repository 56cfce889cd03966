package dev.playbook.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DealTest {

  private static final Instant T = Instant.parse("2026-11-02T10:15:00Z");

  @Test
  void build_onlyIdAndStage_hasEmptyCollectionsAndNullOptionals() {
    Deal deal = Deal.builder("D-1", "discovery").build();

    assertThat(deal.id()).isEqualTo("D-1");
    assertThat(deal.stage()).isEqualTo("discovery");
    assertThat(deal.amount()).isNull();
    assertThat(deal.closeDate()).isNull();
    assertThat(deal.stageHistory()).isEmpty();
    assertThat(deal.contacts()).isEmpty();
    assertThat(deal.activities()).isEmpty();
    assertThat(deal.nextSteps()).isEmpty();
    assertThat(deal.evidence()).isEmpty();
    assertThat(deal.custom()).isEmpty();
  }

  @Test
  void constructor_nullCollections_becomeEmpty() {
    Deal deal =
        new Deal(
            "D-1", null, null, null, null, null, "x", null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null);

    assertThat(deal.closeDateHistory()).isEmpty();
    assertThat(deal.custom()).isEmpty();
  }

  @Test
  void build_copiesCollections_soLaterChangesToTheInputsDoNotShow() {
    List<Contact> contacts = new ArrayList<>(List.of(Contact.builder("c-1").build()));
    Map<String, CustomValue> custom = new LinkedHashMap<>(Map.of("seats", CustomValue.of("10")));
    Deal deal = Deal.builder("D-1", "x").contacts(contacts).custom(custom).build();

    contacts.add(Contact.builder("c-2").build());
    custom.put("region", CustomValue.of("EMEA"));

    assertThat(deal.contacts()).extracting(Contact::id).containsExactly("c-1");
    assertThat(deal.custom()).containsOnlyKeys("seats");
    assertThatThrownBy(() -> deal.contacts().add(Contact.builder("c-3").build()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> deal.custom().put("x", CustomValue.of(true)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toBuilder_copiesEveryValue_andChangesOnlyWhatIsSet() {
    Deal deal = DealsTest.expectedFullDeal();

    assertThat(deal.toBuilder().build()).isEqualTo(deal);
    Deal moved = deal.toBuilder().stage("negotiation").build();
    assertThat(moved.stage()).isEqualTo("negotiation");
    assertThat(moved.toBuilder().stage("proposal").build()).isEqualTo(deal);
  }

  @Test
  void build_blankId_isRefusedNamingTheValue() {
    assertThatThrownBy(() -> Deal.builder(" ", "x").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("deal id must not be blank, was ' '");
  }

  @Test
  void build_missingStage_isRefusedNamingTheDeal() {
    assertThatThrownBy(() -> Deal.builder("D-1", null).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("deal D-1: stage must not be blank, was 'null'");
  }

  @Test
  void build_valuesOutOfRange_areRefusedNamingFieldAndValue() {
    assertThatThrownBy(() -> Deal.builder("D-1", "x").probability(new BigDecimal("130")).build())
        .hasMessage("deal D-1: probability 130 must be between 0 and 100");
    assertThatThrownBy(() -> Deal.builder("D-1", "x").amount(new BigDecimal("-1")).build())
        .hasMessage("deal D-1: amount -1 must not be negative");
    assertThatThrownBy(() -> Deal.builder("D-1", "x").currency("eur").build())
        .hasMessage("deal D-1: currency 'eur' must be a three-letter code such as USD");
  }

  @Test
  void build_contactIdTwice_isRefused() {
    assertThatThrownBy(
            () ->
                Deal.builder("D-1", "x")
                    .addContact(Contact.builder("c-1").build())
                    .addContact(Contact.builder("c-1").name("Other").build())
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("deal D-1: contact id c-1 appears twice");
  }

  @Test
  void build_activityIdTwice_isRefused() {
    Activity call = Activity.builder("A-1", ActivityType.CALL, T).build();

    assertThatThrownBy(() -> Deal.builder("D-1", "x").addActivity(call).addActivity(call).build())
        .hasMessage("deal D-1: activity id A-1 appears twice");
  }

  @Test
  void build_activityNamingAnUnknownContact_isRefused() {
    Activity call = Activity.builder("A-1", ActivityType.CALL, T).contactIds("c-9").build();

    assertThatThrownBy(
            () ->
                Deal.builder("D-1", "x")
                    .addContact(Contact.builder("c-1").build())
                    .addActivity(call)
                    .build())
        .hasMessage(
            "deal D-1: activity A-1 names contact c-9, which is not among the deal's contacts");
  }

  @Test
  void build_nullInAList_isRefusedNamingTheList() {
    List<NextStep> steps = new ArrayList<>();
    steps.add(null);

    assertThatThrownBy(() -> Deal.builder("D-1", "x").nextSteps(steps).build())
        .hasMessage("deal D-1 next_steps must not contain null");
  }
}
