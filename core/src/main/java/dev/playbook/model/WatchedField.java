package dev.playbook.model;

import java.util.Optional;

/**
 * The deal fields a snooze can wait on ({@code until_changed}): the finding stays hidden until the
 * field's value differs from what it was when the rep snoozed it. Each is the deal field of the
 * same key, with everything under it (a contact's roles belong to {@code contacts}).
 */
public enum WatchedField {
  STAGE,
  CLOSE_DATE,
  AMOUNT,
  PROBABILITY,
  FORECAST_CATEGORY,
  OWNER,
  CONTACTS,
  ACTIVITIES,
  NEXT_STEPS,
  EVIDENCE;

  /** The deal field's key, such as {@code close_date}. */
  public String id() {
    return EnumIds.id(this);
  }

  /**
   * The constant named {@code text}, ignoring case and accepting {@code -} or a space for {@code
   * _}; empty if there is none.
   */
  public static Optional<WatchedField> parse(String text) {
    return EnumIds.parse(WatchedField.class, text);
  }
}
