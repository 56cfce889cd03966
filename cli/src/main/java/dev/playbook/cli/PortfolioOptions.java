package dev.playbook.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What the commands that evaluate a whole book of deals take ({@code report}, {@code backtest}):
 * the deal files, one playbook, a CSV mapping, the moment to evaluate at and the threads.
 */
final class PortfolioOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Parameters(
      index = "0",
      arity = "0..*",
      paramLabel = "DEALS",
      description =
          "The deal files, read as one book: .csv (with --mapping), .json, .jsonl or .ndjson,"
              + " .yaml or .yml; or a CRM's export folder (with --mapping salesforce, hubspot or"
              + " a mapping file that names its tables).")
  List<Path> dealFiles = new ArrayList<>();

  @Option(
      names = "--jdbc",
      paramLabel = "URL",
      description =
          "Read the tables of --mapping from a database instead of files, such as"
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
  java.util.Map<String, String> queries = new java.util.LinkedHashMap<>();

  @Option(
      names = "--playbook",
      paramLabel = "PLAYBOOK",
      description = {
        "A playbook folder (with playbook.yaml), a playbook YAML file, or the name of a built-in"
            + " playbook.",
        "Default: the built-in "
            + Environment.DEFAULT_BUILT_IN
            + " if present, else"
            + " examples/playbooks/acme."
      })
  String playbook;

  @Option(
      names = "--mapping",
      paramLabel = "MAPPING",
      description =
          "How the columns of a .csv file or the tables of an export map to deal facts: a mapping"
              + " file, or the name of a built-in mapping (hubspot, maven-crm, salesforce,"
              + " salesforce-opportunity).")
  String mapping;

  @Option(
      names = "--as-of",
      paramLabel = "WHEN",
      converter = Converters.AsOf.class,
      description =
          "Evaluate open deals as of this date (the start of the day, UTC) or ISO instant, such"
              + " as 2026-11-20 or 2026-11-20T09:00:00Z. Default: now.")
  Instant asOf;

  @Option(
      names = "--transcripts",
      paramLabel = "DIR",
      description = {
        "Analyse the deals' call transcripts and e-mails in DIR before evaluating, as evaluate"
            + " --transcripts does: a file named by an activity's id, in DIR/<deal id>/ or DIR,"
            + " with an optional speakers.yaml beside them.",
        "Matched against the built-in trackers and those of the --playbook folder."
      })
  Path transcripts;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Worker threads. Default: one per core.")
  Integer threads;

  @Option(
      names = "--by",
      paramLabel = "FIELDS",
      split = ",",
      description =
          "Break win rates and time to win down by these fields, comma-separated: owner, team,"
              + " segment, lead_source, stage, account, currency, forecast_category, deal_size,"
              + " cohort or custom.<name>.")
  List<String> by = new ArrayList<>();

  @Option(
      names = "--landmarks",
      paramLabel = "DAYS",
      split = ",",
      description =
          "The ages in days at which the landmark backtest evaluates the deals still open then."
              + " Default: 14,30,60,90; 'none' switches it off.")
  List<String> landmarks;

  @Option(
      names = "--won-within",
      paramLabel = "DAYS",
      split = ",",
      description = "The days N of 'won within N days'. Default: 30,60,90.")
  List<Integer> wonWithin;

  @Option(
      names = "--cycle-buckets",
      paramLabel = "DAYS",
      split = ",",
      description = "Upper ends of the cycle-length buckets in days. Default: 15,30,60,90,120.")
  List<Integer> cycleBuckets;

  @Option(
      names = "--amount-buckets",
      paramLabel = "AMOUNTS",
      split = ",",
      description = "Bounds of the deal-size buckets. Default: 1000,5000,10000,50000,100000.")
  List<Long> amountBuckets;

  /** The moment to evaluate at: {@code --as-of}, else now. */
  Instant when() {
    return asOf != null ? asOf : Instant.now();
  }
}
