package dev.playbook.cli;

import dev.playbook.insights.report.HtmlReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path json = jsonBeside(out);
    return PortfolioRun.run(options, main.environment(), spec.commandLine())
        .map(
            run -> {
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
