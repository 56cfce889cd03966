package dev.playbook.internal.tree;

import java.util.List;
import java.util.Map;

/**
 * A node of a YAML or JSON document with the position of its first character, as read by {@link
 * TreeReader}. Mapping keys keep their own positions. The tree is immutable.
 */
public sealed interface Node permits Node.MapNode, Node.ListNode, Node.Scalar {

  Pos pos();

  /** A word for error messages: "a mapping", "a list", "a string", "a number", ... */
  String describe();

  /** A mapping; entries in document order, keys unique (duplicates are a problem when read). */
  record MapNode(Pos pos, Map<String, Entry> entries) implements Node {
    public MapNode {
      entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
    }

    public Node get(String key) {
      Entry e = entries.get(key);
      return e == null ? null : e.value();
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** A key with its position, and its value. */
  record Entry(String key, Pos keyPos, Node value) {}

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
   * A scalar. {@code text} is the scalar as written (without quotes); {@code kind} is how the
   * document typed it: a quoted YAML scalar or a JSON string is always {@link Kind#STRING}.
   */
  record Scalar(Pos pos, String text, Kind kind) implements Node {
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
