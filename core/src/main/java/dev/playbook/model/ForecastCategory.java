package dev.playbook.model;

import java.util.Optional;

/** The forecast category a deal is reported in. */
public enum ForecastCategory {
  PIPELINE,
  BEST_CASE,
  COMMIT,
  CLOSED,
  OMITTED;

  /** The name used in files, such as {@code pipeline}. */
  public String id() {
    return EnumIds.id(this);
  }

  /**
   * The constant named {@code text}, ignoring case and accepting {@code -} or a space for {@code
   * _}; empty if there is none.
   */
  public static Optional<ForecastCategory> parse(String text) {
    return EnumIds.parse(ForecastCategory.class, text);
  }
}
