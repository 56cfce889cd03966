package dev.playbook.cli;

import dev.playbook.Playbook;
import dev.playbook.conversations.DealSignals;
import dev.playbook.conversations.ReadLimits;
import dev.playbook.insights.CsvMapping;
import dev.playbook.insights.DealSource;
import dev.playbook.insights.Portfolio;
import dev.playbook.insights.PortfolioReport;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Evaluates a book of deals for {@code report} and {@code backtest}: loads the playbook and the
 * mapping, reads the deal files as a stream and runs {@link Portfolio}, with progress on stderr.
 *
 * @param report what the run found
 */
record PortfolioRun(PortfolioReport report) {

  /**
   * Runs the evaluation. When the playbook or the mapping has problems, or no deal at all could be
   * read, prints the problems to {@code err} and returns empty; problems with some rows are printed
   * too, and the run goes on without those rows.
   *
   * @throws ParameterException if the playbook or the mapping named does not exist
   */
  /** Applies one option's setting; a value the settings refuse is a usage error naming it. */
  private static void set(CommandLine cmd, String option, Runnable setting) {
    try {
      setting.run();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          cmd, "Invalid value for option '" + option + "': " + Visible.line(e.getMessage()));
    }
  }

  private static java.util.List<Integer> landmarks(java.util.List<String> values, CommandLine cmd) {
    if (values.size() == 1 && values.get(0).equals("none")) {
      return java.util.List.of();
    }
    java.util.List<Integer> days = new java.util.ArrayList<>();
    for (String v : values) {
      try {
        days.add(Integer.parseInt(v.strip()));
      } catch (NumberFormatException e) {
        throw new ParameterException(
            cmd,
            "Invalid value for option '--landmarks': '"
                + Visible.line(v)
                + "' is not a whole number of days (or 'none')");
      }
    }
    return days;
  }

  static Optional<PortfolioRun> run(PortfolioOptions options, Environment env, CommandLine cmd) {
    PrintWriter err = cmd.getErr();
    PlaybookSource source =
        options.playbook == null
            ? PlaybookSource.byDefault(env, cmd)
            : PlaybookSource.of(
                options.playbook, env, cmd, "Invalid value for option '--playbook': ");
    CsvMapping mapping = null;
    TreeSet<Problem> problems = new TreeSet<>();
    Playbook playbook = null;
    try {
      playbook = source.load();
    } catch (ProblemException e) {
      problems.addAll(e.problems());
    }
    if (options.mapping != null) {
      try {
        mapping = mapping(options.mapping, cmd);
      } catch (ProblemException e) {
        problems.addAll(e.problems());
      }
    }
    DealSignals signals = null;
    Transcripts.Warnings warnings = null;
    if (options.transcripts != null) {
      if (!Files.isDirectory(options.transcripts)) {
        problems.add(Transcripts.noFolder(options.transcripts));
      } else {
        try {
          signals =
              DealSignals.of(
                  Transcripts.trackers(source.path() == null ? List.of() : List.of(source.path())));
          warnings = new Transcripts.Warnings(err);
        } catch (ProblemException e) {
          problems.addAll(e.problems());
        }
      }
    }
    if (!problems.isEmpty()) {
      err.print(TextReport.problems(problems));
      err.flush();
      return Optional.empty();
    }
    Portfolio.Options.Builder settings = Portfolio.Options.builder().progress(over(err));
    if (options.threads != null) {
      if (options.threads < 1 || options.threads > 1024) {
        throw new ParameterException(
            cmd,
            "Invalid value for option '--threads': "
                + options.threads
                + " is not a number of threads from 1 to 1024");
      }
      settings.threads(options.threads);
    }
    ExportOptions.check(options.jdbc, !options.dealFiles.isEmpty(), mapping, cmd);
    if (!options.by.isEmpty()) {
      set(cmd, "--by", () -> settings.by(options.by));
    }
    if (options.landmarks != null) {
      List<Integer> days = landmarks(options.landmarks, cmd);
      set(cmd, "--landmarks", () -> settings.landmarks(days));
    }
    if (options.wonWithin != null) {
      set(cmd, "--won-within", () -> settings.wonWithin(options.wonWithin));
    }
    if (options.cycleBuckets != null) {
      set(cmd, "--cycle-buckets", () -> settings.cycleBuckets(options.cycleBuckets));
    }
    if (options.amountBuckets != null) {
      set(cmd, "--amount-buckets", () -> settings.amountBuckets(options.amountBuckets));
    }
    PortfolioReport report;
    List<DealSource.ChildRows> children;
    try (DealSource deals =
        ExportOptions.open(
            options.jdbc, options.jdbcUser, options.queries, options.dealFiles, mapping)) {
      if (signals != null) {
        DealSignals enricher = signals;
        Transcripts.Warnings found = warnings;
        deals.preparing(
            d -> {
              DealSignals.Enriched e = enricher.enrich(d, options.transcripts, ReadLimits.DEFAULT);
              found.addAll(e.warnings());
              return e.deal();
            });
      }
      report = Portfolio.evaluate(deals, playbook, options.when(), settings.build());
      if (warnings != null) {
        warnings.close();
      }
      children = deals.childRows();
      if (deals.skippedRows() > 0) {
        err.println(
            String.format(
                Locale.ROOT,
                "%s: %,d rows skipped by the mapping (such as deleted records)",
                mapping.file(),
                deals.skippedRows()));
      }
    }
    for (DealSource.ChildRows c : children) {
      err.println(
          String.format(
              Locale.ROOT,
              "%s (%s): %,d rows: %,d read, %,d skipped, %,d bad, %,d naming no deal",
              c.file(),
              c.table(),
              c.rows(),
              c.read(),
              c.skipped(),
              c.bad(),
              c.orphaned()));
    }
    PortfolioReport.Input input = report.input();
    if (!input.problems().isEmpty()) {
      err.print(TextReport.problems(new TreeSet<>(input.problems())));
      if (input.problemCount() > input.problems().size()) {
        err.println(
            "(the first "
                + input.problems().size()
                + " of "
                + input.problemCount()
                + " problems are shown)");
      }
    }
    for (dev.playbook.result.DealError e : report.failures()) {
      err.println("error: " + Visible.line(e.message()));
    }
    if (report.failedDeals() > report.failures().size()) {
      err.println(
          "(the first "
              + report.failures().size()
              + " of "
              + report.failedDeals()
              + " failed deals are shown)");
    }
    if (input.deals() == 0 && input.problemCount() > 0) {
      err.println("error: no deal could be read, so there is nothing to report");
      err.flush();
      return Optional.empty();
    }
    PortfolioReport.Run runtime = report.runtime();
    err.println(
        String.format(
            Locale.ROOT,
            "Evaluated %,d deals in %.1f s (%,.0f deals/s, %d threads)",
            input.deals(),
            runtime.seconds(),
            runtime.dealsPerSecond(),
            runtime.threads()));
    err.flush();
    return Optional.of(new PortfolioRun(report));
  }

  /**
   * The exit code of a run whose result was written: 0; 1 when rows were bad (deal rows or the rows
   * of a child table), after a last line on stderr that counts them; otherwise {@link Main#PARTIAL}
   * when some deals could not be evaluated (their errors are printed above).
   */
  static int exitCode(PortfolioReport report, PrintWriter err) {
    long bad =
        report.input().badRows()
            + report.input().childTables().stream().mapToLong(DealSource.ChildRows::bad).sum();
    if (bad == 0) {
      return report.failedDeals() > 0 ? Main.PARTIAL : 0;
    }
    err.println(
        String.format(
            Locale.ROOT,
            "error: %,d bad %s left out; the problems above say why",
            bad,
            bad == 1 ? "row was" : "rows were"));
    err.flush();
    return 1;
  }

  /**
   * A mapping file when {@code name} exists on disk, else a built-in mapping; otherwise a usage
   * error.
   */
  static CsvMapping mapping(String name, CommandLine cmd) {
    Path path = PlaybookSource.pathOrNull(name);
    if (path != null && Files.exists(path)) {
      return CsvMapping.load(path);
    }
    List<String> builtIns = CsvMapping.builtInNames();
    if (builtIns.contains(name)) {
      return CsvMapping.builtIn(name);
    }
    throw new ParameterException(
        cmd,
        "Invalid value for option '--mapping': '"
            + name
            + "' is neither a mapping file nor a built-in mapping (the built-in mappings are: "
            + String.join(", ", builtIns)
            + ")");
  }

  /** A stream whose text goes to {@code writer}, for the progress output of {@link Portfolio}. */
  static PrintStream over(PrintWriter writer) {
    OutputStream bytes =
        new OutputStream() {
          private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

          @Override
          public synchronized void write(int b) {
            buffer.write(b);
          }

          @Override
          public synchronized void write(byte[] b, int off, int len) {
            buffer.write(b, off, len);
          }

          @Override
          public synchronized void flush() {
            writer.write(buffer.toString(StandardCharsets.UTF_8));
            buffer.reset();
            writer.flush();
          }
        };
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}
