package dev.playbook.observe;

/**
 * Told of every deal an {@link ObservedPlaybook} evaluates, on the thread that evaluated it, after
 * the evaluation and before the call returns. Implementations must be thread-safe and quick; one
 * that throws fails the call (after the other listeners have been told), so that an audit log that
 * cannot be written is never skipped silently.
 */
@FunctionalInterface
public interface EvaluationListener {

  /** One deal evaluated, or one deal that could not be. */
  void onEvaluation(EvaluationEvent event);
}
