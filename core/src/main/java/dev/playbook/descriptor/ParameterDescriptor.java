package dev.playbook.descriptor;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parameter of a playbook, with its default and the values that replace it for a segment or a
 * stage. A deal's value is the one for its stage, else the one for its segment, else the default.
 * Values are given as a playbook author writes them: {@code 14}, {@code 2.5}, {@code true}, {@code
 * 10bd}, {@code enterprise}.
 *
 * @param name the parameter's name, as conditions write it in {@code param(name)}
 * @param kind the kind of its values
 * @param defaultValue the value for deals that no segment or stage value covers
 * @param bySegment values by segment, in the order the playbook gives them
 * @param byStage values by stage, in the order the playbook gives them
 */
public record ParameterDescriptor(
    String name,
    Kind kind,
    String defaultValue,
    Map<String, String> bySegment,
    Map<String, String> byStage) {

  /** The kind of a parameter's values. */
  public enum Kind {
    NUMBER,
    BOOLEAN,
    TEXT,
    /** A time span such as {@code 14d}, {@code 10bd}, {@code 3w} or {@code 24h}. */
    SPAN
  }

  public ParameterDescriptor {
    requireNonNull(name, "name");
    requireNonNull(kind, "kind");
    requireNonNull(defaultValue, "defaultValue");
    bySegment = copy(bySegment, name);
    byStage = copy(byStage, name);
  }

  private static Map<String, String> copy(Map<String, String> values, String name) {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach(
        (k, v) ->
            out.put(requireNonNull(k, "key of " + name), requireNonNull(v, "value of " + name)));
    return Collections.unmodifiableMap(out);
  }
}
