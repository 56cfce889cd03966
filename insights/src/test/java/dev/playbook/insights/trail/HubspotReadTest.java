package dev.playbook.insights.trail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.insights.CsvMapping;
import dev.playbook.insights.DealSource;
import dev.playbook.model.Activity;
import dev.playbook.model.Contact;
import dev.playbook.model.Deal;
import dev.playbook.model.NextStep;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated book written as a HubSpot export folder and read back through the {@code hubspot}
 * mapping: the trail of each deal matches the same book in JSON Lines where HubSpot has the field.
 */
class HubspotReadTest {

  static final int DEALS = 300;

  @TempDir static Path dir;
  static List<Deal> hubspot = new ArrayList<>();
  static List<Deal> jsonl = new ArrayList<>();
  static DealSource source;

  @BeforeAll
  static void generateAndRead() throws Exception {
    TrailGenerator.withSeed(11).generate(DEALS, TrailFormat.HUBSPOT, dir.resolve("hs"), n -> {});
    TrailGenerator.withSeed(11).generate(DEALS, TrailFormat.JSONL, dir.resolve("j"), n -> {});
    try (DealSource s = DealSource.open(dir.resolve("hs"), CsvMapping.builtIn("hubspot"))) {
      s.forEachRemaining(hubspot::add);
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
    for (DealSource.ChildRows c : source.childRows()) {
      assertThat(c.read() + c.skipped() + c.bad() + c.orphaned()).as(c.table()).isEqualTo(c.rows());
      assertThat(c.bad() + c.orphaned()).as(c.table()).isZero();
      assertThat(c.read()).as(c.table()).isPositive();
    }
  }

  @Test
  void read_generatedExport_keepsPrimaryContactsAndActivityTextsWithTheirCommasQuotesAndLines() {
    assertThat(hubspot.stream().flatMap(d -> d.contacts().stream()).filter(Contact::primary))
        .isNotEmpty();
    assertThat(hubspot.stream().filter(d -> !d.contacts().isEmpty()))
        .allSatisfy(
            d -> assertThat(d.contacts().stream().filter(Contact::primary)).hasSizeLessThan(2));
    List<String> bodies =
        hubspot.stream()
            .flatMap(d -> d.activities().stream())
            .map(Activity::body)
            .filter(b -> b != null)
            .toList();
    assertThat(bodies).anyMatch(b -> b.contains("\n")).anyMatch(b -> b.contains(","));
    assertThat(bodies).anyMatch(b -> b.contains("\"what does year two cost, and who signs?\""));
  }

  @Test
  void read_generatedExport_givesTheTrailOfTheJsonLinesBook() {
    assertThat(hubspot).hasSameSizeAs(jsonl);
    for (int i = 0; i < jsonl.size(); i++) {
      Deal h = hubspot.get(i);
      Deal j = jsonl.get(i);
      assertThat(h.id()).isEqualTo(String.valueOf(HubspotWriter.dealId(i)));
      assertThat(h.account()).isEqualTo(j.account());
      assertThat(h.stage()).isEqualTo(j.stage());
      assertThat(h.stageHistory()).as(j.id()).isEqualTo(j.stageHistory());
      assertThat(h.closeDateHistory()).as(j.id()).isEqualTo(j.closeDateHistory());
      assertThat(h.amount()).isEqualTo(j.amount());
      assertThat(h.currency()).isEqualTo(j.currency());
      assertThat(h.createdAt()).isEqualTo(j.createdAt());
      assertThat(h.closeDate()).isEqualTo(j.closeDate());
      assertThat(h.segment()).isEqualTo(j.segment());
      assertThat(h.contacts().stream().map(HubspotReadTest::contact).toList())
          .as(j.id())
          .isEqualTo(j.contacts().stream().map(HubspotReadTest::contact).toList());
      Map<String, String> titles =
          h.contacts().stream().collect(Collectors.toMap(Contact::id, c -> c.title()));
      Map<String, String> jTitles =
          j.contacts().stream().collect(Collectors.toMap(Contact::id, c -> c.title()));
      assertThat(h.activities().stream().map(a -> activity(a, titles)).toList())
          .as(j.id())
          .isEqualTo(j.activities().stream().map(a -> activity(a, jTitles)).toList());
      assertThat(h.nextSteps().stream().map(HubspotReadTest::step).toList())
          .as(j.id())
          .isEqualTo(j.nextSteps().stream().map(HubspotReadTest::step).toList());
    }
  }

  /** HubSpot's buying roles: a coach is an influencer, a technical buyer "other". */
  private static String contact(Contact c) {
    return c.title()
        + "|"
        + c.roles().stream()
            .map(r -> r.name().equals("COACH") ? "INFLUENCER" : r.name())
            .distinct()
            .sorted()
            .toList()
        + "|"
        + c.lastEngagedAt()
        + "|"
        + c.primary();
  }

  private static String activity(Activity a, Map<String, String> titles) {
    String outcome = a.outcome() == null ? null : a.outcome().name();
    String type = a.type().name();
    if (type.equals("CALL") && "ADVANCE".equals(outcome)) {
      outcome = "CONTINUATION";
    }
    if (type.equals("MEETING") || type.equals("DEMO")) {
      outcome = "ADVANCE".equals(outcome) ? "COMPLETED" : outcome;
    }
    if (type.equals("TASK")) {
      outcome = null;
    }
    return type
        + "|"
        + a.direction()
        + "|"
        + a.occurredAt()
        + "|"
        + (type.equals("NOTE") ? "-" : a.contactIds().stream().map(titles::get).toList())
        + "|"
        + outcome
        + "|"
        + (type.equals("CALL") ? a.durationMinutes() : null)
        + "|"
        // a HubSpot note has a body and no title
        + (type.equals("NOTE") ? "-" : a.subject())
        + "|"
        + a.body();
  }

  private static String step(NextStep s) {
    return s.title() + "|" + s.due() + "|" + s.status() + "|" + s.buyerCommitment();
  }
}
