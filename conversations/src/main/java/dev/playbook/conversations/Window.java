package dev.playbook.conversations;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Where in a conversation a tracker looks: anywhere, the first {@code length} from the first
 * segment's start (a sentence counts when its segment starts before that), or the last {@code
 * length} before the latest segment end (a sentence counts when its segment starts at or after
 * that). A window other than anywhere needs times: on a conversation without them it matches
 * nothing and says so.
 *
 * @param kind anywhere, first or last
 * @param length the window's length; zero for anywhere
 */
public record Window(Kind kind, Duration length) {

  /** Where a window lies. */
  public enum Kind {
    ANYWHERE,
    FIRST,
    LAST
  }

  private static final Window ANYWHERE = new Window(Kind.ANYWHERE, Duration.ZERO);

  public Window {
    requireNonNull(kind, "kind");
    requireNonNull(length, "length");
    if (kind != Kind.ANYWHERE && (length.isNegative() || length.isZero())) {
      throw new IllegalArgumentException(
          "a "
              + kind.name().toLowerCase(java.util.Locale.ROOT)
              + " window needs a positive length, was "
              + length);
    }
  }

  public static Window anywhere() {
    return ANYWHERE;
  }

  public static Window firstMinutes(int minutes) {
    return new Window(Kind.FIRST, Duration.ofMinutes(minutes));
  }

  public static Window lastMinutes(int minutes) {
    return new Window(Kind.LAST, Duration.ofMinutes(minutes));
  }

  /** {@code first 5 minutes}, {@code last 2 minutes} or {@code anywhere}, for messages. */
  String describe() {
    return kind == Kind.ANYWHERE
        ? "anywhere"
        : (kind == Kind.FIRST ? "the first " : "the last ") + length.toMinutes() + " minutes";
  }
}
