package dev.playbook;

import static java.util.Objects.requireNonNull;

import dev.playbook.problem.Problem;
import java.util.List;

/**
 * The outcome of one rule test file: each case passed, failed or skipped, and any problem that kept
 * the file or its playbook from loading.
 *
 * @param file the test file
 * @param playbook the id of the playbook the cases ran against, or null if it did not load
 * @param cases the cases in file order
 * @param problems problems of the test file or its playbook, sorted; when not empty, no case ran
 */
public record RuleTestReport(
    String file, String playbook, List<Case> cases, List<Problem> problems) {

  public RuleTestReport {
    requireNonNull(file, "file");
    cases = List.copyOf(cases);
    problems = problems.stream().sorted().toList();
  }

  public enum Status {
    PASSED,
    FAILED,
    SKIPPED
  }

  /**
   * One case.
   *
   * @param line the line of the case in the test file
   * @param failures one sentence per expectation that did not hold; empty unless failed
   * @param fires the rules the case expects to fire
   * @param notFires the rules the case expects not to fire
   */
  public record Case(
      String name,
      int line,
      Status status,
      List<String> failures,
      List<String> fires,
      List<String> notFires) {
    public Case {
      requireNonNull(name, "name");
      requireNonNull(status, "status");
      failures = List.copyOf(failures);
      fires = List.copyOf(fires);
      notFires = List.copyOf(notFires);
    }
  }

  public long count(Status status) {
    return cases.stream().filter(c -> c.status() == status).count();
  }

  /** True when the file loaded and no case failed. */
  public boolean ok() {
    return problems.isEmpty() && count(Status.FAILED) == 0;
  }
}
