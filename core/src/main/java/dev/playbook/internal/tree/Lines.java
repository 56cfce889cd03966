package dev.playbook.internal.tree;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a UTF-8 stream one line at a time, in bounded memory: each line is decoded on its own, so a
 * byte that is not UTF-8 is reported at its true line and the next line reads again; a line longer
 * than the limit is skipped to its end without being held. Not thread-safe.
 */
public final class Lines {

  /** One line: its 1-based number, and its text, or why it has none. */
  public record Line(int number, String text, String code, String message, int column) {
    public boolean ok() {
      return text != null;
    }
  }

  private final InputStream in;
  private final int maxBytes;
  private final byte[] buffer = new byte[1 << 16];
  private int start;
  private int end;
  private boolean eof;
  private int number;
  private byte[] line = new byte[256];
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  public Lines(InputStream in, int maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
  }

  /** The number of the line last read; 0 before the first. */
  public int number() {
    return number;
  }

  /**
   * The next line, without its line break (and a first line without its byte order mark); null at
   * the end.
   */
  public Line next() throws IOException {
    int length = 0;
    boolean tooLong = false;
    boolean any = false;
    while (true) {
      if (start == end) {
        if (eof || !fill()) {
          if (!any) {
            return null;
          }
          break;
        }
      }
      any = true;
      int nl = -1;
      for (int i = start; i < end; i++) {
        if (buffer[i] == '\n') {
          nl = i;
          break;
        }
      }
      int stop = nl < 0 ? end : nl;
      int n = stop - start;
      if (!tooLong) {
        if (length + n > maxBytes) {
          tooLong = true;
        } else {
          if (length + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
          }
          System.arraycopy(buffer, start, line, length, n);
          length += n;
        }
      }
      start = nl < 0 ? end : nl + 1;
      if (nl >= 0) {
        break;
      }
    }
    number++;
    if (tooLong) {
      return new Line(
          number,
          null,
          "too-large",
          "the line is longer than " + maxBytes + " bytes, the limit",
          1);
    }
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    return decode(length);
  }

  private Line decode(int length) {
    int from = 0;
    if (number == 1
        && length >= 3
        && (line[0] & 0xFF) == 0xEF
        && (line[1] & 0xFF) == 0xBB
        && (line[2] & 0xFF) == 0xBF) {
      from = 3;
    }
    decoder.reset();
    CharBuffer out = CharBuffer.allocate(length - from + 1);
    CoderResult result = decoder.decode(ByteBuffer.wrap(line, from, length - from), out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      return new Line(
          number,
          null,
          "invalid-encoding",
          "the line is not valid UTF-8 text; save the file with the UTF-8 encoding",
          out.position() + 1);
    }
    out.flip();
    return new Line(number, out.toString(), null, null, 0);
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer, 0, buffer.length);
    if (n <= 0) {
      eof = true;
      start = end = 0;
      return false;
    }
    start = 0;
    end = n;
    return true;
  }
}
