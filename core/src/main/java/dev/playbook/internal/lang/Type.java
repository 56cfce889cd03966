package dev.playbook.internal.lang;

import java.util.List;
import java.util.Map;

/** The type of a condition expression, checked when a playbook loads. */
public sealed interface Type {

  String describe();

  /** A scalar kind. */
  enum Basic implements Type {
    BOOLEAN("a true/false value"),
    NUMBER("a number"),
    TEXT("text"),
    DATE("a date"),
    SPAN("a time span"),
    STAGE("a stage"),
    SEGMENT("a segment");

    private final String description;

    Basic(String description) {
      this.description = description;
    }

    @Override
    public String describe() {
      return description;
    }
  }

  /**
   * A closed set of names, such as buying roles. {@code values} are the Java constants in the order
   * of {@code ids}; {@code ordered} choices compare with {@code <} and {@code >} by position.
   */
  record Choice(String name, List<String> ids, List<Object> values, boolean ordered)
      implements Type {
    public Object valueOf(String id) {
      int i = ids.indexOf(id);
      return i < 0 ? null : values.get(i);
    }

    public int rank(Object value) {
      // the constants are usually listed in declaration order: then the ordinal is the rank
      if (value instanceof java.lang.Enum<?> e
          && e.ordinal() < values.size()
          && values.get(e.ordinal()) == value) {
        return e.ordinal();
      }
      return values.indexOf(value);
    }

    public String idOf(Object value) {
      int i = rank(value);
      return i < 0 ? String.valueOf(value) : ids.get(i);
    }

    @Override
    public String describe() {
      return "a " + name.replace('_', ' ');
    }
  }

  /** A set of values, such as a contact's roles or an activity's tags. */
  record SetOf(Type element) implements Type {
    @Override
    public String describe() {
      return "a set of " + element.describe().replaceFirst("^an? ", "") + "s";
    }
  }

  /** A list of records, such as the deal's contacts. */
  record ListOf(Scope element) implements Type {
    @Override
    public String describe() {
      return "a list of " + element.plural();
    }
  }

  /** A fact of the deal with fields of its own, such as a contact; only its fields can be used. */
  record Fact(Scope scope) implements Type {
    @Override
    public String describe() {
      return "a " + scope.name().replace('_', ' ');
    }
  }

  /** A map from names to numbers: an activity's counts. */
  record NumberMap() implements Type {
    @Override
    public String describe() {
      return "a set of counts";
    }
  }

  /** The fields visible inside one kind of record. */
  record Scope(String name, String plural, Map<String, Field> fields) {}

  /** A field of a record, read from the runtime object by {@code getter}. */
  record Field(String name, Type type, Getter getter, String doc) {}

  /** Reads a field from a runtime record; {@code facts} gives the deal-wide context. */
  @FunctionalInterface
  interface Getter {
    Object get(Facts facts, Object record);
  }
}
