package dev.playbook;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * What one deal's evaluation may cost. A playbook that loaded can still meet a deal whose lists are
 * so long that nested quantifiers over them would run for minutes, or whose texts would make a
 * message of gigabytes; these limits keep such a deal from holding up the others.
 *
 * <pre>{@code
 * Playbook playbook = Playbook.load(path).withLimits(EvaluationLimits.defaults().withMaxSteps(50_000_000));
 * }</pre>
 *
 * @param maxSteps the steps one deal's evaluation may take: each item of a list that a quantifier
 *     or aggregate walks is one step. A deal that needs more becomes a {@code too-costly} {@link
 *     dev.playbook.result.DealError}. Default {@value #DEFAULT_MAX_STEPS}, about a second.
 * @param maxMessageLength the longest text (gap message, action title or reason) that placeholders
 *     may render, in characters; a longer one is cut and ends with {@code …[truncated]}. Default
 *     {@value #DEFAULT_MAX_MESSAGE_LENGTH}
 */
public record EvaluationLimits(long maxSteps, int maxMessageLength) {

  public static final long DEFAULT_MAX_STEPS = 10_000_000;
  public static final int DEFAULT_MAX_MESSAGE_LENGTH = 10_000;

  /** Room for the truncation marker and some text before it. */
  public static final int MIN_MESSAGE_LENGTH = 100;

  public EvaluationLimits {
    checkArgument(maxSteps > 0, "maxSteps was set to %s, must be positive", maxSteps);
    checkArgument(
        maxMessageLength >= MIN_MESSAGE_LENGTH,
        "maxMessageLength was set to %s, must be at least %s",
        maxMessageLength,
        MIN_MESSAGE_LENGTH);
  }

  /**
   * The defaults: {@value #DEFAULT_MAX_STEPS} steps, messages of {@value
   * #DEFAULT_MAX_MESSAGE_LENGTH} characters.
   */
  public static EvaluationLimits defaults() {
    return new EvaluationLimits(DEFAULT_MAX_STEPS, DEFAULT_MAX_MESSAGE_LENGTH);
  }

  /** These limits with another step budget per deal. */
  public EvaluationLimits withMaxSteps(long steps) {
    return new EvaluationLimits(steps, maxMessageLength);
  }

  /** These limits with another maximum message length. */
  public EvaluationLimits withMaxMessageLength(int length) {
    return new EvaluationLimits(maxSteps, length);
  }
}
