package dev.playbook.result;

import static java.util.Objects.requireNonNull;

/**
 * A deal that could not be evaluated, and why: the other deals of the same call are evaluated
 * regardless. Immutable.
 *
 * @param index the deal's position among the deals given ({@code Playbook.evaluateEach}); 0 for one
 *     deal
 * @param dealId the deal's id
 * @param kind why: see {@link Kind}
 * @param rule the rule, or the key node's exit criterion written {@code keynode.criterion}, being
 *     evaluated when it failed; null when the failure was not in one
 * @param condition the canonical text of the condition part being evaluated when it failed, or null
 * @param message one line naming the deal, the rule and the condition, for people
 */
public record DealError(
    int index, String dealId, Kind kind, String rule, String condition, String message) {

  /** Why a deal could not be evaluated. */
  public enum Kind {
    /** The deal is at a stage the playbook does not define. */
    UNKNOWN_STAGE,
    /**
     * Its evaluation took more steps than the budget of one deal ({@code
     * EvaluationLimits.maxSteps}).
     */
    TOO_COSTLY,
    /** A condition, message or action could not be computed. */
    EVALUATION_FAILED;

    /**
     * The kind as written in output: {@code unknown-stage}, {@code too-costly}, {@code
     * evaluation-failed}.
     */
    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  public DealError {
    if (index < 0) {
      throw new IllegalArgumentException("index was set to " + index + ", must be >= 0");
    }
    requireNonNull(dealId, "dealId");
    requireNonNull(kind, "kind");
    requireNonNull(message, "message");
  }

  /** This error at another position. */
  public DealError atIndex(int position) {
    return new DealError(position, dealId, kind, rule, condition, message);
  }

  /** {@link Kind#code()} of this error's kind. */
  public String code() {
    return kind.code();
  }

  @Override
  public String toString() {
    return code() + ": " + message;
  }
}
