package dev.playbook.cli;

import dev.playbook.Deals;
import dev.playbook.Playbook;
import dev.playbook.insights.CsvMapping;
import dev.playbook.insights.DealSource;
import dev.playbook.insights.loop.Coaching;
import dev.playbook.insights.loop.Decision;
import dev.playbook.insights.loop.Feedback;
import dev.playbook.insights.loop.FeedbackFile;
import dev.playbook.insights.loop.JsonlDecisionLog;
import dev.playbook.insights.loop.Loop;
import dev.playbook.insights.loop.LoopPolicy;
import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code playbook coach}: a manager's coaching plan, from the decision log (or from evaluating the
 * deals once) and the reps' feedback.
 */
@Command(
    name = "coach",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Prints a manager's coaching plan: for each rep of the manager's teams, the rules they break"
          + " more often than the rest of the team (only where the difference is significant) and how"
          + " they answer findings. See docs/feedback-and-coaching.md."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  playbook coach --manager maria --policy loop.yaml --deals deals.jsonl --playbook deal-risk",
      "  playbook coach --manager maria --policy loop.yaml --deals deals.jsonl"
          + " --decisions decisions.jsonl --feedback feedback.jsonl --format json"
    })
final class CoachCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ParentCommand Main main;

  @Option(names = "--manager", required = true, paramLabel = "NAME", description = "The manager.")
  String manager;

  @Option(
      names = "--policy",
      required = true,
      paramLabel = "FILE",
      description = "The loop policy (loop.yaml) with the teams and their managers.")
  Path policyFile;

  @Option(
      names = "--deals",
      required = true,
      paramLabel = "FILE",
      description =
          "The deals (JSON, JSON Lines or YAML, or .csv with --mapping), for their owners, teams"
              + " and outcomes.")
  Path dealsFile;

  @Option(
      names = "--mapping",
      paramLabel = "MAPPING",
      description =
          "How the columns of a .csv deals file map to deal facts: a mapping file, or the name of"
              + " a built-in mapping (such as maven-crm).")
  String mapping;

  @Option(
      names = {"-p", "--playbook"},
      paramLabel = "PLAYBOOK",
      description = "A playbook folder or file, or a built-in name. Default: the default playbook.")
  String playbookName;

  @Option(
      names = "--decisions",
      paramLabel = "FILE",
      description = "A decision log; without it the deals are evaluated once, as of --as-of.")
  Path decisionsFile;

  @Option(
      names = "--feedback",
      paramLabel = "FILE",
      description = "The reps' feedback (JSON Lines).")
  Path feedbackFile;

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      description =
          "The evaluation date (YYYY-MM-DD) when there is no decision log. Default: today.")
  LocalDate asOf;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      converter = CoachFormat.Name.class,
      description =
          "text (a digest a manager reads in a minute), json (for programs) or html (a section"
              + " for a report page). Default: text.")
  CoachFormat format = CoachFormat.TEXT;

  /** How the plan is written. */
  enum CoachFormat {
    TEXT,
    JSON,
    HTML;

    /** {@code text}, {@code json} or {@code html}. */
    static final class Name implements ITypeConverter<CoachFormat> {
      @Override
      public CoachFormat convert(String value) {
        for (CoachFormat f : values()) {
          if (f.name().toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))) {
            return f;
          }
        }
        throw new TypeConversionException(
            "'" + value + "' is not a format of the coaching plan; use text, json or html");
      }
    }
  }

  /** The deals of a .csv file read with {@code --mapping}; rows that cannot be read are named. */
  private List<Deal> readMapped() {
    Path path = PlaybookSource.pathOrNull(mapping);
    CsvMapping m;
    if (path != null && Files.exists(path)) {
      m = CsvMapping.load(path);
    } else if (CsvMapping.builtInNames().contains(mapping)) {
      m = CsvMapping.builtIn(mapping);
    } else {
      throw new ParameterException(
          spec.commandLine(),
          "Invalid value for option '--mapping': '"
              + mapping
              + "' is neither a mapping file nor a built-in mapping (the built-in mappings are: "
              + String.join(", ", CsvMapping.builtInNames())
              + ")");
    }
    List<Deal> deals = new ArrayList<>();
    try (DealSource source = DealSource.open(dealsFile, m)) {
      source.forEachRemaining(deals::add);
      PrintWriter err = spec.commandLine().getErr();
      for (Problem p : source.problems()) {
        err.println(p.render());
      }
      if (source.badRows() > 0) {
        err.println(source.badRows() + " rows could not be read and were left out");
      }
      err.flush();
    }
    return deals;
  }

  /**
   * The plan for {@code manager}: from the decision log when there is one, else from evaluating the
   * deals once as of {@code at}; with the feedback file when there is one.
   *
   * @throws ProblemException if the decision log or the feedback file has problems
   */
  static Coaching plan(
      Playbook playbook,
      LoopPolicy policy,
      String manager,
      List<Deal> deals,
      Path decisionsFile,
      Path feedbackFile,
      Instant at) {
    List<Feedback> feedback =
        feedbackFile == null ? List.of() : FeedbackFile.read(feedbackFile, policy);
    List<Decision> decisions;
    if (decisionsFile != null) {
      decisions = JsonlDecisionLog.read(decisionsFile);
    } else {
      Loop loop = Loop.of(playbook, policy);
      decisions = new ArrayList<>();
      for (Deal d : deals) {
        decisions.add(loop.decide(d, at, feedback, List.of(), at));
      }
    }
    // the closing stages, named as the portfolio report finds them
    Set<String> won =
        playbook.stages().stream().filter(s -> s.contains("won")).collect(Collectors.toSet());
    Set<String> lost =
        playbook.stages().stream().filter(s -> s.contains("lost")).collect(Collectors.toSet());
    return Coaching.plan(manager, policy, playbook, deals, won, lost, decisions, feedback);
  }

  /** The error line for a manager the policy does not name; null when it names them. */
  static String unknownManager(LoopPolicy policy, String manager, Path policyFile) {
    if (policy.managers().contains(manager)) {
      return null;
    }
    return "error: "
        + manager
        + " leads no team in "
        + policyFile
        + (policy.managers().isEmpty()
            ? " (it names no manager)"
            : " (its managers are: " + String.join(", ", policy.managers()) + ")");
  }

  @Override
  public Integer call() {
    PlaybookSource source =
        playbookName == null
            ? PlaybookSource.byDefault(main.environment(), spec.commandLine())
            : PlaybookSource.of(
                playbookName,
                main.environment(),
                spec.commandLine(),
                "Invalid value for option '--playbook': ");
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Playbook playbook = source.load();
      LoopPolicy policy = LoopPolicy.load(policyFile, playbook);
      String unknown = unknownManager(policy, manager, policyFile);
      if (unknown != null) {
        err.println(unknown);
        err.flush();
        return 1;
      }
      List<Deal> deals = mapping == null ? Deals.read(dealsFile) : readMapped();
      Instant at =
          (asOf == null ? LocalDate.now(ZoneOffset.UTC) : asOf)
              .atStartOfDay()
              .toInstant(ZoneOffset.UTC);
      Coaching plan = plan(playbook, policy, manager, deals, decisionsFile, feedbackFile, at);
      out.print(
          switch (format) {
            case TEXT -> plan.digest();
            case JSON -> plan.json();
            case HTML -> plan.html();
          });
      out.flush();
      return 0;
    } catch (ProblemException e) {
      for (Problem p : e.problems()) {
        out.println(p.render());
      }
      out.println(TextReport.count(e.problems().size(), "problem") + " found");
      out.flush();
      return 1;
    }
  }
}
