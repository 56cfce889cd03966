package dev.playbook.internal.tree;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A node of a YAML or JSON document with the positions of its first character and of the character
 * after its last one, as read by {@link TreeReader}. Mapping keys keep their own positions, scalars
 * the style they were written in. The tree is immutable.
 *
 * <p>Nodes are equal when they start at the same position with the same content; where a node ends,
 * and how a scalar was written, follow from the file at that position and are left out, so that a
 * node built in code (with the end at its start) equals the node read from a file.
 */
public sealed interface Node permits Node.MapNode, Node.ListNode, Node.Scalar {

  /** Where the node starts. */
  Pos pos();

  /** Where the node ends: the position just after its last character. */
  Pos end();

  /** A word for error messages: "a mapping", "a list", "a string", "a number", ... */
  String describe();

  /** A mapping; entries in document order, keys unique (duplicates are a problem when read). */
  record MapNode(Pos pos, Map<String, Entry> entries, Pos end) implements Node {
    public MapNode {
      entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
      end = end == null ? pos : end;
    }

    /** A mapping built in code, ending where it starts. */
    public MapNode(Pos pos, Map<String, Entry> entries) {
      this(pos, entries, pos);
    }

    public Node get(String key) {
      Entry e = entries.get(key);
      return e == null ? null : e.value();
    }

    @Override
    public String describe() {
      return "a mapping";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof MapNode m && pos.equals(m.pos) && entries.equals(m.entries);
    }

    @Override
    public int hashCode() {
      return Objects.hash(pos, entries);
    }
  }

  /** A key with its position, and its value. */
  record Entry(String key, Pos keyPos, Node value) {}

  record ListNode(Pos pos, List<Node> items, Pos end) implements Node {
    public ListNode {
      items = List.copyOf(items);
      end = end == null ? pos : end;
    }

    /** A list built in code, ending where it starts. */
    public ListNode(Pos pos, List<Node> items) {
      this(pos, items, pos);
    }

    @Override
    public String describe() {
      return "a list";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ListNode l && pos.equals(l.pos) && items.equals(l.items);
    }

    @Override
    public int hashCode() {
      return Objects.hash(pos, items);
    }
  }

  /**
   * A scalar. {@code text} is the scalar's value (without quotes, escapes decoded, lines folded);
   * {@code kind} is how the document typed it: a quoted YAML scalar or a JSON string is always
   * {@link Kind#STRING}. {@code style} is how it was written, so that an offset into {@code text}
   * can be mapped back to the file.
   */
  record Scalar(Pos pos, String text, Kind kind, Style style, Pos end) implements Node {
    public enum Kind {
      STRING,
      NUMBER,
      BOOLEAN,
      NULL
    }

    /** How a scalar is written in its file. */
    public enum Style {
      /** Unquoted; a JSON number, boolean or null. */
      PLAIN,
      /** In single quotes; {@code ''} stands for one quote. */
      SINGLE_QUOTED,
      /** In double quotes, with backslash escapes; a JSON string. */
      DOUBLE_QUOTED,
      /** A block scalar after {@code |}: its lines as they are. */
      LITERAL,
      /** A block scalar after {@code >}: its lines folded into one. */
      FOLDED
    }

    public Scalar {
      Objects.requireNonNull(style, "style");
      end = end == null ? pos : end;
    }

    /** A plain scalar built in code, ending where it starts. */
    public Scalar(Pos pos, String text, Kind kind) {
      this(pos, text, kind, Style.PLAIN, pos);
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

    @Override
    public boolean equals(Object o) {
      return o instanceof Scalar s && pos.equals(s.pos) && text.equals(s.text) && kind == s.kind;
    }

    @Override
    public int hashCode() {
      return Objects.hash(pos, text, kind);
    }
  }
}
