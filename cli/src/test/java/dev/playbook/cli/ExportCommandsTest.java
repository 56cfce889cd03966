package dev.playbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report}, {@code backtest} and {@code evaluate} on a CRM's export folder and on a database.
 */
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

  @Test
  void evaluate_salesforceFolder_evaluatesEveryDealWithItsTrail() throws Exception {
    generate(5);

    CliRunner.Run run = evaluate(path("sf"), "--mapping", "salesforce");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(opportunityIds()).hasSize(5).allSatisfy(id -> assertThat(run.out()).contains(id));
  }

  @Test
  void evaluate_jdbcH2_printsWhatTheFolderGives() throws Exception {
    generate(5);
    String url = "jdbc:h2:" + dir.resolve("crm") + ";ACCESS_MODE_DATA=rw";
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement();
        Stream<Path> files = Files.list(dir.resolve("sf"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
        String table = f.getFileName().toString().replace(".csv", "");
        st.execute(
            "CREATE TABLE \""
                + table
                + "\" AS SELECT * FROM CSVREAD('"
                + f
                + "', NULL, 'charset=UTF-8 caseSensitiveColumnNames=true')");
      }
    }
    CliRunner.Run folder = evaluate(path("sf"), "--mapping", "salesforce");

    CliRunner.Run jdbc = evaluate(null, "--jdbc", url, "--mapping", "salesforce");

    assertThat(jdbc.exitCode()).as(jdbc.err()).isZero();
    assertThat(jdbc.out()).isNotEmpty().isEqualTo(folder.out());
  }

  @Test
  void evaluate_folderWithABadTaskRow_printsTheProblemEvaluatesTheRestAndExits1() throws Exception {
    generate(5);
    Path task = dir.resolve("sf/Task.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(task, StandardCharsets.UTF_8));
    lines.set(
        1,
        lines
            .get(1)
            .replaceFirst("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.000Z", "31/31/2025"));
    Files.write(task, lines, StandardCharsets.UTF_8);

    CliRunner.Run run = evaluate(path("sf"), "--mapping", "salesforce");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.err().replace(dir + "/", ""))
        .isEqualTo(
            "sf/Task.csv:2:17: invalid-value: column 'CompletedDateTime': '31/31/2025' is not a"
                + " date in the mapping's date formats; the row is left out\n"
                + "1 problem found\n"
                + "error: 1 bad row was left out; the problems above say why\n");
    assertThat(opportunityIds()).allSatisfy(id -> assertThat(run.out()).contains(id));
  }

  @Test
  void evaluate_jdbcAndAFile_isAUsageError() {
    cli.assertUsageError(
        "Give either deal files or --jdbc, not both: --jdbc reads the deals from the database",
        "evaluate",
        path("sf"),
        "--jdbc",
        "jdbc:h2:mem:x",
        "--mapping",
        "salesforce",
        "--playbook",
        path("acme"));
  }

  @Test
  void evaluate_jdbcWithoutDeals_andWithoutMapping_isAUsageError() {
    cli.assertUsageError(
        "--jdbc needs a --mapping that names its tables, such as salesforce or hubspot",
        "evaluate",
        "--jdbc",
        "jdbc:h2:mem:x",
        "--playbook",
        path("acme"));
  }

  private void generate(int deals) {
    CliRunner.Run run =
        cli.run(
            "generate-trail",
            "--deals",
            String.valueOf(deals),
            "--seed",
            "7",
            "--format",
            "salesforce",
            "--out",
            path("sf"));
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  private CliRunner.Run evaluate(String deals, String... options) {
    List<String> args = new ArrayList<>(List.of("evaluate"));
    if (deals != null) {
      args.add(deals);
    }
    args.addAll(List.of(options));
    args.addAll(List.of("--playbook", path("acme"), "--as-of", "2026-01-01"));
    return cli.run(args.toArray(String[]::new));
  }

  /** The ids of the opportunities of the export that are not deleted. */
  private List<String> opportunityIds() throws Exception {
    List<String> ids = new ArrayList<>();
    for (String l : Files.readAllLines(dir.resolve("sf/Opportunity.csv"), StandardCharsets.UTF_8)) {
      String[] cells = l.split(",", 3);
      if (!cells[0].equals("Id") && cells[1].equals("false")) {
        ids.add(cells[0]);
      }
    }
    return ids;
  }

  private String path(String name) {
    return dir.resolve(name).toString();
  }
}
