package dev.playbook.internal.lang;

/**
 * The state of one evaluation: the deal's facts and the elements that quantifiers are iterating
 * over ({@code locals[0]} for the outermost). Confined to one thread.
 */
public final class Frame {
  public static final int MAX_SCOPES = 8;

  final Facts facts;
  final Object[] locals = new Object[MAX_SCOPES];

  /** The steps this evaluation may still take; see {@link #step()}. */
  private long stepsLeft = Long.MAX_VALUE;

  public Frame(Facts facts) {
    this.facts = facts;
  }

  public Facts facts() {
    return facts;
  }

  /**
   * Limits the steps this frame's evaluations may take together; one more step than that throws
   * {@link TooCostly}.
   */
  public Frame withBudget(long steps) {
    stepsLeft = steps;
    return this;
  }

  /** The steps left in this frame's budget. */
  public long stepsLeft() {
    return stepsLeft;
  }

  /** Counts one step: one item of a list that a quantifier or aggregate walks. */
  public void step() {
    if (--stepsLeft < 0) {
      throw new TooCostly();
    }
  }

  /** Counts {@code n} steps at once: a company function's call (its declared cost). */
  void step(long n) {
    stepsLeft -= n;
    if (stepsLeft < 0) {
      throw new TooCostly();
    }
  }

  /** The item bound to local slot {@code slot}; null when none is. */
  public Object local(int slot) {
    return locals[slot];
  }

  /** Binds {@code item} to local slot {@code slot} and returns this frame. */
  public Frame withLocal(int slot, Object item) {
    locals[slot] = item;
    return this;
  }
}
