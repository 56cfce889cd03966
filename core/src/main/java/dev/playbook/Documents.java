package dev.playbook;

import static java.util.Objects.requireNonNull;

import dev.playbook.doc.Node;
import dev.playbook.internal.tree.DidYouMean;
import dev.playbook.internal.tree.Problems;
import dev.playbook.internal.tree.TreeReader;
import dev.playbook.problem.ProblemException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads YAML settings files (such as CSV mappings) with the engine's own reader and its limits:
 * every node keeps its position, duplicate keys and YAML syntax errors are problems, and so are
 * nesting, size and alias limits. Also the engine's "did you mean" hint, for messages about unknown
 * names.
 *
 * <pre>{@code
 * Node root = Documents.readYaml("crm.mapping.yaml", Documents.readFile(path, 1 << 20));
 * }</pre>
 */
public final class Documents {

  private Documents() {}

  /**
   * The text of a UTF-8 file of at most {@code maxBytes} bytes, without a byte order mark.
   *
   * @throws ProblemException if it cannot be read ({@code file-unreadable}, {@code file-too-large},
   *     {@code invalid-encoding})
   */
  public static String readFile(Path file, long maxBytes) {
    requireNonNull(file, "file");
    Problems problems = new Problems();
    String text = TreeReader.readFile(file, file.toString(), maxBytes, problems);
    problems.throwIfAny();
    return text;
  }

  /**
   * The YAML document in {@code text}; {@code fileName} names it in positions and problems.
   *
   * @throws ProblemException with every problem found, each with line and column
   */
  public static Node readYaml(String fileName, String text) {
    requireNonNull(fileName, "fileName");
    requireNonNull(text, "text");
    Problems problems = new Problems();
    dev.playbook.internal.tree.Node root = TreeReader.readYaml(fileName, text, problems);
    problems.throwIfAny();
    return root == null
        ? new Node.Scalar(new Node.Pos(fileName, 1, 1), "", Node.Scalar.Kind.NULL)
        : copy(root);
  }

  /**
   * {@code " (did you mean 'x'?)"} when one of {@code candidates} is close to {@code word}, else
   * empty: the hint the engine's own problems give.
   */
  public static String didYouMean(String word, Collection<String> candidates) {
    return DidYouMean.hint(word, candidates);
  }

  private static Node copy(dev.playbook.internal.tree.Node node) {
    if (node instanceof dev.playbook.internal.tree.Node.MapNode m) {
      Map<String, Node.Entry> entries = new LinkedHashMap<>();
      for (dev.playbook.internal.tree.Node.Entry e : m.entries().values()) {
        entries.put(e.key(), new Node.Entry(e.key(), pos(e.keyPos()), copy(e.value())));
      }
      return new Node.MapNode(pos(m.pos()), entries);
    }
    if (node instanceof dev.playbook.internal.tree.Node.ListNode l) {
      return new Node.ListNode(pos(l.pos()), l.items().stream().map(Documents::copy).toList());
    }
    dev.playbook.internal.tree.Node.Scalar s = (dev.playbook.internal.tree.Node.Scalar) node;
    return new Node.Scalar(pos(s.pos()), s.text(), Node.Scalar.Kind.valueOf(s.kind().name()));
  }

  private static Node.Pos pos(dev.playbook.internal.tree.Pos p) {
    return new Node.Pos(p.file(), p.line(), p.column());
  }
}
