package dev.playbook.insights;

import static java.util.Objects.requireNonNull;

import dev.playbook.problem.Problem;
import dev.playbook.internal.facts.DealMapper;
import dev.playbook.internal.tree.Node;
import dev.playbook.internal.tree.Problems;
import dev.playbook.internal.tree.TreeReader;
import dev.playbook.model.Activity;
import dev.playbook.model.ActivityType;
import dev.playbook.model.CustomValue;
import dev.playbook.model.Deal;
import dev.playbook.Deals;
import dev.playbook.model.ForecastCategory;
import dev.playbook.model.NextStep;
import dev.playbook.model.StageChange;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Deals read one at a time from files: JSON, YAML and JSON Lines by the deal schema
 * ({@code docs/deal-facts.md}), and CSV through a {@link CsvMapping}. JSON Lines and CSV are
 * streamed, so a book of any size is read with bounded memory.
 *
 * <p>A row or deal with a problem is left out and reported: {@link #problems()} lists each one as a
 * {@link Problem} with file, line and (for CSV) the column's position, its name quoted at the start
 * of the message; {@link #badRows()} counts them. Reading goes on with the good rows. A file that
 * cannot be read at all (no such file, a required column missing) is one problem and no rows.
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
  private FileReader current;
  private Deal next;
  private String lastFile = "(input)";
  private int lastLine;

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

  /** Reads a deal file; {@code mapping} maps the columns of a .csv file and may be null otherwise. */
  public static DealSource open(Path file, CsvMapping mapping) {
    return open(List.of(file), mapping);
  }

  /** Reads several deal files one after the other, as one book. */
  public static DealSource open(List<Path> files, CsvMapping mapping) {
    requireNonNull(files, "files");
    files.forEach(f -> requireNonNull(f, "file"));
    return new DealSource(files, mapping, null);
  }

  /** Wraps deals already in memory or generated: each one is a row, none is bad. */
  public static DealSource of(Iterator<Deal> deals) {
    requireNonNull(deals, "deals");
    return new DealSource(List.of(), null, deals);
  }

  @Override
  public boolean hasNext() {
    while (next == null) {
      if (plain != null) {
        if (!plain.hasNext()) {
          return false;
        }
        next = requireNonNull(plain.next(), "deal");
        rows++;
        lastLine = 0;
        break;
      }
      if (current == null) {
        Path path = pending.poll();
        if (path == null) {
          return false;
        }
        current = openFile(path);
        continue;
      }
      Deal d = current.next();
      if (d == null) {
        current.close();
        current = null;
        continue;
      }
      next = d;
      lastFile = current.name;
      lastLine = current.line;
    }
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

  /** Rows (CSV records, JSON Lines lines, deals in a JSON or YAML file) read so far, good or bad. */
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
        String name = p.toString().toLowerCase(Locale.ROOT);
        if (!(name.endsWith(".csv") || name.endsWith(".jsonl") || name.endsWith(".ndjson"))) {
          return -1;
        }
        try (var lines = Files.lines(p, StandardCharsets.ISO_8859_1)) {
          n += lines.filter(l -> !l.isBlank()).count() - (name.endsWith(".csv") ? 1 : 0);
        } catch (IOException | UncheckedIOException e) {
          return -1;
        }
      }
      expected = n;
    }
    return expected;
  }

  @Override
  public void close() {
    if (current != null) {
      current.close();
      current = null;
    }
    pending.clear();
  }

  /** The file and line of the deal last handed out (line 0 when not known). */
  String lastFile() {
    return lastFile;
  }

  int lastLine() {
    return lastLine;
  }

  /** Takes back the deal last handed out as bad: it counts as a bad row with this problem. */
  void reject(Problem problem) {
    deals--;
    badRows++;
    report(problem);
  }

  private void report(Problem p) {
    problemCount++;
    if (problems.size() < MAX_PROBLEMS_KEPT) {
      problems.add(p);
    }
  }

  private FileReader openFile(Path path) {
    String name = path.toString();
    files.add(name);
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".csv")) {
      if (mapping == null) {
        report(new Problem("missing-mapping", name, 0, 0,
            "a CSV file needs a mapping that says which column holds which deal field (--mapping)"));
        return FileReader.EMPTY;
      }
      return new CsvReader(path, name);
    }
    if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
      return new JsonLinesReader(path, name);
    }
    return new DocumentReader(path, name);
  }

  /** One open file; {@link #next()} gives null at its end. */
  private abstract static class FileReader {
    static final FileReader EMPTY = new FileReader(null) {
      @Override
      Deal next() {
        return null;
      }
    };

    final String name;
    int line;

    FileReader(String name) {
      this.name = name;
    }

    abstract Deal next();

    void close() {}
  }

  /** A JSON or YAML file: read whole (use JSON Lines for big exports), bad deals left out. */
  private final class DocumentReader extends FileReader {
    private final Iterator<Deal> deals;

    DocumentReader(Path path, String name) {
      super(name);
      Problems p = new Problems();
      String lower = name.toLowerCase(Locale.ROOT);
      List<Deal> out = new ArrayList<>();
      if (!(lower.endsWith(".json") || lower.endsWith(".yaml") || lower.endsWith(".yml"))) {
        try {
          Deals.parse(name, "");
        } catch (dev.playbook.problem.ProblemException e) {
          e.problems().forEach(DealSource.this::report);
        }
      } else {
        String text = TreeReader.readFile(path, name, Deals.MAX_FILE_BYTES, p);
        Node root = text == null ? null
            : lower.endsWith(".json") ? TreeReader.readJson(name, text, p) : TreeReader.readYaml(name, text, p);
        if (root != null) {
          long items = root instanceof Node.ListNode l ? l.items().size()
              : root instanceof Node.MapNode ? 1 : 0;
          new DealMapper(p).document(root, out::add);
          rows += items;
          badRows += items - out.size();
        }
        p.list().forEach(DealSource.this::report);
      }
      this.deals = out.iterator();
    }

    @Override
    Deal next() {
      return deals.hasNext() ? deals.next() : null;
    }
  }

  /** JSON Lines, one line at a time; a bad line is reported with its own line number. */
  private final class JsonLinesReader extends FileReader {
    private BufferedReader in;
    private final Set<String> ids = new HashSet<>();

    JsonLinesReader(Path path, String name) {
      super(name);
      in = reader(path, name);
    }

    @Override
    Deal next() {
      while (in != null) {
        String text;
        try {
          text = in.readLine();
        } catch (IOException e) {
          report(new Problem(e instanceof CharacterCodingException ? "invalid-encoding" : "file-unreadable",
              name, line + 1, 1, "the file could not be read on from here: " + e.getMessage()));
          close();
          return null;
        }
        if (text == null) {
          close();
          return null;
        }
        line++;
        if (line == 1 && text.startsWith("\uFEFF")) {
          text = text.substring(1);
        }
        if (text.isBlank()) {
          continue;
        }
        rows++;
        Problems p = new Problems();
        Node node = TreeReader.readJson(name, text, p);
        List<Deal> out = new ArrayList<>(1);
        if (node != null) {
          new DealMapper(p).line(node, out::add);
        }
        if (out.size() == 1 && !ids.add(out.get(0).id())) {
          p.add(new Problem("duplicate-id", name, line, 1, "deal id '" + out.get(0).id()
              + "' appears twice in this file"));
          out.clear();
        }
        for (Problem q : p.list()) {
          report(new Problem(q.code(), name, q.line() == 0 ? 0 : line, q.column(), q.message()));
        }
        if (out.size() == 1) {
          return out.get(0);
        }
        badRows++;
      }
      return null;
    }

    @Override
    void close() {
      closeQuietly(in);
      in = null;
    }
  }

  private BufferedReader reader(Path path, String name) {
    try {
      var decoder = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
      return new BufferedReader(new InputStreamReader(Files.newInputStream(path), decoder), 1 << 16);
    } catch (IOException e) {
      report(new Problem("file-unreadable", name, 0, 0, "the file could not be read: " + describe(e)));
      return null;
    }
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "there is no such file";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static void closeQuietly(Closeable c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // reading is over; nothing was written
      }
    }
  }

  /** A CSV file mapped to deals by a {@link CsvMapping}. */
  private final class CsvReader extends FileReader {
    private final Path path;
    private CSVParser parser;
    private Iterator<CSVRecord> records;
    private final Map<String, Integer> header = new HashMap<>();
    private final Map<String, Map<String, Map<String, String>>> tables = new HashMap<>();
    private final Set<String> ids = new HashSet<>();
    private final Set<String> warned = new HashSet<>();
    private long lastLineNumber;

    CsvReader(Path path, String name) {
      super(name);
      this.path = path;
      BufferedReader in = reader(path, name);
      if (in == null) {
        return;
      }
      try {
        parser = CSVParser.builder().setReader(in).setFormat(CSVFormat.DEFAULT.builder()
            .setDelimiter(mapping.delimiter()).setHeader().setSkipHeaderRecord(true)
            .setAllowMissingColumnNames(true).setTrim(true).get()).get();
      } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
        report(new Problem("csv-syntax", name, 1, 1, "the header line could not be read: " + e.getMessage()));
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
        report(new Problem("missing-column", name, 1, 1, "the header has no column " + quoted(main) + " for "
            + e.getKey() + (required ? "; no row can be read" : "; the field is left empty")
            + dev.playbook.internal.tree.DidYouMean.hint(main.get(0), header.keySet())));
        ok &= !required;
      }
      for (CsvMapping.When w : java.util.Arrays.asList(mapping.won(), mapping.lost())) {
        if (w != null && join(w.column()) == null && !header.containsKey(w.column())) {
          report(new Problem("missing-column", name, 1, 1, "the header has no column '" + w.column()
              + "', which says whether a deal is won or lost; no row can be read"
              + dev.playbook.internal.tree.DidYouMean.hint(w.column(), header.keySet())));
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
          report(new Problem("missing-column", name, 1, 1, "the header has no column '" + j.on()
              + "' to join " + j.file() + " on"));
          return false;
        }
        Map<String, Map<String, String>> table = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            CSVParser p = CSVParser.builder().setReader(in).setFormat(CSVFormat.DEFAULT.builder()
                .setDelimiter(mapping.delimiter()).setHeader().setSkipHeaderRecord(true).setTrim(true).get())
                .get()) {
          if (!p.getHeaderNames().contains(j.key())) {
            report(new Problem("missing-column", fname, 1, 1, "the header has no column '" + j.key()
                + "' to join on" + dev.playbook.internal.tree.DidYouMean.hint(j.key(), p.getHeaderNames())));
            return false;
          }
          for (CSVRecord r : p) {
            Map<String, String> row = new HashMap<>(r.toMap());
            table.putIfAbsent(joinKey(j, r.get(j.key())), row);
          }
        } catch (IOException | UncheckedIOException e) {
          report(new Problem("file-unreadable", fname, 0, 0, "the side table could not be read: "
              + (e instanceof IOException io ? describe(io) : e.getMessage())));
          return false;
        }
        tables.put(j.name(), table);
      }
      return true;
    }

    @Override
    Deal next() {
      while (records != null) {
        CSVRecord r;
        try {
          if (!records.hasNext()) {
            close();
            return null;
          }
          r = records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
          report(new Problem("csv-syntax", name, (int) lastLineNumber + 1, 1,
              "the file could not be read on from here: " + rootMessage(e)));
          close();
          return null;
        }
        line = (int) lastLineNumber + 1;
        lastLineNumber = parser.getCurrentLineNumber();
        rows++;
        RowProblem problem = null;
        Deal deal = null;
        try {
          deal = map(r);
        } catch (RowProblem p) {
          problem = p;
        }
        if (deal != null && !ids.add(deal.id())) {
          problem = new RowProblem("duplicate-id", column(firstMain("id")), firstMain("id"),
              "deal id '" + deal.id() + "' appears twice in this file");
        }
        if (problem == null) {
          return deal;
        }
        badRows++;
        report(new Problem(problem.code, name, line, Math.max(problem.column, 1),
            (problem.columnName == null ? "" : "column '" + problem.columnName + "': ") + problem.getMessage()));
      }
      return null;
    }

    private Deal map(CSVRecord r) {
      if (!r.isConsistent()) {
        throw new RowProblem("wrong-column-count", r.size() + 1, null, "the row has " + r.size()
            + " values where the header has " + header.size() + " columns");
      }
      Value idv = value(r, "id");
      if (idv == null) {
        throw new RowProblem("missing-value", column(firstMain("id")), firstMain("id"), "the deal id is empty");
      }
      String stage = stage(r);
      Deal.Builder b = Deal.builder(idv.text, stage);
      b.name(text(r, "name"));
      b.account(text(r, "account"));
      b.owner(text(r, "owner"));
      b.team(text(r, "team"));
      b.segment(text(r, "segment"));
      b.currency(upper(text(r, "currency")));
      b.leadSource(text(r, "lead_source"));
      b.amount(number(r, "amount"));
      b.probability(number(r, "probability"));
      b.createdAt(instant(r, "created_at"));
      b.mqlAt(instant(r, "mql_at"));
      b.sqlAt(instant(r, "sql_at"));
      b.assignedAt(instant(r, "assigned_at"));
      Value cd = value(r, "close_date");
      if (cd != null) {
        b.closeDate(LocalDate.ofInstant(date(cd), ZoneOffset.UTC));
      }
      Value fc = value(r, "forecast_category");
      if (fc != null) {
        String id = fc.text.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        try {
          b.forecastCategory(ForecastCategory.valueOf(id));
        } catch (IllegalArgumentException e) {
          throw fc.problem("invalid-value", "'" + fc.text + "' is not a forecast category; the categories are:"
              + " Pipeline, Best Case, Commit, Closed, Omitted");
        }
      }
      Instant last = instant(r, "last_activity_at");
      if (last != null) {
        b.addActivity(Activity.builder("last-activity", ActivityType.NOTE, last).build());
      }
      String step = text(r, "next_step");
      if (step != null) {
        b.addNextStep(NextStep.open(step, null));
      }
      for (String field : mapping.columns().keySet()) {
        if (field.startsWith("custom.")) {
          Value v = value(r, field);
          if (v != null) {
            b.putCustom(field.substring(7), custom(v, mapping.customType(field.substring(7))));
          }
        }
      }
      List<StageChange> history = new ArrayList<>();
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
        history.add(new StageChange(s, date(v)));
      }
      history.sort(Comparator.comparing(StageChange::enteredAt));
      b.stageHistory(history);
      try {
        return b.build();
      } catch (IllegalArgumentException e) {
        throw new RowProblem("invalid-value", 0, null, e.getMessage());
      }
    }

    private String stage(CSVRecord r) {
      if (matches(r, mapping.won())) {
        return mapping.wonStage();
      }
      if (matches(r, mapping.lost())) {
        return mapping.lostStage();
      }
      Value v = value(r, "stage");
      if (v == null) {
        String col = firstMain("stage");
        throw new RowProblem("missing-value", column(col), col, "the stage is empty");
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
        throw v.problem("invalid-value", "stage '" + v.text + "' is not one of the mapping's stages: "
            + String.join(", ", mapping.stages().keySet()));
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

    private String text(CSVRecord r, String field) {
      Value v = value(r, field);
      return v == null ? null : v.text;
    }

    private BigDecimal number(CSVRecord r, String field) {
      Value v = value(r, field);
      return v == null ? null : v.number();
    }

    private Instant instant(CSVRecord r, String field) {
      Value v = value(r, field);
      return v == null ? null : date(v);
    }

    private CustomValue custom(Value v, String type) {
      return switch (type) {
        case "number" -> CustomValue.of(v.number());
        case "date" -> CustomValue.of(LocalDate.ofInstant(date(v), ZoneOffset.UTC));
        case "boolean" -> {
          String t = v.text.toLowerCase(Locale.ROOT);
          if (!t.equals("true") && !t.equals("false") && !t.equals("1") && !t.equals("0")) {
            throw v.problem("invalid-value", "'" + v.text + "' is not true or false");
          }
          yield CustomValue.of(t.equals("true") || t.equals("1"));
        }
        default -> CustomValue.of(v.text);
      };
    }

    private Instant date(Value v) {
      Instant i = parseDate(v.text, mapping.dateFormats());
      if (i == null) {
        throw v.problem("invalid-value", "'" + v.text + "' is not a date"
            + (mapping.dateFormats().isEmpty() ? " (YYYY-MM-DD)" : " in the mapping's date formats"));
      }
      return i;
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
            report(new Problem("join-unmatched", name, line, on + 1, "column '" + j.on() + "': '" + key
                + "' is not in " + j.file() + "; the row is kept without its " + sideColumn));
          }
          return null;
        }
        text = row.get(sideColumn);
        if (text == null && warned.add("col\u0000" + ref)) {
          report(new Problem("missing-column", j.file(), 1, 1, "the side table has no column '" + sideColumn + "'"));
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

    @Override
    void close() {
      closeQuietly(parser);
      parser = null;
      records = null;
    }
  }

  private static String joinKey(CsvMapping.Join j, String key) {
    return j.loose() ? key.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "") : key;
  }

  private static String upper(String s) {
    return s == null ? null : s.toUpperCase(Locale.ROOT);
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

  /**
   * Parses a date or date-time: ISO 8601 with Z or an offset, an ISO date (start of day, UTC), or
   * one of {@code formats}; a date-time without offset is read in UTC. Null if none fits.
   */
  static Instant parseDate(String text, List<DateTimeFormatter> formats) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    for (DateTimeFormatter f : formats) {
      try {
        TemporalAccessor t = f.parseBest(text, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
        if (t instanceof OffsetDateTime o) {
          return o.toInstant();
        }
        if (t instanceof LocalDateTime l) {
          return l.toInstant(ZoneOffset.UTC);
        }
        return ((LocalDate) t).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException ignored) {
        // try the next format
      }
    }
    return null;
  }

  /** A value read from a row, with where it came from. */
  private static final class Value {
    final String text;
    final int column;
    final String columnName;

    Value(String text, int column, String columnName) {
      this.text = text;
      this.column = column;
      this.columnName = columnName;
    }

    BigDecimal number() {
      try {
        return new BigDecimal(text.replace(",", ""));
      } catch (NumberFormatException e) {
        throw problem("invalid-value", "'" + text + "' is not a number");
      }
    }

    RowProblem problem(String code, String message) {
      return new RowProblem(code, column, columnName, message);
    }
  }

  /** Why a row was left out; thrown inside the CSV reader only. */
  private static final class RowProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String code;
    final int column;
    final String columnName;

    RowProblem(String code, int column, String columnName, String message) {
      super(message, null, false, false);
      this.code = code;
      this.column = column;
      this.columnName = columnName;
    }
  }
}
