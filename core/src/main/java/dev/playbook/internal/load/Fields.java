package dev.playbook.internal.load;

import dev.playbook.internal.tree.DidYouMean;
import dev.playbook.internal.tree.Node;
import dev.playbook.internal.tree.Pos;
import dev.playbook.internal.tree.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the fields of one YAML mapping, reporting unknown keys (with a did-you-mean), missing
 * required keys and values of the wrong type as problems. Getters return null when a value is
 * absent or wrong, so that reading goes on and every problem is reported.
 */
final class Fields {

  private final Node.MapNode map;
  private final String what;
  private final Problems problems;

  private Fields(Node.MapNode map, String what, Problems problems) {
    this.map = map;
    this.what = what;
    this.problems = problems;
  }

  /**
   * Opens {@code node} as a mapping describing {@code what} ("a rule", "the playbook"); reports
   * unknown keys against {@code allowed}. Returns null (after a problem) if it is not a mapping.
   */
  static Fields of(Node node, String what, Set<String> allowed, Problems problems) {
    return of(node, what, allowed, problems, key -> null);
  }

  /**
   * As {@link #of(Node, String, Set, Problems)}, with {@code hint} giving, for an unknown key, the
   * end of its message (such as where the key belongs), or null for the usual "did you mean".
   */
  static Fields of(
      Node node,
      String what,
      Set<String> allowed,
      Problems problems,
      java.util.function.Function<String, String> hint) {
    if (!(node instanceof Node.MapNode m)) {
      problems.add(
          "wrong-type",
          node.pos(),
          what + " must be a mapping of keys to values, not " + node.describe());
      return null;
    }
    for (Node.Entry e : m.entries().values()) {
      if (!allowed.contains(e.key())) {
        problems.add(
            "unknown-field",
            e.keyPos(),
            "'"
                + e.key()
                + "' is not a field of "
                + what
                + java.util.Objects.requireNonNullElseGet(
                    hint.apply(e.key()), () -> DidYouMean.hint(e.key(), allowed)));
      }
    }
    return new Fields(m, what, problems);
  }

  Pos pos() {
    return map.pos();
  }

  Node.MapNode map() {
    return map;
  }

  boolean has(String key) {
    return map.entries().containsKey(key);
  }

  Node node(String key) {
    return map.get(key);
  }

  Pos keyPos(String key) {
    Node.Entry e = map.entries().get(key);
    return e == null ? map.pos() : e.keyPos();
  }

  boolean require(String key) {
    if (!has(key) || isNull(map.get(key))) {
      problems.add("missing-field", map.pos(), what + " needs '" + key + "'");
      return false;
    }
    return true;
  }

  static boolean isNull(Node n) {
    return n instanceof Node.Scalar s && s.kind() == Node.Scalar.Kind.NULL;
  }

  /** A scalar read as text (numbers and booleans keep their written form). */
  String string(String key) {
    Node n = map.get(key);
    if (n == null || isNull(n)) {
      return null;
    }
    return scalarText(n, key);
  }

  String scalarText(Node n, String key) {
    if (n instanceof Node.Scalar s) {
      return s.text();
    }
    problems.add(
        "wrong-type", n.pos(), "'" + key + "' must be a single value, not " + n.describe());
    return null;
  }

  /** An identifier such as a rule id or a stage name. */
  String id(String key, String pattern, String hint) {
    String s = string(key);
    if (s != null && !s.matches(pattern)) {
      problems.add(
          "invalid-value",
          map.get(key).pos(),
          "'" + key + "' is '" + s + "', which is not valid: " + hint);
      return null;
    }
    return s;
  }

  Boolean bool(String key) {
    Node n = map.get(key);
    if (n == null || isNull(n)) {
      return null;
    }
    if (n instanceof Node.Scalar s && s.kind() == Node.Scalar.Kind.BOOLEAN) {
      return Boolean.parseBoolean(s.text());
    }
    problems.add("wrong-type", n.pos(), "'" + key + "' must be true or false, not " + n.describe());
    return null;
  }

  Integer integer(String key, int min, int max) {
    Node n = map.get(key);
    if (n == null || isNull(n)) {
      return null;
    }
    if (n instanceof Node.Scalar s
        && s.kind() == Node.Scalar.Kind.NUMBER
        && s.text().matches("-?\\d+")) {
      long v;
      try {
        v = Long.parseLong(s.text());
      } catch (NumberFormatException e) {
        v = s.text().startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
      }
      if (v == Long.MIN_VALUE || v == Long.MAX_VALUE) {
        problems.add(
            "invalid-value",
            n.pos(),
            "'" + key + "' must be between " + min + " and " + max + ", not " + s.text());
        return null;
      }
      if (v < min || v > max) {
        problems.add(
            "invalid-value",
            n.pos(),
            "'" + key + "' must be between " + min + " and " + max + ", not " + v);
        return null;
      }
      return (int) v;
    }
    problems.add(
        "wrong-type", n.pos(), "'" + key + "' must be a whole number, not " + n.describe());
    return null;
  }

  /** A list of scalars; a single scalar is accepted as a list of one. */
  List<Node.Scalar> scalars(String key) {
    Node n = map.get(key);
    List<Node.Scalar> out = new ArrayList<>();
    if (n == null || isNull(n)) {
      return out;
    }
    if (n instanceof Node.Scalar s) {
      out.add(s);
      return out;
    }
    if (!(n instanceof Node.ListNode l)) {
      problems.add("wrong-type", n.pos(), "'" + key + "' must be a list, not " + n.describe());
      return out;
    }
    for (Node item : l.items()) {
      if (item instanceof Node.Scalar s && s.kind() != Node.Scalar.Kind.NULL) {
        out.add(s);
      } else {
        problems.add(
            "wrong-type",
            item.pos(),
            "each item of '" + key + "' must be a single value, not " + item.describe());
      }
    }
    return out;
  }

  /** A list of nodes (mappings, usually). */
  List<Node> list(String key) {
    Node n = map.get(key);
    if (n == null || isNull(n)) {
      return List.of();
    }
    if (n instanceof Node.ListNode l) {
      return l.items();
    }
    problems.add("wrong-type", n.pos(), "'" + key + "' must be a list, not " + n.describe());
    return List.of();
  }

  /** A mapping value; null (after a problem) if present but not a mapping. */
  Node.MapNode mapping(String key) {
    Node n = map.get(key);
    if (n == null || isNull(n)) {
      return null;
    }
    if (n instanceof Node.MapNode m) {
      return m;
    }
    problems.add(
        "wrong-type",
        n.pos(),
        "'" + key + "' must be a mapping of keys to values, not " + n.describe());
    return null;
  }
}
