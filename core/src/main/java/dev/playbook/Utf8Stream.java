package dev.playbook;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The UTF-8 bytes of a text, encoded a chunk at a time into buffers it reuses, so that reading a
 * large text given in memory costs two small buffers, not a second copy of it. The bytes are those
 * of {@link String#getBytes} (a lone surrogate becomes {@code ?}): a chunk never ends between the
 * two halves of a surrogate pair.
 */
final class Utf8Stream extends InputStream {

  private static final int CHUNK = 16 * 1024;

  private final String text;
  private final CharsetEncoder encoder =
      StandardCharsets.UTF_8
          .newEncoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final char[] chars = new char[CHUNK];
  private final ByteBuffer bytes = ByteBuffer.allocate(CHUNK * 3);
  private int next;

  Utf8Stream(String text) {
    this.text = text;
    bytes.flip();
  }

  @Override
  public int read() {
    return fill() ? bytes.get() & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, bytes.remaining());
    bytes.get(b, off, n);
    return n;
  }

  /** Whether a byte is left, encoding the next chunk when this one is used up. */
  private boolean fill() {
    while (!bytes.hasRemaining()) {
      if (next == text.length()) {
        return false;
      }
      int end = Math.min(text.length(), next + CHUNK);
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end--;
      }
      text.getChars(next, end, chars, 0);
      bytes.clear();
      encoder.reset();
      encoder.encode(CharBuffer.wrap(chars, 0, end - next), bytes, true);
      encoder.flush(bytes);
      bytes.flip();
      next = end;
    }
    return true;
  }
}
