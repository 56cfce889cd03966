package dev.playbook.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.playbook.RuleTestReport;
import dev.playbook.RuleTestReport.Status;
import dev.playbook.problem.Problem;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The outcome of {@code playbook test}: a report per rule test file and, when coverage was asked
 * for, the rules of each playbook folder that no case covers.
 *
 * @param reports one per test file, sorted by file
 * @param coverage one per playbook folder, sorted by folder; null when coverage was not asked for
 */
record RuleTestRun(List<RuleTestReport> reports, List<Coverage> coverage) {

  /**
   * The rules of one playbook folder that no passing case covers.
   *
   * @param folder the folder as shown
   * @param checked false when the playbook or a test file of the folder did not load, so that
   *     coverage is not known
   * @param uncovered one sentence per gap, {@code rule-id: no passing case expects it to fire}
   */
  record Coverage(String folder, boolean checked, List<String> uncovered) {}

  RuleTestRun {
    reports = List.copyOf(reports);
    coverage = coverage == null ? null : List.copyOf(coverage);
  }

  /** Every problem of every file, once each, sorted. */
  Set<Problem> problems() {
    Set<Problem> all = new TreeSet<>();
    reports.forEach(r -> all.addAll(r.problems()));
    return all;
  }

  long count(Status status) {
    return reports.stream().mapToLong(r -> r.count(status)).sum();
  }

  boolean anyUncovered() {
    return coverage != null && coverage.stream().anyMatch(c -> !c.uncovered().isEmpty());
  }

  /**
   * 0 every case passed, 1 a file or its playbook has problems, 3 a case failed or a rule is not
   * covered.
   */
  int exitCode() {
    if (!problems().isEmpty()) {
      return 1;
    }
    return count(Status.FAILED) > 0 || anyUncovered() ? 3 : 0;
  }

  /**
   * The failing cases with their failures, the problems, with {@code verbose} every case; then
   * coverage and the summary line.
   */
  String text(boolean verbose) {
    StringBuilder out = new StringBuilder();
    Set<Problem> printed = new TreeSet<>();
    for (RuleTestReport r : reports) {
      for (Problem p : r.problems()) {
        if (printed.add(p)) {
          out.append(p.render()).append('\n');
        }
      }
      for (RuleTestReport.Case c : r.cases()) {
        if (!verbose && c.status() != Status.FAILED) {
          continue;
        }
        if (verbose) {
          out.append(
              switch (c.status()) {
                case PASSED -> "PASS ";
                case FAILED -> "FAIL ";
                case SKIPPED -> "SKIP ";
              });
        }
        out.append(r.file())
            .append(':')
            .append(c.line())
            .append(": ")
            .append(c.name())
            .append('\n');
        for (String failure : c.failures()) {
          out.append("  ").append(failure).append('\n');
        }
      }
    }
    if (!printed.isEmpty()) {
      out.append(TextReport.count(printed.size(), "problem")).append(" found\n");
    }
    if (coverage != null) {
      for (Coverage c : coverage) {
        out.append("coverage of ").append(c.folder()).append(": ");
        if (!c.checked()) {
          out.append("not known, as the playbook or a test file has problems\n");
          continue;
        }
        if (c.uncovered().isEmpty()) {
          out.append("every rule is covered\n");
          continue;
        }
        out.append(TextReport.count(ruleIds(c).size(), "rule")).append(" not covered\n");
        c.uncovered().forEach(u -> out.append("  ").append(u).append('\n'));
      }
    }
    return out.append(summary()).append('\n').toString();
  }

  /** {@code 3 passed, 1 failed, 0 skipped}. */
  String summary() {
    return count(Status.PASSED)
        + " passed, "
        + count(Status.FAILED)
        + " failed, "
        + count(Status.SKIPPED)
        + " skipped";
  }

  /** One JSON document: the files with their problems and cases, the totals and any coverage. */
  String json() {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode root = nodes.objectNode();
    ArrayNode files = root.putArray("files");
    for (RuleTestReport r : reports) {
      ObjectNode f = files.addObject().put("file", r.file()).put("playbook", r.playbook());
      ArrayNode problems = f.putArray("problems");
      for (Problem p : r.problems()) {
        problems
            .addObject()
            .put("code", p.code())
            .put("file", p.file())
            .put("line", p.line())
            .put("column", p.column())
            .put("message", p.message());
      }
      ArrayNode cases = f.putArray("cases");
      for (RuleTestReport.Case c : r.cases()) {
        ObjectNode o =
            cases
                .addObject()
                .put("name", c.name())
                .put("line", c.line())
                .put("status", c.status().name().toLowerCase(Locale.ROOT));
        ArrayNode failures = o.putArray("failures");
        c.failures().forEach(failures::add);
      }
    }
    root.putObject("totals")
        .put("files", reports.size())
        .put("passed", count(Status.PASSED))
        .put("failed", count(Status.FAILED))
        .put("skipped", count(Status.SKIPPED))
        .put("problems", problems().size());
    if (coverage != null) {
      ArrayNode uncovered = root.putArray("uncovered");
      for (Coverage c : coverage) {
        for (String u : c.uncovered()) {
          int colon = u.indexOf(": ");
          uncovered
              .addObject()
              .put("folder", c.folder())
              .put("rule", u.substring(0, colon))
              .put("message", u.substring(colon + 2));
        }
      }
    }
    return JsonReport.print(root);
  }

  private static Set<String> ruleIds(Coverage c) {
    Set<String> ids = new TreeSet<>();
    c.uncovered().forEach(u -> ids.add(u.substring(0, u.indexOf(": "))));
    return ids;
  }
}
