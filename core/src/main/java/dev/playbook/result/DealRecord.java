package dev.playbook.result;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One record of a deal file as read by {@code Deals.stream}: either a {@link Deal} or the problems
 * that kept it from being one, with the file and the line the record starts on.
 *
 * <p>A record on line 0 stands for the whole file, which could not be read at all (no such file, an
 * unknown format); every other record stands for one row of the file: a JSON Lines line, a deal of
 * a JSON or YAML document, a CSV row. A document that cannot be parsed is one bad record at the
 * line where parsing stopped.
 */
public final class DealRecord {

  private final String file;
  private final int line;
  private final Deal deal;
  private final List<Problem> problems;
  private final Map<String, Position> positions;

  /**
   * Where a value of the deal stands in its file.
   *
   * @param line 1-based line
   * @param column 1-based column
   */
  public record Position(int line, int column) {
    public Position {
      checkArgument(line >= 1 && column >= 1, "position %s:%s must be 1-based", line, column);
    }
  }

  private DealRecord(
      String file, int line, Deal deal, List<Problem> problems, Map<String, Position> positions) {
    this.file = requireNonNull(file, "file");
    checkArgument(line >= 0, "line %s must be 0 or more", line);
    this.line = line;
    this.deal = deal;
    this.problems = List.copyOf(problems);
    this.positions = Map.copyOf(positions);
  }

  /** A deal read from line {@code line} of {@code file}. */
  public static DealRecord of(String file, int line, Deal deal) {
    return of(file, line, deal, Map.of());
  }

  /**
   * A deal read from line {@code line} of {@code file}, with where its values stand, by the field
   * names {@link #position} takes.
   */
  public static DealRecord of(String file, int line, Deal deal, Map<String, Position> positions) {
    requireNonNull(positions, "positions");
    return new DealRecord(file, line, requireNonNull(deal, "deal"), List.of(), positions);
  }

  /** A record that is no deal, for these problems (at least one). */
  public static DealRecord bad(String file, int line, List<Problem> problems) {
    checkArgument(!problems.isEmpty(), "a bad record at %s:%s needs a problem", file, line);
    return new DealRecord(file, line, null, problems, Map.of());
  }

  /**
   * Where the value of {@code field} stands in the file, when the reader knew it: deal files give
   * the position of each custom value, as {@code custom.<name>} (such as {@code
   * custom.exec_sponsor}).
   */
  public Optional<Position> position(String field) {
    requireNonNull(field, "field");
    return Optional.ofNullable(positions.get(field));
  }

  /** The file, as named when reading. */
  public String file() {
    return file;
  }

  /** The 1-based line the record starts on; 0 for the whole file. */
  public int line() {
    return line;
  }

  /** The deal, when the record is one. */
  public Optional<Deal> deal() {
    return Optional.ofNullable(deal);
  }

  /** Whether the record is a deal. */
  public boolean ok() {
    return deal != null;
  }

  /** Why the record is not a deal, each with its position; empty for a deal. */
  public List<Problem> problems() {
    return problems;
  }

  /** Whether the record stands for a row of the file, rather than the file as a whole. */
  public boolean isRow() {
    return line > 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DealRecord r
        && r.file.equals(file)
        && r.line == line
        && java.util.Objects.equals(r.deal, deal)
        && r.problems.equals(problems);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(file, line, deal, problems);
  }

  @Override
  public String toString() {
    return file + ":" + line + ": " + (deal != null ? "deal " + deal.id() : problems);
  }
}
