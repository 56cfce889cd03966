package dev.playbook.cli;

import dev.playbook.insights.CsvMapping;
import dev.playbook.insights.DealSource;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * How {@code evaluate} reads a CRM's export instead of a deal file: a CSV file or an export folder
 * with {@code --mapping}, or a database with {@code --jdbc}, as {@code report} does.
 */
final class ExportOptions {

  @Option(
      names = "--mapping",
      paramLabel = "MAPPING",
      description =
          "Read DEALS as a .csv file or a CRM's export folder: a mapping file, or the name of a"
              + " built-in mapping (hubspot, maven-crm, salesforce, salesforce-opportunity).")
  String mapping;

  @Option(
      names = "--jdbc",
      paramLabel = "URL",
      description =
          "Read the tables of --mapping from a database instead of DEALS, such as"
              + " jdbc:postgresql://127.0.0.1:5432/crm or jdbc:h2:./crm; the password is read from"
              + " the environment variable PLAYBOOK_JDBC_PASSWORD.")
  String jdbc;

  @Option(names = "--jdbc-user", paramLabel = "USER", description = "The database user for --jdbc.")
  String jdbcUser;

  @Option(
      names = "--query",
      paramLabel = "TABLE=SQL",
      description =
          "The SQL query that reads one table of the mapping with --jdbc, such as"
              + " 'Task.csv=SELECT * FROM crm.task'; by default SELECT * FROM \"Task\".")
  Map<String, String> queries = new LinkedHashMap<>();

  /** Whether the deals come through a mapping or a database rather than core's deal reader. */
  boolean used() {
    return mapping != null || jdbc != null;
  }

  /**
   * The source of the deals: the database of {@code --jdbc}, else {@code dealsFile} read with
   * {@code mapping}.
   *
   * @throws ParameterException if the options do not fit together
   */
  DealSource open(Path dealsFile, CsvMapping mapping, CommandLine cmd) {
    check(jdbc, dealsFile != null, mapping, cmd);
    return open(
        jdbc, jdbcUser, queries, dealsFile == null ? List.of() : List.of(dealsFile), mapping);
  }

  /**
   * Checks that deal files and {@code --jdbc} are not both given, that one of them is, and that a
   * database is read through a mapping that names its tables.
   *
   * @throws ParameterException if they do not fit together
   */
  static void check(String jdbc, boolean files, CsvMapping mapping, CommandLine cmd) {
    if (jdbc == null && !files) {
      throw new ParameterException(cmd, "Missing required parameter: 'DEALS' (or --jdbc URL)");
    }
    if (jdbc != null && files) {
      throw new ParameterException(
          cmd,
          "Give either deal files or --jdbc, not both: --jdbc reads the deals from the database");
    }
    if (jdbc != null && (mapping == null || mapping.file() == null)) {
      throw new ParameterException(
          cmd, "--jdbc needs a --mapping that names its tables, such as salesforce or hubspot");
    }
  }

  /**
   * The deals of the database at {@code jdbc} (the password from {@code PLAYBOOK_JDBC_PASSWORD}),
   * or, without it, of {@code files}.
   */
  static DealSource open(
      String jdbc, String user, Map<String, String> queries, List<Path> files, CsvMapping mapping) {
    return jdbc != null
        ? DealSource.jdbc(
            jdbc, user, System.getenv("PLAYBOOK_JDBC_PASSWORD"), mapping, Map.copyOf(queries))
        : DealSource.open(files, mapping);
  }
}
