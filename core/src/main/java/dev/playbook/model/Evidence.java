package dev.playbook.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What is known about one qualification element of a deal, such as MEDDIC metrics.
 *
 * @param status how well it is established
 * @param text what was found, in the rep's words; null if nothing was written
 * @param updatedAt when it was last updated; null if unknown
 */
public record Evidence(EvidenceStatus status, String text, Instant updatedAt) {

  public Evidence {
    requireNonNull(status, "evidence status must not be null");
  }

  /** Evidence with only a status. */
  public static Evidence of(EvidenceStatus status) {
    return new Evidence(status, null, null);
  }
}
