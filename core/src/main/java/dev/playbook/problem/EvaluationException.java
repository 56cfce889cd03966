package dev.playbook.problem;

/**
 * Evaluating a deal failed: the message names the deal and the condition that could not be
 * evaluated. Never thrown for a deal that is merely incomplete (missing values are unknown, not
 * errors); a playbook that loaded is expected not to throw it.
 */
public final class EvaluationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String dealId;
  private final boolean tooCostly;

  public EvaluationException(String dealId, String message, Throwable cause) {
    this(dealId, false, message, cause);
  }

  /**
   * @param tooCostly the deal took more steps than the budget of one deal allows
   */
  public EvaluationException(String dealId, boolean tooCostly, String message, Throwable cause) {
    super(message, cause);
    this.dealId = dealId;
    this.tooCostly = tooCostly;
  }

  /**
   * True when the deal took more steps than the budget of one deal allows ({@code
   * EvaluationLimits}).
   */
  public boolean tooCostly() {
    return tooCostly;
  }

  /** The id of the deal being evaluated. */
  public String dealId() {
    return dealId;
  }
}
