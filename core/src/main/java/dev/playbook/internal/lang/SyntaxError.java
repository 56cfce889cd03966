package dev.playbook.internal.lang;

/** A condition that does not follow the grammar; {@code offset} is where in the condition. */
public final class SyntaxError extends Exception {
  private static final long serialVersionUID = 1L;
  private final int offset;

  public SyntaxError(int offset, String message) {
    super(message, null, false, false);
    this.offset = offset;
  }

  public int offset() {
    return offset;
  }
}
