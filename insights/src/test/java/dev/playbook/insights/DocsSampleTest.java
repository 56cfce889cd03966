package dev.playbook.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.playbook.Playbook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The Java sample of docs/insights.md, run on the full Maven CRM data. */
class DocsSampleTest {

  @Test
  void insightsJavaSample_mavenCrmThroughStandardB2b_givesTheHeadlineFigures() throws Exception {
    PortfolioReport report;
    // the sample, with report.json written under target/
    Playbook playbook = Playbook.builtIn("standard-b2b");
    try (DealSource deals =
        DealSource.open(
            Path.of("../examples/data/maven-crm/sales_pipeline.csv"),
            CsvMapping.builtIn("maven-crm"))) {
      report =
          Portfolio.evaluate(
              deals,
              playbook,
              Instant.parse("2017-12-31T00:00:00Z"),
              Portfolio.Options.builder().progress(System.err).build());
      Files.writeString(Path.of("target/maven-crm-report.json"), report.toJson());
    }

    assertThat(report.input().rows()).isEqualTo(8800);
    assertThat(report.input().badRows()).isZero();
    assertThat(report.totals().won()).isEqualTo(4238);
    assertThat(report.totals().lost()).isEqualTo(2473);
    assertThat(report.totals().open()).isEqualTo(2089);
    assertThat(report.backtest().deals()).isEqualTo(6711);
    assertThat(report.winRateByCycle())
        .extracting(w -> w.key(), w -> w.closed(), w -> w.won())
        .containsExactly(
            tuple("0-15", 2877L, 1613L),
            tuple("16-30", 286L, 204L),
            tuple("31-60", 569L, 377L),
            tuple("61-90", 1621L, 1078L),
            tuple("91-120", 1165L, 820L),
            tuple("121+", 193L, 146L));
    assertThat(report.funnel())
        .extracting(f -> f.id(), f -> f.reached(), f -> f.observed())
        .startsWith(tuple("prospecting", 8800L, 500L), tuple("qualification", 8300L, 8300L));
  }
}
