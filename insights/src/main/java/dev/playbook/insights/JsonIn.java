package dev.playbook.insights;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A node of a JSON document read at a path ({@code by_rep[2].win_rate}), with checked accessors
 * that name the path and what was wrong when the document is not of the expected shape.
 */
record JsonIn(String path, JsonNode node) {

  private static final int MAX_DEPTH = 64;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH)
                  .maxStringLength(PortfolioReport.MAX_JSON_CHARS)
                  .build())
          .build();

  private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

  /** The root of {@code json}, which must be one JSON value of at most {@code maxChars}. */
  static JsonIn root(String json) {
    requireNonNull(json, "json");
    if (json.length() > PortfolioReport.MAX_JSON_CHARS) {
      throw new IllegalArgumentException(
          "the document has "
              + json.length()
              + " characters, more than "
              + PortfolioReport.MAX_JSON_CHARS);
    }
    JsonNode node;
    try (JsonParser p = FACTORY.createParser(json)) {
      try {
        node = MAPPER.readTree(p);
        if (node != null && p.nextToken() != null) {
          throw new IllegalArgumentException(at(p.currentLocation()) + "more than one JSON value");
        }
      } catch (StreamConstraintsException e) {
        throw new IllegalArgumentException(
            at(p.currentLocation()) + "nested deeper than " + MAX_DEPTH + " levels", e);
      } catch (JsonProcessingException e) {
        JsonLocation where = e.getLocation() == null ? p.currentLocation() : e.getLocation();
        throw new IllegalArgumentException(
            at(where) + "not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""),
            e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (node == null) {
      throw new IllegalArgumentException("the document is empty");
    }
    return new JsonIn("$", node);
  }

  private static String at(JsonLocation where) {
    return "line " + where.getLineNr() + ", column " + where.getColumnNr() + ": ";
  }

  JsonIn field(String name) {
    JsonIn f = fieldOrNull(name);
    if (f == null) {
      throw new Bad(child(name) + ": is missing");
    }
    return f;
  }

  /** The field, or null when the object does not have it. */
  JsonIn fieldOrNull(String name) {
    if (!node.isObject()) {
      throw bad("must be an object, was " + kind(node));
    }
    JsonNode c = node.get(name);
    return c == null ? null : new JsonIn(child(name), c);
  }

  private String child(String name) {
    return path.equals("$") ? name : path + "." + name;
  }

  /** The fields of an object by name, in the document's order. */
  Map<String, JsonIn> fields() {
    if (!node.isObject()) {
      throw bad("must be an object, was " + kind(node));
    }
    Map<String, JsonIn> out = new LinkedHashMap<>();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      out.put(name, new JsonIn(child(name), node.get(name)));
    }
    return out;
  }

  /** The elements of an array, in order. */
  List<JsonIn> items() {
    return list(e -> e);
  }

  boolean isNull() {
    return node.isNull();
  }

  <T> List<T> list(Function<JsonIn, T> element) {
    if (!node.isArray()) {
      throw bad("must be an array, was " + kind(node));
    }
    List<T> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      out.add(element.apply(new JsonIn(path + "[" + i + "]", node.get(i))));
    }
    return out;
  }

  String text() {
    if (!node.isTextual()) {
      throw bad("must be a string, was " + kind(node));
    }
    return node.textValue();
  }

  String textOrNull() {
    return node.isNull() ? null : text();
  }

  boolean bool() {
    if (!node.isBoolean()) {
      throw bad("must be true or false, was " + kind(node));
    }
    return node.booleanValue();
  }

  /** A whole number from 0 up. */
  long count() {
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw bad("must be a whole number, was " + kind(node));
    }
    long v = node.longValue();
    if (v < 0) {
      throw bad(v + " must not be negative");
    }
    return v;
  }

  int integer() {
    long v = count();
    if (v > Integer.MAX_VALUE) {
      throw bad(v + " is more than " + Integer.MAX_VALUE);
    }
    return (int) v;
  }

  Long countOrNull() {
    return node.isNull() ? null : count();
  }

  Integer integerOrNull() {
    return node.isNull() ? null : integer();
  }

  /** Any number. */
  double number() {
    if (!node.isNumber()) {
      throw bad("must be a number, was " + kind(node));
    }
    return node.doubleValue();
  }

  Double numberOrNull() {
    return node.isNull() ? null : number();
  }

  /** A number as written: a whole number as a {@code Long}, else a {@code Double}. */
  Number figure() {
    if (node.isNull()) {
      return Double.NaN;
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    return number();
  }

  Instant instant() {
    String t = text();
    try {
      return Instant.parse(t);
    } catch (DateTimeException e) {
      throw bad("'" + t + "' is not an ISO-8601 instant such as 2026-11-20T00:00:00Z");
    }
  }

  <E> E choice(E[] values, Function<E, String> id) {
    String t = text();
    List<String> ids = new ArrayList<>();
    for (E v : values) {
      if (id.apply(v).equals(t)) {
        return v;
      }
      ids.add(id.apply(v));
    }
    throw bad("'" + t + "' is not one of " + String.join(", ", ids));
  }

  IllegalArgumentException bad(String what) {
    return new Bad(path + ": " + what);
  }

  /**
   * {@code make}'s value; a record that refuses the values read (such as a compliance row of the
   * wrong length) fails with this node's path and the record's reason.
   */
  <T> T make(java.util.function.Supplier<T> make) {
    try {
      return make.get();
    } catch (Bad e) {
      throw e;
    } catch (IllegalArgumentException | NullPointerException e) {
      throw bad(e.getMessage());
    }
  }

  /** A failure that already names its path. */
  private static final class Bad extends IllegalArgumentException {
    Bad(String message) {
      super(message);
    }
  }

  private static String kind(JsonNode n) {
    return switch (n.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "true or false";
      case NULL -> "null";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> "something else";
    };
  }
}
