package dev.playbook.cli;

import dev.playbook.Evaluation;
import dev.playbook.Playbook;
import dev.playbook.Problem;
import dev.playbook.ProblemException;
import dev.playbook.model.Deal;
import dev.playbook.model.Deals;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
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

  @Parameters(
      index = "0",
      paramLabel = "DEALS",
      description = "The deal file: .json (one deal or a list), .jsonl or .ndjson (one deal per line),"
          + " .yaml or .yml.")
  Path dealsFile;

  @Option(
      names = "--playbook",
      paramLabel = "PLAYBOOK",
      description = {
        "A playbook folder (with playbook.yaml), a playbook YAML file, or the name of a built-in"
            + " playbook. Repeat to evaluate with several playbooks in turn.",
        "Default: the built-in " + Environment.DEFAULT_BUILT_IN + " if present, else"
            + " examples/playbooks/acme."
      })
  List<String> playbooks = new ArrayList<>();

  @Option(
      names = "--as-of",
      paramLabel = "WHEN",
      converter = Converters.AsOf.class,
      description = "Evaluate as of this date (the start of the day, UTC) or ISO instant, such as"
          + " 2026-11-20 or 2026-11-20T09:00:00Z. Default: now.")
  Instant asOf;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      converter = Converters.FormatName.class,
      description = "text (for people) or json (for programs). Default: text.")
  Format format = Format.TEXT;

  @Option(
      names = "--locale",
      paramLabel = "TAG",
      converter = Converters.LanguageTag.class,
      description = "The language of messages and talk tracks, as a language tag such as en or"
          + " zh-CN. Default: en.")
  Locale locale = Locale.ENGLISH;

  @Override
  public Integer call() {
    Environment env = main.environment();
    List<Supplier<Playbook>> sources = resolvePlaybooks(env);
    Instant when = asOf != null ? asOf : Instant.now();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();

    // Every problem of every file at once, so that one run shows all there is to fix.
    Set<Problem> problems = new TreeSet<>();
    List<Playbook> loaded = new ArrayList<>();
    for (Supplier<Playbook> source : sources) {
      try {
        loaded.add(source.get());
      } catch (ProblemException e) {
        problems.addAll(e.problems());
      }
    }
    List<Deal> deals = List.of();
    try {
      deals = Deals.read(dealsFile);
    } catch (ProblemException e) {
      problems.addAll(e.problems());
    }
    if (!problems.isEmpty()) {
      for (Problem p : problems) {
        err.println(p.render());
      }
      err.println(TextReport.count(problems.size(), "problem") + " found");
      err.flush();
      return 1;
    }

    List<PlaybookRun> runs = new ArrayList<>();
    for (Playbook playbook : loaded) {
      runs.add(evaluate(playbook, deals, when, locale));
    }
    if (format == Format.JSON) {
      out.print(JsonReport.write(runs));
    } else {
      out.print(TextReport.write(runs));
    }
    out.flush();
    boolean failed = false;
    for (PlaybookRun run : runs) {
      for (PlaybookRun.Error e : run.errors()) {
        err.println("error: " + e.message());
        failed = true;
      }
    }
    err.flush();
    return failed ? 1 : 0;
  }

  /** The playbooks to load, from {@code --playbook} or the defaults; not loaded yet. */
  private List<Supplier<Playbook>> resolvePlaybooks(Environment env) {
    List<Supplier<Playbook>> sources = new ArrayList<>();
    if (playbooks.isEmpty()) {
      if (env.builtInNames().get().contains(Environment.DEFAULT_BUILT_IN)) {
        sources.add(() -> Playbook.builtIn(Environment.DEFAULT_BUILT_IN));
      } else {
        Path folder = env.home().resolve(Environment.DEFAULT_FOLDER);
        if (!Files.exists(folder)) {
          throw new ParameterException(spec.commandLine(), "no --playbook given and no default playbook found"
              + " (looked for the built-in " + Environment.DEFAULT_BUILT_IN + " and the folder " + folder + ")");
        }
        sources.add(() -> Playbook.load(folder));
      }
      return sources;
    }
    List<String> builtIns = null;
    for (String name : playbooks) {
      Path path = pathOrNull(name);
      if (path != null && Files.exists(path)) {
        sources.add(() -> Playbook.load(path));
        continue;
      }
      if (builtIns == null) {
        builtIns = env.builtInNames().get();
      }
      if (builtIns.contains(name)) {
        sources.add(() -> Playbook.builtIn(name));
        continue;
      }
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--playbook': '" + name
          + "' is neither a playbook folder or file nor a built-in playbook"
          + (builtIns.isEmpty() ? " (there are no built-in playbooks)"
              : " (the built-in playbooks are: " + String.join(", ", builtIns) + ")"));
    }
    return sources;
  }

  private static Path pathOrNull(String name) {
    try {
      return Path.of(name);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Evaluates {@code deals} in batches; a deal that cannot be evaluated (such as one at a stage the
   * playbook does not define) becomes an error and the others are still evaluated.
   */
  static PlaybookRun evaluate(Playbook playbook, List<Deal> deals, Instant asOf, Locale locale) {
    Set<String> stages = Set.copyOf(playbook.stages());
    List<Deal> known = deals.stream().filter(d -> stages.contains(d.stage())).toList();
    Map<Deal, Evaluation> done = new IdentityHashMap<>();
    try {
      List<Evaluation> evaluations = playbook.evaluateAll(known, asOf, locale);
      for (int i = 0; i < known.size(); i++) {
        done.put(known.get(i), evaluations.get(i));
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      // one deal broke the batch: evaluate one by one below, so the error names that deal
      done.clear();
    }
    List<PlaybookRun.Result> results = new ArrayList<>();
    List<PlaybookRun.Error> errors = new ArrayList<>();
    for (Deal deal : deals) {
      Evaluation evaluation = done.get(deal);
      if (evaluation == null) {
        try {
          evaluation = playbook.evaluate(deal, asOf, locale);
        } catch (IllegalArgumentException | IllegalStateException e) {
          // an unknown stage names the deal already; a failure inside the rule engine does not
          String message = e instanceof IllegalArgumentException
              ? e.getMessage() : "deal '" + deal.id() + "': " + e.getMessage();
          errors.add(new PlaybookRun.Error(deal.id(), message));
          continue;
        }
      }
      results.add(new PlaybookRun.Result(deal, evaluation));
    }
    return new PlaybookRun(playbook, asOf, locale, deals.size(), results, errors);
  }
}
