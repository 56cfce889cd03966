package dev.playbook.result;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Why a rule fired or did not fire on one deal, or why an exit criterion or a scorecard element's
 * {@code confirmed_when} held or not: its condition as a tree of the parts joined by {@code and},
 * {@code or} or {@code not}, each with its value on the deal and the facts it read.
 *
 * @param kind what was explained: a rule, an exit criterion, or a scorecard element
 * @param rule the rule id; for an exit criterion {@code key_node.criterion}, for a scorecard
 *     element {@code methodology.element}
 * @param title the title (English, or its first language)
 * @param fired whether the rule fired, the criterion is met, or the element's condition holds
 * @param condition the condition as written
 * @param parts the leaves of {@code tree}, in the order written
 * @param tree the condition as a tree, with the value of every node
 * @param provenance the file and line of the rule, criterion or element
 */
public record Explanation(
    Kind kind,
    String rule,
    String title,
    boolean fired,
    String condition,
    List<Part> parts,
    Node tree,
    Provenance provenance) {

  public Explanation {
    requireNonNull(kind, "kind");
    requireNonNull(rule, "rule");
    requireNonNull(title, "title");
    requireNonNull(condition, "condition");
    parts = List.copyOf(parts);
    requireNonNull(tree, "tree");
    requireNonNull(provenance, "provenance");
  }

  /** What an explanation is of. */
  public enum Kind {
    RULE("rule"),
    CRITERION("criterion"),
    ELEMENT("element");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    /** {@code rule}, {@code criterion} or {@code element}, as reports write it. */
    public String id() {
      return id;
    }
  }

  /**
   * One part of a condition: e.g. text {@code stage >= proposal}, value {@code true}, detail {@code
   * stage = negotiation}. The value is {@code true}, {@code false}, {@code unknown} (a missing
   * value was involved), or a number or date for a part that is not true/false.
   */
  public record Part(String text, String value, String detail) {
    public Part {
      requireNonNull(text, "text");
      requireNonNull(value, "value");
      requireNonNull(detail, "detail");
    }

    /** {@code stage >= proposal: true (stage = negotiation)}. */
    public String render() {
      return text + ": " + value + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
  }

  /**
   * A node of a condition's tree. A joining node has text {@code and}, {@code or} or {@code not},
   * its value on the deal, no detail, and the parts it joins as {@code kids} (a chain such as
   * {@code a and b and c} is one node with three kids); any other part is a leaf with no kids.
   */
  public record Node(String text, String value, String detail, List<Node> kids) {
    public Node {
      requireNonNull(text, "text");
      requireNonNull(value, "value");
      requireNonNull(detail, "detail");
      kids = List.copyOf(kids);
    }

    /** True for {@code and}, {@code or} and {@code not}. */
    public boolean joins() {
      return !kids.isEmpty();
    }

    /** {@code and: false}, or a leaf as {@link Part#render()} writes it. */
    public String render() {
      return text + ": " + value + (detail.isEmpty() ? "" : " (" + detail + ")");
    }

    /**
     * The tree, one node a line, each indented by two spaces per level of nesting under {@code
     * indent}.
     */
    public List<String> lines(String indent) {
      List<String> out = new ArrayList<>();
      lines(indent, out);
      return List.copyOf(out);
    }

    private void lines(String indent, List<String> out) {
      out.add(indent + render());
      for (Node k : kids) {
        k.lines(indent + "  ", out);
      }
    }
  }
}
