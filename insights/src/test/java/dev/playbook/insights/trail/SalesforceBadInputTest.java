package dev.playbook.insights.trail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.insights.CsvMapping;
import dev.playbook.insights.DealSource;
import dev.playbook.model.Activity;
import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Salesforce export with one thing wrong: each is reported, and nothing else is lost. */
class SalesforceBadInputTest {

  @TempDir Path dir;
  Path sf;

  @BeforeEach
  void generate() throws Exception {
    sf = dir.resolve("sf");
    TrailGenerator.withSeed(3).generate(5, TrailFormat.SALESFORCE, sf, n -> {});
  }

  private List<String> lines(String file) throws Exception {
    return new ArrayList<>(Files.readAllLines(sf.resolve(file), StandardCharsets.UTF_8));
  }

  private void write(String file, List<String> lines) throws Exception {
    Files.write(sf.resolve(file), lines, StandardCharsets.UTF_8);
  }

  private record Read(List<Deal> deals, DealSource source) {}

  private Read read() {
    List<Deal> deals = new ArrayList<>();
    try (DealSource s = DealSource.open(sf, CsvMapping.builtIn("salesforce"))) {
      s.forEachRemaining(deals::add);
      return new Read(deals, s);
    }
  }

  private List<String> problems(Read r) {
    return r.source().problems().stream().map(p -> render(p)).toList();
  }

  private String render(Problem p) {
    return p.toString().replace(sf.toString(), "sf");
  }

  @Test
  void read_taskWithMalformedDate_reportsTheRowAndKeepsItsDeal() throws Exception {
    List<Deal> before = read().deals();
    List<String> task = lines("Task.csv");
    task.set(
        1,
        task.get(1).replaceFirst("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.000Z", "31/31/2025"));
    write("Task.csv", task);

    Read r = read();

    assertThat(problems(r))
        .containsExactly(
            "sf/Task.csv:2:17: invalid-value: column 'CompletedDateTime': '31/31/2025' is not a"
                + " date in the mapping's date formats; the row is left out");
    assertThat(r.deals()).hasSize(5);
    assertThat(r.deals().get(0).activities()).hasSize(before.get(0).activities().size() - 1);
    assertThat(r.deals().subList(1, 5)).isEqualTo(before.subList(1, 5));
    DealSource.ChildRows tasks =
        r.source().childRows().stream()
            .filter(c -> c.table().equals("tasks"))
            .findFirst()
            .orElseThrow();
    assertThat(tasks.bad()).isEqualTo(1);
    assertThat(tasks.read() + tasks.skipped() + tasks.bad() + tasks.orphaned())
        .isEqualTo(tasks.rows());
  }

  @Test
  void read_whatIdOfAnAccount_reportsTheRowsAsNamingNoDeal() throws Exception {
    List<Deal> before = read().deals();
    List<String> task = lines("Task.csv");
    String opp = SalesforceWriter.opportunityId(0);
    String account = SalesforceWriter.accountId(0);
    List<Integer> moved = new ArrayList<>();
    for (int i = 0; i < task.size(); i++) {
      if (task.get(i).contains(opp)) {
        moved.add(i + 1);
      }
    }
    task.replaceAll(l -> l.replace(opp, account));
    write("Task.csv", task);

    Read r = read();

    // Task.csv fills two tables: its next-step rows are next steps, the others activities
    long tasks = orphaned(r, "tasks");
    long steps = orphaned(r, "next_steps");
    assertThat(tasks + steps).isEqualTo(moved.size());
    assertThat(tasks).isPositive();
    assertThat(steps).isPositive();
    String prefix =
        ":4: unknown-parent: column 'WhatId': '"
            + account
            + "' is the id of no deal in sf/Opportunity.csv (ids starting '001' name an Account);"
            + " this row and ";
    assertThat(problems(r))
        .containsExactly(
            "sf/Task.csv:"
                + moved.get(0)
                + prefix
                + (tasks - 1)
                + " more with that id are left out",
            "sf/Task.csv:"
                + firstStep(account)
                + prefix
                + (steps - 1)
                + " more with that id are left out",
            "sf/Task.csv: unknown-parent: "
                + tasks
                + " rows of sf/Task.csv (tasks) name no deal in sf/Opportunity.csv and are left out",
            "sf/Task.csv: unknown-parent: "
                + steps
                + " rows of sf/Task.csv (next_steps) name no deal in sf/Opportunity.csv and are"
                + " left out");
    assertThat(r.deals()).hasSize(5);
    assertThat(r.deals().get(0).activities()).isEmpty();
    // what is left is the deal table's NextStep column: one open step with no due date
    assertThat(r.deals().get(0).nextSteps())
        .singleElement()
        .satisfies(step -> assertThat(step.due()).isNull());
    assertThat(before.get(0).nextSteps()).allSatisfy(step -> assertThat(step.due()).isNotNull());
    assertThat(r.deals().subList(1, 5)).isEqualTo(before.subList(1, 5));
  }

  /** The line of the first row of Task.csv on {@code whatId} that is a next step. */
  private int firstStep(String whatId) throws Exception {
    try (CSVParser p =
        CSVParser.parse(
            sf.resolve("Task.csv"),
            StandardCharsets.UTF_8,
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
      for (CSVRecord r : p) {
        if (r.get("WhatId").equals(whatId) && r.get("Is_Next_Step__c").equals("true")) {
          return (int) r.getRecordNumber() + 1;
        }
      }
    }
    throw new AssertionError("no next step on " + whatId);
  }

  @Test
  void read_childRowsOfAnOpportunityNotInTheExport_areCountedAndReported() throws Exception {
    List<Deal> before = read().deals();
    List<String> roles = lines("OpportunityContactRole.csv");
    String opp = SalesforceWriter.opportunityId(2);
    String absent = SalesforceWriter.opportunityId(999);
    int first = firstLineWith(roles, opp);
    long moved = roles.stream().filter(l -> l.contains(opp)).count();
    roles.replaceAll(l -> l.replace(opp, absent));
    write("OpportunityContactRole.csv", roles);

    Read r = read();

    assertThat(problems(r).stream().filter(p -> p.contains(": unknown-parent: ")))
        .containsExactly(
            "sf/OpportunityContactRole.csv:"
                + first
                + ":3: unknown-parent: column 'OpportunityId': '"
                + absent
                + "' is the id of no deal in sf/Opportunity.csv; this row and "
                + (moved - 1)
                + " more with that id are left out",
            "sf/OpportunityContactRole.csv: unknown-parent: "
                + moved
                + " rows of sf/OpportunityContactRole.csv (contacts) name no deal in"
                + " sf/Opportunity.csv and are left out");
    // the deal's activities are kept, without the contacts it no longer has
    long withContacts =
        before.get(2).activities().stream().filter(a -> !a.contactIds().isEmpty()).count();
    assertThat(problems(r).stream().filter(p -> !p.contains(": unknown-parent: ")))
        .hasSize((int) withContacts)
        .allSatisfy(
            p ->
                assertThat(p)
                    .matches(
                        "sf/(Task|Event)\\.csv:\\d+:3: unknown-contact: activity '[0-9A-Za-z]+'"
                            + " names contact '[0-9A-Za-z]+', who is not among the contacts of deal '"
                            + opp
                            + "'; the activity is kept without that contact"));
    assertThat(r.deals()).hasSize(5);
    assertThat(r.deals().get(2).contacts()).isEmpty();
    assertThat(r.deals().get(2).activities()).hasSameSizeAs(before.get(2).activities());
    assertThat(r.deals()).element(0).isEqualTo(before.get(0));
    assertThat(r.deals().subList(3, 5)).isEqualTo(before.subList(3, 5));
    assertThat(orphaned(r, "contacts")).isEqualTo(moved);
  }

  /** The 1-based line of the first of {@code lines} that holds {@code text}. */
  private static int firstLineWith(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " is on no line");
  }

  private static long orphaned(Read r, String table) {
    return r.source().childRows().stream()
        .filter(c -> c.table().equals(table))
        .mapToLong(DealSource.ChildRows::orphaned)
        .sum();
  }

  @Test
  void read_missingOpportunityFile_isOneProblemAndNoDeals() throws Exception {
    Files.delete(sf.resolve("Opportunity.csv"));

    Read r = read();

    assertThat(r.deals()).isEmpty();
    assertThat(r.source().childRows()).isEmpty();
    assertThat(problems(r))
        .containsExactly(
            "sf/Opportunity.csv: file-unreadable: no such file: the export folder has no"
                + " Opportunity.csv, the deal table of mapping 'salesforce'; no deal can be read");
  }

  @Test
  void read_taskDescriptionOverTheLimit_isCutWithAProblemAndTheRowKept() throws Exception {
    List<Deal> before = read().deals();
    // the first task that is an activity gets a body one character too long for an activity
    String text = Files.readString(sf.resolve("Task.csv"), StandardCharsets.UTF_8);
    List<CSVRecord> rows;
    List<String> header;
    try (CSVParser p =
        CSVParser.parse(
            text, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
      header = p.getHeaderNames();
      rows = p.getRecords();
    }
    CSVRecord target =
        rows.stream().filter(r -> r.get("Is_Next_Step__c").equals("false")).findFirst().get();
    String body = "Thread, \"quoted\"\n" + "x".repeat(Activity.MAX_BODY_LENGTH);
    StringBuilder out = new StringBuilder();
    try (org.apache.commons.csv.CSVPrinter printer =
        new org.apache.commons.csv.CSVPrinter(
            out, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
      for (CSVRecord r : rows) {
        List<String> values = new ArrayList<>(r.toList());
        if (r == target) {
          values.set(header.indexOf("Description"), body);
        }
        printer.printRecord(values);
      }
    }
    Files.writeString(sf.resolve("Task.csv"), out, StandardCharsets.UTF_8);
    long line =
        1
            + text.substring(0, (int) target.getCharacterPosition())
                .chars()
                .filter(c -> c == '\n')
                .count();

    Read r = read();

    assertThat(problems(r))
        .containsExactly(
            "sf/Task.csv:"
                + line
                + ":11: text-cut: column 'Description': the body has 100017 characters, more than"
                + " the 100000 an activity keeps; it is cut to the first 100000 and the row is"
                + " kept");
    Activity cut =
        r.deals().stream()
            .flatMap(d -> d.activities().stream())
            .filter(a -> a.id().equals(target.get("Id")))
            .findFirst()
            .orElseThrow();
    assertThat(cut.body()).hasSize(Activity.MAX_BODY_LENGTH).isEqualTo(body.substring(0, 100_000));
    assertThat(r.deals()).hasSameSizeAs(before);
    assertThat(r.deals().stream().mapToLong(d -> d.activities().size()).sum())
        .isEqualTo(before.stream().mapToLong(d -> d.activities().size()).sum());
  }

  @Test
  void read_missingEventFile_readsTheDealsWithoutMeetings() throws Exception {
    Files.delete(sf.resolve("Event.csv"));

    Read r = read();

    assertThat(r.deals()).hasSize(5);
    assertThat(problems(r))
        .containsExactly(
            "sf/Event.csv: file-unreadable: no such file; the activities of 'events' are left empty");
  }

  @Test
  void read_fifteenCharacterIds_matchTheirEighteenCharacterForms() throws Exception {
    List<String> roles = lines("OpportunityContactRole.csv");
    String opp = SalesforceWriter.opportunityId(1);
    roles.replaceAll(l -> l.replace(opp, opp.substring(0, 15)));
    write("OpportunityContactRole.csv", roles);

    Read r = read();

    assertThat(r.source().problems()).isEmpty();
    assertThat(r.deals().get(1).contacts()).isNotEmpty();
  }
}
