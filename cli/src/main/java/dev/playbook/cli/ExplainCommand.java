package dev.playbook.cli;

import dev.playbook.Playbook;
import dev.playbook.model.Deal;
import dev.playbook.problem.EvaluationException;
import dev.playbook.problem.Suggestions;
import dev.playbook.result.Explanation;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code playbook explain}: why each rule fired or did not fire on one deal. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Explains why rules fired or did not fire on a deal.",
      "Prints, for each rule of the playbook (or the one given with --rule), whether it fired on"
          + " the deal, its condition, and each part of the condition with its value and the facts"
          + " it read."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  playbook explain deals.json --deal D-1042",
      "  playbook explain deals.json --deal D-1042 --rule acme.stale --as-of 2026-11-20",
      "  playbook explain deals.jsonl --deal D-7 --playbook playbooks/acme --playbook meddic"
    })
final class ExplainCommand implements Callable<Integer> {

  /** How many deal ids an unknown {@code --deal} lists at most. */
  static final int IDS_LISTED = 10;

  @Spec CommandSpec spec;

  @ParentCommand Main main;

  @Option(
      names = "--deal",
      required = true,
      paramLabel = "ID",
      description = "The id of the deal to explain.")
  String dealId;

  @Option(
      names = "--rule",
      paramLabel = "RULE",
      description = "Explain only this rule. Default: every rule.")
  String ruleId;

  @Mixin EvaluationOptions options;

  @Override
  public Integer call() {
    return options
        .load(main.environment(), spec.commandLine().getErr())
        .map(this::explain)
        .orElse(1);
  }

  private int explain(Inputs inputs) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Instant when = options.when();
    Deal deal = inputs.deals().stream().filter(d -> d.id().equals(dealId)).findFirst().orElse(null);
    if (deal == null) {
      err.println("error: " + Visible.line(noSuchDeal(inputs.deals())));
      err.flush();
      return 1;
    }

    boolean failed = false;
    boolean printed = false;
    for (Playbook playbook : inputs.playbooks()) {
      List<Explanation> explanations;
      try {
        explanations =
            ruleId == null
                ? playbook.explain(deal, when)
                : List.of(playbook.explain(deal, when, ruleId));
      } catch (IllegalArgumentException | EvaluationException e) {
        // no such rule, a deal at a stage the playbook does not define, or one that cannot be
        // evaluated
        err.println("error: " + Visible.line(e.getMessage()));
        failed = true;
        continue;
      }
      if (printed) {
        out.println();
      }
      out.print(write(playbook, deal, when, explanations, ruleId == null));
      printed = true;
    }
    out.flush();
    err.flush();
    return failed ? 1 : 0;
  }

  /** {@code deal 'D-1' is not in deals.json (did you mean 'D-11'?); its deals are: D-11, D-12}. */
  private String noSuchDeal(List<Deal> deals) {
    List<String> ids = deals.stream().map(Deal::id).distinct().toList();
    String listed =
        ids.size() <= IDS_LISTED
            ? String.join(", ", ids)
            : String.join(", ", ids.subList(0, IDS_LISTED))
                + " and "
                + (ids.size() - IDS_LISTED)
                + " more";
    return "deal '"
        + dealId
        + "' is not in "
        + options.dealsFile
        + Suggestions.hint(dealId, ids)
        + (ids.isEmpty() ? "; it holds no deals" : "; its deals are: " + listed);
  }

  /**
   * A header with the playbook and the deal, then one block per rule: id, fired or not, where it is
   * defined; the condition; each part of it with its value.
   */
  static String write(
      Playbook playbook, Deal deal, Instant asOf, List<Explanation> explanations, boolean summary) {
    StringBuilder out = new StringBuilder();
    out.append("Playbook ")
        .append(playbook.id())
        .append(" (")
        .append(TextReport.count(playbook.ruleIds().size(), "rule"))
        .append(")")
        .append(" · as of ")
        .append(TextReport.when(asOf))
        .append('\n')
        .append(TextReport.dealLine(deal))
        .append('\n');
    int width = explanations.stream().mapToInt(e -> e.rule().length()).max().orElse(0);
    int fired = 0;
    for (Explanation e : explanations) {
      fired += e.fired() ? 1 : 0;
      out.append('\n')
          .append(
              String.format(
                  Locale.ROOT,
                  "%-" + width + "s  %-12s   (%s)",
                  e.rule(),
                  e.fired() ? "fired" : "did not fire",
                  e.provenance().location()))
          .append('\n')
          .append("  when: ")
          .append(oneLine(e.condition()))
          .append('\n');
      for (Explanation.Part part : e.parts()) {
        out.append("    ").append(part.render()).append('\n');
      }
    }
    if (summary) {
      out.append('\n')
          .append(fired)
          .append(" of ")
          .append(TextReport.count(explanations.size(), "rule"))
          .append(" fired\n");
    }
    return out.toString();
  }

  /** A condition written over several lines, on one. */
  private static String oneLine(String condition) {
    return condition.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
