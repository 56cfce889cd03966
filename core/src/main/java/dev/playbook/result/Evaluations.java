package dev.playbook.result;

import java.util.List;

/**
 * The results of evaluating many deals: an evaluation for each deal that could be evaluated and an
 * error for each that could not, each list in the order the deals were given. One deal's error
 * never takes another deal's result with it. Immutable.
 *
 * @param evaluated the evaluations, in the order of the deals
 * @param failed the deals that could not be evaluated, in the order of the deals
 */
public record Evaluations(List<Evaluation> evaluated, List<DealError> failed) {

  public Evaluations {
    evaluated = List.copyOf(evaluated);
    failed = List.copyOf(failed);
  }

  /** True when every deal was evaluated. */
  public boolean complete() {
    return failed.isEmpty();
  }
}
