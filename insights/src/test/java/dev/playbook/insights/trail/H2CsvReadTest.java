package dev.playbook.insights.trail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.insights.CsvMapping;
import dev.playbook.insights.DealSource;
import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export folder loaded into H2 with {@code CSVREAD}, as docs/connectors.md shows: with {@code
 * caseSensitiveColumnNames=true} the deals read are the folder's; without it H2 upper-cases the
 * column names, and the mapping finds none of them, which the page shows too.
 */
class H2CsvReadTest {

  static final Path DOC = Path.of("../docs/connectors.md");
  static final int DEALS = 12;

  @TempDir static Path dir;
  static List<Deal> fromFolder = new ArrayList<>();

  @BeforeAll
  static void generate() throws Exception {
    TrailGenerator.withSeed(3).generate(DEALS, TrailFormat.SALESFORCE, dir.resolve("sf"), n -> {});
    try (DealSource s = DealSource.open(dir.resolve("sf"), CsvMapping.builtIn("salesforce"))) {
      s.forEachRemaining(fromFolder::add);
      assertThat(s.problems()).isEmpty();
    }
  }

  /** The page's {@code CREATE TABLE ... CSVREAD} statement, for {@code Opportunity.csv}. */
  static String documentedStatement() throws Exception {
    Matcher m =
        Pattern.compile("(?m)^CREATE TABLE \"Opportunity\" AS SELECT \\* FROM CSVREAD\\(.*;$")
            .matcher(Files.readString(DOC));
    assertThat(m.find()).as("a CSVREAD statement in docs/connectors.md").isTrue();
    return m.group();
  }

  /** Runs {@code statement} once per CSV file of the export, the file and table put in. */
  static void load(String url, String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement();
        Stream<Path> files = Files.list(dir.resolve("sf"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
        String table = f.getFileName().toString().replace(".csv", "");
        st.execute(
            statement
                .replace("\"Opportunity\"", "\"" + table + "\"")
                .replace("'export/Opportunity.csv'", "'" + f.toString().replace("'", "''") + "'"));
      }
    }
  }

  @Test
  void csvread_asTheDocsShow_readsTheDealsOfTheFolder() throws Exception {
    // given
    String url = "jdbc:h2:mem:csvread-documented;DB_CLOSE_DELAY=-1";
    load(url, documentedStatement());
    List<Deal> deals = new ArrayList<>();

    // when
    try (DealSource s =
        DealSource.jdbc(url, null, null, CsvMapping.builtIn("salesforce"), Map.of())) {
      s.forEachRemaining(deals::add);

      // then
      assertThat(s.problems()).isEmpty();
    }
    assertThat(deals).hasSize(fromFolder.size()).isEqualTo(fromFolder);
  }

  @Test
  void csvread_withoutCaseSensitiveColumnNames_readsNoDealAndNamesTheFoldedColumns()
      throws Exception {
    // given the same statement without the option
    String url = "jdbc:h2:mem:csvread-folded;DB_CLOSE_DELAY=-1";
    String statement = documentedStatement().replace(" caseSensitiveColumnNames=true", "");
    assertThat(statement).contains("'charset=UTF-8'");
    load(url, statement);
    List<Deal> deals = new ArrayList<>();

    // when
    List<Problem> problems;
    try (DealSource s =
        DealSource.jdbc(url, null, null, CsvMapping.builtIn("salesforce"), Map.of())) {
      s.forEachRemaining(deals::add);
      problems = s.problems();
    }

    // then
    String id =
        "jdbc:h2:mem:csvread-folded#Opportunity:1:1: missing-column: the header has no column 'Id'"
            + " for id; no row can be read (did you mean 'ID'?)";
    assertThat(deals).isEmpty();
    assertThat(problems).extracting(Problem::code).containsOnly("missing-column");
    assertThat(problems).extracting(Problem::render).contains(id);
    assertThat(Files.readString(DOC))
        .as("the problem docs/connectors.md shows")
        .contains(id.replace("jdbc:h2:mem:csvread-folded", "jdbc:h2:./crm"));
  }
}
