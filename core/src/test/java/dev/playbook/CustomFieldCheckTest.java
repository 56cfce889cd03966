package dev.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.model.CustomValue;
import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import dev.playbook.result.DealRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Custom values checked against the types a playbook declares under {@code custom_fields}. */
class CustomFieldCheckTest {

  static final Instant AS_OF = Instant.parse("2026-11-20T00:00:00Z");

  static final Playbook PLAYBOOK =
      Playbook.parse(
          "playbook.yaml",
          """
          playbook: t
          stages: [lead, proposal, won, lost]
          custom_fields:
            exec_sponsor: boolean
            seats: number
            renewal_on: date
            po_number: text
          rules:
            - id: t.no-sponsor
              when: stage == proposal and custom.exec_sponsor != true
              gap: { severity: critical, message: "no executive sponsor" }
          """);

  @TempDir Path dir;

  private static List<String> checked(String fileName, String content) {
    try (Stream<DealRecord> records = Deals.stream(fileName, content)) {
      return records
          .map(PLAYBOOK::check)
          .flatMap(r -> r.problems().stream())
          .map(Problem::render)
          .toList();
    }
  }

  @Test
  void check_textYesForABoolean_isLocatedAtTheValue_withTheFix() {
    String json =
        """
        [
          { "id": "D-1", "stage": "proposal",
            "custom": { "exec_sponsor": "yes" } }
        ]
        """;

    assertThat(checked("deals.json", json))
        .containsExactly(
            "deals.json:3:33: custom-field-type: custom field 'exec_sponsor' is declared boolean"
                + " (true or false), but this value is the text \"yes\"; write true, without"
                + " quotes");
  }

  @Test
  void check_everyMismatchOfAJsonLinesDeal_isReportedInColumnOrder() {
    String jsonl =
        """
        {"id":"D-1","stage":"lead","custom":{"seats":"500000","renewal_on":"next spring","po_number":4711,"exec_sponsor":0}}
        {"id":"D-2","stage":"lead","custom":{"seats":12,"renewal_on":"2026-12-01","po_number":"4711","exec_sponsor":true}}
        """;

    assertThat(checked("deals.jsonl", jsonl))
        .containsExactly(
            "deals.jsonl:1:46: custom-field-type: custom field 'seats' is declared number, but"
                + " this value is the text \"500000\"; write 500000, without quotes",
            "deals.jsonl:1:68: custom-field-type: custom field 'renewal_on' is declared date, but"
                + " this value is the text \"next spring\"; write a date in quotes, such as"
                + " \"2026-11-02\"",
            "deals.jsonl:1:94: custom-field-type: custom field 'po_number' is declared text, but"
                + " this value is the number 4711; write \"4711\", in quotes",
            "deals.jsonl:1:114: custom-field-type: custom field 'exec_sponsor' is declared"
                + " boolean (true or false), but this value is the number 0; write false, without"
                + " quotes");
  }

  @Test
  void check_valuesOfTheDeclaredTypes_andUndeclaredFields_keepTheRecord() {
    String yaml =
        """
        id: D-1
        stage: proposal
        custom: { exec_sponsor: true, seats: 40, renewal_on: 2027-01-31, po_number: A-7, region: 9 }
        """;
    try (Stream<DealRecord> records = Deals.stream("deal.yaml", yaml)) {
      DealRecord record = records.findFirst().orElseThrow();

      assertThat(PLAYBOOK.check(record)).isSameAs(record);
      assertThat(record.position("custom.seats")).contains(new DealRecord.Position(3, 38));
      assertThat(record.position("seats")).isEmpty();
    }
  }

  @Test
  void check_aDealBuiltInCode_isLocatedAtTheRecordLine() {
    Deal deal =
        Deal.builder("D-9", "lead")
            .putCustom("seats", CustomValue.of(LocalDate.of(2026, 1, 5)))
            .build();

    DealRecord checked = PLAYBOOK.check(DealRecord.of("crm", 0, deal));

    assertThat(checked.ok()).isFalse();
    assertThat(checked.problems())
        .extracting(Problem::render)
        .containsExactly(
            "crm: custom-field-type: custom field 'seats' is declared number, but this value is"
                + " the date 2026-01-05; write a number, without quotes");
  }

  @Test
  void evaluate_aValueOfAnotherType_readsAsMissing_asDocumented() {
    Deal text =
        Deal.builder("D-1", "proposal").putCustom("exec_sponsor", CustomValue.of("yes")).build();
    Deal flag =
        Deal.builder("D-2", "proposal").putCustom("exec_sponsor", CustomValue.of(true)).build();
    Deal number =
        Deal.builder("D-3", "proposal")
            .putCustom("exec_sponsor", CustomValue.of(BigDecimal.ONE))
            .build();

    // unknown != true is unknown: the rule does not fire, it is not taken as "no sponsor"
    assertThat(PLAYBOOK.evaluate(text, AS_OF).firedRules()).isEmpty();
    assertThat(PLAYBOOK.evaluate(number, AS_OF).firedRules()).isEmpty();
    assertThat(PLAYBOOK.evaluate(flag, AS_OF).firedRules()).isEmpty();
  }

  @Test
  void ruleTests_aCaseWhoseDealHasAMismatchedCustomValue_failsWithTheLocatedProblem()
      throws IOException {
    Files.writeString(
        dir.resolve("playbook.yaml"),
        """
        playbook: t
        stages: [lead, proposal, won, lost]
        custom_fields: { exec_sponsor: boolean }
        rules:
          - id: t.no-sponsor
            when: stage == proposal and custom.exec_sponsor != true
            gap: { severity: critical, message: "no executive sponsor" }
        """);
    Path tests = dir.resolve("sponsor.test.yaml");
    Files.writeString(
        tests,
        """
        as_of: 2026-11-20
        cases:
          - name: sponsor named
            deal: { id: D-1, stage: proposal, custom: { exec_sponsor: "yes" } }
            not_fires: [t.no-sponsor]
        """);

    RuleTestReport report = RuleTests.run(tests);

    assertThat(report.cases()).hasSize(1);
    assertThat(report.cases().get(0).status()).isEqualTo(RuleTestReport.Status.FAILED);
    assertThat(report.cases().get(0).failures())
        .containsExactly(
            "the case's deal is not valid: "
                + tests
                + ":4:63: custom-field-type: custom field 'exec_sponsor' is declared boolean"
                + " (true or false), but this value is the text \"yes\"; write true, without"
                + " quotes");
  }
}
