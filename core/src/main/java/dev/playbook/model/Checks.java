package dev.playbook.model;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Sets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validation and defensive copies for the fact records. Sets and maps are copied with Guava rather
 * than {@code Set.copyOf}/{@code Map.copyOf} so that they keep the order they were given in (the
 * JDK copies iterate in an order that changes from run to run, which would make explanations and
 * reports differ between runs).
 */
final class Checks {

  private Checks() {}

  /** {@code value}, which must be present and not blank. */
  static String required(String value, String what) {
    checkArgument(value != null && !value.isBlank(), "%s must not be blank, was '%s'", what, value);
    return value;
  }

  /** An immutable copy; null becomes empty; null elements are refused. */
  static <T> List<T> list(List<T> list, String what) {
    if (list == null) {
      return List.of();
    }
    checkNoNulls(list, what);
    return List.copyOf(list);
  }

  /** An immutable copy in the given order; null becomes empty; null elements are refused. */
  static <T> Set<T> set(Set<T> set, String what) {
    if (set == null) {
      return Set.of();
    }
    checkNoNulls(set, what);
    return ImmutableSet.copyOf(set);
  }

  /** An immutable copy iterating in declaration order; null becomes empty. */
  static <E extends Enum<E>> Set<E> enumSet(Set<E> set, String what) {
    if (set == null) {
      return Set.of();
    }
    checkNoNulls(set, what);
    return Sets.immutableEnumSet(set);
  }

  /** An immutable copy in the given order; null becomes empty; blank keys and nulls are refused. */
  static <V> Map<String, V> map(Map<String, V> map, String what) {
    if (map == null) {
      return Map.of();
    }
    for (Map.Entry<String, V> e : map.entrySet()) {
      checkArgument(
          e.getKey() != null && !e.getKey().isBlank(), "%s has a blank key '%s'", what, e.getKey());
      checkArgument(e.getValue() != null, "%s has no value for '%s'", what, e.getKey());
    }
    return ImmutableMap.copyOf(map);
  }

  private static void checkNoNulls(Collection<?> items, String what) {
    for (Object item : items) {
      checkArgument(item != null, "%s must not contain null", what);
    }
  }
}
