package dev.playbook.internal.tree;

/** A 1-based position in a source file. */
public record Pos(String file, int line, int column) {

  public static Pos unknown(String file) {
    return new Pos(file, 0, 0);
  }

  /** The position {@code offset} characters to the right on the same line. */
  public Pos shift(int offset) {
    return line == 0 ? this : new Pos(file, line, column + offset);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
