package dev.playbook.model;

import java.util.Optional;

/** How much say a contact has over the decision. */
public enum Power {
  HIGH,
  MEDIUM,
  LOW;

  /** The name used in files, such as {@code high}. */
  public String id() {
    return EnumIds.id(this);
  }

  /**
   * The constant named {@code text}, ignoring case and accepting {@code -} or a space for {@code
   * _}; empty if there is none.
   */
  public static Optional<Power> parse(String text) {
    return EnumIds.parse(Power.class, text);
  }
}
