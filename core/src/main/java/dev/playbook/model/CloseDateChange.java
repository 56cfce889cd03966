package dev.playbook.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The expected close date moved from {@code from} to {@code to} at {@code changedAt}.
 *
 * @param from the close date before, or null when there was none
 * @param to the close date after
 * @param changedAt when it changed
 */
public record CloseDateChange(LocalDate from, LocalDate to, Instant changedAt) {

  public CloseDateChange {
    requireNonNull(to, () -> "close date change from " + from + ": to must not be null");
    requireNonNull(changedAt, () -> "close date change to " + to + ": changed_at must not be null");
  }
}
