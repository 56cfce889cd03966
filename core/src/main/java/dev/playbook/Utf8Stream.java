package dev.playbook;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The UTF-8 bytes of a text, encoded a chunk at a time instead of copied whole, so that reading a
 * large text given in memory costs a buffer, not a second copy of it. A lone surrogate is encoded
 * as {@code ?}, as {@link String#getBytes} would.
 */
final class Utf8Stream extends InputStream {

  private final CharBuffer in;
  private final CharsetEncoder encoder =
      StandardCharsets.UTF_8
          .newEncoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final ByteBuffer out = ByteBuffer.allocate(64 * 1024);
  private boolean done;

  Utf8Stream(String text) {
    this.in = CharBuffer.wrap(text);
    out.flip();
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    while (!out.hasRemaining()) {
      if (done) {
        return -1;
      }
      out.clear();
      CoderResult result = encoder.encode(in, out, true);
      if (result.isUnderflow() && !in.hasRemaining()) {
        encoder.flush(out);
        done = true;
      }
      out.flip();
    }
    int n = Math.min(len, out.remaining());
    out.get(b, off, n);
    return n;
  }
}
