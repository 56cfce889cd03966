package dev.playbook.cli;

import dev.playbook.insights.trail.TrailFormat;
import dev.playbook.insights.trail.TrailGenerator;
import dev.playbook.insights.trail.TrailSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code playbook generate-trail}: writes a generated book of deals with their whole selling trail
 * and known, planted effects, as a Salesforce or HubSpot export or as JSON Lines.
 */
@Command(
    name = "generate-trail",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Generates a book of deals with their selling trail and planted effects.",
      "Writes into FOLDER (new or empty) accounts, reps with teams and managers, contacts with buying"
          + " roles, calls, emails, meetings, tasks, next steps, stage history and close-date pushes, with"
          + " the effects listed in docs/connectors.md planted in them. The same seed gives the same files."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  playbook generate-trail --deals 20000 --seed 7 --format jsonl --out book",
      "  playbook generate-trail --deals 100000 --seed 7 --format salesforce --out export"
    })
final class GenerateTrailCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--deals",
      required = true,
      paramLabel = "N",
      description = "How many deals: 1 to " + TrailGenerator.MAX_DEALS + ".")
  int deals;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "The seed; any whole number. Default: 1.")
  long seed = 1;

  @Option(
      names = "--format",
      required = true,
      paramLabel = "FORMAT",
      description =
          "salesforce (a Data Export folder of CSV files), hubspot (CSV files and association"
              + " tables) or jsonl (deals.jsonl in the deal format of docs/deal-facts.md).")
  String format;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FOLDER",
      description = "The folder to write into: new or empty.")
  Path out;

  @Override
  public Integer call() {
    if (deals < 1 || deals > TrailGenerator.MAX_DEALS) {
      throw new ParameterException(
          spec.commandLine(),
          "Invalid value for option '--deals': "
              + deals
              + " is not 1 to "
              + TrailGenerator.MAX_DEALS);
    }
    TrailFormat trailFormat = null;
    for (TrailFormat f : TrailFormat.values()) {
      if (f.id().equals(format.toLowerCase(Locale.ROOT))) {
        trailFormat = f;
      }
    }
    if (trailFormat == null) {
      throw new ParameterException(
          spec.commandLine(),
          "Invalid value for option '--format': '"
              + format
              + "' is not a format; use salesforce, hubspot or jsonl");
    }
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String refusal = refusal();
    if (refusal != null) {
      err.println("error: " + refusal);
      err.flush();
      return 1;
    }
    TrailSummary s;
    try {
      s =
          TrailGenerator.withSeed(seed)
              .generate(
                  deals,
                  trailFormat,
                  out,
                  n -> {
                    if (deals > 10_000) {
                      err.printf(Locale.ROOT, "generated %,d of %,d deals%n", n, deals);
                      err.flush();
                    }
                  });
    } catch (IOException e) {
      err.println("error: cannot write the book into " + out + ": " + IoErrors.reason(e));
      err.flush();
      return 1;
    }
    stdout.printf(
        Locale.ROOT,
        "Generated %,d deals (%,d won, %,d lost, %,d open) with %,d activities, seed %d,"
            + " as %s into %s:%n",
        s.deals(),
        s.won(),
        s.lost(),
        s.open(),
        s.activities(),
        seed,
        trailFormat.id(),
        out);
    int width = s.rows().keySet().stream().mapToInt(String::length).max().orElse(0);
    for (Map.Entry<String, Long> e : s.rows().entrySet()) {
      stdout.printf(Locale.ROOT, "  %-" + width + "s  %,12d rows%n", e.getKey(), e.getValue());
    }
    stdout.printf(Locale.ROOT, "  %-" + width + "s  %,12d rows%n", "all files", s.totalRows());
    stdout.flush();
    return 0;
  }

  /** Why the output folder cannot be used, or null if it can. */
  private String refusal() {
    if (Files.isDirectory(out)) {
      try (Stream<Path> entries = Files.list(out)) {
        if (entries.findAny().isPresent()) {
          return out + " is not empty; generate-trail writes into a new or empty folder";
        }
      } catch (IOException e) {
        return "cannot read the folder " + out + ": " + IoErrors.reason(e);
      }
    } else if (Files.exists(out)) {
      return out + " is a file; generate-trail writes into a new or empty folder";
    }
    return null;
  }
}
