package dev.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.model.Deal;
import dev.playbook.result.Gap;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Numbers and dates in placeholders are written as the text's locale writes them. */
class PlaceholderFormatTest {

  static final Playbook PLAYBOOK =
      Playbook.parse(
          "t.yaml",
          """
          playbook: t
          stages: [proposal, won]
          rules:
            - id: r
              when: "true"
              gap:
                severity: high
                message:
                  en: "{deal.name}: {amount} due {close_date}, created {created_at}, {probability}%"
                  zh-CN: "{deal.name}：金额 {amount}，预计 {close_date} 成交，创建于 {created_at}，{probability}%"
          """);

  static final Deal DEAL =
      Deal.builder("D-1", "proposal")
          .name("Globex")
          .amount(new BigDecimal("900000"))
          .probability(new BigDecimal("40"))
          .closeDate(LocalDate.parse("2026-01-05"))
          .createdAt(Instant.parse("2026-11-20T09:05:00Z"))
          .build();

  static String message(Locale locale) {
    return PLAYBOOK.evaluate(DEAL, Instant.parse("2026-11-20T10:00:00Z"), locale).gaps().stream()
        .map(Gap::message)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void inEnglish_numbersAreGrouped_andDatesAreIso() {
    assertThat(message(Locale.ENGLISH))
        .isEqualTo("Globex: 900,000 due 2026-01-05, created 2026-11-20 09:05 UTC, 40%");
  }

  @Test
  void inChinese_numbersAreGrouped_andDatesAreWrittenInChinese() {
    assertThat(message(Locale.forLanguageTag("zh-CN")))
        .isEqualTo("Globex：金额 900,000，预计 2026年1月5日 成交，创建于 2026年11月20日 09:05（协调世界时），40%");
  }
}
