package dev.playbook.function;

import java.time.Instant;

/** The types a {@link PlaybookFunction} takes and returns, and the Java class of each value. */
public enum ValueType {
  /** A number, passed and returned as a {@link Double} (any {@link Number} may be returned). */
  NUMBER("a number", Number.class),
  /** Text, as a {@link String}. */
  TEXT("text", String.class),
  /** A true/false value, as a {@link Boolean}. */
  BOOLEAN("a true/false value", Boolean.class),
  /** A date and time, as an {@link Instant}. */
  DATE("a date", Instant.class);

  private final String description;
  private final Class<?> javaType;

  ValueType(String description, Class<?> javaType) {
    this.description = description;
    this.javaType = javaType;
  }

  /** {@code a number}, {@code text}, …: as problem messages name the type. */
  public String description() {
    return description;
  }

  /**
   * The class a value of this type has: {@link Number}, {@link String}, {@link Boolean}, {@link
   * Instant}.
   */
  public Class<?> javaType() {
    return javaType;
  }
}
