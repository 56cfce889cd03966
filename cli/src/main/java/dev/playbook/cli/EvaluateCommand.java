package dev.playbook.cli;

import dev.playbook.Playbook;
import dev.playbook.model.Deal;
import dev.playbook.problem.Suggestions;
import dev.playbook.result.DealError;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Evaluations;
import dev.playbook.result.Severity;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
      "  playbook evaluate deals.yaml --playbook meddic --format json --locale zh-CN",
      "  playbook evaluate deals.json --owner \"Ana Ruiz\" --compact --sort worst-first",
      "  playbook evaluate export/ --mapping salesforce --owner \"Ana Ruiz\" --compact"
    })
final class EvaluateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ParentCommand Main main;

  @Mixin EvaluationOptions options;

  @Mixin FormatOption format;

  @Mixin ExportOptions export;

  @Option(
      names = "--locale",
      paramLabel = "TAG",
      converter = Converters.LanguageTag.class,
      description =
          "The language of messages and talk tracks, as a language tag such as en or"
              + " zh-CN. Default: en.")
  Locale locale = Locale.ENGLISH;

  @Option(
      names = "--owner",
      paramLabel = "NAME",
      description =
          "Only the deals this rep owns, by the deal's owner as written. Repeat for several reps.")
  List<String> owners = new ArrayList<>();

  @Option(
      names = "--team",
      paramLabel = "TEAM",
      description = "Only the deals of this team, by the deal's team. Repeat for several teams.")
  List<String> teams = new ArrayList<>();

  @Option(
      names = "--compact",
      description =
          "Shorter text for a rep: no why line that repeats a gap of the deal, and no"
              + " scorecards.")
  boolean compact;

  @Option(
      names = "--sort",
      paramLabel = "ORDER",
      converter = Converters.SortOrder.class,
      description =
          "file (the deal file's order) or worst-first (the deals with the most severe gaps"
              + " first, then the most gaps, then file order). Default: file.")
  DealOrder sort = DealOrder.FILE;

  /** The order deals are printed in. */
  enum DealOrder {
    FILE("file"),
    WORST_FIRST("worst-first");

    final String id;

    DealOrder(String id) {
      this.id = id;
    }
  }

  @Override
  public Integer call() {
    return options
        .load(main.environment(), spec.commandLine().getErr(), export)
        .map(this::evaluate)
        .orElse(1);
  }

  private int evaluate(Inputs inputs) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Instant when = options.when();
    List<Deal> deals = inputs.deals();
    if (!owners.isEmpty() || !teams.isEmpty()) {
      deals = chosen(deals);
      if (deals.isEmpty()) {
        err.println("error: " + Visible.line(noneChosen(inputs.deals())));
        err.flush();
        return 1;
      }
    }

    List<PlaybookRun> runs = new ArrayList<>();
    for (Playbook playbook : inputs.playbooks()) {
      PlaybookRun run = evaluate(playbook, deals, when, locale);
      runs.add(sort == DealOrder.WORST_FIRST ? worstFirst(run) : run);
    }
    if (format.json()) {
      out.print(JsonReport.write(runs));
    } else {
      out.print(TextReport.write(runs, compact));
    }
    out.flush();
    boolean failed = false;
    for (PlaybookRun run : runs) {
      for (PlaybookRun.Error e : run.errors()) {
        err.println("error: " + Visible.line(e.message()));
        failed = true;
      }
    }
    if (inputs.badRows() > 0) {
      err.println(
          String.format(
              Locale.ROOT,
              "error: %,d bad %s left out; the problems above say why",
              inputs.badRows(),
              inputs.badRows() == 1 ? "row was" : "rows were"));
      err.flush();
      return 1;
    }
    err.flush();
    return failed ? Main.PARTIAL : 0;
  }

  /** The deals of the reps in {@code --owner} and the teams in {@code --team}, in file order. */
  private List<Deal> chosen(List<Deal> deals) {
    List<Deal> out = new ArrayList<>();
    for (Deal d : deals) {
      if ((owners.isEmpty() || owners.contains(d.owner()))
          && (teams.isEmpty() || teams.contains(d.team()))) {
        out.add(d);
      }
    }
    return out;
  }

  /** {@code no deal in deals.json has owner 'Ana Ruis' (did you mean 'Ana Ruiz'?)}. */
  private String noneChosen(List<Deal> deals) {
    List<String> said = new ArrayList<>();
    if (!owners.isEmpty()) {
      said.add(wanted("owner", owners, deals.stream().map(Deal::owner).toList()));
    }
    if (!teams.isEmpty()) {
      said.add(wanted("team", teams, deals.stream().map(Deal::team).toList()));
    }
    return "no deal in "
        + (options.dealsFile != null ? options.dealsFile.toString() : "the database")
        + " has "
        + String.join(" and ", said);
  }

  private static String wanted(String what, List<String> names, List<String> held) {
    List<String> known = held.stream().filter(n -> n != null).distinct().toList();
    StringBuilder s = new StringBuilder(what).append(' ');
    for (int i = 0; i < names.size(); i++) {
      s.append(i == 0 ? "" : i == names.size() - 1 ? " or " : ", ")
          .append('\'')
          .append(names.get(i))
          .append('\'')
          .append(known.contains(names.get(i)) ? "" : Suggestions.hint(names.get(i), known));
    }
    return s.toString();
  }

  /**
   * The run with its deals ordered by their most severe gap (a deal with none last), then by how
   * many gaps they have at that severity, then by how many gaps in all, most first; ties keep file
   * order.
   */
  static PlaybookRun worstFirst(PlaybookRun run) {
    List<PlaybookRun.Result> sorted = new ArrayList<>(run.results());
    sorted.sort(
        Comparator.comparingInt((PlaybookRun.Result r) -> worst(r.evaluation()))
            .thenComparingInt(r -> -atWorst(r.evaluation()))
            .thenComparingInt(r -> -r.evaluation().gaps().size()));
    return new PlaybookRun(
        run.playbook(), run.asOf(), run.locale(), run.dealCount(), sorted, run.errors());
  }

  /** The ordinal of the deal's most severe gap; past every severity when it has none. */
  private static int worst(Evaluation e) {
    return e.gaps().stream()
        .mapToInt(g -> g.severity().ordinal())
        .min()
        .orElse(Severity.values().length);
  }

  private static int atWorst(Evaluation e) {
    int worst = worst(e);
    return (int) e.gaps().stream().filter(g -> g.severity().ordinal() == worst).count();
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
