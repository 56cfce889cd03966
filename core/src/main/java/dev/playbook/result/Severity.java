package dev.playbook.result;

import java.util.Locale;
import java.util.Optional;

/** How serious a compliance gap is; gaps sort from {@link #CRITICAL} to {@link #INFO}. */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW,
  INFO;

  /** The lowercase name used in files and output: {@code high}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Severity> parse(String text) {
    for (Severity s : values()) {
      if (s.id().equals(text)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
