package dev.playbook.model;

import java.util.Optional;

/** What an activity led to. */
public enum Outcome {
  ADVANCE,
  CONTINUATION,
  NO_ANSWER,
  REPLIED,
  COMPLETED,
  NO_SHOW,
  RESCHEDULED;

  /** The name used in files, such as {@code advance}. */
  public String id() {
    return EnumIds.id(this);
  }

  /**
   * The constant named {@code text}, ignoring case and accepting {@code -} or a space for {@code
   * _}; empty if there is none.
   */
  public static Optional<Outcome> parse(String text) {
    return EnumIds.parse(Outcome.class, text);
  }
}
