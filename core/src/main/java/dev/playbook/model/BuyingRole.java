package dev.playbook.model;

import java.util.Optional;

/** A part a contact plays in the buying decision. */
public enum BuyingRole {
  ECONOMIC_BUYER,
  CHAMPION,
  COACH,
  TECHNICAL,
  USER,
  DECISION_MAKER,
  INFLUENCER,
  BLOCKER;

  /** The name used in files, such as {@code economic_buyer}. */
  public String id() {
    return EnumIds.id(this);
  }

  /**
   * The constant named {@code text}, ignoring case and accepting {@code -} or a space for {@code
   * _}; empty if there is none.
   */
  public static Optional<BuyingRole> parse(String text) {
    return EnumIds.parse(BuyingRole.class, text);
  }
}
