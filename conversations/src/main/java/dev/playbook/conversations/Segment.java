package dev.playbook.conversations;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One stretch of speech (or one e-mail) by one speaker.
 *
 * @param index 0-based position in the file, in file order
 * @param speaker the speaker as the file names them (a name, an e-mail address or {@code "Name
 *     <address>"}); empty when the file names nobody
 * @param start offset from the start of the recording, or null when the file gives no times
 * @param end offset where the segment ends, or null when not known
 * @param text what was said, on one line
 * @param line 1-based line of the segment in the file, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 */
public record Segment(
    int index, String speaker, Duration start, Duration end, String text, int line, int column) {

  public Segment {
    requireNonNull(speaker, "speaker");
    requireNonNull(text, "text");
    if (index < 0) {
      throw new IllegalArgumentException("segment index " + index + " must be >= 0");
    }
    if (start != null && start.isNegative()) {
      throw new IllegalArgumentException("segment " + index + ": start " + start + " is negative");
    }
    if (end != null && (start == null || end.compareTo(start) < 0)) {
      throw new IllegalArgumentException(
          "segment " + index + ": end " + end + " needs a start at or before it, was " + start);
    }
  }

  /** Whether the segment has both a start and an end. */
  public boolean timed() {
    return start != null && end != null;
  }

  /** {@code end - start}, or null when either is unknown. */
  public Duration duration() {
    return timed() ? end.minus(start) : null;
  }
}
