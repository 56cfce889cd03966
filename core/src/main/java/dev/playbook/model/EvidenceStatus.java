package dev.playbook.model;

import java.util.Optional;

/**
 * How well a piece of qualification evidence is established, from least to most. {@link #SUGGESTED}
 * is set by the engine from a conversation (with the quote that supports it) and waits for a person
 * to confirm it; {@link #PARTIAL} and {@link #CONFIRMED} are a person's word.
 */
public enum EvidenceStatus {
  UNKNOWN,
  SUGGESTED,
  PARTIAL,
  CONFIRMED;

  /** The name used in files, such as {@code unknown}. */
  public String id() {
    return EnumIds.id(this);
  }

  /**
   * The constant named {@code text}, ignoring case and accepting {@code -} or a space for {@code
   * _}; empty if there is none.
   */
  public static Optional<EvidenceStatus> parse(String text) {
    return EnumIds.parse(EvidenceStatus.class, text);
  }
}
