package dev.playbook.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What is known about one qualification element of a deal, such as MEDDIC metrics.
 *
 * @param status how well it is established
 * @param text what was found, in the rep's words; null if nothing was written
 * @param updatedAt when it was last updated; null if unknown
 * @param quote the sentence of a conversation it was found in, for {@link EvidenceStatus#SUGGESTED}
 *     evidence; null otherwise
 */
public record Evidence(EvidenceStatus status, String text, Instant updatedAt, Quote quote) {

  public Evidence {
    requireNonNull(status, "evidence status must not be null");
  }

  /** Evidence a person wrote, with no quote. */
  public Evidence(EvidenceStatus status, String text, Instant updatedAt) {
    this(status, text, updatedAt, null);
  }

  /** Evidence the engine suggests from {@code quote}: its text is the quote as one line. */
  public static Evidence suggested(Quote quote) {
    requireNonNull(quote, "quote");
    return new Evidence(EvidenceStatus.SUGGESTED, quote.line(), quote.at(), quote);
  }

  /** Evidence with only a status. */
  public static Evidence of(EvidenceStatus status) {
    return new Evidence(status, null, null);
  }
}
