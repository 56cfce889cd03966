package dev.playbook.internal.tree;

/** Line and column of an offset into a text; columns count code points, as the readers' do. */
final class TextPositions {

  private TextPositions() {}

  /** The position of the char at {@code offset}. */
  static Pos at(String file, String text, int offset) {
    int line = 1;
    int lineStart = 0;
    int end = Math.min(offset, text.length());
    for (int i = 0; i < end; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new Pos(file, line, text.codePointCount(lineStart, end) + 1);
  }

  /** The position of the code point at index {@code codePoint}. */
  static Pos atCodePoint(String file, String text, int codePoint) {
    int offset;
    try {
      offset = text.offsetByCodePoints(0, codePoint);
    } catch (IndexOutOfBoundsException e) {
      offset = text.length();
    }
    return at(file, text, offset);
  }
}
