package dev.playbook;

import dev.playbook.model.Deal;

import dev.playbook.internal.facts.DealMapper;

import dev.playbook.problem.ProblemException;
import dev.playbook.internal.tree.Node;
import dev.playbook.internal.tree.Pos;
import dev.playbook.internal.tree.Problems;
import dev.playbook.internal.tree.TreeReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads deal files: JSON ({@code .json}: one deal or a list of deals), JSON Lines ({@code .jsonl},
 * {@code .ndjson}: one deal per line) and YAML ({@code .yaml}, {@code .yml}: one deal or a list of
 * deals). The field names and formats are described in {@code docs/deal-facts.md}.
 *
 * <p>Reading checks the whole file and throws a {@link ProblemException} carrying every problem
 * found, each with its line and column, rather than stopping at the first.
 *
 * <pre>{@code
 * List<Deal> deals = Deals.read(Path.of("deals.jsonl"));
 * }</pre>
 */
public final class Deals {

  /** The largest deal file read: 256 MiB. */
  public static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

  private Deals() {}

  /**
   * Reads the deals in {@code file}, choosing the format by its extension.
   *
   * @throws ProblemException with every problem found, if the file cannot be read or any deal in
   *     it is not valid
   */
  public static List<Deal> read(Path file) {
    String name = file.toString();
    Problems problems = new Problems();
    Format format = format(name, problems);
    problems.throwIfAny();
    String content = TreeReader.readFile(file, name, MAX_FILE_BYTES, problems);
    problems.throwIfAny();
    return parse(name, content, format, problems);
  }

  /**
   * Reads the deals in {@code content}, choosing the format by the extension of {@code fileName},
   * which also names the file in problems.
   *
   * @throws ProblemException with every problem found, if any deal is not valid
   */
  public static List<Deal> parse(String fileName, String content) {
    Problems problems = new Problems();
    Format format = format(fileName, problems);
    problems.throwIfAny();
    return parse(fileName, content, format, problems);
  }

  private static List<Deal> parse(
      String fileName, String content, Format format, Problems problems) {
    List<Deal> deals = new ArrayList<>();
    DealMapper mapper = new DealMapper(problems);
    switch (format) {
      case JSON -> {
        Node root = TreeReader.readJson(fileName, content, problems);
        if (root != null) {
          mapper.document(root, deals::add);
        }
      }
      case YAML -> {
        Node root = TreeReader.readYaml(fileName, content, problems);
        if (root != null) {
          mapper.document(root, deals::add);
        }
      }
      case JSON_LINES ->
          TreeReader.readJsonLines(fileName, content, problems, line -> mapper.line(line, deals::add));
    }
    problems.throwIfAny();
    return List.copyOf(deals);
  }

  private enum Format {
    JSON,
    JSON_LINES,
    YAML
  }

  private static Format format(String fileName, Problems problems) {
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")) {
      return Format.JSON;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return Format.JSON_LINES;
    }
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return Format.YAML;
    }
    problems.add(
        "unknown-format",
        Pos.unknown(fileName),
        "cannot tell the format of this file from its name; use .json, .jsonl, .ndjson, .yaml or"
            + " .yml");
    return null;
  }
}
