package dev.playbook.model;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The value of a custom deal field: text, a number, a flag or a date. */
public sealed interface CustomValue
    permits CustomValue.Text, CustomValue.Number, CustomValue.Flag, CustomValue.Date {

  static CustomValue of(String value) {
    return new Text(value);
  }

  static CustomValue of(BigDecimal value) {
    return new Number(value);
  }

  static CustomValue of(boolean value) {
    return new Flag(value);
  }

  static CustomValue of(LocalDate value) {
    return new Date(value);
  }

  record Text(String value) implements CustomValue {
    public Text {
      requireNonNull(value, "custom text value must not be null");
    }
  }

  record Number(BigDecimal value) implements CustomValue {
    public Number {
      requireNonNull(value, "custom number value must not be null");
    }
  }

  record Flag(boolean value) implements CustomValue {}

  record Date(LocalDate value) implements CustomValue {
    public Date {
      requireNonNull(value, "custom date value must not be null");
    }
  }
}
