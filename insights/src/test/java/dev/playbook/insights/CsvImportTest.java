package dev.playbook.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.playbook.model.CustomValue;
import dev.playbook.model.Deal;
import dev.playbook.model.ForecastCategory;
import dev.playbook.model.StageChange;
import dev.playbook.problem.Problem;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvImportTest {

  static final Path MAVEN = Path.of("../examples/data/maven-crm/sales_pipeline.csv");

  @TempDir Path dir;

  static List<Deal> readAll(DealSource source) {
    List<Deal> out = new ArrayList<>();
    source.forEachRemaining(out::add);
    return out;
  }

  @Test
  void read_badRows_areReportedWithLineAndColumnAndCounted() throws Exception {
    // given
    CsvMapping mapping =
        CsvMapping.parse(
            "m.yaml",
            """
        mapping: test
        columns:
          id: id
          owner: rep
          stage: stage
          amount: amount
          close_date: closes
        stages: { Open: lead, Won: closed_won }
        """);
    Path csv = dir.resolve("deals.csv");
    Files.writeString(
        csv,
        """
        id,rep,stage,amount,closes
        D1,ann,Open,100,2026-01-31
        D2,ann,Open,lots,2026-01-31
        D3,bob,Open,5,31.01.2026
        ,bob,Won,5,2026-01-31
        D5,bob,Maybe,5,2026-01-31
        D6,bob,Open
        D1,bob,Won,7,2026-02-01
        D8,"bob
        smith",Won,-3,2026-02-01
        D9,cy,Won,9,2026-02-02
        """);

    // when
    List<Deal> deals;
    try (DealSource source = DealSource.open(csv, mapping)) {
      deals = readAll(source);

      // then
      assertThat(deals).extracting(Deal::id).containsExactly("D1", "D9");
      assertThat(source.rows()).isEqualTo(9);
      assertThat(source.badRows()).isEqualTo(7);
      assertThat(source.deals()).isEqualTo(2);
      String f = csv.toString();
      assertThat(source.problems())
          .extracting(Problem::render)
          .containsExactly(
              f + ":3:4: invalid-value: column 'amount': 'lots' is not a number",
              f + ":4:5: invalid-value: column 'closes': '31.01.2026' is not a date (YYYY-MM-DD)",
              f + ":5:1: missing-value: column 'id': the deal id is empty",
              f
                  + ":6:3: invalid-value: column 'stage': stage 'Maybe' is not one of the mapping's stages: Open, Won",
              f + ":7:4: wrong-column-count: the row has 3 values where the header has 5 columns",
              f + ":8:1: duplicate-id: column 'id': deal id 'D1' appears twice in this file",
              f + ":9:1: invalid-value: deal D8: amount -3 must not be negative");
    }
  }

  @Test
  void read_joinKeyNotInSideTable_keepsTheRowAndWarnsOnce() throws Exception {
    // given
    CsvMapping mapping =
        CsvMapping.parse(
            "m.yaml",
            """
        mapping: test
        zero_is_missing: [value]
        joins:
          reps: { file: reps.csv, on: rep, key: name, match: loose }
        columns:
          id: id
          owner: rep
          team: reps.team
          stage: stage
          amount: [value, reps.quota]
        """);
    Files.writeString(dir.resolve("reps.csv"), "name,team,quota\nAnn Lee,east,100\n");
    Path csv = dir.resolve("deals.csv");
    Files.writeString(csv, "id,rep,stage,value\nA,ann lee,lead,0\nB,Bob,lead,5\nC,Bob,lead,7\n");

    // when
    try (DealSource source = DealSource.open(csv, mapping)) {
      List<Deal> deals = readAll(source);

      // then
      assertThat(deals)
          .extracting(Deal::id, Deal::team, d -> d.amount().intValue())
          .containsExactly(tuple("A", "east", 100), tuple("B", null, 5), tuple("C", null, 7));
      assertThat(source.badRows()).isZero();
      assertThat(source.expectedRows()).isEqualTo(3);
      assertThat(source.problems())
          .extracting(Problem::render)
          .containsExactly(
              csv
                  + ":3:2: join-unmatched:"
                  + " column 'rep': 'Bob' is not in reps.csv; the row is kept without its team");
    }
  }

  @Test
  void read_csvWithoutMapping_isOneProblemAndNoRows() throws Exception {
    Path csv = dir.resolve("x.csv");
    Files.writeString(csv, "id\nA\n");
    try (DealSource source = DealSource.open(csv)) {
      assertThat(readAll(source)).isEmpty();
      assertThat(source.problems())
          .extracting(Problem::render)
          .containsExactly(
              csv
                  + ": missing-mapping: a CSV"
                  + " file needs a mapping that says which column holds which deal field (--mapping)");
    }
  }

  @Test
  void read_missingRequiredColumn_readsNoRows() throws Exception {
    Path csv = dir.resolve("sf.csv");
    Files.writeString(csv, "Identifier,StageName,IsClosed,IsWon\nA,Prospecting,false,false\n");
    try (DealSource source = DealSource.open(csv, CsvMapping.builtIn("salesforce-opportunity"))) {
      assertThat(readAll(source)).isEmpty();
      assertThat(source.problems())
          .extracting(Problem::render)
          .contains(
              csv
                  + ":1:1: missing-column: the header"
                  + " has no column 'Id' for id; no row can be read");
    }
  }

  @Test
  void read_jsonLines_badLineReportedWithItsLineNumber() throws Exception {
    Path jsonl = dir.resolve("deals.jsonl");
    Files.writeString(
        jsonl,
        """
        {"id": "A", "stage": "lead"}

        {"id": "B", "stage": "lead", "amount": "12"}
        {"id": "C", "stage": "lead"
        {"id": "A", "stage": "lead"}
        {"id": "D", "stage": "lead", "owner": "ann"}
        """);
    try (DealSource source = DealSource.open(jsonl)) {
      assertThat(readAll(source)).extracting(Deal::id).containsExactly("A", "D");
      assertThat(source.rows()).isEqualTo(5);
      assertThat(source.badRows()).isEqualTo(3);
      assertThat(source.problems())
          .extracting(p -> p.code() + "@" + p.line())
          .containsExactly("wrong-type@3", "json-syntax@4", "duplicate-id@5");
    }
  }

  @Test
  void read_jsonArray_badDealLeftOutAndCounted() throws Exception {
    Path json = dir.resolve("deals.json");
    Files.writeString(
        json,
        """
        [
          {"id": "A", "stage": "lead"},
          {"id": "B", "stage": "lead", "probability": 140},
          {"id": "C", "stage": "lead"}
        ]
        """);
    try (DealSource source = DealSource.open(json)) {
      assertThat(readAll(source)).extracting(Deal::id).containsExactly("A", "C");
      assertThat(source.rows()).isEqualTo(3);
      assertThat(source.badRows()).isEqualTo(1);
      assertThat(source.problems())
          .extracting(p -> p.code() + "@" + p.line() + ":" + p.column())
          .containsExactly("invalid-value@3:47");
    }
  }

  @Test
  void read_salesforceSample_mapsStandardFields() {
    Path csv = Path.of("src/test/resources/salesforce/opportunities.csv");
    try (DealSource source = DealSource.open(csv, CsvMapping.builtIn("salesforce-opportunity"))) {
      List<Deal> deals = readAll(source);

      assertThat(deals)
          .extracting(Deal::id)
          .containsExactly(
              "0065g00000AbCdE1", "0065g00000AbCdE2", "0065g00000AbCdE3", "0065g00000AbCdE4");
      assertThat(source.rows()).isEqualTo(6);
      assertThat(source.badRows()).isEqualTo(2);
      assertThat(source.problems())
          .extracting(Problem::render)
          .containsExactly(
              csv + ":6:8: invalid-value: column 'Amount': 'not set' is not a number",
              csv
                  + ":7:7: invalid-value: column 'StageName': stage 'Verbal Yes' is not one of the mapping's stages:"
                  + " Prospecting, Qualification, Needs Analysis, Value Proposition, Id. Decision Makers, Perception"
                  + " Analysis, Proposal/Price Quote, Negotiation/Review, Closed Won, Closed Lost");

      Deal acme = deals.get(0);
      assertThat(acme.name()).isEqualTo("Acme - 200 seats");
      assertThat(acme.account()).isEqualTo("Acme Corp");
      assertThat(acme.owner()).isEqualTo("Dana Reyes");
      assertThat(acme.stage()).isEqualTo("proposal");
      assertThat(acme.amount()).isEqualByComparingTo("48000");
      assertThat(acme.closeDate()).isEqualTo(LocalDate.of(2026, 12, 15));
      assertThat(acme.createdAt()).isEqualTo(Instant.parse("2026-09-01T10:15:00Z"));
      assertThat(acme.activities()).isEmpty();
      assertThat(acme.custom().get("last_activity_at"))
          .isEqualTo(CustomValue.of(LocalDate.of(2026, 11, 20)));
      assertThat(acme.nextSteps())
          .singleElement()
          .satisfies(n -> assertThat(n.title()).isEqualTo("Security review on 12/02"));
      assertThat(acme.probability()).isEqualByComparingTo("75");
      assertThat(acme.forecastCategory()).isEqualTo(ForecastCategory.COMMIT);
      assertThat(deals.get(1).account()).isEqualTo("0015g00000Glob01");
      assertThat(deals.get(1).stage()).isEqualTo("closed_won");
      assertThat(deals.get(2).owner()).isEqualTo("0055g000001Lee01");
      assertThat(deals.get(2).stage()).isEqualTo("closed_lost");
      assertThat(deals.get(3).stage()).isEqualTo("discovery");
      assertThat(deals.get(3).forecastCategory()).isEqualTo(ForecastCategory.PIPELINE);
    }
  }

  @Test
  void read_mavenCrm_readsAll8800OpportunitiesWithJoins() {
    try (DealSource source = DealSource.open(MAVEN, CsvMapping.builtIn("maven-crm"))) {
      Map<String, Integer> stages = new HashMap<>();
      Deal first = null;
      Deal lostGtxPro = null;
      long withSector = 0;
      while (source.hasNext()) {
        Deal d = source.next();
        first = first == null ? d : first;
        stages.merge(d.stage(), 1, Integer::sum);
        if (lostGtxPro == null
            && d.stage().equals("closed_lost")
            && d.custom().get("product").equals(CustomValue.of("GTXPro"))) {
          lostGtxPro = d;
        }
        withSector += d.custom().containsKey("sector") ? 1 : 0;
      }

      // every row is good: the data has no bad rows, and its known quirks are handled by the
      // mapping
      assertThat(source.rows()).isEqualTo(8800);
      assertThat(source.deals()).isEqualTo(8800);
      assertThat(source.badRows()).isZero();
      assertThat(source.problems()).isEmpty();
      assertThat(stages)
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "closed_won",
                  4238,
                  "closed_lost",
                  2473,
                  "qualification",
                  1589,
                  "prospecting",
                  500));
      // 1,425 open deals have no account, hence no sector
      assertThat(withSector).isEqualTo(8800 - 1425);

      // 1C1I7A6R,Moses Frase,GTX Plus Basic,Cancity,Won,2016-10-20,2017-03-01,1054
      assertThat(first.id()).isEqualTo("1C1I7A6R");
      assertThat(first.owner()).isEqualTo("Moses Frase");
      assertThat(first.team()).isEqualTo("Dustin Brinkmann");
      assertThat(first.amount()).isEqualByComparingTo("1054");
      assertThat(first.createdAt()).isEqualTo(Instant.parse("2016-10-20T00:00:00Z"));
      assertThat(first.closeDate()).isEqualTo(LocalDate.of(2017, 3, 1));
      assertThat(first.stageHistory())
          .containsExactly(
              new StageChange("qualification", Instant.parse("2016-10-20T00:00:00Z")),
              new StageChange("closed_won", Instant.parse("2017-03-01T00:00:00Z")));
      assertThat(first.custom())
          .containsEntry("sector", CustomValue.of("retail"))
          .containsEntry("region", CustomValue.of("Central"))
          .containsEntry("account_revenue", CustomValue.of(new BigDecimal("718.62")));
      // a lost deal's close_value is 0: its amount is the list price, found although 'GTXPro' is
      // spelt 'GTX Pro'
      assertThat(lostGtxPro.amount()).isEqualByComparingTo("4821");
    }
  }
}
