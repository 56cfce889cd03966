package dev.playbook.streams;

import java.util.function.IntFunction;

/**
 * Keeps output records below a size in bytes by truncating their long texts, each with a visible
 * marker saying how much was cut: {@code Acme renewal …[29988 more characters]}.
 */
final class Bounded {

  /** The longest text kept whole when a record has to be cut: halved until the record fits. */
  private static final int FIRST_CAP = 16_384;

  private Bounded() {}

  /**
   * The record {@code render} gives with no text cut, if it and {@code key} fit in {@code maxBytes}
   * (UTF-8); otherwise the record with every text longer than a cap cut to the cap, for the largest
   * cap (16,384, 8,192, … characters, then 0) that makes it fit. The last try is returned even if
   * it does not fit; only keys and ids no text limit applies to can cause that.
   */
  static String fit(String key, int maxBytes, IntFunction<String> render) {
    int budget = maxBytes - (key == null ? 0 : bytes(key));
    String out = render.apply(Integer.MAX_VALUE);
    for (int cap = FIRST_CAP; bytes(out) > budget && cap >= 0; cap = cap == 0 ? -1 : cap / 2) {
      out = render.apply(cap);
    }
    return out;
  }

  /** {@code text} cut to {@code cap} characters plus a marker, or whole if it is no longer. */
  static String cut(String text, int cap) {
    if (text == null || text.length() <= cap) {
      return text;
    }
    int end = cap;
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // never split a character in two
    }
    return text.substring(0, end) + "…[" + (text.length() - end) + " more characters]";
  }

  /** The length of {@code text} in UTF-8, without encoding it. */
  static int bytes(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
