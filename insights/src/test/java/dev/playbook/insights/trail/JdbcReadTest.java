package dev.playbook.insights.trail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.insights.CsvMapping;
import dev.playbook.insights.DealSource;
import dev.playbook.model.Deal;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated Salesforce export loaded into a database, one table per file with every column as
 * text, and read with {@link DealSource#jdbc}: the same deals as from the folder. H2 runs embedded;
 * PostgreSQL is started by the test on a free loopback port with a throw-away data directory, and
 * the test is skipped, saying why, when no PostgreSQL is installed (unless {@code
 * PLAYBOOK_REQUIRE_POSTGRES=1}, as in CI).
 */
class JdbcReadTest {

  static final int DEALS = 120;

  @TempDir static Path dir;
  static List<Deal> fromFolder = new ArrayList<>();
  static Process postgres;
  static Path pgData;
  static String pgCtl;
  static int pgPort;

  @BeforeAll
  static void generate() throws Exception {
    TrailGenerator.withSeed(5).generate(DEALS, TrailFormat.SALESFORCE, dir.resolve("sf"), n -> {});
    try (DealSource s = DealSource.open(dir.resolve("sf"), CsvMapping.builtIn("salesforce"))) {
      s.forEachRemaining(fromFolder::add);
      assertThat(s.problems()).isEmpty();
    }
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (pgCtl != null) {
      run(List.of(pgCtl, "-D", pgData.toString(), "-m", "immediate", "stop"));
      try (Stream<Path> s = Files.walk(pgData.getParent())) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Creates one table per CSV file of the folder, every column text, empty values NULL. */
  static void load(Connection c, Path folder) throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(folder)) {
      files = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
    }
    c.setAutoCommit(false);
    for (Path f : files) {
      String table = f.getFileName().toString().replace(".csv", "");
      try (CSVParser p =
          CSVParser.parse(
              f,
              StandardCharsets.UTF_8,
              CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
        List<String> header = p.getHeaderNames();
        StringBuilder create = new StringBuilder("CREATE TABLE \"" + table + "\" (");
        StringBuilder insert = new StringBuilder("INSERT INTO \"" + table + "\" VALUES (");
        for (int i = 0; i < header.size(); i++) {
          create.append(i == 0 ? "" : ", ").append('"').append(header.get(i)).append("\" TEXT");
          insert.append(i == 0 ? "?" : ", ?");
        }
        try (Statement st = c.createStatement()) {
          st.execute("DROP TABLE IF EXISTS \"" + table + "\"");
          st.execute(create.append(")").toString());
        }
        try (PreparedStatement ps = c.prepareStatement(insert.append(")").toString())) {
          int n = 0;
          for (CSVRecord r : p) {
            for (int i = 0; i < header.size(); i++) {
              String v = r.get(i);
              ps.setString(i + 1, v.isEmpty() ? null : v);
            }
            ps.addBatch();
            if (++n % 1000 == 0) {
              ps.executeBatch();
            }
          }
          ps.executeBatch();
        }
      }
    }
    c.commit();
  }

  private static List<Deal> read(String url, String user) {
    List<Deal> deals = new ArrayList<>();
    try (DealSource s =
        DealSource.jdbc(url, user, null, CsvMapping.builtIn("salesforce"), Map.of())) {
      s.forEachRemaining(deals::add);
      assertThat(s.problems()).isEmpty();
      assertThat(s.skippedRows()).isEqualTo(DEALS / SalesforceWriter.DELETED_OPPORTUNITY_EVERY);
      for (DealSource.ChildRows c : s.childRows()) {
        assertThat(c.read() + c.skipped()).as(c.table()).isEqualTo(c.rows());
      }
    }
    return deals;
  }

  @Test
  void jdbc_embeddedH2_readsTheDealsOfTheFolder() throws Exception {
    String url = "jdbc:h2:mem:crm;DB_CLOSE_DELAY=-1";
    try (Connection c = DriverManager.getConnection(url)) {
      load(c, dir.resolve("sf"));
      assertThat(read(url, null)).isEqualTo(fromFolder);
    }
  }

  @Test
  void jdbc_queryPerTable_readsWhatTheQueryReturns() throws Exception {
    String url = "jdbc:h2:mem:crm2;DB_CLOSE_DELAY=-1";
    try (Connection c = DriverManager.getConnection(url)) {
      load(c, dir.resolve("sf"));
      List<Deal> deals = new ArrayList<>();
      try (DealSource s =
          DealSource.jdbc(
              url,
              null,
              null,
              CsvMapping.builtIn("salesforce"),
              Map.of(
                  "Opportunity.csv",
                  "SELECT * FROM \"Opportunity\" WHERE \"IsWon\" = 'true' ORDER BY \"Id\""))) {
        s.forEachRemaining(deals::add);
        // the child rows of the deals left out by the query name no deal
        assertThat(s.problems())
            .anySatisfy(
                p ->
                    assertThat(p.toString())
                        .matches(
                            "jdbc:h2:mem:crm2#Task: unknown-parent: \\d+ rows of"
                                + " jdbc:h2:mem:crm2#Task \\(tasks\\) name no deal in"
                                + " jdbc:h2:mem:crm2#Opportunity and are left out \\(the rows of"
                                + " the first 20 of \\d+ ids are listed above\\)"));
      }
      assertThat(deals).isNotEmpty().allMatch(d -> d.stage().equals("closed_won"));
      assertThat(deals)
          .isEqualTo(fromFolder.stream().filter(d -> d.stage().equals("closed_won")).toList());
    }
  }

  @Test
  void jdbc_refusedConnection_isOneProblemAndNoDeals() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/crm?connectTimeout=2";
    try (DealSource s =
        DealSource.jdbc(url, "crm", "secret", CsvMapping.builtIn("salesforce"), Map.of())) {
      assertThat(s.hasNext()).isFalse();
      assertThat(s.problems().stream().map(Object::toString))
          .containsExactly(
              "jdbc:postgresql://127.0.0.1:"
                  + port
                  + "/crm: database-unreachable: cannot read from the database: Connection to"
                  + " 127.0.0.1:"
                  + port
                  + " refused. Check that the hostname and port are correct and that the"
                  + " postmaster is accepting TCP/IP connections.; no deal can be read");
      assertThat(s.problemCount()).isOne();
      assertThat(s.childRows()).isEmpty();
      assertThat(s.rows()).isZero();
    }
  }

  @Test
  void jdbc_postgresql_readsTheDealsOfTheFolder() throws Exception {
    String url = System.getenv("PLAYBOOK_POSTGRES_URL");
    if (url == null) {
      startPostgres();
      url = "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres";
    }
    try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
      load(c, dir.resolve("sf"));
    }
    // without ORDER BY a server returns the rows of a table in any order: the next steps of a
    // deal keep the order their rows come in, so they are compared in order of due date here
    assertThat(read(url, "postgres").stream().map(JdbcReadTest::stepsByDue).toList())
        .usingRecursiveComparison()
        .isEqualTo(fromFolder.stream().map(JdbcReadTest::stepsByDue).toList());
  }

  @Test
  void report_postgresqlAndH2_writeByteIdenticalReportJson() throws Exception {
    String pg = System.getenv("PLAYBOOK_POSTGRES_URL");
    if (pg == null) {
      if (pgCtl == null) {
        startPostgres();
      }
      pg = "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres";
    }
    try (Connection c = DriverManager.getConnection(pg, "postgres", "")) {
      load(c, dir.resolve("sf"));
    }
    String h2 = "jdbc:h2:mem:crm3;DB_CLOSE_DELAY=-1";
    try (Connection c = DriverManager.getConnection(h2)) {
      load(c, dir.resolve("sf"));
      String fromPostgres = reportJson(pg, "postgres");
      String fromH2 = reportJson(h2, null);

      assertThat(fromPostgres).contains("\"child_tables\"").contains("\"table\" : \"tasks\"");
      assertThat(fromPostgres).isEqualTo(fromH2);
    }
  }

  /**
   * The report.json of the book read from {@code url}, at a fixed clock; the timing figures ({@code
   * runtime}) cut out and the database's name replaced by {@code DB}.
   */
  private static String reportJson(String url, String user) {
    try (DealSource s =
        DealSource.jdbc(url, user, null, CsvMapping.builtIn("salesforce"), Map.of())) {
      String json =
          dev.playbook.insights.Portfolio.evaluate(
                  s,
                  dev.playbook.Playbook.builtIn("standard-b2b"),
                  TrailGenerator.EXPORTED_AT,
                  dev.playbook.insights.Portfolio.Options.builder()
                      .clock(
                          java.time.Clock.fixed(
                              TrailGenerator.EXPORTED_AT, java.time.ZoneOffset.UTC))
                      .build())
              .toJson();
      String label = url.replaceFirst("[;?].*", "");
      return json.replace(label, "DB")
          .replaceFirst("\"runtime\"\\s*:\\s*\\{[^}]*\\}", "\"runtime\" : {}");
    }
  }

  private static Deal stepsByDue(Deal d) {
    List<dev.playbook.model.NextStep> steps = new ArrayList<>(d.nextSteps());
    steps.sort(
        java.util.Comparator.comparing(dev.playbook.model.NextStep::due)
            .thenComparing(dev.playbook.model.NextStep::title));
    return d.toBuilder().nextSteps(steps).build();
  }

  /** An initdb and pg_ctl of a Debian or other install; null when there is none. */
  static String pgBin() {
    List<Path> candidates = new ArrayList<>();
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> s = Files.list(debian)) {
        s.sorted().forEach(v -> candidates.add(v.resolve("bin")));
      } catch (IOException e) {
        // try the others
      }
    }
    for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
      candidates.add(Path.of(p));
    }
    for (Path bin : candidates) {
      if (Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"))) {
        return bin.toString();
      }
    }
    return null;
  }

  static void startPostgres() throws Exception {
    String bin = pgBin();
    boolean required = "1".equals(System.getenv("PLAYBOOK_REQUIRE_POSTGRES"));
    if (bin == null) {
      assertThat(required).as("PLAYBOOK_REQUIRE_POSTGRES=1 but no initdb and pg_ctl").isFalse();
      Assumptions.abort(
          "no PostgreSQL installed (initdb and pg_ctl not found under /usr/lib/postgresql or on"
              + " the PATH); install the postgresql package to run this test");
    }
    pgData = Files.createTempDirectory("playbook-pg");
    List<String> asUser = List.of();
    if ("root".equals(System.getProperty("user.name"))) {
      // initdb refuses to run as root: the server runs as the postgres user
      UserPrincipal pg =
          pgData.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
      Files.setOwner(pgData, pg);
      asUser = List.of("runuser", "-u", "postgres", "--");
    }
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      pgPort = free.getLocalPort();
    }
    List<String> init = new ArrayList<>(asUser);
    init.addAll(
        List.of(
            bin + "/initdb",
            "-D",
            pgData.resolve("data").toString(),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8"));
    assertThat(run(init)).as("initdb").isZero();
    pgCtl = bin + "/pg_ctl";
    List<String> start = new ArrayList<>(asUser);
    start.addAll(
        List.of(
            pgCtl,
            "-D",
            pgData.resolve("data").toString(),
            "-w",
            "-t",
            "60",
            "-l",
            pgData.resolve("log").toString(),
            "-o",
            "-p " + pgPort + " -c listen_addresses=127.0.0.1 -k " + pgData,
            "start"));
    assertThat(run(start)).as("pg_ctl start").isZero();
    pgData = pgData.resolve("data");
    if (!asUser.isEmpty()) {
      pgCtl = String.join(" ", asUser) + " " + pgCtl;
    }
  }

  static int run(List<String> command) throws Exception {
    List<String> cmd = command;
    if (command.size() == 1 || command.get(0).contains(" ")) {
      cmd = List.of("sh", "-c", String.join(" ", command));
    }
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("pg.out").toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
