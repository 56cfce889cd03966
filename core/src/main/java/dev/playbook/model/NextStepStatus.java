package dev.playbook.model;

import java.util.Optional;

/** Whether a next step is still to do. */
public enum NextStepStatus {
  OPEN,
  DONE;

  /** The name used in files, such as {@code open}. */
  public String id() {
    return EnumIds.id(this);
  }

  /**
   * The constant named {@code text}, ignoring case and accepting {@code -} or a space for {@code
   * _}; empty if there is none.
   */
  public static Optional<NextStepStatus> parse(String text) {
    return EnumIds.parse(NextStepStatus.class, text);
  }
}
