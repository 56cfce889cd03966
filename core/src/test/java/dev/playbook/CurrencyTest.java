package dev.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.playbook.model.Deal;
import dev.playbook.problem.EvaluationException;
import dev.playbook.problem.ProblemException;
import dev.playbook.result.DealError;
import dev.playbook.result.Evaluations;
import dev.playbook.result.Gap;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Amounts in other currencies are converted to the playbook's base currency before use. */
class CurrencyTest {

  static final Instant AS_OF = Instant.parse("2026-11-20T09:00:00Z");

  static final String PLAYBOOK =
      """
      playbook: t
      stages: [discovery, proposal, won]
      currency:
        base: EUR
        rates: { USD: 0.92, CNY: 0.13 }
      parameters:
        large_deal: { default: 500000 }
      rules:
        - id: large
          when: amount >= param(large_deal)
          gap: { severity: high, message: "{deal.name} is worth {amount}, {amount / 2} per half" }
      """;

  static Deal deal(String id, String amount, String currency) {
    return Deal.builder(id, "proposal")
        .name("Globex")
        .createdAt(Instant.parse("2026-09-01T00:00:00Z"))
        .amount(new BigDecimal(amount))
        .currency(currency)
        .build();
  }

  static String problems(String yaml) {
    ProblemException e =
        catchThrowableOfType(ProblemException.class, () -> Playbook.parse("t.yaml", yaml));
    assertThat(e).isNotNull();
    return e.getMessage();
  }

  static List<String> gaps(Playbook p, Deal d) {
    return p.evaluate(d, AS_OF).gaps().stream().map(Gap::message).toList();
  }

  @Test
  void amountInAnotherCurrency_isComparedInTheBaseCurrency() {
    // given 600,000 USD (552,000 EUR) and 520,000 USD (478,400 EUR) against 500,000 EUR
    Playbook p = Playbook.parse("t.yaml", PLAYBOOK);

    assertThat(gaps(p, deal("D-1", "600000", "USD")))
        .containsExactly("Globex is worth 552,000 EUR, 276,000 per half");
    assertThat(gaps(p, deal("D-2", "520000", "USD"))).isEmpty();
    assertThat(gaps(p, deal("D-3", "4000000", "CNY")))
        .containsExactly("Globex is worth 520,000 EUR, 260,000 per half");
  }

  @Test
  void amountInTheBaseCurrencyOrWithoutOne_isReadAsItIs() {
    Playbook p = Playbook.parse("t.yaml", PLAYBOOK);

    assertThat(gaps(p, deal("D-1", "500000", "EUR")))
        .containsExactly("Globex is worth 500,000 EUR, 250,000 per half");
    assertThat(gaps(p, deal("D-2", "500000", null)))
        .containsExactly("Globex is worth 500,000 EUR, 250,000 per half");
    assertThat(gaps(p, deal("D-3", "499999.99", null))).isEmpty();
  }

  @Test
  void amountInChineseText_namesTheBaseCurrencyToo() {
    Playbook p =
        Playbook.parse(
            "t.yaml",
            PLAYBOOK.replace(
                "message: \"{deal.name} is worth {amount}, {amount / 2} per half\"",
                "message: { en: \"{amount}\", zh-CN: \"金额 {amount}（{deal.amount}）\" }"));

    var e = p.evaluate(deal("D-1", "600000", "USD"), AS_OF, Locale.forLanguageTag("zh-CN"));

    assertThat(e.gaps()).extracting(Gap::message).containsExactly("金额 552,000 EUR（552,000 EUR）");
  }

  @Test
  void dealInACurrencyWithoutARate_isAnErrorResult_andTheOthersAreEvaluated() {
    Playbook p = Playbook.parse("t.yaml", PLAYBOOK);

    Evaluations e =
        p.evaluateEach(
            List.of(deal("D-1", "900000", "GBP"), deal("D-2", "600000", "USD")),
            AS_OF,
            Locale.ENGLISH);

    assertThat(e.failed())
        .extracting(DealError::index, DealError::code, DealError::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                0,
                "evaluation-failed",
                "deal 'D-1' has its amount in GBP, which the playbook's currency table has no"
                    + " rate for; it converts CNY, USD to EUR: add GBP under currency.rates"));
    assertThat(e.evaluated()).extracting(x -> x.dealId()).containsExactly("D-2");
  }

  @Test
  void dealInACurrencyWithoutARate_evaluatedAlone_throwsNamingTheDeal() {
    Playbook p = Playbook.parse("t.yaml", PLAYBOOK);

    EvaluationException e =
        catchThrowableOfType(
            EvaluationException.class, () -> p.evaluate(deal("D-9", "10", "JPY"), AS_OF));

    assertThat(e.getMessage())
        .isEqualTo(
            "deal 'D-9' has its amount in JPY, which the playbook's currency table has no rate"
                + " for; it converts CNY, USD to EUR: add JPY under currency.rates");
  }

  @Test
  void dealWithoutAnAmount_needsNoRate() {
    Playbook p = Playbook.parse("t.yaml", PLAYBOOK);
    Deal d =
        Deal.builder("D-1", "proposal")
            .createdAt(Instant.parse("2026-09-01T00:00:00Z"))
            .currency("GBP")
            .build();

    assertThat(p.evaluate(d, AS_OF).gaps()).isEmpty();
  }

  @Test
  void playbookWithoutACurrencyTable_readsAmountsAsGiven() {
    Playbook p =
        Playbook.parse(
            "t.yaml",
            PLAYBOOK.replace("currency:\n  base: EUR\n  rates: { USD: 0.92, CNY: 0.13 }\n", ""));

    assertThat(gaps(p, deal("D-1", "520000", "USD")))
        .containsExactly("Globex is worth 520,000, 260,000 per half");
  }

  @Test
  void badCurrencyTable_reportsEveryProblemAtItsPlace() {
    String yaml =
        """
        playbook: t
        stages: [open, won]
        currency:
          base: EUX
          rates: { USD: -0.92, CNY: 0, usd: 1.1, XYZ: 2, GBP: "1.17", JPY: 1e13 }
          round: 2
        rules:
          - id: r
            when: amount > 1
            action: { title: x }
        """;
    assertThat(problems(yaml))
        .isEqualTo(
            """
            t.yaml:4:9: unknown-currency: 'EUX' is not an ISO 4217 currency code, such as EUR or USD (did you mean 'EUR'?)
            t.yaml:5:17: invalid-value: the rate of USD is -0.92; a rate is what one USD is worth in the base currency, more than 0 and less than a trillion
            t.yaml:5:29: invalid-value: the rate of CNY is 0; a rate is what one CNY is worth in the base currency, more than 0 and less than a trillion
            t.yaml:5:32: unknown-currency: 'usd' is not an ISO 4217 currency code, such as EUR or USD (write it in capitals: USD)
            t.yaml:5:42: unknown-currency: 'XYZ' is not an ISO 4217 currency code, such as EUR or USD
            t.yaml:5:55: wrong-type: the rate of GBP must be a number (what one GBP is worth in the base currency), not a string
            t.yaml:5:68: invalid-value: the rate of JPY is 1e13; a rate is what one JPY is worth in the base currency, more than 0 and less than a trillion
            t.yaml:6:3: unknown-field: 'round' is not a field of the currency table""");
  }

  @Test
  void currencyTableWithoutABase_andARateForTheBase_areProblems() {
    String missing =
        """
        playbook: t
        stages: [open, won]
        currency: { rates: { USD: 0.92 } }
        rules:
          - id: r
            when: amount > 1
            action: { title: x }
        """;
    String baseRate =
        missing.replace("{ rates: { USD: 0.92 } }", "{ base: EUR, rates: { EUR: 2 } }");

    assertThat(problems(missing))
        .isEqualTo("t.yaml:3:11: missing-field: the currency table needs 'base'");
    assertThat(problems(baseRate))
        .isEqualTo(
            "t.yaml:3:38: invalid-value: the rate of EUR is 2, but EUR is the base currency (its"
                + " rate is 1); remove it from 'rates'");
  }

  @Test
  void childTable_addsAndReplacesRates_andAnotherBaseReplacesTheTable(@TempDir Path dir)
      throws IOException {
    Files.createDirectories(dir.resolve("base"));
    Files.createDirectories(dir.resolve("acme"));
    Files.createDirectories(dir.resolve("usd"));
    Files.writeString(
        dir.resolve("base/playbook.yaml"),
        """
        playbook: base
        stages: [discovery, proposal, won]
        currency: { base: EUR, rates: { USD: 0.5, CNY: 0.13 } }
        rules:
          - id: large
            when: amount >= 500000
            gap: { severity: high, message: "{amount}" }
        """);
    Files.writeString(
        dir.resolve("acme/playbook.yaml"),
        """
        playbook: acme
        extends: [../base]
        currency: { base: EUR, rates: { USD: 0.92, GBP: 1.15 } }
        """);
    Files.writeString(
        dir.resolve("usd/playbook.yaml"),
        """
        playbook: usd
        extends: [../base]
        currency: { base: USD, rates: { EUR: 1.08 } }
        """);
    Playbook acme = Playbook.load(dir.resolve("acme"));
    Playbook usd = Playbook.load(dir.resolve("usd"));

    assertThat(gaps(acme, deal("D-1", "600000", "USD"))).containsExactly("552,000 EUR");
    assertThat(gaps(acme, deal("D-2", "500000", "GBP"))).containsExactly("575,000 EUR");
    assertThat(gaps(acme, deal("D-3", "4000000", "CNY"))).containsExactly("520,000 EUR");
    assertThat(gaps(usd, deal("D-4", "500000", "EUR"))).containsExactly("540,000 USD");
    assertThat(
            usd.evaluateEach(List.of(deal("D-5", "4000000", "CNY")), AS_OF, Locale.ENGLISH)
                .failed())
        .extracting(DealError::message)
        .containsExactly(
            "deal 'D-5' has its amount in CNY, which the playbook's currency table has no rate"
                + " for; it converts EUR to USD: add CNY under currency.rates");
  }

  @Test
  void currencySampleOfTheAuthoringPage_behavesAsThePageSays() throws IOException {
    // given the page's sample table with a rule that prints the page's message
    Path doc = Path.of("../docs/authoring-rules.md");
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "```yaml\\n(currency:.*?)```", java.util.regex.Pattern.DOTALL)
            .matcher(Files.readString(doc));
    assertThat(m.find()).isTrue();
    Playbook p =
        Playbook.parse(
            "doc.yaml",
            "playbook: t\nstages: [proposal, won]\n"
                + m.group(1)
                + "rules:\n  - id: large\n    when: amount >= param(large_deal)\n"
                + "    gap: { severity: high, message: \"{deal.name} is worth {amount}\" }\n");

    assertThat(gaps(p, deal("D-1", "600000", "USD")))
        .containsExactly("Globex is worth 552,000 EUR");
    assertThat(p.evaluateEach(List.of(deal("D-9", "1", "GBP")), AS_OF, Locale.ENGLISH).failed())
        .extracting(DealError::message)
        .containsExactly(
            "deal 'D-9' has its amount in GBP, which the playbook's currency table has no rate"
                + " for; it converts CNY, USD to EUR: add GBP under currency.rates");
  }
}
