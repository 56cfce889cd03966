package dev.playbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report} and {@code backtest} on a CRM's export folder and on a database. */
class ExportCommandsTest {

  @TempDir Path dir;
  CliRunner cli;

  @BeforeEach
  void setUp() {
    cli = new CliRunner(dir);
    TestFiles.write(dir, "acme/playbook.yaml", EvaluateCommandTest.ACME);
  }

  @Test
  void report_salesforceFolder_readsTheTrailAndCountsEveryChildTable() {
    cli.run(
        "generate-trail",
        "--deals",
        "40",
        "--seed",
        "7",
        "--format",
        "salesforce",
        "--out",
        path("sf"));

    CliRunner.Run run =
        cli.run(
            "report",
            path("sf"),
            "--mapping",
            "salesforce",
            "--playbook",
            path("acme"),
            "--as-of",
            "2026-01-01",
            "--threads",
            "1",
            "--out",
            path("r.html"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("40 deals from 1 file")
        .contains("Input       40 rows, 0 bad rows");
    assertThat(run.err().replace(dir + "/", ""))
        .contains("sf/OpportunityContactRole.csv (contacts): ")
        .containsPattern(
            "sf/Task\\.csv \\(tasks\\): [\\d,]+ rows: [\\d,]+ read, [\\d,]+ skipped, 0 bad, 0 naming no deal\\n")
        .contains("sf/Event.csv (events): ")
        .contains("sf/OpportunityHistory.csv (stage_history): ");
  }

  @Test
  void report_folderWithoutMapping_isAProblem() {
    cli.run(
        "generate-trail",
        "--deals",
        "5",
        "--seed",
        "7",
        "--format",
        "salesforce",
        "--out",
        path("sf"));

    CliRunner.Run run =
        cli.run("report", path("sf"), "--playbook", path("acme"), "--out", path("r.html"));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().replace(dir + "/", ""))
        .contains(
            "sf: missing-mapping: an export folder needs a mapping that says which file holds the"
                + " deals (--mapping salesforce, hubspot or a mapping file)\n");
  }

  @Test
  void backtest_refusedDatabase_isOneProblemAndNoDeals() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }

    CliRunner.Run run =
        cli.run(
            "backtest",
            "--jdbc",
            "jdbc:postgresql://127.0.0.1:" + port + "/crm?connectTimeout=2",
            "--mapping",
            "salesforce",
            "--playbook",
            path("acme"));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .startsWith(
            "jdbc:postgresql://127.0.0.1:"
                + port
                + "/crm: database-unreachable: cannot read from the database: Connection to"
                + " 127.0.0.1:"
                + port
                + " refused.")
        .contains("; no deal can be read\n")
        .endsWith("error: no deal could be read, so there is nothing to report\n");
  }

  @Test
  void report_jdbcWithAFlatMapping_isAUsageError() {
    cli.assertUsageError(
        "--jdbc needs a --mapping that names its tables, such as salesforce or hubspot",
        "report",
        "--jdbc",
        "jdbc:h2:mem:x",
        "--mapping",
        "maven-crm",
        "--playbook",
        path("acme"),
        "--out",
        path("r.html"));
  }

  @Test
  void report_noDealsAndNoJdbc_isAUsageError() {
    cli.assertUsageError(
        "Missing required parameter: 'DEALS' (or --jdbc URL)",
        "report",
        "--playbook",
        path("acme"),
        "--out",
        path("r.html"));
  }

  private String path(String name) {
    return dir.resolve(name).toString();
  }
}
