package dev.playbook.cli;

import dev.playbook.insights.CsvMapping;
import dev.playbook.problem.ProblemException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What every command that evaluates deals takes, with the same defaults everywhere: the deal file
 * ({@code DEALS}), the playbooks ({@code --playbook}) and the moment to evaluate at ({@code
 * --as-of}).
 */
final class EvaluationOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DEALS",
      description =
          "The deal file: .json (one deal or a list), .jsonl or .ndjson (one deal per line),"
              + " .yaml or .yml; with --mapping also a .csv file or a CRM's export folder.")
  Path dealsFile;

  @Option(
      names = "--playbook",
      paramLabel = "PLAYBOOK",
      description = {
        "A playbook folder (with playbook.yaml), a playbook YAML file, or the name of a built-in"
            + " playbook. Repeat to use several playbooks in turn.",
        "Default: the built-in "
            + Environment.DEFAULT_BUILT_IN
            + " if present, else"
            + " examples/playbooks/acme."
      })
  List<String> playbooks = new ArrayList<>();

  @Option(
      names = "--as-of",
      paramLabel = "WHEN",
      converter = Converters.AsOf.class,
      description =
          "Evaluate as of this date (the start of the day, UTC) or ISO instant, such as"
              + " 2026-11-20 or 2026-11-20T09:00:00Z. Default: now.")
  Instant asOf;

  @Option(
      names = "--transcripts",
      paramLabel = "DIR",
      description = {
        "Analyse the deals' call transcripts and e-mails in DIR before evaluating: a file named"
            + " by an activity's id (a3.vtt, a4.eml, .srt, .json, .txt), in DIR/<deal id>/ or DIR;"
            + " speakers.yaml beside them maps the speakers the deal does not name. Unattributed"
            + " speakers are warned about on stderr.",
        "Matched against the built-in trackers and those of the --playbook folders."
      })
  Path transcripts;

  /**
   * Loads the playbooks, from {@code --playbook} or the default, and the deal file; when any of
   * them has problems, prints every problem to {@code err} and returns empty.
   *
   * @throws picocli.CommandLine.ParameterException if a playbook is named that does not exist
   */
  Optional<Inputs> load(Environment env, PrintWriter err) {
    return load(env, err, null);
  }

  /**
   * As {@link #load(Environment, PrintWriter)}, with the deals read through {@code export} when it
   * names a mapping or a database; a bad row of an export is printed to {@code err} and left out,
   * and the others are returned.
   */
  Optional<Inputs> load(Environment env, PrintWriter err, ExportOptions export) {
    boolean viaExport = export != null && export.used();
    if (dealsFile == null && !(viaExport && export.jdbc != null)) {
      throw new ParameterException(mixee.commandLine(), "Missing required parameter: 'DEALS'");
    }
    List<PlaybookSource> sources = new ArrayList<>();
    if (playbooks.isEmpty()) {
      sources.add(PlaybookSource.byDefault(env, mixee.commandLine()));
    }
    for (String name : playbooks) {
      sources.add(
          PlaybookSource.of(
              name, env, mixee.commandLine(), "Invalid value for option '--playbook': "));
    }
    Inputs inputs;
    if (viaExport) {
      CsvMapping mapping;
      try {
        mapping =
            export.mapping == null
                ? null
                : PortfolioRun.mapping(export.mapping, mixee.commandLine());
      } catch (ProblemException e) {
        err.print(TextReport.problems(new TreeSet<>(e.problems())));
        err.flush();
        return Optional.empty();
      }
      inputs = Inputs.read(sources, export.open(dealsFile, mapping, mixee.commandLine()));
      if (!inputs.rowProblems().isEmpty()) {
        err.print(TextReport.problems(new TreeSet<>(inputs.rowProblems())));
        err.flush();
      }
      if (inputs.deals().isEmpty() && !inputs.rowProblems().isEmpty()) {
        err.println("error: no deal could be read");
        err.flush();
        return Optional.empty();
      }
    } else {
      inputs = Inputs.load(sources, dealsFile);
    }
    if (transcripts != null && inputs.problems().isEmpty()) {
      inputs =
          Transcripts.enrich(inputs, sources, transcripts, err)
              .withRows(inputs.rowProblems(), inputs.badRows());
    }
    if (inputs.problems().isEmpty()) {
      return Optional.of(inputs);
    }
    err.print(TextReport.problems(inputs.problems()));
    err.flush();
    return Optional.empty();
  }

  /** The moment to evaluate at: {@code --as-of}, else now. */
  Instant when() {
    return asOf != null ? asOf : Instant.now();
  }
}
