package dev.playbook.model;

import java.util.Optional;

/** How a contact sees the change a deal brings (Miller Heiman response modes). */
public enum ResponseMode {
  GROWTH,
  TROUBLE,
  EVEN_KEEL,
  OVERCONFIDENT;

  /** The name used in files, such as {@code growth}. */
  public String id() {
    return EnumIds.id(this);
  }

  /**
   * The constant named {@code text}, ignoring case and accepting {@code -} or a space for {@code
   * _}; empty if there is none.
   */
  public static Optional<ResponseMode> parse(String text) {
    return EnumIds.parse(ResponseMode.class, text);
  }
}
