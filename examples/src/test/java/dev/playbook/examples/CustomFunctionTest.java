package dev.playbook.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.playbook.EvaluationLimits;
import dev.playbook.Playbook;
import dev.playbook.model.Contact;
import dev.playbook.model.Deal;
import dev.playbook.problem.ProblemException;
import dev.playbook.result.DealError;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Evaluations;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Company functions registered through {@code META-INF/services} (this module's test resources list
 * {@code FiscalQuarter} and {@code RegionOf}) are called by conditions and checked by the loader
 * like built-in ones.
 */
class CustomFunctionTest {

  private static final Instant AS_OF = Instant.parse("2026-11-20T00:00:00Z");

  private static final String PLAYBOOK =
      """
      playbook: fx
      stages: [open, won]
      rules:
        - id: q4-big
          when: fiscal_quarter(close_date) == 4 and amount > 1000
          action: { title: "Push {account} before the fiscal year ends" }
        - id: emea
          when: region_of(account) == "emea"
          action: { title: "Route to the EMEA desk" }
      """;

  private static Deal deal(String id, String account, LocalDate close) {
    Deal.Builder b =
        Deal.builder(id, "open").account(account).amount(new BigDecimal("5000")).currency("EUR");
    return close == null ? b.build() : b.closeDate(close).build();
  }

  @Test
  void evaluate_companyFunctions_areCalledByConditions() {
    Playbook playbook = Playbook.parse("fx.yaml", PLAYBOOK);

    Evaluation january =
        playbook.evaluate(deal("d1", "Acme GmbH", LocalDate.of(2027, 1, 15)), AS_OF);
    Evaluation march = playbook.evaluate(deal("d2", "Acme Inc", LocalDate.of(2026, 3, 15)), AS_OF);

    assertThat(january.firedRules()).containsExactly("q4-big", "emea");
    assertThat(january.actions())
        .extracting(a -> a.title())
        .containsExactlyInAnyOrder(
            "Push Acme GmbH before the fiscal year ends", "Route to the EMEA desk");
    assertThat(march.firedRules()).isEmpty();
  }

  @Test
  void evaluate_unknownArgument_isUnknownWithoutCallingTheFunction() {
    Playbook playbook = Playbook.parse("fx.yaml", PLAYBOOK);

    Evaluation noCloseDate = playbook.evaluate(deal("d3", "Acme GmbH", null), AS_OF);

    assertThat(noCloseDate.firedRules()).containsExactly("emea");
  }

  @Test
  void load_wrongArgumentTypeOrCount_isALocatedProblem() {
    String bad =
        """
        playbook: fx
        stages: [open, won]
        rules:
          - id: a
            when: fiscal_quarter(amount) == 4
            action: { title: A }
          - id: b
            when: region_of(account, owner) == "emea"
            action: { title: B }
        """;

    ProblemException e =
        catchThrowableOfType(() -> Playbook.parse("fx.yaml", bad), ProblemException.class);

    assertThat(e.problems())
        .extracting(p -> p.render())
        .containsExactly(
            "fx.yaml:5:26: type-mismatch: fiscal_quarter(...) takes a date as argument 1, but"
                + " this is a number",
            "fx.yaml:8:11: wrong-arguments: region_of(...) takes 1 argument (text), not 2");
  }

  @Test
  void load_misspeltCompanyFunction_isSuggested() {
    String bad =
        """
        playbook: fx
        stages: [open, won]
        rules:
          - id: a
            when: fiscal_quater(close_date) == 4
            action: { title: A }
        """;

    ProblemException e =
        catchThrowableOfType(() -> Playbook.parse("fx.yaml", bad), ProblemException.class);

    assertThat(e.problems().get(0).message())
        .startsWith("'fiscal_quater' is not a function (did you mean 'fiscal_quarter'?)")
        .contains("fiscal_quarter, hours_between")
        .contains("region_of, sum");
  }

  @Test
  void evaluateEach_functionThatThrowsOrReturnsTheWrongType_failsThatDealOnly() {
    Playbook playbook = Playbook.parse("fx.yaml", PLAYBOOK);
    LocalDate close = LocalDate.of(2026, 6, 1);

    Evaluations results =
        playbook.evaluateEach(
            List.of(
                deal("ok", "Acme GmbH", close),
                deal("b", "boom", close),
                deal("w", "wrong", close)),
            AS_OF,
            Locale.ENGLISH);

    assertThat(results.evaluated()).extracting(Evaluation::dealId).containsExactly("ok");
    assertThat(results.failed())
        .extracting(DealError::message)
        .containsExactly(
            "deal 'b' could not be evaluated at rule 'emea', condition"
                + " 'region_of(account) == \"emea\"' of playbook 'fx': function 'region_of'"
                + " failed: no region table for 'boom'",
            "deal 'w' could not be evaluated at rule 'emea', condition"
                + " 'region_of(account) == \"emea\"' of playbook 'fx': function 'region_of'"
                + " returned a value of type Integer where it declares text");
  }

  private static final String SCORED =
      """
      playbook: fx
      stages: [open, won]
      rules:
        - id: weak-buyers
          when: count(contacts, credit_score(name) < 600) >= 1
          action: { title: "Check the buyers' credit" }
      """;

  private static Deal withContacts(int n) {
    List<Contact> contacts = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      contacts.add(Contact.builder("c" + i).name("Co" + i).build());
    }
    return Deal.builder("d" + n, "open").contacts(contacts).build();
  }

  @Test
  void evaluateEach_declaredCost_countsAgainstTheStepBudgetOnEveryCall() {
    // three calls of 5,000 steps fit a budget of 16,000; four do not
    Playbook playbook =
        Playbook.parse("fx.yaml", SCORED)
            .withLimits(EvaluationLimits.defaults().withMaxSteps(16_000));

    Evaluations results =
        playbook.evaluateEach(List.of(withContacts(3), withContacts(4)), AS_OF, Locale.ENGLISH);

    assertThat(results.evaluated()).extracting(Evaluation::dealId).containsExactly("d3");
    assertThat(results.evaluated().get(0).firedRules()).containsExactly("weak-buyers");
    assertThat(results.failed())
        .extracting(DealError::kind, DealError::message)
        .containsExactly(
            tuple(
                DealError.Kind.TOO_COSTLY,
                "deal 'd4' is too costly to evaluate: it took more than 16000 steps, the budget of"
                    + " one deal; the budget ran out at rule 'weak-buyers', condition"
                    + " 'count(contacts, credit_score(name) < 600) >= 1' (quantifiers nested 1"
                    + " deep, about 5007 × n steps for lists of n items)"));
  }

  @Test
  void evaluate_declaredCost_fitsTheDefaultBudget() {
    Playbook playbook = Playbook.parse("fx.yaml", SCORED);

    Evaluation e = playbook.evaluate(withContacts(4), AS_OF);

    assertThat(e.firedRules()).containsExactly("weak-buyers");
  }
}
