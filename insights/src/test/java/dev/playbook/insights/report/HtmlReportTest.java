package dev.playbook.insights.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.playbook.Deals;
import dev.playbook.Playbook;
import dev.playbook.insights.Portfolio;
import dev.playbook.insights.PortfolioReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

  @TempDir Path dir;

  @Test
  void render_fixture_everyNumberOnThePageIsItsJsonValue() {
    JsonNode json = ReportPages.fixture();

    Document page = Jsoup.parse(HtmlReport.render(ReportPages.report(json)));

    assertThat(ReportPages.assertNumbersMatch(page, json)).isGreaterThan(240);
    assertThat(page.select("[data-key=totals.won]").text()).isEqualTo("480");
    assertThat(page.select("[data-key=totals.compliance_rate]").text()).isEqualTo("42.2%");
    assertThat(page.select("[data-key=input.problem_count]").first().text()).isEqualTo("2");
    assertThat(page.select("[data-key=rep_rule_compliance.rates[1][2]]").text()).isEqualTo("72%");
    assertThat(page.select("[data-key=rep_rule_compliance.rates[2][0]]").text()).isEqualTo("—");
    assertThat(page.select("[data-key=backtest.rules[2].lift]").text()).isEqualTo("1.36×");
    assertThat(page.select("[data-key=backtest.rules[0].diff_ci_low]").text())
        .isEqualTo("-38.7 pp");
    assertThat(page.select("[data-key=funnel.nodes[1].median_days_from_previous]").text())
        .isEqualTo("6.5");
    assertThat(page.select("[data-key=win_rate_by_cycle[4].win_rate]").text()).isEqualTo("45.0%");
  }

  @Test
  void render_fixture_showsEveryFigureOfTheContract() {
    JsonNode json = ReportPages.fixture();

    Document page = Jsoup.parse(HtmlReport.render(ReportPages.report(json)));

    List<String> expected =
        new ArrayList<>(
            List.of(
                "totals.deals",
                "totals.open",
                "totals.won",
                "totals.lost",
                "totals.open_actions",
                "totals.stalled",
                "totals.compliance_rate",
                "input.rows",
                "input.deals",
                "input.bad_rows",
                "input.failed_deals",
                "input.problem_count",
                "playbook.rules",
                "totals.win_rate",
                "input.problems[0].column",
                "runtime.seconds",
                "runtime.deals_per_second",
                "runtime.threads"));
    for (String sev : List.of("critical", "high", "medium", "low", "info")) {
      expected.add("totals.gaps_by_severity." + sev);
      expected.add("by_rep[1].gaps_by_severity." + sev);
    }
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        expected.add("rep_rule_compliance.rates[" + i + "][" + j + "]");
      }
    }
    for (int i = 0; i < 4; i++) {
      expected.add("funnel.nodes[" + i + "].reached");
      expected.add("backtest.rules[" + i + "].not_fired.closed");
      expected.add("by_rule[" + i + "].flagged_deals");
    }
    for (int i = 0; i < 6; i++) {
      expected.add("win_rate_by_cycle[" + i + "].closed");
    }
    for (String p :
        List.of(
            "backtest.rules[0].lift",
            "backtest.rules[2].diff_ci_high",
            "backtest.deals",
            "by_rule[2].flagged_share",
            "by_team[1].win_rate",
            "by_stage[1].stalled",
            "win_rate_by.deal_size[1].ci_high",
            "win_rate_by.product[1].win_rate",
            "input.problems[1].line")) {
      expected.add(p);
    }

    List<String> shown = page.select("[data-key]").eachAttr("data-key");

    assertThat(shown).containsAll(expected);
  }

  @Test
  void render_fixtureWithAFailedDeal_listsItWithWhatFailed() {
    Document page = Jsoup.parse(HtmlReport.render(ReportPages.report(ReportPages.fixture())));

    assertThat(page.select("#failures h2").text()).isEqualTo("Deals that could not be evaluated");
    assertThat(page.select("#failures li").eachText())
        .containsExactly(
            "D-77: too-costly rule standard-b2b.multi-thread: evaluation took more than 10,000,000 steps");
  }

  @Test
  void render_fixture_chartsAreInlineSvgWithMarksForEveryValue() {
    Document page = Jsoup.parse(HtmlReport.render(ReportPages.report(ReportPages.fixture())));

    assertThat(page.select("#chart-funnel rect.bar")).hasSize(4);
    assertThat(page.select("#chart-funnel rect.bar.inferred"))
        .as("a node no deal names")
        .hasSize(1);
    assertThat(page.select("#chart-cycle rect.bar")).hasSize(5);
    assertThat(page.select("#chart-cycle rect.bar.small")).hasSize(1);
    assertThat(page.select("#chart-cycle g.whisker")).hasSize(5);
    assertThat(page.select("#chart-cycle text.warn")).hasSize(2);
    assertThat(page.select("#chart-heatmap rect.cell"))
        .as("rules that flagged nothing are left out")
        .hasSize(9);
    assertThat(page.select("#heatmap p.how").text())
        .endsWith("the other 1 passed on every open deal.");
    assertThat(page.select("#backtest table.backtest tbody tr")).hasSize(3);
    assertThat(page.select("#backtest table.backtest tbody tr.small")).hasSize(1);
    assertThat(page.select("#backtest details.untested tbody tr")).hasSize(1);
    for (Element section : page.select("section.chart-section")) {
      assertThat(section.select("h2").text()).as("title of %s", section.id()).isNotBlank();
      assertThat(section.select("p.how").text())
          .as("explanation of %s", section.id())
          .endsWith(".");
    }
  }

  @Test
  void render_backtest_sortsByLiftHighestFirstAndFoldsAwayRulesWithNoLift() {
    Document page = Jsoup.parse(HtmlReport.render(ReportPages.report(ReportPages.fixture())));

    assertThat(page.select("#backtest tbody tr .lift .num").eachText())
        .containsExactly("1.36×", "0.92×", "0.56×");
    assertThat(page.select("#backtest tbody tr .reading").eachText())
        .containsExactly(
            "fires on deals that win more", "no clear effect", "flags deals that lose more");
    assertThat(page.select("#backtest details.untested summary").text())
        .isEqualTo(
            "1 rule could not be backtested: they fired on none of the closed deals, or on all of them");
  }

  @Test
  void render_page_needsNoNetwork() {
    String html = HtmlReport.render(ReportPages.report(ReportPages.fixture()));
    Document page = Jsoup.parse(html);

    assertThat(page.select("link, img, iframe, object, embed, script[src]")).isEmpty();
    assertThat(page.select("style")).hasSize(1);
    assertThat(html)
        .doesNotContain("@import")
        .doesNotContain("@font-face")
        .doesNotContain("url(http")
        .doesNotContain("src=\"http")
        .doesNotContain("href=\"http")
        .doesNotContain("//cdn");
  }

  @Test
  void render_textFromTheData_isEscaped() {
    ObjectNode json = (ObjectNode) ReportPages.fixture();
    ((ObjectNode) json.get("by_rep").get(0)).put("key", "<script>alert(1)</script>");
    ((ArrayNode) json.get("rep_rule_compliance").get("reps")).set(0, "<script>alert(1)</script>");
    ((ObjectNode) json.get("playbook")).put("title", "A & B \"sales\"");

    String html = HtmlReport.render(ReportPages.report(json));
    Document page = Jsoup.parse(html);

    assertThat(html).doesNotContain("<script>alert(1)</script>");
    assertThat(page.select("#reps tbody tr").first().child(0).text())
        .isEqualTo("<script>alert(1)</script>");
    assertThat(page.title()).isEqualTo("Pipeline review · A & B \"sales\"");
  }

  @Test
  void render_emptyBook_saysSoInsteadOfDrawingEmptyCharts() throws Exception {
    JsonNode json =
        new ObjectMapper()
            .readTree(
                """
        {"generated_at": "2026-11-26T10:00:00Z", "as_of": "2026-11-20T00:00:00Z",
         "playbook": {"id": "acme", "title": "Acme", "rules": 0},
         "input": {"files": [], "rows": 0, "deals": 0, "bad_rows": 0, "failed_deals": 0, "failures": [],
           "problem_count": 0, "problems": []},
         "totals": {"deals": 0, "open": 0, "won": 0, "lost": 0, "win_rate": null,
           "gaps_by_severity": {"critical": 0, "high": 0, "medium": 0, "low": 0, "info": 0},
           "open_actions": 0, "stalled": 0, "compliance_rate": null},
         "by_rep": [], "by_team": [], "by_stage": [], "by_rule": [],
         "rep_rule_compliance": {"reps": [], "rules": [], "rates": []},
         "funnel": {"nodes": []}, "win_rate_by_cycle": [],
         "win_rate_by": {"rep": [], "team": [], "product": [], "sector": [], "deal_size": []},
         "backtest": {"as_of_method": "", "deals": 0, "skipped": 0, "rules": []},
         "runtime": {"seconds": 0.01, "deals_per_second": 0, "threads": 1, "max_deals_in_flight": 0}}
        """);

    Document page = Jsoup.parse(HtmlReport.render(ReportPages.report(json)));

    assertThat(page.select("svg.chart")).isEmpty();
    assertThat(page.select("p.empty").eachText())
        .contains(
            "The playbook defines no key nodes, so there is no funnel.",
            "No closed deals, so there is no win rate by cycle length.",
            "No reps or no rules, so there is no compliance heat map.",
            "No rule could be backtested: there are no closed deals.");
    assertThat(page.select("[data-key=totals.compliance_rate]").text()).isEqualTo("—");
    assertThat(page.select("#problems")).isEmpty();
    ReportPages.assertNumbersMatch(page, json);
  }

  @Test
  void render_portfolioReport_showsTheFiguresOfItsJson() throws Exception {
    Path file = dir.resolve("deals.jsonl");
    Files.writeString(
        file,
        """
        {"id": "D-1", "stage": "proposal", "owner": "Ana Ruiz", "team": "West", "created_at": "2026-10-01"}
        {"id": "D-2", "stage": "closed_won", "owner": "Li Wei", "team": "East", "created_at": "2026-08-01", "close_date": "2026-09-15"}
        {"id": "D-3", "stage": "closed_lost", "owner": "Ana Ruiz", "team": "West", "created_at": "2026-07-01", "close_date": "2026-10-01"}
        """);
    PortfolioReport report =
        Portfolio.evaluate(
            Deals.read(file).stream(),
            Playbook.builtIn("standard-b2b"),
            Instant.parse("2026-11-20T00:00:00Z"),
            Portfolio.Options.builder().threads(1).build());

    Document page = Jsoup.parse(HtmlReport.render(report));

    ReportPages.assertNumbersMatch(page, new ObjectMapper().readTree(report.toJson()));
    assertThat(page.select("[data-key=totals.deals]").text()).isEqualTo("3");
    assertThat(page.select("svg.chart")).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void render_noReport_isRefusedWithTheReason() {
    assertThatThrownBy(() -> HtmlReport.render(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("report");
  }

  @Test
  void fixture_asTypedReport_writesTheSameJson() throws Exception {
    JsonNode json = ReportPages.fixture();

    PortfolioReport report = ReportPages.report(json);

    assertThat(new ObjectMapper().readTree(report.toJson())).isEqualTo(json);
  }

  @Test
  void write_createsOneUtf8File() throws Exception {
    Path file = dir.resolve("report.html");

    HtmlReport.write(ReportPages.report(ReportPages.fixture()), file);

    assertThat(Files.readString(file))
        .startsWith("<!DOCTYPE html>")
        .contains("Pipeline review · Standard B2B");
  }

  @Test
  void format_byField() {
    assertThat(Figures.format("totals.deals", 8800L)).isEqualTo("8,800");
    assertThat(Figures.format("by_rep[0].win_rate", 0.63175)).isEqualTo("63.2%");
    assertThat(Figures.format("rep_rule_compliance.rates[0][1]", 0.995)).isEqualTo("100%");
    assertThat(Figures.format("backtest.rules[0].diff_ci_high", 0.1288)).isEqualTo("+12.9 pp");
    assertThat(Figures.format("backtest.rules[0].diff_ci_high", -0.0001)).isEqualTo("0.0 pp");
    assertThat(Figures.format("backtest.rules[0].lift", 0.5556)).isEqualTo("0.56×");
    assertThat(Figures.format("runtime.seconds", 12.345)).isEqualTo("12.3");
    assertThat(Figures.format("runtime.deals_per_second", 2573.6)).isEqualTo("2,574");
    assertThat(Figures.format("by_rep[0].win_rate", null)).isEqualTo("—");
  }
}
