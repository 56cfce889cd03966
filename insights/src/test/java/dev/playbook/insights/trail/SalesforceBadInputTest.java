package dev.playbook.insights.trail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.insights.CsvMapping;
import dev.playbook.insights.DealSource;
import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    long before = countActivities();
    List<String> task = lines("Task.csv");
    task.set(
        1,
        task.get(1).replaceFirst("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.000Z", "31/31/2025"));
    write("Task.csv", task);

    Read r = read();

    assertThat(problems(r)).hasSize(1);
    assertThat(problems(r).get(0)).startsWith("sf/Task.csv:2:");
    assertThat(problems(r).get(0))
        .contains("'31/31/2025' is not a date in the mapping's date formats; the row is left out");
    assertThat(r.deals()).hasSize(5);
    assertThat(r.deals().stream().mapToLong(d -> d.activities().size()).sum())
        .isEqualTo(before - 1);
    DealSource.ChildRows tasks =
        r.source().childRows().stream()
            .filter(c -> c.table().equals("tasks"))
            .findFirst()
            .orElseThrow();
    assertThat(tasks.bad()).isEqualTo(1);
  }

  private long countActivities() {
    return read().deals().stream().mapToLong(d -> d.activities().size()).sum();
  }

  @Test
  void read_whatIdOfAnAccount_reportsTheRowsAsNamingNoDeal() throws Exception {
    List<String> task = lines("Task.csv");
    String opp = SalesforceWriter.opportunityId(0);
    String account = SalesforceWriter.accountId(0);
    long moved = task.stream().filter(l -> l.contains(opp)).count();
    task.replaceAll(l -> l.replace(opp, account));
    write("Task.csv", task);

    Read r = read();

    assertThat(problems(r))
        .anySatisfy(
            p ->
                assertThat(p)
                    .matches(
                        "sf/Task\\.csv:\\d+:4: unknown-parent: column 'WhatId': '"
                            + account
                            + "' is the id of no deal in sf/Opportunity\\.csv \\(ids starting '001'"
                            + " name an Account\\); this row and \\d+ more with that id are left out"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .matches(
                        "sf/Task\\.csv: unknown-parent: \\d+ rows of sf/Task\\.csv name no deal in"
                            + " sf/Opportunity\\.csv and are left out"));
    assertThat(r.deals()).hasSize(5);
    long orphaned =
        r.source().childRows().stream()
            .filter(c -> c.file().endsWith("Task.csv"))
            .mapToLong(DealSource.ChildRows::orphaned)
            .sum();
    assertThat(orphaned).isEqualTo(moved);
  }

  @Test
  void read_missingOpportunityFile_isOneProblemAndNoDeals() throws Exception {
    Files.delete(sf.resolve("Opportunity.csv"));

    Read r = read();

    assertThat(r.deals()).isEmpty();
    assertThat(problems(r))
        .containsExactly(
            "sf/Opportunity.csv: file-unreadable: no such file: the export folder has no"
                + " Opportunity.csv, the deal table of mapping 'salesforce'; no deal can be read");
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
