package dev.playbook.observe;

import static java.util.Objects.requireNonNull;

import dev.playbook.result.DealError;
import dev.playbook.result.Evaluation;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One deal evaluated by an {@link ObservedPlaybook}: its findings, or why it could not be
 * evaluated, and how long it took. Immutable.
 *
 * @param playbook the id of the playbook that evaluated it
 * @param revision that playbook's {@code revision()}, naming the version of its files
 * @param dealId the deal's id
 * @param asOf the moment the deal was evaluated as of
 * @param evaluation the result, or null when the deal could not be evaluated
 * @param error why it could not be evaluated, or null when it was
 * @param elapsed the time of the call that evaluated it divided by the deals in that call: exact
 *     for a single deal, the mean for a batch
 * @param callSize the number of deals in that call (1 for {@code evaluate})
 */
public record EvaluationEvent(
    String playbook,
    String revision,
    String dealId,
    Instant asOf,
    Evaluation evaluation,
    DealError error,
    Duration elapsed,
    int callSize) {

  public EvaluationEvent {
    requireNonNull(playbook, "playbook");
    requireNonNull(revision, "revision");
    requireNonNull(dealId, "dealId");
    requireNonNull(asOf, "asOf");
    requireNonNull(elapsed, "elapsed");
    if ((evaluation == null) == (error == null)) {
      throw new IllegalArgumentException("exactly one of evaluation and error must be given");
    }
    if (callSize < 1) {
      throw new IllegalArgumentException("callSize was set to " + callSize + ", must be >= 1");
    }
  }

  /** The result, if the deal was evaluated. */
  public Optional<Evaluation> result() {
    return Optional.ofNullable(evaluation);
  }

  /** Why the deal could not be evaluated, if it could not. */
  public Optional<DealError> failure() {
    return Optional.ofNullable(error);
  }

  /** {@code ok}, or the error's code: {@code unknown-stage}, {@code too-costly}, ... */
  public String outcome() {
    return error == null ? "ok" : error.code();
  }
}
