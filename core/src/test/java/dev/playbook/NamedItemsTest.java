package dev.playbook;

import static dev.playbook.ConditionSemanticsTest.AS_OF;
import static dev.playbook.ConditionSemanticsTest.HEADER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.playbook.model.Activity;
import dev.playbook.model.ActivityType;
import dev.playbook.model.Deal;
import dev.playbook.problem.ProblemException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Items named with {@code as} in nested quantifiers, and {@code implies}. */
class NamedItemsTest {

  static final String FOLLOWED_UP =
      "all(activities as demo, type == demo implies any(activities, type == email and occurred_at"
          + " > demo.occurred_at and business_days_between(demo.occurred_at, occurred_at) <= 2))";

  static Deal deal(Activity... activities) {
    Deal.Builder b =
        Deal.builder("D-1", "proposal").createdAt(Instant.parse("2026-09-01T00:00:00Z"));
    for (Activity a : activities) {
      b.addActivity(a);
    }
    return b.build();
  }

  static Activity activity(String id, ActivityType type, String at) {
    return Activity.builder(id, type, Instant.parse(at)).build();
  }

  static boolean fires(String condition, Deal deal) {
    Playbook p = Playbook.parse("t.yaml", HEADER.formatted(condition.replace("\"", "\\\"")));
    return !p.evaluate(deal, AS_OF).actions().isEmpty();
  }

  static String problems(String condition) {
    ProblemException e =
        catchThrowableOfType(
            ProblemException.class,
            () -> Playbook.parse("t.yaml", HEADER.formatted(condition.replace("\"", "\\\""))));
    assertThat(e).as("problems of %s", condition).isNotNull();
    return e.getMessage();
  }

  @Test
  void everyDemoFollowedByAnEmailWithinTwoBusinessDays_holds() {
    // given a demo on Thursday followed by an email on Monday (2 business days later)
    Deal deal =
        deal(
            activity("d1", ActivityType.DEMO, "2026-11-12T10:00:00Z"),
            activity("e1", ActivityType.EMAIL, "2026-11-16T11:00:00Z"));

    // when / then
    assertThat(fires(FOLLOWED_UP, deal)).isTrue();
  }

  @Test
  void demoWhoseOnlyEmailComesThreeBusinessDaysLater_fails() {
    // given a second demo on Wednesday whose next email is the next Monday (3 business days)
    Deal deal =
        deal(
            activity("d1", ActivityType.DEMO, "2026-11-12T10:00:00Z"),
            activity("e1", ActivityType.EMAIL, "2026-11-16T11:00:00Z"),
            activity("d2", ActivityType.DEMO, "2026-11-18T10:00:00Z"),
            activity("e2", ActivityType.EMAIL, "2026-11-23T11:00:00Z"));

    assertThat(fires(FOLLOWED_UP, deal)).isFalse();
  }

  @Test
  void emailBeforeTheDemo_doesNotCount() {
    Deal deal =
        deal(
            activity("e0", ActivityType.EMAIL, "2026-11-11T11:00:00Z"),
            activity("d1", ActivityType.DEMO, "2026-11-12T10:00:00Z"));

    assertThat(fires(FOLLOWED_UP, deal)).isFalse();
  }

  @Test
  void innerCountReadingTheNamedItem_isComputedForEachItem() {
    // given activities followed by 2, 1 and 0 later ones: the inner count differs per item
    Deal deal =
        deal(
            activity("d1", ActivityType.DEMO, "2026-11-12T10:00:00Z"),
            activity("e1", ActivityType.EMAIL, "2026-11-16T11:00:00Z"),
            activity("e2", ActivityType.EMAIL, "2026-11-17T11:00:00Z"));

    assertThat(
            fires(
                "count(activities as d, count(activities, occurred_at > d.occurred_at) == 1)"
                    + " == 1",
                deal))
        .isTrue();
    assertThat(
            fires(
                "min(activities as d, count(activities, occurred_at > d.occurred_at)) == 0", deal))
        .isTrue();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "stage == proposal implies amount > 1 | false",
        "stage == proposal implies stage >= discovery | true",
        "stage == negotiation implies amount > 1 | true",
        "amount > 1 implies stage == proposal | true",
        "amount > 1 implies stage == negotiation | false",
      })
  void implies_isFalseOnlyWhenTheLeftHoldsAndTheRightDoesNot(String condition, boolean expected) {
    // amount is missing: 'amount > 1' is unknown
    assertThat(fires(condition, deal())).isEqualTo(expected);
  }

  @Test
  void bareNameOfTheItems_isNotAValue() {
    assertThat(problems("any(activities as demo, any(activities, demo))"))
        .isEqualTo(
            "t.yaml:12:52: unknown-field: 'demo' names each item of any(activities as demo, ...)"
                + " and is not a value itself; write demo.<field>, such as demo.id");
  }

  @Test
  void unknownFieldOfNamedItems_isLocatedWithAHint() {
    assertThat(problems("any(activities as demo, demo.ocurred_at is present)"))
        .isEqualTo(
            "t.yaml:12:36: unknown-field: 'ocurred_at' is not a field of an activity (did you mean"
                + " 'occurred_at'?)");
  }

  @Test
  void misspelledName_suggestsTheName() {
    assertThat(problems("any(activities as demo, any(activities, occurred_at > dmeo.occurred_at))"))
        .isEqualTo(
            "t.yaml:12:66: unknown-field: 'dmeo' is not a field of an activity or a deal (did you mean 'demo'?)");
  }

  @Test
  void nameUsedOutsideItsQuantifier_isUnknownThere() {
    assertThat(
            problems("any(activities as demo, type == demo) and days_since(demo.occurred_at) > 2"))
        .isEqualTo(
            "t.yaml:12:65: unknown-name: 'demo' is not known here: it names the items of"
                + " any(activities as demo, ...) only inside that call");
  }

  @Test
  void nameOfEnclosingItems_cannotBeGivenAgain() {
    assertThat(
            problems("any(activities as a, any(activities as a, a.occurred_at > deal.created_at))"))
        .isEqualTo(
            "t.yaml:12:51: shadowed-name: 'a' already names the items of any(activities as a,"
                + " ...); give these activities another name, such as the_activity");
  }

  @Test
  void nameThatIsAField_isRejected() {
    assertThat(problems("any(contacts as role, role.power == high)"))
        .isEqualTo(
            "t.yaml:12:28: shadowed-name: 'role' is already a field of a contact; give these"
                + " contacts another name, such as the_contact");
    assertThat(problems("any(activities as stage, stage.occurred_at is present)"))
        .isEqualTo(
            "t.yaml:12:30: shadowed-name: 'stage' is already a field of a deal; give these"
                + " activities another name, such as the_activity");
    assertThat(problems("any(activities as deal, deal.occurred_at is present)"))
        .isEqualTo(
            "t.yaml:12:30: shadowed-name: 'deal' already means the deal's fields; give these"
                + " activities another name, such as the_activity");
  }

  @Test
  void asOnAnotherFunction_isWrongArguments() {
    assertThat(problems("days_since(created_at as c) > 2"))
        .isEqualTo(
            "t.yaml:12:23: wrong-arguments: 'as' names the items of a list, so only the first"
                + " argument of any, all, none, count, min, max or sum can have it");
  }

  @Test
  void asOnALaterArgument_isASyntaxError() {
    assertThat(problems("any(activities, type == demo as d)"))
        .isEqualTo(
            "t.yaml:12:41: syntax-error: 'as' names the items of the list in the first argument"
                + " only, as in all(activities as demo, ...)");
  }

  @Test
  void chainedImplies_isASyntaxError() {
    assertThat(problems("amount > 1 implies amount > 2 implies amount > 3"))
        .isEqualTo(
            "t.yaml:12:42: syntax-error: 'implies' cannot be chained; put parentheses around one"
                + " of them, as in a implies (b implies c)");
  }

  @Test
  void wordsAsAndImplies_remainNamesElsewhere() {
    // a custom field may be called 'implies' or 'as'; only their place makes them words
    String yaml =
        """
        playbook: t
        stages: [open, done]
        custom_fields: { implies: boolean, as: number }
        rules:
          - id: r
            when: "custom.implies == true implies custom.as > 1"
            action: { title: x }
        """;
    Playbook p = Playbook.parse("t.yaml", yaml);
    Deal deal =
        Deal.builder("D-1", "open")
            .createdAt(AS_OF)
            .putCustom("implies", dev.playbook.model.CustomValue.of(true))
            .putCustom("as", dev.playbook.model.CustomValue.of(java.math.BigDecimal.valueOf(2)))
            .build();
    assertThat(p.evaluate(deal, AS_OF).actions()).hasSize(1);
  }
}
