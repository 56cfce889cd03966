package dev.playbook.cli;

/**
 * Text from deal files and playbooks made safe to print on one line of a terminal: control
 * characters (escape sequences, line breaks), bidirectional overrides and line separators are shown
 * as {@code \\uXXXX}, as {@link dev.playbook.problem.Problem} messages show them, so that data can
 * neither forge a line of output (such as a {@code file:line:col:} problem) nor move the cursor.
 */
final class Visible {

  private Visible() {}

  /** {@code s} with every hidden character written {@code \\uXXXX}; null stays null. */
  static String line(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (hidden(c)) {
        if (out == null) {
          out = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        out.append(String.format("\\u%04X", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  private static boolean hidden(char c) {
    return c < 0x20
        || c == 0x7f
        || (c >= 0x80 && c < 0xa0)
        || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200e
        || c == 0x200f
        || c == 0x061c
        || c == 0x2028
        || c == 0x2029;
  }
}
