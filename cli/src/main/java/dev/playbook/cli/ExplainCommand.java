package dev.playbook.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.playbook.Playbook;
import dev.playbook.model.Deal;
import dev.playbook.problem.EvaluationException;
import dev.playbook.problem.Suggestions;
import dev.playbook.result.Explanation;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
          + " it read, indented under the and, or and not that join them. Then the same for the"
          + " exit criteria of the deal's stage and for the scorecard elements that have a"
          + " confirmed_when condition; --rule also takes such a check, as KEY_NODE.CRITERION or"
          + " METHODOLOGY.ELEMENT."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  playbook explain deals.json --deal D-1042",
      "  playbook explain deals.json --deal D-1042 --rule acme.stale --as-of 2026-11-20",
      "  playbook explain deals.jsonl --deal D-7 --playbook playbooks/acme --playbook meddic",
      "  playbook explain deals.json --deal D-1042 --rule ready_to_sign.eb_met --format json"
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
      description =
          "Explain only this rule, exit criterion (KEY_NODE.CRITERION) or scorecard element"
              + " (METHODOLOGY.ELEMENT). Default: every rule and check.")
  String ruleId;

  @Mixin EvaluationOptions options;

  @Mixin FormatOption format;

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
    List<String> written = new ArrayList<>();
    List<ObjectNode> json = new ArrayList<>();
    for (Playbook playbook : inputs.playbooks()) {
      List<Explanation> explanations;
      try {
        explanations = explanations(playbook, deal, when);
      } catch (IllegalArgumentException | EvaluationException e) {
        // no such rule, a deal at a stage the playbook does not define, or one that cannot be
        // evaluated
        err.println("error: " + Visible.line(e.getMessage()));
        failed = true;
        continue;
      }
      if (format.json()) {
        json.add(json(playbook, deal, when, explanations));
      } else {
        written.add(write(playbook, deal, when, explanations, ruleId == null));
      }
    }
    if (format.json()) {
      if (json.size() == 1) {
        out.print(JsonReport.print(json.get(0)));
      } else if (!json.isEmpty()) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        json.forEach(root.putArray("results")::add);
        out.print(JsonReport.print(root));
      }
    } else {
      out.print(String.join("\n", written));
    }
    out.flush();
    err.flush();
    return failed ? 1 : 0;
  }

  /**
   * Every rule then every check, or the one {@code --rule} names: a rule, else a check by its id.
   *
   * @throws IllegalArgumentException if {@code --rule} names neither
   */
  private List<Explanation> explanations(Playbook playbook, Deal deal, Instant when) {
    if (ruleId == null) {
      List<Explanation> all = new ArrayList<>(playbook.explain(deal, when));
      all.addAll(playbook.explainChecks(deal, when));
      return all;
    }
    if (!playbook.ruleIds().contains(ruleId) && ruleId.contains(".")) {
      for (Explanation check : playbook.explainChecks(deal, when)) {
        if (check.rule().equals(ruleId)) {
          return List.of(check);
        }
      }
    }
    return List.of(playbook.explain(deal, when, ruleId));
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
   * A header with the playbook and the deal, then one block per rule or check: id, fired (met,
   * holds) or not, where it is defined; the condition; its tree, one part a line, indented under
   * the {@code and}, {@code or} and {@code not} that join them.
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
    Map<Explanation.Kind, int[]> counts = new EnumMap<>(Explanation.Kind.class);
    Explanation.Kind section = Explanation.Kind.RULE;
    for (Explanation e : explanations) {
      counts.computeIfAbsent(e.kind(), k -> new int[2])[0] += e.fired() ? 1 : 0;
      counts.get(e.kind())[1]++;
      if (e.kind() != section) {
        section = e.kind();
        out.append('\n').append(section == Explanation.Kind.CRITERION ? CRITERIA : ELEMENTS);
        out.append('\n');
      }
      out.append('\n')
          .append(
              String.format(
                  Locale.ROOT,
                  "%-" + width + "s  %-12s   (%s)",
                  e.rule(),
                  outcome(e),
                  e.provenance().location()))
          .append('\n')
          .append("  when: ")
          .append(oneLine(e.condition()))
          .append('\n');
      for (String line : e.tree().lines("    ")) {
        out.append(Visible.line(line)).append('\n');
      }
    }
    if (summary) {
      List<String> parts = new ArrayList<>();
      int[] rules = counts.getOrDefault(Explanation.Kind.RULE, new int[2]);
      parts.add(rules[0] + " of " + TextReport.count(rules[1], "rule") + " fired");
      int[] criteria = counts.get(Explanation.Kind.CRITERION);
      if (criteria != null) {
        parts.add(
            criteria[0]
                + " of "
                + criteria[1]
                + (criteria[1] == 1 ? " exit criterion" : " exit criteria")
                + " met");
      }
      int[] elements = counts.get(Explanation.Kind.ELEMENT);
      if (elements != null) {
        parts.add(
            elements[0]
                + " of "
                + TextReport.count(elements[1], "scorecard element")
                + " confirmed");
      }
      out.append('\n').append(String.join(", ", parts)).append('\n');
    }
    return out.toString();
  }

  /** The heading of the exit criteria. */
  static final String CRITERIA = "Exit criteria of the deal's stage";

  /** The heading of the scorecard elements. */
  static final String ELEMENTS = "Scorecard elements with confirmed_when";

  private static String outcome(Explanation e) {
    return switch (e.kind()) {
      case RULE -> e.fired() ? "fired" : "did not fire";
      case CRITERION -> e.fired() ? "met" : "not met";
      case ELEMENT -> e.fired() ? "confirmed" : "unconfirmed";
    };
  }

  /**
   * The playbook, the deal and each explanation with its tree: {@code {"text": "and", "value":
   * "false", "detail": "", "parts": [...]}}.
   */
  static ObjectNode json(Playbook playbook, Deal deal, Instant asOf, List<Explanation> list) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("schema_version", dev.playbook.json.ResultJson.SCHEMA_VERSION)
        .put("playbook", playbook.id())
        .put("as_of", asOf.toString())
        .put("deal", deal.id());
    o.set("explanations", JsonReport.explanations(list));
    return o;
  }

  /** A condition written over several lines, on one. */
  private static String oneLine(String condition) {
    return condition.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
