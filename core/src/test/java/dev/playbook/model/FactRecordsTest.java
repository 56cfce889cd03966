package dev.playbook.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FactRecordsTest {

  private static final Instant T = Instant.parse("2026-11-02T10:15:00Z");

  @Test
  void contact_roles_iterateInDeclarationOrderWhateverTheInputOrder() {
    Contact contact =
        Contact.builder("c-1")
            .roles(BuyingRole.BLOCKER, BuyingRole.CHAMPION, BuyingRole.ECONOMIC_BUYER)
            .build();

    assertThat(contact.roles())
        .containsExactly(BuyingRole.ECONOMIC_BUYER, BuyingRole.CHAMPION, BuyingRole.BLOCKER);
  }

  @Test
  void contact_nullRoles_areEmpty_andBlankIdIsRefused() {
    assertThat(new Contact("c-1", null, null, null, null, null, null).roles()).isEmpty();
    assertThatThrownBy(() -> Contact.builder("").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("contact id must not be blank, was ''");
  }

  @Test
  void activity_requiredValues_areRefusedNamingTheActivity() {
    assertThatThrownBy(() -> Activity.builder("A-1", null, T).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("activity A-1: type must not be null");
    assertThatThrownBy(() -> Activity.builder("A-1", ActivityType.CALL, null).build())
        .hasMessage("activity A-1: occurred_at must not be null");
  }

  @Test
  void activity_negativeCountsAndDurations_areRefused() {
    assertThatThrownBy(() -> Activity.builder("A-1", ActivityType.CALL, T).count("q", -1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("activity A-1: count q is -1, must not be negative");
    assertThatThrownBy(
            () -> Activity.builder("A-1", ActivityType.CALL, T).durationMinutes(-5).build())
        .hasMessage("activity A-1: duration_minutes -5 must not be negative");
  }

  @Test
  void contact_olderConstructor_isNotPrimary_andTheBuilderSetsIt() {
    assertThat(new Contact("c-1", null, null, null, null, null, null).primary()).isFalse();
    assertThat(Contact.builder("c-1").build().primary()).isFalse();
    assertThat(Contact.builder("c-1").primary(true).build().primary()).isTrue();
  }

  @Test
  void activity_subjectAndBodyAtTheirLimits_areKept_andOneMoreCharacterIsRefused() {
    String subject = "s".repeat(Activity.MAX_SUBJECT_LENGTH);
    String body = "b".repeat(Activity.MAX_BODY_LENGTH);

    Activity a = Activity.builder("A-1", ActivityType.EMAIL, T).subject(subject).body(body).build();

    assertThat(a.subject()).isEqualTo(subject);
    assertThat(a.body()).isEqualTo(body);
    assertThat(a.toBuilder().build()).isEqualTo(a);
    assertThatThrownBy(() -> a.toBuilder().subject(subject + "s").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("activity A-1: subject has 1001 characters, more than the 1000 allowed");
    assertThatThrownBy(() -> a.toBuilder().body(body + "b").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("activity A-1: body has 100001 characters, more than the 100000 allowed");
  }

  @Test
  void activity_olderConstructors_haveNoSubjectOrBody() {
    Activity a = new Activity("A-1", ActivityType.CALL, null, T, null, null, null, null, 30, null);
    Activity b = new Activity("A-1", ActivityType.CALL, null, T, null, null, null, null, 30);

    assertThat(a).isEqualTo(b);
    assertThat(a.subject()).isNull();
    assertThat(a.body()).isNull();
  }

  @Test
  void activity_tagsAndCounts_keepTheirOrderAndCannotBeChanged() {
    Activity a =
        Activity.builder("A-1", ActivityType.DEMO, T)
            .tags("z", "a", "m")
            .count("b", 2)
            .count("a", 1)
            .build();

    assertThat(a.tags()).containsExactly("z", "a", "m");
    assertThat(a.counts().keySet()).containsExactly("b", "a");
    assertThat(a.counts()).containsEntry("b", BigDecimal.valueOf(2));
    assertThatThrownBy(() -> a.tags().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void smallRecords_refuseMissingRequiredValues() {
    assertThatThrownBy(() -> new NextStep(" ", null, null, NextStepStatus.OPEN, false))
        .hasMessage("next step title must not be blank, was ' '");
    assertThatThrownBy(() -> new NextStep("Call", null, null, null, false))
        .hasMessage("next step 'Call': status must not be null");
    assertThatThrownBy(() -> new Evidence(null, "x", null))
        .hasMessage("evidence status must not be null");
    assertThatThrownBy(() -> new StageChange("proposal", null))
        .hasMessage("stage change to proposal: entered_at must not be null");
    assertThatThrownBy(() -> new CloseDateChange(LocalDate.parse("2026-01-01"), null, T))
        .hasMessage("close date change from 2026-01-01: to must not be null");
    assertThatThrownBy(() -> new CustomValue.Text(null))
        .hasMessage("custom text value must not be null");
  }

  @Test
  void nextStep_open_isOpenWithoutCommitment() {
    assertThat(NextStep.open("Call", null))
        .isEqualTo(new NextStep("Call", null, null, NextStepStatus.OPEN, false));
  }

  @Test
  void customValue_factories_pickTheRecordByType() {
    assertThat(CustomValue.of("EMEA")).isEqualTo(new CustomValue.Text("EMEA"));
    assertThat(CustomValue.of(new BigDecimal("2.5")))
        .isEqualTo(new CustomValue.Number(new BigDecimal("2.5")));
    assertThat(CustomValue.of(true)).isEqualTo(new CustomValue.Flag(true));
    assertThat(CustomValue.of(LocalDate.parse("2026-01-15")))
        .isEqualTo(new CustomValue.Date(LocalDate.parse("2026-01-15")));
  }

  @ParameterizedTest
  @CsvSource({
    "economic_buyer, ECONOMIC_BUYER",
    "Economic Buyer, ECONOMIC_BUYER",
    "economic-buyer, ECONOMIC_BUYER",
    "' DECISION_MAKER ', DECISION_MAKER",
    "champion, CHAMPION"
  })
  void buyingRole_parse_ignoresCaseAndAcceptsDashOrSpaceForUnderscore(
      String text, BuyingRole role) {
    assertThat(BuyingRole.parse(text)).contains(role);
  }

  @Test
  void parse_unknownOrNull_isEmpty() {
    assertThat(Power.parse("huge")).isEmpty();
    assertThat(Power.parse(null)).isEmpty();
    assertThat(Outcome.parse("no show")).contains(Outcome.NO_SHOW);
    assertThat(ForecastCategory.parse("Best-Case")).contains(ForecastCategory.BEST_CASE);
    assertThat(ResponseMode.parse("even keel")).contains(ResponseMode.EVEN_KEEL);
  }

  @Test
  void everyEnum_idIsTheLowercaseName_andParsesBack() {
    assertIds(BuyingRole.values(), BuyingRole::id, BuyingRole::parse);
    assertIds(Power.values(), Power::id, Power::parse);
    assertIds(ResponseMode.values(), ResponseMode::id, ResponseMode::parse);
    assertIds(ActivityType.values(), ActivityType::id, ActivityType::parse);
    assertIds(Direction.values(), Direction::id, Direction::parse);
    assertIds(Outcome.values(), Outcome::id, Outcome::parse);
    assertIds(NextStepStatus.values(), NextStepStatus::id, NextStepStatus::parse);
    assertIds(EvidenceStatus.values(), EvidenceStatus::id, EvidenceStatus::parse);
    assertIds(ForecastCategory.values(), ForecastCategory::id, ForecastCategory::parse);
    assertThat(BuyingRole.DECISION_MAKER.id()).isEqualTo("decision_maker");
  }

  private static <E extends Enum<E>> void assertIds(
      E[] values, Function<E, String> id, Function<String, Optional<E>> parse) {
    List<E> all = Arrays.asList(values);
    for (E e : all) {
      assertThat(id.apply(e)).isEqualTo(e.name().toLowerCase(java.util.Locale.ROOT));
      assertThat(parse.apply(id.apply(e))).contains(e);
    }
  }
}
