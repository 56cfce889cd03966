package dev.playbook.insights.trail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.insights.CsvMapping;
import dev.playbook.insights.DealSource;
import dev.playbook.model.Activity;
import dev.playbook.model.Contact;
import dev.playbook.model.Deal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated book written as a Salesforce export folder and read back through the {@code
 * salesforce} mapping: the deals match those of the same book in JSON Lines, field by field where a
 * Salesforce export has the field, and the backtest finds the planted effects.
 */
class SalesforceReadTest {

  static final int DEALS = 400;

  @TempDir static Path dir;
  static List<Deal> salesforce = new ArrayList<>();
  static List<Deal> jsonl = new ArrayList<>();
  static DealSource source;

  @BeforeAll
  static void generateAndRead() throws Exception {
    TrailGenerator.withSeed(7).generate(DEALS, TrailFormat.SALESFORCE, dir.resolve("sf"), n -> {});
    TrailGenerator.withSeed(7).generate(DEALS, TrailFormat.JSONL, dir.resolve("j"), n -> {});
    try (DealSource s = DealSource.open(dir.resolve("sf"), CsvMapping.builtIn("salesforce"))) {
      s.forEachRemaining(salesforce::add);
      source = s;
    }
    try (DealSource s = DealSource.open(dir.resolve("j/deals.jsonl"))) {
      s.forEachRemaining(jsonl::add);
    }
  }

  @Test
  void read_generatedExport_accountsForEveryRow() {
    assertThat(source.problems()).isEmpty();
    assertThat(source.rows()).isEqualTo(DEALS);
    assertThat(source.badRows()).isZero();
    // the duplicates in the recycle bin
    assertThat(source.skippedRows()).isEqualTo(DEALS / SalesforceWriter.DELETED_OPPORTUNITY_EVERY);
    for (DealSource.ChildRows c : source.childRows()) {
      assertThat(c.read() + c.skipped() + c.bad() + c.orphaned()).as(c.table()).isEqualTo(c.rows());
      assertThat(c.bad() + c.orphaned()).as(c.table()).isZero();
      assertThat(c.read()).as(c.table()).isPositive();
    }
  }

  @Test
  void read_generatedExport_keepsPrimaryContactsAndActivityTextsWithTheirCommasQuotesAndLines() {
    assertThat(salesforce.stream().flatMap(d -> d.contacts().stream()).filter(Contact::primary))
        .isNotEmpty();
    assertThat(salesforce.stream().filter(d -> !d.contacts().isEmpty()))
        .allSatisfy(
            d -> assertThat(d.contacts().stream().filter(Contact::primary)).hasSizeLessThan(2));
    List<String> bodies =
        salesforce.stream()
            .flatMap(d -> d.activities().stream())
            .map(Activity::body)
            .filter(b -> b != null)
            .toList();
    assertThat(bodies).anyMatch(b -> b.contains("\n")).anyMatch(b -> b.contains(","));
    assertThat(bodies).anyMatch(b -> b.contains("\"what does year two cost, and who signs?\""));
  }

  @Test
  void read_generatedExport_givesTheDealsOfTheJsonLinesBook() {
    assertThat(salesforce).hasSameSizeAs(jsonl);
    for (int i = 0; i < jsonl.size(); i++) {
      Deal s = salesforce.get(i);
      Deal j = jsonl.get(i);
      assertThat(s.id()).isEqualTo(SalesforceWriter.opportunityId(i));
      assertThat(s.toBuilder().id(j.id()).contacts(List.of()).activities(List.of()).build())
          .as(j.id())
          .usingRecursiveComparison()
          // not in a Salesforce export: evidence, and the first close date (set at creation)
          .ignoringFields("evidence", "closeDateHistory", "contacts", "activities")
          .isEqualTo(j);
      assertThat(s.closeDateHistory())
          .isEqualTo(j.closeDateHistory().subList(1, j.closeDateHistory().size()));
      assertThat(s.contacts().stream().map(SalesforceReadTest::contact).toList())
          .as(j.id())
          .isEqualTo(j.contacts().stream().map(SalesforceReadTest::contact).toList());
      Map<String, String> names =
          s.contacts().stream().collect(Collectors.toMap(Contact::id, Contact::name));
      Map<String, String> jNames =
          j.contacts().stream().collect(Collectors.toMap(Contact::id, Contact::name));
      assertThat(s.activities().stream().map(a -> activity(a, names)).toList())
          .as(j.id())
          .isEqualTo(j.activities().stream().map(a -> activity(a, jNames)).toList());
    }
  }

  /** A contact as a Salesforce export has it: the day of the last activity, no response mode. */
  private static String contact(Contact c) {
    return c.name()
        + "|"
        + c.title()
        + "|"
        + c.roles()
        + "|"
        + c.power()
        + "|"
        + (c.lastEngagedAt() == null ? null : c.lastEngagedAt().toString().substring(0, 10))
        + "|"
        + c.primary();
  }

  /** An activity as a Salesforce export has it: a connected call's outcome is continuation. */
  private static String activity(Activity a, Map<String, String> names) {
    String outcome = a.outcome() == null ? null : a.outcome().name();
    if ("ADVANCE".equals(outcome) && a.type().name().equals("CALL")) {
      outcome = "CONTINUATION";
    }
    if (List.of("NOTE", "TASK").contains(a.type().name())) {
      outcome = null;
    }
    return a.type()
        + "|"
        + a.direction()
        + "|"
        + a.occurredAt()
        + "|"
        + a.contactIds().stream().map(names::get).toList()
        + "|"
        + outcome
        + "|"
        + a.durationMinutes()
        + "|"
        // Salesforce logs e-mails and notes with a prefix on the subject
        + a.subject().replaceFirst("^(← Email: |Email: |Note: )", "")
        + "|"
        + a.body();
  }
}
