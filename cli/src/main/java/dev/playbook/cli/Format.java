package dev.playbook.cli;

import java.util.Locale;
import java.util.Optional;

/** How a command writes its results. */
enum Format {
  /** For people: aligned, plain sentences. */
  TEXT,
  /** For programs: one pretty-printed JSON document. */
  JSON;

  /** The lowercase name used on the command line: {@code text}. */
  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format named {@code text}, ignoring case; empty if there is none. */
  static Optional<Format> parse(String text) {
    for (Format f : values()) {
      if (f.id().equals(text.toLowerCase(Locale.ROOT))) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
