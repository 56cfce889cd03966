package dev.playbook.conversations;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line that starts with a speaker's name and a colon, {@code Daniel Reed: text} or {@code
 * 李明：text}. The name starts with a letter, has at most 60 characters and 6 words of letters,
 * digits, spaces and {@code . - ' _ @ < >}, and the colon is followed by a space, the end of the
 * line or is a full-width colon. Anything else is text.
 */
record SpeakerPrefix(String speaker, String text) {

  private static final Pattern PREFIX =
      Pattern.compile("^(\\p{L}[\\p{L}\\p{M}\\p{N} .'_@<>-]{0,59}?)\\s*(?::(?=\\s|$)|：)\\s*(.*)$");

  static SpeakerPrefix of(String line) {
    Matcher m = PREFIX.matcher(line.strip());
    if (!m.matches() || m.group(1).strip().split("\\s+").length > 6) {
      return null;
    }
    return new SpeakerPrefix(m.group(1).strip(), m.group(2));
  }
}
