package dev.playbook.insights;

import dev.playbook.DealRow;
import dev.playbook.Documents;
import dev.playbook.problem.Problem;
import dev.playbook.result.DealRecord;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The rows of one CSV file mapped to deals by a {@link CsvMapping}, one record per row, each built
 * by core's {@link DealRow}. Problems with the file as a whole (a missing column, a side table that
 * cannot be read) and notes on rows that are kept (a join key not in its side table) go to {@code
 * notes}; they are no rows.
 */
final class CsvRows implements Iterator<DealRecord>, Closeable {

  /**
   * The most lines one quoted value may span. A quote still open after them, or at the end of the
   * file, makes only the line it opens on a bad row, and reading goes on with the next line.
   */
  static final int MAX_QUOTED_LINES = 1_000;

  /**
   * The most bytes one row may have, all its lines together. A longer line is a bad row, skipped to
   * its end without being held; a quoted value that would make its row longer is treated as a quote
   * left open.
   */
  static final int MAX_ROW_BYTES = 1 << 20;

  private final Path path;
  private final String name;
  private final CsvMapping mapping;
  private final Consumer<Problem> notes;
  private final CSVFormat format;
  private final char delimiter;
  private PhysicalLines in;

  /** Lines read and not yet made into rows: more than one only while a quoted value is open. */
  private final List<Line> ahead = new ArrayList<>();

  /** The lines up to this number are known to keep open a quote that is open at their start. */
  private int openThrough;

  private List<String> headerNames = List.of();
  private int columns = -1;
  private final Map<String, Integer> header = new HashMap<>();
  private final Map<String, Map<String, Map<String, String>>> tables = new HashMap<>();
  private final Set<String> warned = new HashSet<>();
  private final Set<String> ids = new HashSet<>();
  private int line;
  private DealRecord next;

  /** The child tables whose rows join the deals read; null when the mapping has none. */
  private ChildTables children;

  private long skipped;

  /** Deal rows left out by the mapping's {@code skip}, such as deleted records. */
  long skipped() {
    return skipped;
  }

  /** Adds the rows of child tables to each deal; their leftovers are reported at the end. */
  void children(ChildTables children) {
    this.children = children;
  }

  CsvRows(Path path, CsvMapping mapping, Consumer<Problem> notes) {
    this.path = path;
    this.name = path.toString();
    this.mapping = mapping;
    this.notes = notes;
    this.delimiter = mapping.delimiter();
    this.format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setTrim(true).get();
    try {
      in = new PhysicalLines(Files.newInputStream(path));
    } catch (IOException e) {
      note(new Problem("file-unreadable", name, 0, 0, "cannot read file: " + describe(e)));
      return;
    }
    try {
      Row row = nextRow(true);
      if (row != null && row.problem() != null) {
        note(row.problem());
        close();
        return;
      }
      headerNames = row == null ? List.of() : row.values();
    } catch (IOException e) {
      note(new Problem("file-unreadable", name, 0, 0, "cannot read file: " + describe(e)));
      close();
      return;
    }
    columns = headerNames.size();
    for (int i = 0; i < headerNames.size(); i++) {
      header.putIfAbsent(headerNames.get(i), i);
    }
    if (!checkColumns() || !loadJoins()) {
      close();
    }
  }

  /**
   * The rows of a database table (or any {@link Tables.Table}), mapped as the rows of a CSV file;
   * side tables come from {@code tables}.
   */
  CsvRows(Tables tables, String file, CsvMapping mapping, Consumer<Problem> notes) {
    this.path = null;
    this.name = tables.name(file);
    this.mapping = mapping;
    this.notes = notes;
    this.delimiter = mapping.delimiter();
    this.format = CSVFormat.DEFAULT;
    this.source = tables;
    try {
      table = tables.open(file);
    } catch (IOException | UncheckedIOException e) {
      note(new Problem("file-unreadable", name, 0, 0, "cannot read the table: " + rootMessage(e)));
      return;
    }
    if (table == null) {
      note(new Problem("file-unreadable", name, 0, 0, "no such table; no deal can be read"));
      return;
    }
    headerNames = table.header();
    columns = headerNames.size();
    for (int i = 0; i < headerNames.size(); i++) {
      header.putIfAbsent(headerNames.get(i), i);
    }
    if (!checkColumns() || !loadTableJoins()) {
      close();
    }
  }

  private Tables source;
  private Tables.Table table;

  /** The joins of the mapping read from {@link #source}. */
  private boolean loadTableJoins() {
    for (CsvMapping.Join j : mapping.joins().values()) {
      if (join(j.on()) == null && !header.containsKey(j.on())) {
        note(
            new Problem(
                "missing-column",
                name,
                1,
                1,
                "the header has no column '" + j.on() + "' to join " + j.file() + " on"));
        return false;
      }
      Map<String, Map<String, String>> side = new HashMap<>();
      String fname = source.name(j.file());
      try (Tables.Table t = source.open(j.file())) {
        if (t == null) {
          note(
              new Problem(
                  "file-unreadable",
                  fname,
                  0,
                  0,
                  "the side table could not be read: no such table"));
          return false;
        }
        int key = t.header().indexOf(j.key());
        if (key < 0) {
          note(
              new Problem(
                  "missing-column",
                  fname,
                  1,
                  1,
                  "the header has no column '"
                      + j.key()
                      + "' to join on"
                      + Documents.didYouMean(j.key(), t.header())));
          return false;
        }
        Tables.Line l;
        while ((l = t.next()) != null) {
          Map<String, String> values = new HashMap<>();
          for (int i = 0; i < t.header().size() && i < l.values().size(); i++) {
            values.put(t.header().get(i), l.values().get(i));
          }
          side.putIfAbsent(joinKey(j, l.values().get(key)), values);
        }
      } catch (IOException | UncheckedIOException e) {
        note(
            new Problem(
                "file-unreadable",
                fname,
                0,
                0,
                "the side table could not be read: " + rootMessage(e)));
        return false;
      }
      tables.put(j.name(), side);
    }
    return true;
  }

  @Override
  public boolean hasNext() {
    if (next == null && (in != null || table != null)) {
      next = read();
    }
    return next != null;
  }

  @Override
  public DealRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    DealRecord r = next;
    next = null;
    return r;
  }

  @Override
  public void close() {
    closeQuietly(in);
    in = null;
    closeQuietly(table);
    table = null;
    ahead.clear();
  }

  private void note(Problem p) {
    notes.accept(p);
  }

  private DealRecord read() {
    while (true) {
      DealRecord r = readRow();
      if (r != SKIPPED) {
        if (r == null && children != null) {
          children.finish();
          children = null;
        }
        return r == null || children == null ? r : children.attach(r);
      }
      skipped++;
    }
  }

  private static final DealRecord SKIPPED =
      DealRecord.bad(
          "(skipped)", 0, List.of(new Problem("skipped", "(skipped)", 0, 0, "left out by skip")));

  private DealRecord readRow() {
    if (table != null) {
      Tables.Line l;
      try {
        l = table.next();
      } catch (UncheckedIOException e) {
        note(
            new Problem(
                "file-unreadable",
                name,
                table.line() + 1,
                0,
                "the table could not be read on from here: " + rootMessage(e)));
        close();
        return null;
      }
      if (l == null) {
        close();
        return null;
      }
      return mapRow(l.line(), l.values());
    }
    Row row;
    try {
      row = nextRow(false);
    } catch (IOException e) {
      note(
          new Problem(
              "file-unreadable",
              name,
              in.number() + 1,
              0,
              "the file could not be read on from here: " + describe(e)));
      close();
      return null;
    }
    if (row == null) {
      close();
      return null;
    }
    if (row.problem() != null) {
      return DealRecord.bad(name, row.line(), List.of(row.problem()));
    }
    return mapRow(row.line(), row.values());
  }

  private DealRecord mapRow(int rowLine, List<String> values) {
    line = rowLine;
    for (CsvMapping.When w : mapping.skip()) {
      if (values.size() == columns && matches(values, w)) {
        return SKIPPED;
      }
    }
    DealRecord record = map(values);
    if (record.ok() && !ids.add(record.deal().orElseThrow().id())) {
      String idColumn = firstMain("id");
      return DealRow.builder(name, line)
          .problem(
              "duplicate-id",
              column(idColumn),
              label(idColumn),
              "deal id '" + record.deal().orElseThrow().id() + "' appears twice in this file")
          .build();
    }
    return record;
  }

  /**
   * The next row, its values parsed by Commons CSV from its own text, or the problem that makes it
   * bad; null at the end of the file. Empty lines are no rows. A row ends at the first line break
   * outside quotes. When a quote stays open (past {@link #MAX_QUOTED_LINES}, {@link #MAX_ROW_BYTES}
   * or the end of the file), or the lines it joins make no row of the header's width, only the line
   * it opens on is bad and the next row starts on the line after it.
   */
  private Row nextRow(boolean isHeader) throws IOException {
    Line first;
    while (true) {
      first = ahead(0);
      if (first == null) {
        return null;
      }
      if (first.text() != null && !first.text().isEmpty()) {
        break;
      }
      drop(1);
      if (first.text() == null) {
        return Row.bad(
            first.number(),
            new Problem(
                "too-large",
                name,
                first.number(),
                1,
                "the line is longer than "
                    + MAX_ROW_BYTES
                    + " bytes, the limit"
                    + (isHeader ? skipped(true, first, 0) : "")));
      }
    }
    Scan scan = new Scan();
    scan.line(0, first);
    int lines = 1;
    if (scan.open()) {
      lines = extent(first, scan, isHeader);
      if (lines < 0) {
        return Row.bad(first.number(), unclosedProblem);
      }
      for (int i = 1; i < lines; i++) {
        scan.line(i, ahead.get(i));
      }
    }
    Line last = ahead.get(lines - 1);
    String quote =
        lines == 1
            ? null
            : "the quote that opens this value at character "
                + (scan.openAt + 1)
                + " closes on line "
                + last.number();
    if (scan.errorLine > 0 && quote != null) {
      drop(1);
      return Row.bad(
          first.number(),
          problem(
              "csv-syntax",
              first,
              scan.openField,
              quote
                  + ", and there is text after a closing quote on that line at character "
                  + (scan.errorAt + 1)
                  + ", so lines "
                  + first.number()
                  + " to "
                  + last.number()
                  + " make no row"
                  + skipped(isHeader, first, 1)));
    }
    if (scan.errorLine == 0) {
      drop(1);
      return Row.bad(
          first.number(),
          problem(
              "csv-syntax",
              first,
              scan.errorField,
              (scan.strayReturn
                      ? "a carriage return at character "
                          + (scan.errorAt + 1)
                          + " without a line feed after it"
                          + " would end the row there; save the file with LF or CRLF line breaks"
                      : "there is text after the quote that closes this value, at character "
                          + (scan.errorAt + 1)
                          + "; write the whole value in quotes, and each quote inside it as two (\"\")")
                  + skipped(isHeader, first, lines == 1 ? 0 : 1)));
    }
    if (quote != null && columns >= 0 && scan.field + 1 != columns) {
      drop(1);
      return Row.bad(
          first.number(),
          problem(
              "wrong-column-count",
              first,
              scan.openField,
              quote
                  + ", and lines "
                  + first.number()
                  + " to "
                  + last.number()
                  + " make a row of "
                  + (scan.field + 1)
                  + " values where the header has "
                  + columns
                  + " columns"
                  + skipped(isHeader, first, 1)));
    }
    StringBuilder text = new StringBuilder(first.text());
    for (int i = 1; i < lines; i++) {
      text.append(ahead.get(i - 1).crlf() ? "\r\n" : "\n").append(ahead.get(i).text());
    }
    drop(lines);
    if (scan.probeLine >= 0) {
      Line bad = scan.probe;
      Problem p =
          problem(
              "invalid-encoding",
              bad,
              scan.probeField,
              (scan.probeBytes.length() > 4 ? "bytes " : "byte ")
                  + scan.probeBytes
                  + " at character "
                  + (bad.badChar() + 1)
                  + (scan.probeBytes.length() > 4 ? " are" : " is")
                  + " not valid UTF-8 text"
                  + (isHeader
                      ? ", so the column's name is read with U+FFFD in its place"
                      : lines == 1
                          ? ""
                          : "; the row (lines "
                              + first.number()
                              + " to "
                              + last.number()
                              + ") is left out")
                  + "; save the file with the UTF-8 encoding");
      if (!isHeader) {
        return Row.bad(first.number(), p);
      }
      note(p);
    }
    try (CSVParser parser = CSVParser.parse(text.toString(), format)) {
      Iterator<CSVRecord> records = parser.iterator();
      return new Row(first.number(), records.next().toList(), null);
    } catch (IOException
        | UncheckedIOException
        | IllegalStateException
        | NoSuchElementException e) {
      return Row.bad(
          first.number(),
          problem("csv-syntax", first, 0, "the row could not be read: " + rootMessage(e)));
    }
  }

  private Problem unclosedProblem;

  /**
   * The number of lines of the row whose first line leaves a quote open: up to the line that closes
   * it. Or -1, with {@link #unclosedProblem} set and the first line dropped, when no line within
   * the limits closes it.
   */
  private int extent(Line first, Scan scan, boolean isHeader) throws IOException {
    long bytes = first.bytes();
    String why = null;
    int i = 1;
    for (; ; i++) {
      if (i >= MAX_QUOTED_LINES) {
        why =
            "is not closed within " + MAX_QUOTED_LINES + " lines, the most a quoted value may span";
        break;
      }
      Line l = ahead(i);
      if (l == null) {
        why = "is not closed before the end of the file";
        break;
      }
      bytes += 1 + l.bytes();
      if (l.text() == null || bytes > MAX_ROW_BYTES) {
        why = "is not closed within " + MAX_ROW_BYTES + " bytes, the most a row may have";
        i++;
        break;
      }
      if (l.number() <= openThrough) {
        continue;
      }
      Scan rest = new Scan();
      rest.state = Scan.QUOTED;
      rest.line(i, l);
      if (!rest.open()) {
        return i + 1;
      }
      openThrough = l.number();
    }
    int lastNumber = ahead.get(i - 1).number();
    drop(1);
    unclosedProblem =
        problem(
            "csv-syntax",
            first,
            scan.openField,
            "the quote that opens this value at character "
                + (scan.openAt + 1)
                + " "
                + why
                + (lastNumber > first.number()
                    ? ", so lines " + first.number() + " to " + lastNumber + " would be one value"
                    : "")
                + skipped(isHeader, first, ahead(0) == null ? 0 : 1));
    return -1;
  }

  /**
   * What became of the lines of a bad row that starts on {@code first}; {@code more} is 0 when the
   * row is that one line, or the file ends after it.
   */
  private String skipped(boolean isHeader, Line first, int more) {
    if (isHeader) {
      return "; the header cannot be read, so no row can be read";
    }
    return more == 0
        ? ""
        : "; only line "
            + first.number()
            + " is left out, and reading goes on at line "
            + (first.number() + 1);
  }

  private Problem problem(String code, Line at, int field, String message) {
    String label = field < headerNames.size() ? "column '" + headerNames.get(field) + "': " : "";
    return new Problem(code, name, at.number(), field + 1, label + message);
  }

  /** Line {@code i} of those ahead, read from the file when needed; null past its end. */
  private Line ahead(int i) throws IOException {
    while (ahead.size() <= i) {
      Line l = in.next();
      if (l == null) {
        return null;
      }
      ahead.add(l);
    }
    return ahead.get(i);
  }

  private void drop(int n) {
    ahead.subList(0, n).clear();
  }

  /**
   * Follows one row through its lines as Commons CSV's lexer reads them with {@link
   * CSVFormat#DEFAULT}'s quoting: a quote opens a value only as its first character, two quotes
   * inside it are one, and after the closing quote only spaces may come before the delimiter. A
   * line break inside quotes belongs to the value; one outside ends the row.
   */
  private final class Scan {
    static final int START = 0;
    static final int PLAIN = 1;
    static final int QUOTED = 2;
    static final int CLOSING = 3;
    static final int AFTER = 4;

    int state = START;

    /** The 0-based position of the value being read. */
    int field;

    int openAt;
    int openField;
    int errorLine = -1;
    int errorAt;
    int errorField;
    boolean strayReturn;
    int probeLine = -1;
    int probeField;
    String probeBytes;
    Line probe;

    boolean open() {
      return state == QUOTED;
    }

    /** Reads line {@code index} of the row; the first line that is not UTF-8 becomes the probe. */
    void line(int index, Line line) {
      String text = line.text();
      int probeAt = probeLine < 0 && line.badChar() >= 0 ? line.badChar() : -1;
      if (probeAt >= 0) {
        probeLine = index;
        probe = line;
        probeBytes = line.badBytes();
      }
      for (int i = 0; i < text.length(); i++) {
        if (i == probeAt) {
          probeField = field;
        }
        char c = text.charAt(i);
        switch (state) {
          case START -> {
            if (c == '"') {
              state = QUOTED;
              openAt = i;
              openField = field;
            } else if (c == delimiter) {
              field++;
            } else {
              state = c == '\r' ? error(index, i, true) : PLAIN;
            }
          }
          case PLAIN -> {
            if (c == delimiter) {
              field++;
              state = START;
            } else if (c == '\r') {
              state = error(index, i, true);
            }
          }
          case QUOTED -> {
            if (c == '"') {
              state = CLOSING;
            }
          }
          default -> {
            if (c == '"' && state == CLOSING) {
              state = QUOTED;
            } else if (c == delimiter) {
              field++;
              state = START;
            } else if (c == '\r' || !Character.isWhitespace(c)) {
              state = error(index, i, c == '\r');
            } else {
              state = AFTER;
            }
          }
        }
      }
    }

    private int error(int index, int at, boolean cr) {
      if (errorLine < 0) {
        errorLine = index;
        errorAt = at;
        errorField = field;
        strayReturn = cr;
      }
      return PLAIN;
    }
  }

  /** A row's first line and its values, or the problem that makes it a bad row. */
  private record Row(int line, List<String> values, Problem problem) {
    static Row bad(int line, Problem problem) {
      return new Row(line, null, problem);
    }
  }

  /**
   * One line of the file: its 1-based number, its text without the line break (null when longer
   * than {@link #MAX_ROW_BYTES}), its size in bytes, and where its first byte that is not UTF-8 is
   * (-1 if none): such bytes are read as U+FFFD in {@code text}.
   */
  private record Line(
      int number, String text, boolean crlf, int bytes, int badChar, String badBytes) {}

  /**
   * Reads a file's bytes one line at a time, each line decoded on its own, so a byte that is not
   * UTF-8 is found at its true line and the lines before and after it read as they are; a line
   * longer than {@link #MAX_ROW_BYTES} is skipped to its end without being held. The byte order
   * mark of the first line is dropped.
   */
  private static final class PhysicalLines implements Closeable {
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;
    private boolean eof;
    private int number;
    private byte[] bytes = new byte[256];
    private final CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    PhysicalLines(InputStream in) {
      this.in = in;
    }

    /** The number of the line last read; 0 before the first. */
    int number() {
      return number;
    }

    /** The next line; null at the end of the file. */
    Line next() throws IOException {
      int length = 0;
      long total = 0;
      boolean any = false;
      while (true) {
        if (start == end && !fill()) {
          if (!any) {
            return null;
          }
          break;
        }
        any = true;
        int nl = -1;
        for (int i = start; i < end; i++) {
          if (buffer[i] == '\n') {
            nl = i;
            break;
          }
        }
        int n = (nl < 0 ? end : nl) - start;
        total += n;
        if (total <= MAX_ROW_BYTES + 1) {
          if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
          }
          System.arraycopy(buffer, start, bytes, length, n);
          length += n;
        }
        start = nl < 0 ? end : nl + 1;
        if (nl >= 0) {
          break;
        }
      }
      number++;
      boolean crlf = length > 0 && bytes[length - 1] == '\r';
      if (crlf) {
        length--;
        total--;
      }
      if (total > MAX_ROW_BYTES) {
        return new Line(number, null, crlf, (int) Math.min(total, Integer.MAX_VALUE), -1, null);
      }
      int from =
          number == 1
                  && length >= 3
                  && (bytes[0] & 0xFF) == 0xEF
                  && (bytes[1] & 0xFF) == 0xBB
                  && (bytes[2] & 0xFF) == 0xBF
              ? 3
              : 0;
      decoder.reset();
      ByteBuffer source = ByteBuffer.wrap(bytes, from, length - from);
      CharBuffer out = CharBuffer.allocate(length - from);
      CoderResult result = decoder.decode(source, out, true);
      if (!result.isError()) {
        result = decoder.flush(out);
      }
      if (!result.isError()) {
        out.flip();
        return new Line(number, out.toString(), crlf, length - from, -1, null);
      }
      int badChar = out.position();
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < result.length(); i++) {
        hex.append(i == 0 ? "" : " ")
            .append(String.format(Locale.ROOT, "0x%02X", source.get(source.position() + i)));
      }
      String text = new String(bytes, from, length - from, StandardCharsets.UTF_8);
      return new Line(number, text, crlf, length - from, badChar, hex.toString());
    }

    private boolean fill() throws IOException {
      if (eof) {
        return false;
      }
      int n = in.read(buffer, 0, buffer.length);
      if (n <= 0) {
        eof = true;
        start = end = 0;
        return false;
      }
      start = 0;
      end = n;
      return true;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** Required columns are fatal, optional ones a warning. */
  private boolean checkColumns() {
    boolean ok = true;
    for (Map.Entry<String, List<String>> e : mapping.columns().entrySet()) {
      if (e.getValue().stream().anyMatch(c -> c.startsWith(CsvMapping.CONSTANT))) {
        continue;
      }
      List<String> main = e.getValue().stream().filter(c -> join(c) == null).toList();
      if (main.isEmpty() || main.stream().anyMatch(header::containsKey)) {
        continue;
      }
      boolean required =
          e.getKey().equals("id")
              || (e.getKey().equals("stage") && (mapping.won() == null || mapping.lost() == null));
      note(
          new Problem(
              "missing-column",
              name,
              1,
              1,
              "the header has no column "
                  + quoted(main)
                  + " for "
                  + e.getKey()
                  + (required ? "; no row can be read" : "; the field is left empty")
                  + Documents.didYouMean(main.get(0), header.keySet())));
      ok &= !required;
    }
    for (CsvMapping.When w : Arrays.asList(mapping.won(), mapping.lost())) {
      if (w != null && join(w.column()) == null && !header.containsKey(w.column())) {
        note(
            new Problem(
                "missing-column",
                name,
                1,
                1,
                "the header has no column '"
                    + w.column()
                    + "', which says whether a deal is won or lost; no row can be read"
                    + Documents.didYouMean(w.column(), header.keySet())));
        ok = false;
      }
    }
    return ok;
  }

  /** Side tables sit next to the data file. */
  private boolean loadJoins() {
    for (CsvMapping.Join j : mapping.joins().values()) {
      Path file = path.toAbsolutePath().getParent().resolve(j.file());
      String fname =
          path.getParent() == null ? j.file() : path.getParent().resolve(j.file()).toString();
      if (join(j.on()) == null && !header.containsKey(j.on())) {
        note(
            new Problem(
                "missing-column",
                name,
                1,
                1,
                "the header has no column '" + j.on() + "' to join " + j.file() + " on"));
        return false;
      }
      Map<String, Map<String, String>> table = new HashMap<>();
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
          CSVParser p =
              CSVParser.builder()
                  .setReader(in)
                  .setFormat(
                      CSVFormat.DEFAULT
                          .builder()
                          .setDelimiter(mapping.delimiter())
                          .setHeader()
                          .setSkipHeaderRecord(true)
                          .setTrim(true)
                          .get())
                  .get()) {
        if (!p.getHeaderNames().contains(j.key())) {
          note(
              new Problem(
                  "missing-column",
                  fname,
                  1,
                  1,
                  "the header has no column '"
                      + j.key()
                      + "' to join on"
                      + Documents.didYouMean(j.key(), p.getHeaderNames())));
          return false;
        }
        for (CSVRecord r : p) {
          Map<String, String> row = new HashMap<>(r.toMap());
          table.putIfAbsent(joinKey(j, r.get(j.key())), row);
        }
      } catch (IOException | UncheckedIOException e) {
        note(
            new Problem(
                "file-unreadable",
                fname,
                0,
                0,
                "the side table could not be read: "
                    + (e instanceof IOException io ? describe(io) : e.getMessage())));
        return false;
      }
      tables.put(j.name(), table);
    }
    return true;
  }

  private DealRecord map(List<String> r) {
    DealRow.Builder b =
        DealRow.builder(name, line).dateFormats(mapping.dateFormats(), "the mapping's");
    if (r.size() != columns) {
      return b.problem(
              "wrong-column-count",
              r.size() + 1,
              null,
              "the row has " + r.size() + " values where the header has " + columns + " columns")
          .build();
    }
    String idColumn = firstMain("id");
    Value id = value(r, "id");
    if (id == null) {
      return b.problem("missing-value", column(idColumn), label(idColumn), "the deal id is empty")
          .build();
    }
    b.put("id", id.text, id.column, id.label());
    String stage = stage(r, b);
    if (stage == null) {
      return b.build();
    }
    b.put("stage", stage, 0, null);
    for (String field : DealRow.fields()) {
      if (!field.equals("id") && !field.equals("stage")) {
        Value v = value(r, field);
        if (v != null) {
          b.put(
              field, DATE_FIELDS.contains(field) ? dateText(v.text) : v.text, v.column, v.label());
        }
      }
    }
    Value step = value(r, "next_step");
    if (step != null) {
      b.addNextStep(step.text);
    }
    for (String field : mapping.columns().keySet()) {
      if (field.startsWith("custom.")) {
        Value v = value(r, field);
        if (v != null) {
          String custom = field.substring(7);
          b.putCustom(custom, mapping.customType(custom), v.text, v.column, v.label());
        }
      }
    }
    for (CsvMapping.History h : mapping.history()) {
      Value v = value(r, h.column(), h.column());
      if (v == null) {
        continue;
      }
      String s = h.stage();
      if (s.equals("outcome")) {
        if (!stage.equals(mapping.wonStage()) && !stage.equals(mapping.lostStage())) {
          continue;
        }
        s = stage;
      }
      b.addStageChange(s, dateText(v.text), v.column, v.label());
    }
    return b.build();
  }

  /** The playbook stage of the row; null, with a problem, if it has none. */
  private String stage(List<String> r, DealRow.Builder b) {
    if (matches(r, mapping.won())) {
      return mapping.wonStage();
    }
    if (matches(r, mapping.lost())) {
      return mapping.lostStage();
    }
    Value v = value(r, "stage");
    if (v == null) {
      String col = firstMain("stage");
      b.problem("missing-value", column(col), label(col), "the stage is empty");
      return null;
    }
    if (mapping.stages().isEmpty()) {
      return v.text.toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    }
    String s = mapping.stages().get(v.text);
    if (s == null) {
      for (Map.Entry<String, String> e : mapping.stages().entrySet()) {
        if (e.getKey().equalsIgnoreCase(v.text)) {
          return e.getValue();
        }
      }
      b.problem(
          "invalid-value",
          v.column,
          v.label(),
          "stage '"
              + v.text
              + "' is not one of the mapping's stages: "
              + String.join(", ", mapping.stages().keySet()));
      return null;
    }
    return s;
  }

  private boolean matches(List<String> r, CsvMapping.When w) {
    if (w == null) {
      return false;
    }
    Value v = value(r, w.column(), w.column());
    if (w.present()) {
      return v != null;
    }
    return w.values().contains(v == null ? "" : v.text.toLowerCase(Locale.ROOT));
  }

  private static final List<String> DATE_FIELDS =
      List.of("created_at", "mql_at", "sql_at", "assigned_at", "close_date");

  /**
   * A date value as core's reader takes it: milliseconds since 1970 and local date-times in the
   * mapping's time zone are turned into ISO instants, when the mapping has them.
   */
  private String dateText(String text) {
    if (!mapping.epochMillis() && mapping.zone().equals(java.time.ZoneOffset.UTC)) {
      return text;
    }
    java.time.Instant i = ChildTables.parseInstant(mapping, text);
    return i == null ? text : i.toString();
  }

  /** The first non-empty value among the field's columns; null when all are empty. */
  private Value value(List<String> r, String field) {
    List<String> candidates = mapping.columns().get(field);
    if (candidates == null) {
      return null;
    }
    for (String c : candidates) {
      Value v = value(r, c, c);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private Value value(List<String> r, String ref, String unused) {
    if (ref.startsWith(CsvMapping.CONSTANT)) {
      return new Value(ref.substring(CsvMapping.CONSTANT.length()), 0, "constant");
    }
    CsvMapping.Join j = join(ref);
    String text;
    int col;
    String colName;
    if (j != null) {
      Integer on;
      String key;
      CsvMapping.Join through = join(j.on());
      if (through != null && through != j) {
        // a join on a column of another join, such as an association table's other id
        Value k = value(r, j.on(), j.on());
        on = header.get(through.on());
        key = k == null ? "" : k.text;
      } else {
        on = header.get(j.on());
        key = on == null || on >= r.size() ? "" : r.get(on);
      }
      if (on == null || key.isEmpty()) {
        return null;
      }
      Map<String, String> row = tables.get(j.name()).get(joinKey(j, key));
      String sideColumn = ref.substring(j.name().length() + 1);
      if (row == null) {
        if (!j.optional() && warned.add(j.name() + "\u0000" + key)) {
          note(
              new Problem(
                  "join-unmatched",
                  name,
                  line,
                  on + 1,
                  "column '"
                      + j.on()
                      + "': '"
                      + key
                      + "' is not in "
                      + j.file()
                      + "; the row is kept without its "
                      + sideColumn));
        }
        return null;
      }
      text = row.get(sideColumn);
      if (text == null && warned.add("col\u0000" + ref)) {
        note(
            new Problem(
                "missing-column",
                j.file(),
                1,
                1,
                "the side table has no column '" + sideColumn + "'"));
      }
      col = on + 1;
      colName = j.on() + " -> " + ref;
    } else {
      Integer i = header.get(ref);
      if (i == null || i >= r.size()) {
        return null;
      }
      text = r.get(i);
      col = i + 1;
      colName = ref;
    }
    if (text == null || text.isBlank()) {
      return null;
    }
    text = text.trim();
    if (mapping.zeroIsMissing().contains(ref)) {
      try {
        if (new BigDecimal(text).signum() == 0) {
          return null;
        }
      } catch (NumberFormatException ignored) {
        // not a number: kept, and reported where a number is needed
      }
    }
    return new Value(text, col, colName);
  }

  private CsvMapping.Join join(String ref) {
    int dot = ref.indexOf('.');
    return dot > 0 ? mapping.joins().get(ref.substring(0, dot)) : null;
  }

  private String firstMain(String field) {
    List<String> c = mapping.columns().get(field);
    if (c == null) {
      return null;
    }
    return c.stream().filter(header::containsKey).findFirst().orElse(c.get(0));
  }

  private int column(String name) {
    Integer i = name == null ? null : header.get(name);
    return i == null ? 0 : i + 1;
  }

  private static String label(String column) {
    return column == null ? null : "column '" + column + "'";
  }

  private static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  static void closeQuietly(Closeable c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // reading is over; nothing was written
      }
    }
  }

  private String joinKey(CsvMapping.Join j, String key) {
    return j.loose()
        ? key.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "")
        : mapping.key(key);
  }

  private static String quoted(List<String> names) {
    return String.join(" or ", names.stream().map(n -> "'" + n + "'").toList());
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** A value read from a row, with where it came from. */
  private record Value(String text, int column, String columnName) {
    String label() {
      return "column '" + columnName + "'";
    }
  }
}
