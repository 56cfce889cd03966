package dev.playbook.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.playbook.Playbook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's JSON read back: a real report (Maven CRM deals through standard-b2b, with every
 * section filled) reads back to the same figures and writes the same JSON, and a document of the
 * wrong shape is refused with the JSON path of what is wrong.
 */
class PortfolioReportJsonTest {

  static PortfolioReport report;
  static String json;

  /** The Maven CRM book's first 1,500 deals, with its accounts, products and teams. */
  @BeforeAll
  static void evaluate(@TempDir Path dir) throws IOException {
    Path crm = Path.of("../examples/data/maven-crm");
    for (String f : List.of("accounts.csv", "products.csv", "sales_teams.csv")) {
      Files.copy(crm.resolve(f), dir.resolve(f));
    }
    Files.write(
        dir.resolve("sales_pipeline.csv"),
        Files.readAllLines(crm.resolve("sales_pipeline.csv")).subList(0, 1501));
    Instant asOf = Instant.parse("2017-12-31T00:00:00Z");
    try (DealSource deals =
        DealSource.open(dir.resolve("sales_pipeline.csv"), CsvMapping.builtIn("maven-crm"))) {
      report =
          Portfolio.evaluate(
              deals,
              Playbook.builtIn("standard-b2b"),
              asOf,
              Portfolio.Options.builder()
                  .by(List.of("segment", "lead_source"))
                  .clock(Clock.fixed(asOf, ZoneOffset.UTC))
                  .build());
    }
    json = report.toJson();
  }

  @Test
  void fromJson_mavenCrmReport_readsBackEveryFigure() {
    PortfolioReport back = PortfolioReport.fromJson(json);

    assertThat(back.toJson()).isEqualTo(json);
    assertThat(back.totals()).isEqualTo(report.totals());
    assertThat(back.byRep()).isEqualTo(report.byRep());
    assertThat(back.byRule()).isEqualTo(report.byRule());
    assertThat(back.repRuleCompliance()).isEqualTo(report.repRuleCompliance());
    assertThat(back.funnel()).isEqualTo(report.funnel());
    assertThat(back.winRateBy()).isEqualTo(report.winRateBy());
    assertThat(back.backtest()).isEqualTo(report.backtest());
    assertThat(back.insights().timeToWin()).isEqualTo(report.insights().timeToWin());
    assertThat(back.insights().landmarks()).isEqualTo(report.insights().landmarks());
    assertThat(back.insights().breakdowns()).isEqualTo(report.insights().breakdowns());
    assertThat(back.insights().profile()).isEqualTo(report.insights().profile());
    assertThat(back.insights().unreadable()).isEqualTo(report.insights().unreadable());
  }

  @Test
  void fromJson_mavenCrmReport_hasEverySectionFilled() {
    assertThat(json).startsWith("{\n  \"schema_version\" : 1,\n  \"generated_at\" : ");
    assertThat(report.totals().deals()).isEqualTo(1500);
    assertThat(report.byRep()).isNotEmpty();
    assertThat(report.insights().landmarks().rules()).isNotEmpty();
    assertThat(report.insights().breakdowns()).hasSize(2);
    assertThat(report.insights().timeToWin().all().curve()).isNotEmpty();
    assertThat(report.insights().profile().profiles()).isNotEmpty();
  }

  @Test
  void fromJson_wrongTypeDeepInside_namesThePath() throws Exception {
    ObjectNode doc = (ObjectNode) new ObjectMapper().readTree(json);
    ((ObjectNode) doc.withArray("by_rep").get(1)).put("win_rate", "high");

    assertThatThrownBy(() -> PortfolioReport.fromJson(doc.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("by_rep[1].win_rate: must be a number, was a string");
  }

  @Test
  void fromJson_missingKey_namesThePath() throws Exception {
    ObjectNode doc = (ObjectNode) new ObjectMapper().readTree(json);
    ((ObjectNode) doc.get("backtest").withArray("rules").get(0).get("fired")).remove("won");

    assertThatThrownBy(() -> PortfolioReport.fromJson(doc.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("backtest.rules[0].fired.won: is missing");
  }

  @Test
  void fromJson_unknownFailureCode_listsTheCodes() {
    String doc =
        json.replace(
                "\"failures\" : [ ]",
                "\"failures\" : [ {\"deal\": \"D-1\","
                    + " \"code\": \"exploded\", \"rule\": null, \"condition\": null, \"message\": \"m\"} ]")
            .replace("\"failed_deals\" : 0", "\"failed_deals\" : 1");

    assertThatThrownBy(() -> PortfolioReport.fromJson(doc))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "input.failures[0].code: 'exploded' is not one of unknown-stage, too-costly,"
                + " evaluation-failed");
  }

  @Test
  void fromJson_figuresTheModelRefuses_nameThePathAndTheReason() throws Exception {
    ObjectNode doc = (ObjectNode) new ObjectMapper().readTree(json);
    ((ObjectNode) doc.get("rep_rule_compliance")).withArray("rates").remove(0);

    assertThatThrownBy(() -> PortfolioReport.fromJson(doc.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "rep_rule_compliance: the compliance matrix has "
                + (report.byRep().size() - 1)
                + " rows of rates for "
                + report.byRep().size()
                + " reps");
  }

  @Test
  void fromJson_wonWithinOfOtherDays_isRefused() {
    String doc = json.replaceFirst("\"days\" : 30,", "\"days\" : 31,");

    assertThatThrownBy(() -> PortfolioReport.fromJson(doc))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "time_to_win.all.won_within[0].days: 31 is not 30 of time_to_win.won_within_days, in"
                + " the same place");
  }

  @Test
  void fromJson_laterSchemaVersion_isRefused() {
    String doc = json.replaceFirst("\"schema_version\" : 1", "\"schema_version\" : 2");

    assertThatThrownBy(() -> PortfolioReport.fromJson(doc))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("schema_version: 2 is not supported; this library reads version 1");
  }

  @Test
  void fromJson_notJson_namesLineAndColumn() {
    assertThatThrownBy(() -> PortfolioReport.fromJson("{\n  \"schema_version\": 1,,\n}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "line 2, column 23: not valid JSON: Unexpected character (',' (code 44)): was"
                + " expecting double-quote to start field name");
  }

  @Test
  void fromJson_evaluationDocument_isRefusedForItsMissingKeys() {
    assertThatThrownBy(
            () -> PortfolioReport.fromJson("{\"schema_version\": 1, \"deal_id\": \"D\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("generated_at: is missing");
  }
}
