package dev.playbook.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The child tables of a mapping: located problems for bad ones, and what good ones read. */
class ChildTablesMappingTest {

  @TempDir Path dir;

  @Test
  void parse_badChildTables_reportsEveryProblemWithPosition() {
    String yaml =
        """
        mapping: crm
        file: ../deals.csv
        skip: { column: deleted, values: ["*"] }
        columns:
          id: id
          stage: stage
        children:
          calls:
            fills: activites
            file: calls.csv
            parent: deal_id
            columns: { id: id }
          people:
            fills: contacts
            file: people.csv
            parent: deal_id
            columns:
              name: full_name
              roles: { column: role, values: { Boss: boss, "*": champion } }
        """;

    ProblemException e =
        catchThrowableOfType(
            ProblemException.class, () -> CsvMapping.parse("crm.mapping.yaml", yaml));

    assertThat(e.problems())
        .extracting(Problem::render)
        .containsExactly(
            "crm.mapping.yaml:2:7: invalid-value: file '../deals.csv' must be a path inside the"
                + " export folder, without '..'",
            "crm.mapping.yaml:3:35: invalid-value: '*' is compared as written and matches only"
                + " the text '*', not any value; list the values, or write 'present: true'",
            "crm.mapping.yaml:9:12: invalid-value: 'activites' is not a list a child table can"
                + " fill (did you mean 'activities'?); they are: contacts, activities, next_steps,"
                + " stage_history, close_date_changes",
            "crm.mapping.yaml:18:7: missing-field: the columns of 'people' must map 'id'",
            "crm.mapping.yaml:19:46: invalid-value: 'boss' is not a roles word; they are:"
                + " economic_buyer, champion, coach, technical, user, decision_maker, influencer,"
                + " blocker",
            "crm.mapping.yaml:19:52: invalid-value: '*' is compared as written and matches only"
                + " the text '*', not any value; list the texts");
  }

  @Test
  void read_folderWithConstantsPresenceAndTimeZone_fillsTheDeal() throws Exception {
    Files.writeString(
        dir.resolve("deals.csv"),
        "id,stage,won_date,amount\nD-1,Open,,100\nD-2,Open,2025-03-01,200\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("calls.csv"),
        "deal,id,at,kind\nD-1,K-1,2025-02-01 09:30,Call\nD-1,K-2,2025-02-02 10:00,Fax\n"
            + "D-9,K-3,2025-02-03 10:00,Call\n",
        StandardCharsets.UTF_8);
    CsvMapping mapping =
        CsvMapping.parse(
            "crm.mapping.yaml",
            """
            mapping: crm
            file: deals.csv
            time_zone: America/Sao_Paulo
            date_formats: ["yyyy-MM-dd HH:mm"]
            columns:
              id: id
              stage: stage
              amount: amount
              currency: { value: BRL }
            stages: { Open: discovery }
            outcome:
              won: { column: won_date, present: true }
              lost: { column: stage, values: [Lost] }
            children:
              calls:
                fills: activities
                file: calls.csv
                parent: deal
                columns:
                  id: id
                  occurred_at: at
                  type: { column: kind, values: { Call: call } }
            """);

    List<Deal> deals = new ArrayList<>();
    List<String> problems;
    List<DealSource.ChildRows> counts;
    try (DealSource s = DealSource.open(dir, mapping)) {
      s.forEachRemaining(deals::add);
      problems = s.problems().stream().map(p -> p.render().replace(dir + "/", "")).toList();
      counts = s.childRows();
    }

    assertThat(deals).extracting(Deal::stage).containsExactly("discovery", "closed_won");
    assertThat(deals).extracting(Deal::currency).containsExactly("BRL", "BRL");
    assertThat(deals.get(0).activities()).hasSize(1);
    assertThat(deals.get(0).activities().get(0).occurredAt()).hasToString("2025-02-01T12:30:00Z");
    assertThat(problems)
        .containsExactly(
            "calls.csv:3:4: invalid-value: column 'kind': 'Fax' is not one of the mapping's values"
                + " for type: call; the row is left out",
            "calls.csv:4:1: unknown-parent: column 'deal': 'D-9' is the id of no deal in"
                + " deals.csv; the row is left out",
            "calls.csv: unknown-parent: 1 row of calls.csv (calls) names no deal in deals.csv and"
                + " is left out");
    assertThat(counts)
        .containsExactly(
            new DealSource.ChildRows("calls", dir.resolve("calls.csv").toString(), 3, 1, 0, 1, 1));
  }
}
