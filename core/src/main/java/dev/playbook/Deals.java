package dev.playbook;

import static java.util.Objects.requireNonNull;

import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import dev.playbook.result.DealRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads deal files: JSON ({@code .json}: one deal or a list of deals), JSON Lines ({@code .jsonl},
 * {@code .ndjson}: one deal per line) and YAML ({@code .yaml}, {@code .yml}: one deal or a list of
 * deals). The field names and formats are described in {@code docs/deal-facts.md}.
 *
 * <p>{@link #read} checks the whole file and throws a {@link ProblemException} carrying every
 * problem found, each with its line and column, rather than stopping at the first. {@link #stream}
 * hands out the file's records one at a time, each a deal or its problems, so that one bad deal
 * does not keep the others from being used:
 *
 * <pre>{@code
 * List<Deal> deals = Deals.read(Path.of("deals.jsonl"));
 *
 * try (Stream<DealRecord> records = Deals.stream(Path.of("deals.jsonl"))) {
 *   records.forEach(r -> r.deal().ifPresentOrElse(this::use, () -> report(r.problems())));
 * }
 * }</pre>
 */
public final class Deals {

  /** The largest JSON or YAML deal file read (they are read whole): 256 MiB. */
  public static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

  /**
   * The longest line of a JSON Lines file: 16 MiB. A longer line is a bad record ({@code
   * too-large}), skipped without being held in memory; the lines after it are read.
   */
  public static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

  private Deals() {}

  /**
   * Reads the deals in {@code file}, choosing the format by its extension.
   *
   * @throws ProblemException with every problem found, if the file cannot be read or any deal in it
   *     is not valid
   */
  public static List<Deal> read(Path file) {
    requireNonNull(file, "file");
    try (Stream<DealRecord> records = stream(file)) {
      return all(records);
    }
  }

  /**
   * Reads the deals in {@code content}, choosing the format by the extension of {@code fileName},
   * which also names the file in problems.
   *
   * @throws ProblemException with every problem found, if any deal is not valid
   */
  public static List<Deal> parse(String fileName, String content) {
    requireNonNull(fileName, "fileName");
    requireNonNull(content, "content");
    try (Stream<DealRecord> records = stream(fileName, content)) {
      return all(records);
    }
  }

  /**
   * The records of {@code file}, one at a time and in file order, choosing the format by the file's
   * extension: each is a deal or the problems that kept it from being one, with the line it starts
   * on. JSON Lines is read line by line in bounded memory: a line that is not valid JSON, not valid
   * UTF-8 or longer than {@link #MAX_LINE_BYTES} is one bad record, and reading goes on with the
   * next line. A JSON or YAML file is read whole (at most {@link #MAX_FILE_BYTES}); each of its
   * deals is a record, and a file that cannot be parsed is one bad record at the line where parsing
   * stopped. A deal id seen before in the file makes a bad record ({@code duplicate-id}). A file
   * that cannot be read at all is one bad record on line 0.
   *
   * <p>The stream reads the file lazily; close it (try-with-resources) to release the file.
   */
  public static Stream<DealRecord> stream(Path file) {
    requireNonNull(file, "file");
    String name = file.toString();
    return stream(new DealReader(name, format(name), file, null));
  }

  /** The records of {@code content}, as {@link #stream(Path)} reads them from a file so named. */
  public static Stream<DealRecord> stream(String fileName, String content) {
    requireNonNull(fileName, "fileName");
    requireNonNull(content, "content");
    return stream(new DealReader(fileName, format(fileName), null, content));
  }

  private static Stream<DealRecord> stream(DealReader reader) {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(reader, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(reader::close);
  }

  private static List<Deal> all(Stream<DealRecord> records) {
    List<Deal> deals = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    records.forEach(
        r -> {
          r.deal().ifPresent(deals::add);
          problems.addAll(r.problems());
        });
    if (!problems.isEmpty()) {
      throw new ProblemException(problems);
    }
    return List.copyOf(deals);
  }

  enum Format {
    JSON,
    JSON_LINES,
    YAML
  }

  /** The format the file's name says; null if it says none. */
  static Format format(String fileName) {
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
    return null;
  }
}
