package dev.playbook.insights;

import dev.playbook.DealRow;
import dev.playbook.Documents;
import dev.playbook.problem.Problem;
import dev.playbook.result.DealRecord;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
 * by core's {@link DealRow}. Problems with the file as a whole (a missing column, a side table
 * that cannot be read) and notes on rows that are kept (a join key not in its side table) go to
 * {@code notes}; they are no rows.
 */
final class CsvRows implements Iterator<DealRecord>, Closeable {

  private final Path path;
  private final String name;
  private final CsvMapping mapping;
  private final Consumer<Problem> notes;
  private CSVParser parser;
  private Iterator<CSVRecord> records;
  private final Map<String, Integer> header = new HashMap<>();
  private final Map<String, Map<String, Map<String, String>>> tables = new HashMap<>();
  private final Set<String> warned = new HashSet<>();
  private final Set<String> ids = new HashSet<>();
  private long lastLineNumber;
  private int line;
  private DealRecord next;

  CsvRows(Path path, CsvMapping mapping, Consumer<Problem> notes) {
    this.path = path;
    this.name = path.toString();
    this.mapping = mapping;
    this.notes = notes;
    BufferedReader in = reader(path, name);
    if (in == null) {
      return;
    }
    try {
      parser = CSVParser.builder().setReader(in).setFormat(CSVFormat.DEFAULT.builder()
          .setDelimiter(mapping.delimiter()).setHeader().setSkipHeaderRecord(true)
          .setAllowMissingColumnNames(true).setTrim(true).get()).get();
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      note(new Problem("csv-syntax", name, 1, 1, "the header line could not be read: " + e.getMessage()));
      closeQuietly(in);
      return;
    }
    List<String> names = parser.getHeaderNames();
    for (int i = 0; i < names.size(); i++) {
      String h = i == 0 && names.get(i).startsWith("\uFEFF") ? names.get(i).substring(1) : names.get(i);
      header.putIfAbsent(h, i);
    }
    lastLineNumber = parser.getCurrentLineNumber();
    if (!checkColumns() || !loadJoins()) {
      close();
      return;
    }
    records = parser.iterator();
  }

  @Override
  public boolean hasNext() {
    if (next == null && records != null) {
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
    closeQuietly(parser);
    parser = null;
    records = null;
  }

  private void note(Problem p) {
    notes.accept(p);
  }

  private DealRecord read() {
    CSVRecord r;
    try {
      if (!records.hasNext()) {
        close();
        return null;
      }
      r = records.next();
    } catch (UncheckedIOException | IllegalStateException e) {
      note(new Problem("csv-syntax", name, (int) lastLineNumber + 1, 1,
          "the file could not be read on from here: " + rootMessage(e)));
      close();
      return null;
    }
    line = (int) lastLineNumber + 1;
    lastLineNumber = parser.getCurrentLineNumber();
    DealRecord record = map(r);
    if (record.ok() && !ids.add(record.deal().orElseThrow().id())) {
      String idColumn = firstMain("id");
      return DealRow.builder(name, line)
          .problem("duplicate-id", column(idColumn), label(idColumn), "deal id '"
              + record.deal().orElseThrow().id() + "' appears twice in this file")
          .build();
    }
    return record;
  }

  /** Required columns are fatal, optional ones a warning. */
  private boolean checkColumns() {
    boolean ok = true;
    for (Map.Entry<String, List<String>> e : mapping.columns().entrySet()) {
      List<String> main = e.getValue().stream().filter(c -> join(c) == null).toList();
      if (main.isEmpty() || main.stream().anyMatch(header::containsKey)) {
        continue;
      }
      boolean required = e.getKey().equals("id")
          || (e.getKey().equals("stage") && (mapping.won() == null || mapping.lost() == null));
      note(new Problem("missing-column", name, 1, 1, "the header has no column " + quoted(main) + " for "
          + e.getKey() + (required ? "; no row can be read" : "; the field is left empty")
          + Documents.didYouMean(main.get(0), header.keySet())));
      ok &= !required;
    }
    for (CsvMapping.When w : Arrays.asList(mapping.won(), mapping.lost())) {
      if (w != null && join(w.column()) == null && !header.containsKey(w.column())) {
        note(new Problem("missing-column", name, 1, 1, "the header has no column '" + w.column()
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
      String fname = path.getParent() == null ? j.file() : path.getParent().resolve(j.file()).toString();
      if (!header.containsKey(j.on())) {
        note(new Problem("missing-column", name, 1, 1, "the header has no column '" + j.on()
            + "' to join " + j.file() + " on"));
        return false;
      }
      Map<String, Map<String, String>> table = new HashMap<>();
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
          CSVParser p = CSVParser.builder().setReader(in).setFormat(CSVFormat.DEFAULT.builder()
              .setDelimiter(mapping.delimiter()).setHeader().setSkipHeaderRecord(true).setTrim(true).get())
              .get()) {
        if (!p.getHeaderNames().contains(j.key())) {
          note(new Problem("missing-column", fname, 1, 1, "the header has no column '" + j.key()
              + "' to join on" + Documents.didYouMean(j.key(), p.getHeaderNames())));
          return false;
        }
        for (CSVRecord r : p) {
          Map<String, String> row = new HashMap<>(r.toMap());
          table.putIfAbsent(joinKey(j, r.get(j.key())), row);
        }
      } catch (IOException | UncheckedIOException e) {
        note(new Problem("file-unreadable", fname, 0, 0, "the side table could not be read: "
            + (e instanceof IOException io ? describe(io) : e.getMessage())));
        return false;
      }
      tables.put(j.name(), table);
    }
    return true;
  }

  private DealRecord map(CSVRecord r) {
    DealRow.Builder b = DealRow.builder(name, line).dateFormats(mapping.dateFormats(), "the mapping's");
    if (!r.isConsistent()) {
      return b.problem("wrong-column-count", r.size() + 1, null, "the row has " + r.size()
          + " values where the header has " + header.size() + " columns").build();
    }
    String idColumn = firstMain("id");
    Value id = value(r, "id");
    if (id == null) {
      return b.problem("missing-value", column(idColumn), label(idColumn), "the deal id is empty").build();
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
          b.put(field, v.text, v.column, v.label());
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
      b.addStageChange(s, v.text, v.column, v.label());
    }
    return b.build();
  }

  /** The playbook stage of the row; null, with a problem, if it has none. */
  private String stage(CSVRecord r, DealRow.Builder b) {
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
      b.problem("invalid-value", v.column, v.label(), "stage '" + v.text
          + "' is not one of the mapping's stages: " + String.join(", ", mapping.stages().keySet()));
      return null;
    }
    return s;
  }

  private boolean matches(CSVRecord r, CsvMapping.When w) {
    if (w == null) {
      return false;
    }
    Value v = value(r, w.column(), w.column());
    return v != null && w.values().contains(v.text.toLowerCase(Locale.ROOT));
  }

  /** The first non-empty value among the field's columns; null when all are empty. */
  private Value value(CSVRecord r, String field) {
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

  private Value value(CSVRecord r, String ref, String unused) {
    CsvMapping.Join j = join(ref);
    String text;
    int col;
    String colName;
    if (j != null) {
      Integer on = header.get(j.on());
      String key = on == null || on >= r.size() ? "" : r.get(on);
      if (key.isEmpty()) {
        return null;
      }
      Map<String, String> row = tables.get(j.name()).get(joinKey(j, key));
      String sideColumn = ref.substring(j.name().length() + 1);
      if (row == null) {
        if (warned.add(j.name() + "\u0000" + key)) {
          note(new Problem("join-unmatched", name, line, on + 1, "column '" + j.on() + "': '" + key
              + "' is not in " + j.file() + "; the row is kept without its " + sideColumn));
        }
        return null;
      }
      text = row.get(sideColumn);
      if (text == null && warned.add("col\u0000" + ref)) {
        note(new Problem("missing-column", j.file(), 1, 1, "the side table has no column '" + sideColumn + "'"));
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

  private BufferedReader reader(Path path, String name) {
    try {
      var decoder = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
      return new BufferedReader(new InputStreamReader(Files.newInputStream(path), decoder), 1 << 16);
    } catch (IOException e) {
      note(new Problem("file-unreadable", name, 0, 0, "cannot read file: " + describe(e)));
      return null;
    }
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

  private static String joinKey(CsvMapping.Join j, String key) {
    return j.loose() ? key.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "") : key;
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
