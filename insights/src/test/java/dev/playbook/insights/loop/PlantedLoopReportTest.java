package dev.playbook.insights.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.playbook.Playbook;
import dev.playbook.insights.CoachingSection;
import dev.playbook.insights.Portfolio;
import dev.playbook.insights.PortfolioReport;
import dev.playbook.insights.report.HtmlReport;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The portfolio report on the planted book ({@link PlantedLoopBook}): its table of which actions
 * work recovers the planted effect of the re-engage action and shows none for multi-threading.
 */
class PlantedLoopReportTest {

  static final String TEAMS =
      """
      teams:
        field: { manager: mia, reps: [rep0, rep1, rep2, rep3, rep4, rep5] }
      """;

  static PlantedLoopBook book;
  static PortfolioReport without;
  static PortfolioReport report;

  @BeforeAll
  static void report() {
    book = PlantedLoopBook.of(7, ActionEffectsTest.PER_SEGMENT);
    Playbook playbook = Playbook.builtIn("deal-risk");
    LoopPolicy policy = LoopPolicy.parse("loop.yaml", PlantedLoopBook.POLICY + TEAMS, playbook);
    without =
        Portfolio.evaluate(
            book.closedDeals.iterator(),
            playbook,
            Instant.parse("2026-12-31T00:00:00Z"),
            Portfolio.Options.defaults());
    Coaching plan =
        Coaching.plan(
            "mia",
            policy,
            playbook,
            book.closedDeals,
            Set.of("closed_won"),
            Set.of("closed_lost"),
            book.decisions,
            book.feedback);
    report = without.withCoaching(CoachingSection.of(plan));
  }

  @Test
  void html_plantedBook_actionsTableShowsReengageWorkingAndMultiThreadUnclear() {
    String html = HtmlReport.render(report);

    assertThat(html)
        .contains(
            // re-engage: the planted effect, its interval above 0
            "<tr><td>deal-risk.no-activity</td><td>600</td><td>139</td><td>137</td>"
                + "<td>163 of 276 (59%)</td><td>119 of 324 (37%)</td>"
                + "<td>+13 points (95% 5 to 22)</td><td>works</td></tr>\n",
            // multi-thread: nothing planted, its interval holds 0
            "<tr><td>deal-risk.few-contacts</td><td>400</td><td>201</td><td>0</td>"
                + "<td>112 of 201 (56%)</td><td>112 of 199 (56%)</td>"
                + "<td>-1 points (95% -10 to 9)</td><td>unclear</td></tr>\n");
  }

  @Test
  void html_reportWithoutLoopInputs_showsTheSectionWithWhyItIsEmpty() {
    String html = HtmlReport.render(without);

    assertThat(html)
        .contains(
            "<section id=\"coaching-plan\">\n<h2>Coaching plan and which actions work</h2>\n",
            "<p class=\"empty\">No coaching plan: the report was made without a loop policy and a"
                + " manager (report --policy FILE --manager NAME, with --decisions and --feedback"
                + " for what reps did).</p>\n</section>\n");
  }

  @Test
  void fromJson_reportWithCoaching_readsThePlanBack() {
    String json = report.toJson();

    PortfolioReport back = PortfolioReport.fromJson(json);

    assertThat(back.toJson()).isEqualTo(json);
    assertThat(back.coaching().plan().actions().rows())
        .filteredOn(
            r -> Set.of(PlantedLoopBook.MULTI_THREAD, PlantedLoopBook.REENGAGE).contains(r.rule()))
        .extracting(ActionEffects.Row::rule, ActionEffects.Row::verdict)
        .containsExactly(
            tuple(PlantedLoopBook.MULTI_THREAD, "unclear"),
            tuple(PlantedLoopBook.REENGAGE, "works"));
    assertThat(PortfolioReport.fromJson(without.toJson()).coaching())
        .isEqualTo(CoachingSection.none());
  }
}
