package dev.playbook.insights;

import static java.util.Objects.requireNonNull;

import dev.playbook.Deals;
import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import dev.playbook.result.DealRecord;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Deals read one at a time from files: JSON, YAML and JSON Lines by core's reader ({@link
 * Deals#stream}, the deal schema of {@code docs/deal-facts.md}), and CSV through a {@link
 * CsvMapping}. JSON Lines and CSV are streamed, so a book of any size is read with bounded memory.
 *
 * <p>A row or deal with a problem is left out and reported: {@link #problems()} lists each one as a
 * {@link Problem} with file, line and (for CSV) the column's position, its name quoted at the start
 * of the message; {@link #badRows()} counts them. Reading goes on with the good rows. A file that
 * cannot be read at all (no such file, a required column missing) is one problem and no rows.
 *
 * <p>The counters belong to the source: they count what was read, and nothing else changes them.
 *
 * <pre>{@code
 * try (DealSource deals = DealSource.open(Path.of("pipeline.csv"), CsvMapping.builtIn("maven-crm"))) {
 *   PortfolioReport report = Portfolio.evaluate(deals, playbook, asOf, Portfolio.Options.defaults());
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one thread reads a source.
 */
public final class DealSource implements Iterator<Deal>, Closeable {

  /** How many problems are kept; all are counted. */
  public static final int MAX_PROBLEMS_KEPT = 200;

  private final List<Path> paths;
  private final Deque<Path> pending;
  private final List<String> files = new ArrayList<>();
  private final CsvMapping mapping;
  private final Iterator<Deal> plain;
  private final List<Problem> problems = new ArrayList<>();
  private long problemCount;
  private long rows;
  private long badRows;
  private long deals;
  private long expected = -1;
  private Iterator<DealRecord> current;
  private Closeable closeCurrent;
  private Deal next;
  private UnaryOperator<Deal> prepare;
  private String lastFile = "(input)";
  private int lastLine;

  /** Deal ids to the file they were first read from, when there are several files. */
  private final Map<String, String> idFiles = new HashMap<>();

  private DealSource(List<Path> paths, CsvMapping mapping, Iterator<Deal> plain) {
    this.paths = List.copyOf(paths);
    this.pending = new ArrayDeque<>(paths);
    this.mapping = mapping;
    this.plain = plain;
  }

  /** Reads a deal file (.json, .jsonl, .ndjson, .yaml, .yml); a .csv file needs a mapping. */
  public static DealSource open(Path file) {
    return open(List.of(file), null);
  }

  /**
   * Reads a deal file; {@code mapping} maps the columns of a .csv file and may be null otherwise.
   */
  public static DealSource open(Path file, CsvMapping mapping) {
    return open(List.of(file), mapping);
  }

  /** Reads several deal files one after the other, as one book. */
  public static DealSource open(List<Path> files, CsvMapping mapping) {
    requireNonNull(files, "files");
    files.forEach(f -> requireNonNull(f, "file"));
    return new DealSource(files, mapping, null);
  }

  /**
   * Reads the tables of {@code mapping} (a mapping with a deal table, {@code file}, such as {@code
   * salesforce} or {@code hubspot}) from a database: each table is one SQL query, {@code queries}
   * by the mapping's file name ({@code Task.csv}) or table name ({@code Task}), else {@code SELECT
   * * FROM "Task"}. The child tables are read first, then the deal table streamed with a fetch
   * size. A database that cannot be reached is one problem and no deals; the JDBC driver must be on
   * the class path. Problems name a table as {@code <url>#<table>}, its rows as lines counted like
   * those of a CSV export (the first row is line 2).
   *
   * @param url a JDBC URL such as {@code jdbc:postgresql://127.0.0.1:5432/crm}
   * @param user the user, or null to take it from the URL
   * @param password the password, or null
   */
  public static DealSource jdbc(
      String url, String user, String password, CsvMapping mapping, Map<String, String> queries) {
    requireNonNull(url, "url");
    requireNonNull(mapping, "mapping");
    requireNonNull(queries, "queries");
    DealSource s = new DealSource(List.of(), mapping, null);
    s.jdbc = new Jdbc(url, user, password, Map.copyOf(queries));
    return s;
  }

  private record Jdbc(String url, String user, String password, Map<String, String> queries) {
    /** The URL without its parameters, which may hold a password. */
    String label() {
      int q = url.indexOf('?');
      int semi = url.indexOf(';');
      int cut = q < 0 ? semi : semi < 0 ? q : Math.min(q, semi);
      return cut < 0 ? url : url.substring(0, cut);
    }
  }

  private Jdbc jdbc;
  private java.sql.Connection connection;

  private void openJdbc() {
    Jdbc j = jdbc;
    jdbc = null;
    current = List.<DealRecord>of().iterator();
    files.add(j.label());
    if (mapping.file() == null) {
      report(
          new Problem(
              "missing-mapping",
              j.label(),
              0,
              0,
              "mapping '"
                  + mapping.name()
                  + "' names no deal table; a mapping for a database names it with 'file'"));
      return;
    }
    try {
      java.util.Properties props = new java.util.Properties();
      if (j.user() != null) {
        props.setProperty("user", j.user());
      }
      if (j.password() != null) {
        props.setProperty("password", j.password());
      }
      connection = java.sql.DriverManager.getConnection(j.url(), props);
      connection.setAutoCommit(false);
      connection.setReadOnly(true);
    } catch (java.sql.SQLException e) {
      report(
          new Problem(
              "database-unreachable",
              j.label(),
              0,
              0,
              "cannot read from the database: " + JdbcTables.message(e) + "; no deal can be read"));
      closeConnection();
      return;
    }
    JdbcTables tables = new JdbcTables(connection, j.label(), j.queries());
    ChildTables children =
        new ChildTables(
            mapping, tables, tables.name(mapping.file()), this::report, heldRows, runRows);
    this.children.add(children);
    children.index(() -> new CsvRows(tables, mapping.file(), mapping, p -> {}));
    CsvRows rows = new CsvRows(tables, mapping.file(), mapping, this::report);
    rows.children(children);
    this.csv.add(rows);
    current = rows;
    closeCurrent = rows;
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.rollback();
        connection.close();
      } catch (java.sql.SQLException ignored) {
        // only read; nothing to keep
      }
      connection = null;
    }
  }

  /** Wraps deals already in memory or generated: each one is a row, none is bad. */
  public static DealSource of(Iterator<Deal> deals) {
    requireNonNull(deals, "deals");
    return new DealSource(List.of(), null, deals);
  }

  /**
   * Passes every deal through {@code prepare} before it is returned, such as to add the facts of
   * its conversations. A deal for which {@code prepare} throws a {@link ProblemException} is a bad
   * row: its problems are kept and the deal is left out.
   *
   * @return this source
   */
  public DealSource preparing(UnaryOperator<Deal> prepare) {
    this.prepare = requireNonNull(prepare, "prepare");
    return this;
  }

  @Override
  public boolean hasNext() {
    while (next == null) {
      if (!step()) {
        return false;
      }
      if (next != null && prepare != null) {
        try {
          next = requireNonNull(prepare.apply(next), "prepared deal");
        } catch (ProblemException e) {
          next = null;
          badRows++;
          e.problems().forEach(this::report);
        }
      }
    }
    return true;
  }

  /** Reads on by one deal, file or batch; false at the end. */
  private boolean step() {
    if (plain != null) {
      if (!plain.hasNext()) {
        return false;
      }
      next = requireNonNull(plain.next(), "deal");
      rows++;
      lastLine = 0;
      return true;
    }
    if (current == null && jdbc != null) {
      openJdbc();
      return true;
    }
    if (current == null) {
      Path path = pending.poll();
      if (path == null) {
        return false;
      }
      openFile(path);
      return true;
    }
    if (!current.hasNext()) {
      closeCurrent();
      return true;
    }
    accept(current.next());
    return true;
  }

  @Override
  public Deal next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Deal d = next;
    next = null;
    deals++;
    return d;
  }

  /** The files read so far, as named when opened. */
  public List<String> files() {
    return List.copyOf(files);
  }

  /**
   * Rows (CSV records, JSON Lines lines, deals in a JSON or YAML file) read so far, good or bad.
   */
  public long rows() {
    return rows;
  }

  /** Deals handed out so far. */
  public long deals() {
    return deals;
  }

  /** Rows left out because of a problem. */
  public long badRows() {
    return badRows;
  }

  /** The first {@value #MAX_PROBLEMS_KEPT} problems, in the order found. */
  public List<Problem> problems() {
    return List.copyOf(problems);
  }

  /** All problems found, also those not kept. */
  public long problemCount() {
    return problemCount;
  }

  /**
   * The number of rows the files hold, counted by lines before reading (an estimate for CSV with
   * line breaks inside quotes), or -1 when not known; used for the progress bar.
   */
  public long expectedRows() {
    if (expected < 0 && plain == null) {
      long n = 0;
      for (Path p : paths) {
        if (Files.isDirectory(p) && mapping != null && mapping.file() != null) {
          p = p.resolve(mapping.file());
        }
        String name = p.toString().toLowerCase(Locale.ROOT);
        if (!(name.endsWith(".csv") || name.endsWith(".jsonl") || name.endsWith(".ndjson"))) {
          return -1;
        }
        try {
          n += nonBlankLines(p) - (name.endsWith(".csv") ? 1 : 0);
        } catch (IOException | UncheckedIOException e) {
          return -1;
        }
      }
      expected = n;
    }
    return expected;
  }

  /**
   * The lines of {@code file} with something other than spaces on them, counted from its bytes a
   * buffer at a time, so that no line is ever held whole.
   */
  static long nonBlankLines(Path file) throws IOException {
    long count = 0;
    boolean content = false;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        for (int i = 0; i < n; i++) {
          byte b = buffer[i];
          if (b == '\n') {
            count += content ? 1 : 0;
            content = false;
          } else if (b != ' ' && b != '\t' && b != '\r') {
            content = true;
          }
        }
      }
    }
    return count + (content ? 1 : 0);
  }

  @Override
  public void close() {
    closeCurrent();
    children.forEach(ChildTables::close);
    pending.clear();
    jdbc = null;
    closeConnection();
  }

  /** The file of the deal last handed out. */
  String lastFile() {
    return lastFile;
  }

  /** The line of the deal last handed out; 0 when not known. */
  int lastLine() {
    return lastLine;
  }

  private void accept(DealRecord record) {
    if (record.isRow()) {
      rows++;
    }
    if (record.ok() && paths.size() > 1) {
      String id = record.deal().orElseThrow().id();
      String first = idFiles.putIfAbsent(id, record.file());
      if (first != null && !first.equals(record.file())) {
        badRows++;
        report(
            new Problem(
                "duplicate-id",
                record.file(),
                record.line(),
                1,
                "deal id '" + id + "' was read from " + first + " already; this row is left out"));
        return;
      }
    }
    if (record.ok()) {
      next = record.deal().orElseThrow();
      lastFile = record.file();
      lastLine = record.line();
      return;
    }
    if (record.isRow()) {
      badRows++;
    }
    record.problems().forEach(this::report);
  }

  private void report(Problem p) {
    problemCount++;
    if (problems.size() < MAX_PROBLEMS_KEPT) {
      problems.add(p);
    }
  }

  private void openFile(Path path) {
    if (Files.isDirectory(path)) {
      openFolder(path);
      return;
    }
    String name = path.toString();
    files.add(name);
    if (name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
      if (mapping == null) {
        report(
            new Problem(
                "missing-mapping",
                name,
                0,
                0,
                "a CSV file needs a mapping that says which column holds which deal field (--mapping)"));
        current = List.<DealRecord>of().iterator();
        return;
      }
      CsvRows rows = new CsvRows(path, mapping, this::report);
      csv.add(rows);
      current = rows;
      closeCurrent = rows;
      return;
    }
    Stream<DealRecord> records = Deals.stream(path);
    current = records.iterator();
    closeCurrent = records::close;
  }

  /**
   * An export folder: the mapping's child tables read first and held by deal, then the deal table
   * streamed, each deal with its rows.
   */
  private void openFolder(Path folder) {
    current = List.<DealRecord>of().iterator();
    if (mapping == null || mapping.file() == null) {
      files.add(folder.toString());
      report(
          new Problem(
              "missing-mapping",
              folder.toString(),
              0,
              0,
              mapping == null
                  ? "an export folder needs a mapping that says which file holds the deals"
                      + " (--mapping salesforce, hubspot or a mapping file)"
                  : "mapping '"
                      + mapping.name()
                      + "' reads one file, not an export folder; a mapping for a folder names its"
                      + " deal table with 'file'"));
      return;
    }
    Path main = folder.resolve(mapping.file());
    files.add(main.toString());
    if (!Files.isRegularFile(main)) {
      report(
          new Problem(
              "file-unreadable",
              main.toString(),
              0,
              0,
              "no such file: the export folder has no "
                  + mapping.file()
                  + ", the deal table of mapping '"
                  + mapping.name()
                  + "'; no deal can be read"));
      return;
    }
    ChildTables children =
        new ChildTables(
            mapping,
            Tables.folder(folder, mapping.delimiter()),
            main.toString(),
            this::report,
            heldRows,
            runRows);
    this.children.add(children);
    children.index(() -> new CsvRows(main, mapping, p -> {}));
    CsvRows rows = new CsvRows(main, mapping, this::report);
    rows.children(children);
    this.csv.add(rows);
    current = rows;
    closeCurrent = rows;
  }

  private final List<ChildTables> children = new ArrayList<>();
  private final List<CsvRows> csv = new ArrayList<>();
  private int heldRows = ChildSpill.HELD_LIMIT;
  private int runRows = ChildSpill.RUN_ROWS;

  /**
   * Holds at most {@code heldRows} child rows in memory before they go to disk, sorted there in
   * runs of {@code runRows}; for tests of the rows on disk.
   */
  DealSource holdingChildRows(int heldRows, int runRows) {
    this.heldRows = heldRows;
    this.runRows = runRows;
    return this;
  }

  /** The child rows written to disk so far. */
  long spilledChildRows() {
    return children.stream().mapToLong(ChildTables::spilledRows).sum();
  }

  /** The temporary folders of child rows on disk that exist now. */
  List<Path> spillFolders() {
    return children.stream()
        .map(ChildTables::spillFolder)
        .filter(java.util.Objects::nonNull)
        .toList();
  }

  /**
   * The rows of one child table of an export folder: all {@code rows} of the table are either
   * {@code read} into a deal, {@code skipped} by the mapping (deleted records, rows about no deal),
   * {@code bad} (each with a problem) or {@code orphaned} (naming no deal of the deal table;
   * counted, the first reported).
   */
  public record ChildRows(
      String table, String file, long rows, long read, long skipped, long bad, long orphaned) {}

  /** The counts of each child table read so far, in the mapping's order. */
  public List<ChildRows> childRows() {
    List<ChildRows> out = new ArrayList<>();
    for (ChildTables c : children) {
      for (ChildTables.Counts n : c.counts()) {
        out.add(
            new ChildRows(
                n.table(), n.file(), n.rows(), n.read(), n.skipped(), n.bad(), n.orphaned()));
      }
    }
    return List.copyOf(out);
  }

  /**
   * Deal rows left out by the mapping's {@code skip} (such as deleted records), not counted as
   * rows.
   */
  public long skippedRows() {
    return csv.stream().mapToLong(CsvRows::skipped).sum();
  }

  private void closeCurrent() {
    CsvRows.closeQuietly(closeCurrent);
    closeCurrent = null;
    current = null;
  }
}
