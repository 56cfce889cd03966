package dev.playbook.model;

import java.util.Optional;

/** Who started an activity: the buyer (inbound) or the seller (outbound). */
public enum Direction {
  INBOUND,
  OUTBOUND;

  /** The name used in files, such as {@code inbound}. */
  public String id() {
    return EnumIds.id(this);
  }

  /**
   * The constant named {@code text}, ignoring case and accepting {@code -} or a space for {@code
   * _}; empty if there is none.
   */
  public static Optional<Direction> parse(String text) {
    return EnumIds.parse(Direction.class, text);
  }
}
