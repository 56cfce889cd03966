package dev.playbook.model;

import java.util.Optional;

/** The kind of an activity. */
public enum ActivityType {
  CALL,
  EMAIL,
  MEETING,
  DEMO,
  NOTE,
  TASK;

  /** The name used in files, such as {@code call}. */
  public String id() {
    return EnumIds.id(this);
  }

  /**
   * The constant named {@code text}, ignoring case and accepting {@code -} or a space for {@code
   * _}; empty if there is none.
   */
  public static Optional<ActivityType> parse(String text) {
    return EnumIds.parse(ActivityType.class, text);
  }
}
