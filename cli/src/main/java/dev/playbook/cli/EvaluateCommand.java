package dev.playbook.cli;

import dev.playbook.Playbook;
import dev.playbook.model.Deal;
import dev.playbook.result.DealError;
import dev.playbook.result.Evaluations;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code playbook evaluate}: evaluates every deal in a file against one or more playbooks. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Evaluates deals against a playbook.",
      "Prints, for every deal in DEALS, the gaps found, the next best actions, the methodology"
          + " scorecards and whether the deal is ready to leave its stage."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  playbook evaluate deals.json",
      "  playbook evaluate deals.jsonl --playbook playbooks/acme --as-of 2026-11-20",
      "  playbook evaluate deals.yaml --playbook meddic --format json --locale zh-CN"
    })
final class EvaluateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ParentCommand Main main;

  @Mixin EvaluationOptions options;

  @Mixin FormatOption format;

  @Option(
      names = "--locale",
      paramLabel = "TAG",
      converter = Converters.LanguageTag.class,
      description =
          "The language of messages and talk tracks, as a language tag such as en or"
              + " zh-CN. Default: en.")
  Locale locale = Locale.ENGLISH;

  @Override
  public Integer call() {
    return options
        .load(main.environment(), spec.commandLine().getErr())
        .map(this::evaluate)
        .orElse(1);
  }

  private int evaluate(Inputs inputs) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Instant when = options.when();

    List<PlaybookRun> runs = new ArrayList<>();
    for (Playbook playbook : inputs.playbooks()) {
      runs.add(evaluate(playbook, inputs.deals(), when, locale));
    }
    if (format.json()) {
      out.print(JsonReport.write(runs));
    } else {
      out.print(TextReport.write(runs));
    }
    out.flush();
    boolean failed = false;
    for (PlaybookRun run : runs) {
      for (PlaybookRun.Error e : run.errors()) {
        err.println("error: " + Visible.line(e.message()));
        failed = true;
      }
    }
    err.flush();
    return failed ? Main.PARTIAL : 0;
  }

  /**
   * Evaluates {@code deals} in batches; a deal that cannot be evaluated (one at a stage the
   * playbook does not define, one that takes more steps than the evaluation budget, one whose
   * condition fails) becomes an error and every other deal is still evaluated.
   */
  static PlaybookRun evaluate(Playbook playbook, List<Deal> deals, Instant asOf, Locale locale) {
    Evaluations evaluations = playbook.evaluateEach(deals, asOf, locale);
    boolean[] failed = new boolean[deals.size()];
    List<PlaybookRun.Error> errors = new ArrayList<>();
    for (DealError e : evaluations.failed()) {
      failed[e.index()] = true;
      errors.add(new PlaybookRun.Error(e.dealId(), e.message()));
    }
    List<PlaybookRun.Result> results = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < deals.size(); i++) {
      if (!failed[i]) {
        results.add(new PlaybookRun.Result(deals.get(i), evaluations.evaluated().get(next++)));
      }
    }
    return new PlaybookRun(playbook, asOf, locale, deals.size(), results, errors);
  }
}
