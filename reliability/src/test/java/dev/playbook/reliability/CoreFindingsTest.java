package dev.playbook.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.playbook.Deals;
import dev.playbook.Playbook;
import dev.playbook.model.Contact;
import dev.playbook.model.Deal;
import dev.playbook.model.NextStep;
import dev.playbook.problem.ProblemException;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Explanation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Core bugs found by the fuzzers, the properties and the differential oracle, each reduced to its
 * smallest input. These tests state the behaviour the docs promise; they fail until core is fixed.
 */
class CoreFindingsTest {

  private static final Instant AS_OF = Fixtures.AS_OF; // Wednesday 2026-03-04 10:30 UTC

  private static Playbook playbook(String... conditions) {
    StringBuilder y = new StringBuilder("playbook: p\nstages: [a, b]\nrules:\n");
    for (int i = 0; i < conditions.length; i++) {
      y.append("  - id: r")
          .append(i)
          .append("\n    when: ")
          .append(GeneratedPlaybook.doubleQuoted(conditions[i]))
          .append("\n    gap: { severity: high, message: \"{deal.id}\" }\n");
    }
    return Playbook.parse("p.yaml", y.toString());
  }

  private static boolean fires(String condition, Deal deal) {
    return playbook(condition).evaluate(deal, AS_OF).firedRules().contains("r0");
  }

  // ---------------------------------------------------------------- loading

  /** A playbook whose lines mix \n and \r line breaks crashes the position lookup of a problem. */
  @Test
  void problemInFileWithCarriageReturns_isReportedNotACrash() {
    String yaml =
        "playbook: p\nstages: [a, b]\nrules:\n  - id: r\r    when: \"stage == zz\"\r"
            + "    gap: {severity: high, message: m}\n";

    Throwable thrown = catchThrowable(() -> Playbook.parse("p.yaml", yaml));

    assertThat(thrown).isInstanceOf(ProblemException.class);
    assertThat(((ProblemException) thrown).problems())
        .extracting(p -> p.code())
        .containsExactly("unknown-stage");
  }

  // ---------------------------------------------------------------- evaluation must not fail or
  // hang

  /**
   * {@code now + 999999999999d} loads, then every evaluation throws "Instant exceeds ... maximum
   * instant".
   */
  @Test
  void dateMovedBeyondTheCalendar_isRejectedAtLoadOrUnknown() {
    Playbook p;
    try {
      p = playbook("now + 999999999999d > close_date");
    } catch (ProblemException e) {
      return; // refusing the span when the playbook loads is a fix too
    }
    Deal deal = Deal.builder("d", "a").closeDate(LocalDate.parse("2026-05-01")).build();

    assertThatCode(() -> p.evaluate(deal, AS_OF)).doesNotThrowAnyException();
  }

  /**
   * Business days are added one day at a time: 5,000,000bd takes about half a second per
   * evaluation, 2e9bd minutes.
   */
  @Test
  void hugeBusinessDaySpan_evaluatesQuickly() {
    Playbook p = playbook("now + 5000000bd > close_date");
    Deal deal = Deal.builder("d", "a").closeDate(LocalDate.parse("2026-05-01")).build();
    p.evaluate(Deal.builder("warm-up", "a").build(), AS_OF);

    long start = System.nanoTime();
    p.evaluate(deal, AS_OF);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isLessThan(Duration.ofMillis(100));
  }

  /**
   * Business days between two dates are counted one day at a time: a deal dated 9999-12-31 (a
   * common "no date" placeholder in CRM exports) takes about a second per rule that counts them.
   */
  @Test
  void businessDaysToAFarDate_evaluateQuickly() {
    Playbook p = playbook("business_days_until(close_date) > 5");
    Deal deal = Deal.builder("d", "a").closeDate(LocalDate.parse("9999-12-31")).build();
    p.evaluate(Deal.builder("warm-up", "a").build(), AS_OF);

    long start = System.nanoTime();
    Evaluation e = p.evaluate(deal, AS_OF);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(e.firedRules()).containsExactly("r0");
    assertThat(took).isLessThan(Duration.ofMillis(200));
  }

  /**
   * An amount of 1e400 reads as a valid deal (it is a number, zero or more), then a message that
   * prints it throws a raw NumberFormatException "Infinite or NaN".
   */
  @Test
  void amountBeyondDoubleRange_isRejectedWhenReadOrPrinted() {
    List<Deal> deals;
    try {
      deals = Deals.parse("deals.json", "{\"id\": \"d\", \"stage\": \"a\", \"amount\": 1e400}");
    } catch (ProblemException e) {
      return; // refusing the number as too large is a fix too
    }
    Playbook p =
        Playbook.parse(
            "p.yaml",
            """
        playbook: p
        stages: [a, b]
        rules:
          - { id: r, when: "amount > 0", gap: { severity: high, message: "{amount}" } }
        """);

    assertThatCode(() -> p.evaluate(deals.get(0), AS_OF)).doesNotThrowAnyException();
  }

  // ---------------------------------------------------------------- wrong results (differential
  // oracle)

  /** Numbers compare with Double.compare: -0 is below 0 and not equal to it. */
  @Test
  void negatedZero_equalsZero() {
    Deal zero = Deal.builder("d", "a").amount(BigDecimal.ZERO).build();

    assertThat(fires("-amount < 0", zero)).as("-amount < 0").isFalse();
    assertThat(fires("-amount == 0", zero)).as("-amount == 0").isTrue();
    assertThat(fires("-amount in [0]", zero)).as("-amount in [0]").isTrue();
  }

  /**
   * Whole days and hours from a later instant round down (-10.5 h is -1 day), while business days
   * and the docs ("whole days") give 0: the three disagree about the same interval.
   */
  @Test
  void wholeDaysToALaterInstant_countCompleteDaysLikeBusinessDays() {
    Deal deal =
        Deal.builder("d", "a").createdAt(AS_OF.plus(Duration.ofMinutes(10 * 60 + 30))).build();

    assertThat(fires("business_days_since(created_at) == 0", deal))
        .as("business_days_since == 0")
        .isTrue();
    assertThat(fires("days_since(created_at) == 0", deal)).as("days_since == 0").isTrue();
    assertThat(fires("hours_since(created_at) == -10", deal)).as("hours_since == -10").isTrue();
  }

  /**
   * The docs: "Inside a quantifier, a bare name means the item's field if it has one, else the
   * deal's." Inside a nested quantifier the engine takes an enclosing item's field first.
   */
  @Test
  void bareNameInNestedQuantifier_isTheInnermostItemsThenTheEnclosingItemsThenTheDeals() {
    Deal deal =
        Deal.builder("d", "a")
            .name("Acme")
            .addContact(Contact.builder("c1").name("Ana").build())
            .addNextStep(NextStep.open("Review", null))
            .build();

    assertThat(fires("any(contacts, any(next_steps, name == \"Ana\"))", deal)).isTrue();
    assertThat(fires("any(contacts, any(next_steps, name == \"Acme\"))", deal)).isFalse();
    assertThat(fires("any(contacts, any(next_steps, deal.name == \"Acme\"))", deal)).isTrue();
  }

  // ---------------------------------------------------------------- explanations

  /** A part that ends in a parenthesised call or name is quoted without its closing parenthesis. */
  @Test
  void explanationOfAPartEndingInParentheses_quotesTheWholePart() {
    Playbook p = playbook("1 < -(count(contacts)) or amount > (probability)");

    List<Explanation.Part> parts = p.explain(Deal.builder("d", "a").build(), AS_OF, "r0").parts();

    assertThat(parts)
        .extracting(Explanation.Part::text)
        .containsExactly("1 < -(count(contacts))", "amount > (probability)");
  }
}
