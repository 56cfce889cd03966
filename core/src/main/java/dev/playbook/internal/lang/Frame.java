package dev.playbook.internal.lang;

/**
 * The state of one evaluation: the deal's facts and the elements that quantifiers are iterating
 * over ({@code locals[0]} for the outermost). Confined to one thread.
 */
public final class Frame {
  public static final int MAX_SCOPES = 8;

  final Facts facts;
  final Object[] locals = new Object[MAX_SCOPES];

  public Frame(Facts facts) {
    this.facts = facts;
  }

  public Facts facts() {
    return facts;
  }

  /** Binds {@code item} to local slot {@code slot} and returns this frame. */
  public Frame withLocal(int slot, Object item) {
    locals[slot] = item;
    return this;
  }
}
