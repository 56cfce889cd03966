package dev.playbook.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.playbook.insights.PortfolioReport;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code playbook backtest}: among the closed deals of a book, the win rate when each rule fired
 * and when it did not, with lift and a confidence interval.
 */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Backtests every rule of a playbook against won and lost deals.",
      "For each rule, among the closed deals in DEALS: the win rate when the rule fired and when it did"
          + " not, the lift (the first divided by the second) and the 95%% confidence interval of their"
          + " difference. Progress goes to stderr."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  playbook backtest sales_pipeline.csv --mapping maven-crm --playbook deal-risk",
      "  playbook backtest history.jsonl --playbook playbooks/acme --format json"
    })
final class BacktestCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ParentCommand Main main;

  @Mixin PortfolioOptions options;

  @Mixin FormatOption format;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    return PortfolioRun.run(options, main.environment(), spec.commandLine())
        .map(
            run -> {
              out.print(format.json() ? json(run.report()) : PortfolioText.backtest(run.report()));
              out.flush();
              return PortfolioRun.exitCode(run.report(), spec.commandLine().getErr());
            })
        .orElse(1);
  }

  /**
   * {@code {"playbook", "as_of", "deals", "skipped", "as_of_method", "rules"}}: the report's
   * backtest, cut from the report's own JSON so that both say the same under the same names.
   */
  static String json(PortfolioReport run) {
    JsonNode report;
    try {
      report = new ObjectMapper().readTree(run.toJson());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    doc.put("playbook", report.path("playbook").path("id").asText());
    doc.set("as_of", report.path("as_of"));
    report.path("backtest").properties().forEach(e -> doc.set(e.getKey(), e.getValue()));
    return JsonReport.print(doc);
  }
}
