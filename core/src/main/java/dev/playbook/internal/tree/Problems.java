package dev.playbook.internal.tree;

import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;

/** Collects problems while a file is read; not thread-safe, one per load. */
public final class Problems {

  private final List<Problem> list = new ArrayList<>();

  public void add(String code, Pos pos, String message) {
    list.add(new Problem(code, pos.file(), pos.line(), pos.column(), message));
  }

  public void add(Problem problem) {
    list.add(problem);
  }

  public boolean isEmpty() {
    return list.isEmpty();
  }

  public int size() {
    return list.size();
  }

  public List<Problem> list() {
    return List.copyOf(list);
  }

  /** Throws a {@link ProblemException} with everything collected, if anything was. */
  public void throwIfAny() {
    if (!list.isEmpty()) {
      throw new ProblemException(list);
    }
  }
}
