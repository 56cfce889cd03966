package dev.playbook.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The deal entered {@code stage} at {@code enteredAt}.
 *
 * @param stage the stage's id, as the playbook names it
 * @param enteredAt when the deal entered it
 */
public record StageChange(String stage, Instant enteredAt) {

  public StageChange {
    Checks.required(stage, "stage change stage");
    requireNonNull(enteredAt, () -> "stage change to " + stage + ": entered_at must not be null");
  }
}
