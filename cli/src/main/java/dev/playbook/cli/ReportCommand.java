package dev.playbook.cli;

import dev.playbook.Playbook;
import dev.playbook.insights.CoachingSection;
import dev.playbook.insights.CsvMapping;
import dev.playbook.insights.DealSource;
import dev.playbook.insights.PortfolioReport;
import dev.playbook.insights.loop.Coaching;
import dev.playbook.insights.loop.LoopPolicy;
import dev.playbook.insights.report.HtmlReport;
import dev.playbook.model.Deal;
import dev.playbook.problem.ProblemException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code playbook report}: evaluates a book of deals and writes the manager's report, an HTML page
 * and the JSON it is made from, side by side.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Writes a pipeline review of a book of deals: an HTML page and its JSON.",
      "Evaluates every deal in DEALS, then writes OUT (HTML, no network needed to view it) and the same"
          + " figures as JSON beside it, prints the headline figures and the paths. Progress goes to stderr."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  playbook report sales_pipeline.csv --mapping maven-crm --out report.html",
      "  playbook report deals.jsonl --playbook meddic --as-of 2026-11-20 --out q4.html",
      "  playbook report opps.csv --mapping salesforce-opportunity --out pipeline.html"
    })
final class ReportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ParentCommand Main main;

  @Mixin PortfolioOptions options;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description =
          "The HTML file to write, such as report.html; the JSON goes beside it, as report.json.")
  Path out;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description =
          "The loop policy (loop.yaml) with the teams and their managers; with --manager, adds the"
              + " coaching plan and which actions work.")
  Path policyFile;

  @Option(
      names = "--manager",
      paramLabel = "NAME",
      description = "The manager whose coaching plan the report shows; needs --policy.")
  String manager;

  @Option(
      names = "--decisions",
      paramLabel = "FILE",
      description =
          "A decision log for the coaching plan; without it the deals are evaluated once, as of"
              + " the report's date.")
  Path decisionsFile;

  @Option(
      names = "--feedback",
      paramLabel = "FILE",
      description = "The reps' feedback (JSON Lines) for the coaching plan.")
  Path feedbackFile;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path json = jsonBeside(out);
    boolean loop =
        policyFile != null || manager != null || decisionsFile != null || feedbackFile != null;
    if (loop && (policyFile == null || manager == null)) {
      throw new ParameterException(
          spec.commandLine(),
          "The coaching plan needs both --policy and --manager"
              + " (--decisions and --feedback are read for it)");
    }
    return PortfolioRun.run(options, main.environment(), spec.commandLine())
        .map(
            ran -> {
              PortfolioRun run = ran;
              if (loop) {
                try {
                  PortfolioReport withPlan = coaching(run.report(), err);
                  if (withPlan == null) {
                    return 1;
                  }
                  run = new PortfolioRun(withPlan);
                } catch (ProblemException e) {
                  err.print(TextReport.problems(new TreeSet<>(e.problems())));
                  err.flush();
                  return 1;
                }
              }
              try {
                if (out.toAbsolutePath().getParent() != null) {
                  Files.createDirectories(out.toAbsolutePath().getParent());
                }
                Files.writeString(json, run.report().toJson(), StandardCharsets.UTF_8);
                HtmlReport.write(run.report(), out);
              } catch (IOException e) {
                err.println("error: cannot write the report: " + IoErrors.reason(e));
                err.flush();
                return 1;
              }
              stdout.print(PortfolioText.summary(run.report()));
              stdout.println("Wrote " + out);
              stdout.println("Wrote " + json);
              stdout.flush();
              return PortfolioRun.exitCode(run.report(), spec.commandLine().getErr());
            })
        .orElse(1);
  }

  /**
   * {@code report} with the coaching plan of {@link #manager}; null, after an error line, when the
   * policy names no such manager.
   */
  private PortfolioReport coaching(PortfolioReport report, PrintWriter err) {
    PlaybookSource source =
        options.playbook == null
            ? PlaybookSource.byDefault(main.environment(), spec.commandLine())
            : PlaybookSource.of(
                options.playbook,
                main.environment(),
                spec.commandLine(),
                "Invalid value for option '--playbook': ");
    Playbook playbook = source.load();
    LoopPolicy policy = LoopPolicy.load(policyFile, playbook);
    String unknown = CoachCommand.unknownManager(policy, manager, policyFile);
    if (unknown != null) {
      err.println(unknown);
      err.flush();
      return null;
    }
    CsvMapping mapping =
        options.mapping == null ? null : PortfolioRun.mapping(options.mapping, spec.commandLine());
    List<Deal> deals = new ArrayList<>();
    try (DealSource in =
        ExportOptions.open(
            options.jdbc, options.jdbcUser, options.queries, options.dealFiles, mapping)) {
      in.forEachRemaining(deals::add);
    }
    Coaching plan =
        CoachCommand.plan(
            playbook, policy, manager, deals, decisionsFile, feedbackFile, report.asOf());
    return report.withCoaching(CoachingSection.of(plan));
  }

  /**
   * {@code report.json} for {@code report.html}: the same name with {@code .json} for the
   * extension.
   */
  static Path jsonBeside(Path html) {
    String name = html.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    return html.resolveSibling(base + ".json");
  }
}
