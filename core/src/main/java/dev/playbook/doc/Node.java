package dev.playbook.doc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of a YAML document read by {@code dev.playbook.Documents}, with the position of its first
 * character, so that a reader of a settings file (such as a CSV mapping) can report problems at the
 * line and column the author wrote. Immutable.
 */
public sealed interface Node permits Node.MapNode, Node.ListNode, Node.Scalar {

  /** Where the node starts. */
  Pos pos();

  /** A word for error messages: "a mapping", "a list", "a string", "a number", ... */
  String describe();

  /** A 1-based position in a file; line 0 when not known. */
  record Pos(String file, int line, int column) {
    @Override
    public String toString() {
      return file + ":" + line + ":" + column;
    }
  }

  /**
   * A mapping; entries in document order, keys unique (a duplicate key is a problem when read).
   *
   * @param pos where the mapping starts
   * @param entries key to entry
   */
  record MapNode(Pos pos, Map<String, Entry> entries) implements Node {
    public MapNode {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** The value of {@code key}; null if there is none. */
    public Node get(String key) {
      Entry e = entries.get(key);
      return e == null ? null : e.value();
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /**
   * A key with its position, and its value.
   *
   * @param key the key
   * @param keyPos where the key starts
   * @param value its value
   */
  record Entry(String key, Pos keyPos, Node value) {}

  /**
   * A list.
   *
   * @param pos where the list starts
   * @param items the items in order
   */
  record ListNode(Pos pos, List<Node> items) implements Node {
    public ListNode {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  /**
   * A scalar: its text as written (without quotes) and how the document typed it; a quoted scalar
   * is always a {@link Kind#STRING}.
   *
   * @param pos where the scalar starts
   * @param text the text
   * @param kind its kind
   */
  record Scalar(Pos pos, String text, Kind kind) implements Node {
    /** How a scalar is typed. */
    public enum Kind {
      STRING,
      NUMBER,
      BOOLEAN,
      NULL
    }

    @Override
    public String describe() {
      return switch (kind) {
        case STRING -> "a string";
        case NUMBER -> "a number";
        case BOOLEAN -> "a boolean";
        case NULL -> "null";
      };
    }
  }
}
