package dev.playbook.problem;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a playbook or a deal file cannot be used; carries every problem found, sorted.
 *
 * <p>The message is the rendered problems, one per line, so that printing it is enough for an
 * author to find and fix each one.
 */
public final class ProblemException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<Problem> problems;

  public ProblemException(Collection<Problem> problems) {
    super(render(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ProblemException needs at least one problem");
    }
    this.problems = problems.stream().sorted().toList();
  }

  /** Every problem found, sorted by file, line and column; immutable. */
  public List<Problem> problems() {
    return problems;
  }

  private static String render(Collection<Problem> problems) {
    return problems.stream().sorted().map(Problem::render).collect(Collectors.joining("\n"));
  }
}
