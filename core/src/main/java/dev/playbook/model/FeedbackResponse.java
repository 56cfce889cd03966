package dev.playbook.model;

import java.util.Optional;

/** What a rep answered to a finding. */
public enum FeedbackResponse {
  /** The rep did what the action asked; hidden until the deal changes. */
  DONE,
  /** The rep says the finding is wrong or does not apply; hidden until the deal changes. */
  DISMISSED,
  /** Not now: hidden until a date, or until a named field of the deal changes. */
  SNOOZED,
  /** The rep agrees and will do it; the finding stays shown. */
  ACCEPTED;

  /** The name used in files, such as {@code snoozed}. */
  public String id() {
    return EnumIds.id(this);
  }

  /**
   * The constant named {@code text}, ignoring case and accepting {@code -} or a space for {@code
   * _}; empty if there is none.
   */
  public static Optional<FeedbackResponse> parse(String text) {
    return EnumIds.parse(FeedbackResponse.class, text);
  }
}
