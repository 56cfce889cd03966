package dev.playbook.insights;

import static java.util.Objects.requireNonNull;

import dev.playbook.DealRow;
import dev.playbook.Documents;
import dev.playbook.doc.Node;
import dev.playbook.doc.Node.Pos;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the columns of a CSV export become deal facts: which column holds which field, how dates are
 * written, which stage names mean which playbook stage, how won and lost deals are recognised, and
 * side tables to join (such as accounts for the sector). Immutable.
 *
 * <pre>{@code
 * CsvMapping mapping = CsvMapping.builtIn("maven-crm");           // or CsvMapping.load(path)
 * try (DealSource deals = DealSource.open(Path.of("sales_pipeline.csv"), mapping)) { ... }
 * }</pre>
 *
 * <p>The format is described in {@code docs/insights.md}. Loading reports every problem at once as
 * a {@link ProblemException}, with the file, line and column in the mapping file.
 */
public final class CsvMapping {

  /**
   * What a column can fill besides {@code custom.<name>}: the deal fields that hold one value
   * ({@link DealRow#fields()}), and {@code next_step}, which becomes one open next step.
   */
  static final List<String> FIELDS = fields();

  private static List<String> fields() {
    List<String> fields = new ArrayList<>(DealRow.fields());
    fields.add("next_step");
    return List.copyOf(fields);
  }

  private static final List<String> TOP_KEYS =
      List.of(
          "mapping",
          "description",
          "delimiter",
          "date_formats",
          "zero_is_missing",
          "columns",
          "custom_types",
          "stages",
          "outcome",
          "stage_history",
          "joins",
          "file",
          "keys",
          "skip",
          "time_zone",
          "children");
  private static final List<String> OUTCOME_KEYS =
      List.of("won", "lost", "won_stage", "lost_stage");
  private static final List<String> WHEN_KEYS = List.of("column", "values", "present");
  private static final List<String> HISTORY_KEYS = List.of("stage", "column");
  private static final List<String> JOIN_KEYS = List.of("file", "on", "key", "match", "optional");
  private static final List<String> CHILD_KEYS =
      List.of("fills", "file", "parent", "skip", "only", "joins", "columns");
  private static final List<String> SOURCE_KEYS =
      List.of("column", "values", "prefixes", "value", "split");

  /** What a child table can fill, and the fields of each; the first field of each is required. */
  static final Map<String, List<String>> CHILD_FIELDS = childFields();

  private static Map<String, List<String>> childFields() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put(
        "contacts",
        List.of(
            "id",
            "name",
            "title",
            "roles",
            "primary",
            "power",
            "response_mode",
            "last_engaged_at"));
    m.put(
        "activities",
        List.of(
            "id",
            "type",
            "occurred_at",
            "direction",
            "contact",
            "outcome",
            "duration_minutes",
            "duration_seconds",
            "duration_millis",
            "subject",
            "body"));
    m.put("next_steps", List.of("title", "due", "owner", "status", "buyer_commitment"));
    m.put("stage_history", List.of("stage", "entered_at"));
    m.put("close_date_changes", List.of("to", "changed_at", "from"));
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The fields of each child table that must be mapped. */
  private static final Map<String, List<String>> CHILD_REQUIRED =
      Map.of(
          "contacts", List.of("id"),
          "activities", List.of("id", "type", "occurred_at"),
          "next_steps", List.of("title"),
          "stage_history", List.of("stage", "entered_at"),
          "close_date_changes", List.of("to", "changed_at"));

  /** The choices a value map of a child field must map to. */
  static final Map<String, List<String>> CHILD_CHOICES =
      Map.of(
          "roles", ids(dev.playbook.model.BuyingRole.values()),
          "power", ids(dev.playbook.model.Power.values()),
          "response_mode", ids(dev.playbook.model.ResponseMode.values()),
          "type", ids(dev.playbook.model.ActivityType.values()),
          "direction", ids(dev.playbook.model.Direction.values()),
          "outcome", ids(dev.playbook.model.Outcome.values()),
          "status", List.of("open", "done"),
          "primary", List.of("true", "false"),
          "buyer_commitment", List.of("true", "false"));

  private static List<String> ids(Enum<?>[] values) {
    List<String> out = new ArrayList<>();
    for (Enum<?> v : values) {
      out.add(v.name().toLowerCase(Locale.ROOT));
    }
    return List.copyOf(out);
  }

  private static final List<String> TYPES = List.of("text", "number", "date", "boolean");
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");
  private static final Pattern CUSTOM = Pattern.compile("custom\\.[a-z][a-z0-9_]*");

  /**
   * A value test on one column: the row matches when the column holds one of the values (compared
   * ignoring case; an empty text is written {@code ""}), or, with {@code present}, any text.
   */
  record When(String column, Set<String> values, boolean present) {}

  /** Marks a column candidate that is a constant ({@code {value: BRL}}), not a column name. */
  static final String CONSTANT = "\u0000=";

  /** A stage-history entry made from a date column; stage {@code outcome} means won/lost stage. */
  record History(String stage, String column) {}

  /**
   * A side table joined on {@code on} (a column of the main file) = {@code key} (its column); an
   * {@code optional} join reports no key it does not find.
   */
  record Join(String name, String file, String on, String key, boolean loose, boolean optional) {}

  /**
   * Where one field of a child row comes from: a column ({@code join.column} for a joined table),
   * or a constant {@code value}. {@code values} maps a column's texts to the field's words (a text
   * not in it is a bad row); {@code prefixes} maps how the text starts (no match: no value); {@code
   * split} cuts one text into several values, such as {@code ;}.
   */
  record Source(
      String column,
      String constant,
      Map<String, String> values,
      Map<String, String> prefixes,
      String split,
      int line,
      int col) {}

  /**
   * A table of rows that each belong to one deal: {@code parent} is its column that holds the
   * deal's id; {@code skip} rows are counted and left out, as are rows that do not match {@code
   * only}.
   */
  record Child(
      String name,
      String fills,
      String file,
      String parent,
      List<When> skip,
      List<When> only,
      Map<String, Join> joins,
      Map<String, List<Source>> fields) {}

  private final String name;
  private final String source;
  private final char delimiter;
  private final List<DateTimeFormatter> dateFormats;
  private final Set<String> zeroIsMissing;
  private final Map<String, List<String>> columns;
  private final Map<String, String> customTypes;
  private final Map<String, String> stages;
  private final When won;
  private final When lost;
  private final String wonStage;
  private final String lostStage;
  private final List<History> history;
  private final Map<String, Join> joins;
  private final String file;
  private final boolean salesforceIds;
  private final List<When> skip;
  private final java.time.ZoneId zone;
  private final boolean epochMillis;
  private final Map<String, Child> children;

  private CsvMapping(Builder b) {
    this.file = b.file;
    this.salesforceIds = b.salesforceIds;
    this.skip = List.copyOf(b.skip);
    this.zone = b.zone;
    this.epochMillis = b.epochMillis;
    this.children = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.children));
    this.name = b.name;
    this.source = b.source;
    this.delimiter = b.delimiter;
    this.dateFormats = List.copyOf(b.dateFormats);
    this.zeroIsMissing = Set.copyOf(b.zeroIsMissing);
    this.columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.columns));
    this.customTypes = Map.copyOf(b.customTypes);
    this.stages = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.stages));
    this.won = b.won;
    this.lost = b.lost;
    this.wonStage = b.wonStage;
    this.lostStage = b.lostStage;
    this.history = List.copyOf(b.history);
    this.joins = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.joins));
  }

  /**
   * Reads a mapping file.
   *
   * @throws ProblemException with every problem found, each with file, line and column
   */
  public static CsvMapping load(Path file) {
    requireNonNull(file, "file");
    return parse(file.toString(), Documents.readFile(file, 1024 * 1024));
  }

  /**
   * Loads a mapping that comes with this library: {@code maven-crm} (the Maven Analytics "CRM Sales
   * Opportunities" data) or {@code salesforce-opportunity} (a Salesforce Opportunity report export
   * with the standard field names).
   *
   * @throws ProblemException if there is no such mapping
   */
  public static CsvMapping builtIn(String name) {
    requireNonNull(name, "name");
    String resource = "mappings/" + name + ".mapping.yaml";
    try (InputStream in = CsvMapping.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null || !NAME.matcher(name).matches()) {
        throw new ProblemException(
            List.of(
                new Problem(
                    "unknown-mapping",
                    name,
                    0,
                    0,
                    "there is no built-in mapping '"
                        + name
                        + "'"
                        + Documents.didYouMean(name, builtInNames())
                        + "; the built-in mappings are: "
                        + String.join(", ", builtInNames()))));
      }
      return parse(name + ".mapping.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The names of the built-in mappings. */
  public static List<String> builtInNames() {
    return List.of("hubspot", "maven-crm", "salesforce", "salesforce-opportunity");
  }

  /**
   * Reads a mapping from the text of a YAML file; {@code fileName} names the file in problems.
   *
   * @throws ProblemException with every problem found, each with file, line and column
   */
  public static CsvMapping parse(String fileName, String yaml) {
    requireNonNull(fileName, "fileName");
    requireNonNull(yaml, "yaml");
    Node root = Documents.readYaml(fileName, yaml);
    Problems problems = new Problems();
    Builder b = new Builder(fileName, problems);
    b.read(root);
    problems.throwIfAny();
    return new CsvMapping(b);
  }

  /** The mapping's name, such as {@code maven-crm}. */
  public String name() {
    return name;
  }

  /** The file the mapping was read from, as named when loading. */
  public String source() {
    return source;
  }

  char delimiter() {
    return delimiter;
  }

  List<DateTimeFormatter> dateFormats() {
    return dateFormats;
  }

  Set<String> zeroIsMissing() {
    return zeroIsMissing;
  }

  /** Deal field (or {@code custom.<name>}) to candidate columns, the first non-empty one wins. */
  Map<String, List<String>> columns() {
    return columns;
  }

  String customType(String customName) {
    return customTypes.getOrDefault(customName, "text");
  }

  Map<String, String> stages() {
    return stages;
  }

  When won() {
    return won;
  }

  When lost() {
    return lost;
  }

  String wonStage() {
    return wonStage;
  }

  String lostStage() {
    return lostStage;
  }

  List<History> history() {
    return history;
  }

  Map<String, Join> joins() {
    return joins;
  }

  /** The deal table's file in an export folder, or null when the mapping reads one file. */
  public String file() {
    return file;
  }

  /** Whether keys are Salesforce ids, whose 15- and 18-character forms name the same record. */
  boolean salesforceIds() {
    return salesforceIds;
  }

  /** Deal rows left out and counted, such as deleted records. */
  List<When> skip() {
    return skip;
  }

  /** The time zone of date-times written without an offset. */
  java.time.ZoneId zone() {
    return zone;
  }

  /**
   * Whether a date may be written as milliseconds since 1970 (date format {@code epoch-millis}).
   */
  boolean epochMillis() {
    return epochMillis;
  }

  /** The child tables by name, in file order. */
  Map<String, Child> children() {
    return children;
  }

  /** A key as compared: a Salesforce id cut to its 15 case-sensitive characters. */
  String key(String text) {
    if (salesforceIds && text.length() == 18) {
      return text.substring(0, 15);
    }
    return text;
  }

  @Override
  public String toString() {
    return "CsvMapping[" + name + "]";
  }

  /** Reads the tree, collecting problems. */
  private static final class Builder {
    final String source;
    final Problems problems;
    String name;
    char delimiter = ',';
    final List<DateTimeFormatter> dateFormats = new ArrayList<>();
    final Set<String> zeroIsMissing = new LinkedHashSet<>();
    final Map<String, List<String>> columns = new LinkedHashMap<>();
    final Map<String, Pos> columnPos = new LinkedHashMap<>();
    final Map<String, String> customTypes = new LinkedHashMap<>();
    final Map<String, String> stages = new LinkedHashMap<>();
    When won;
    When lost;
    String wonStage = "closed_won";
    String lostStage = "closed_lost";
    final List<History> history = new ArrayList<>();
    final Map<String, Join> joins = new LinkedHashMap<>();
    String file;
    boolean salesforceIds;
    final List<When> skip = new ArrayList<>();
    java.time.ZoneId zone = java.time.ZoneOffset.UTC;
    boolean epochMillis;
    final Map<String, Child> children = new LinkedHashMap<>();

    Builder(String source, Problems problems) {
      this.source = source;
      this.problems = problems;
    }

    void read(Node root) {
      Node.MapNode top = map(root, "the mapping file");
      if (top == null) {
        return;
      }
      keys(top, TOP_KEYS, "mapping");
      name = text(top, "mapping", true);
      if (name != null && !NAME.matcher(name).matches()) {
        problems.add(
            "invalid-value",
            top.get("mapping").pos(),
            "mapping name '" + name + "' must be lowercase letters, digits, '-' and '_'");
      }
      String d = text(top, "delimiter", false);
      if (d != null) {
        if (d.length() != 1) {
          problems.add(
              "invalid-value",
              top.get("delimiter").pos(),
              "delimiter '" + d + "' must be exactly one character");
        } else {
          delimiter = d.charAt(0);
        }
      }
      for (Node.Scalar s : scalars(top.get("date_formats"), "date_formats")) {
        if (s.text().equals("epoch-millis")) {
          epochMillis = true;
          continue;
        }
        try {
          dateFormats.add(DateTimeFormatter.ofPattern(s.text(), Locale.ROOT));
        } catch (IllegalArgumentException e) {
          problems.add(
              "invalid-value",
              s.pos(),
              "date format '"
                  + s.text()
                  + "' is not a valid pattern ("
                  + e.getMessage()
                  + "); write it like 'yyyy-MM-dd' or 'M/d/yyyy'");
        }
      }
      for (Node.Scalar s : scalars(top.get("zero_is_missing"), "zero_is_missing")) {
        zeroIsMissing.add(s.text());
      }
      readJoins(top.get("joins"), joins);
      file = text(top, "file", false);
      if (file != null) {
        checkFile(file, top.get("file").pos());
      }
      String keys = text(top, "keys", false);
      if (keys != null) {
        if (keys.equals("salesforce-id")) {
          salesforceIds = true;
        } else if (!keys.equals("exact")) {
          problems.add(
              "invalid-value",
              top.get("keys").pos(),
              "keys '" + keys + "' must be 'exact' or 'salesforce-id'");
        }
      }
      String tz = text(top, "time_zone", false);
      if (tz != null) {
        try {
          zone = java.time.ZoneId.of(tz);
        } catch (java.time.DateTimeException e) {
          problems.add(
              "invalid-value",
              top.get("time_zone").pos(),
              "time_zone '"
                  + tz
                  + "' is not a time zone; write it like 'UTC' or 'America/Sao_Paulo'");
        }
      }
      skip.addAll(whens(top.get("skip"), "skip", joins));
      readColumns(top.get("columns"));
      readCustomTypes(top.get("custom_types"));
      Node.MapNode st = top.get("stages") == null ? null : map(top.get("stages"), "stages");
      if (st != null) {
        for (Node.Entry e : st.entries().values()) {
          String to = scalarText(e.value(), "stage for '" + e.key() + "'");
          if (to != null) {
            stages.put(e.key(), to);
          }
        }
      }
      readOutcome(top.get("outcome"));
      readChildren(top.get("children"));
      Node h = top.get("stage_history");
      if (h != null) {
        Node.ListNode list = list(h, "stage_history");
        if (list != null) {
          for (Node item : list.items()) {
            Node.MapNode m = map(item, "a stage_history entry");
            if (m != null) {
              keys(m, HISTORY_KEYS, "stage_history entry");
              String stage = text(m, "stage", true);
              String column = text(m, "column", true);
              if (stage != null && column != null) {
                checkRef(column, m.get("column").pos());
                history.add(new History(stage, column));
              }
            }
          }
        }
      }
      if (top.entries().containsKey("columns") && !columns.containsKey("id")) {
        problems.add(
            "missing-field",
            top.entries().get("columns").keyPos(),
            "'columns' must map 'id' to the column that holds the deal's id");
      }
      if (top.entries().containsKey("columns")
          && !columns.containsKey("stage")
          && (won == null || lost == null)) {
        problems.add(
            "missing-field",
            top.entries().get("columns").keyPos(),
            "'columns' must map 'stage', or 'outcome' must say how won and lost deals are recognised");
      }
    }

    /**
     * The entries of the section {@code key} (a map of named maps, such as {@code joins}) whose
     * names and values are well formed, in the order written; the others are reported.
     */
    private Map<Node.Entry, Node.MapNode> named(Node node, String key, String what) {
      Map<Node.Entry, Node.MapNode> out = new LinkedHashMap<>();
      Node.MapNode m = map(node, key);
      if (m == null) {
        return out;
      }
      for (Node.Entry e : m.entries().values()) {
        if (!NAME.matcher(e.key()).matches()) {
          problems.add(
              "invalid-value",
              e.keyPos(),
              what + " name '" + e.key() + "' must be lowercase letters, digits, '-' and '_'");
          continue;
        }
        Node.MapNode v = map(e.value(), what + " '" + e.key() + "'");
        if (v != null) {
          out.put(e, v);
        }
      }
      return out;
    }

    void readJoins(Node node, Map<String, Join> joins) {
      if (node == null) {
        return;
      }
      for (Map.Entry<Node.Entry, Node.MapNode> named : named(node, "joins", "join").entrySet()) {
        Node.Entry e = named.getKey();
        Node.MapNode j = named.getValue();
        keys(j, JOIN_KEYS, "join");
        String file = text(j, "file", true);
        String on = text(j, "on", true);
        String key = text(j, "key", false);
        String match = text(j, "match", false);
        boolean optional = bool(j, "optional");
        if (match != null && !match.equals("exact") && !match.equals("loose")) {
          problems.add(
              "invalid-value",
              j.get("match").pos(),
              "match '"
                  + match
                  + "' must be 'exact' or 'loose' (ignoring case, spaces and punctuation)");
        }
        if (file != null && on != null) {
          joins.put(
              e.key(),
              new Join(e.key(), file, on, key == null ? on : key, "loose".equals(match), optional));
          checkFile(file, j.get("file").pos());
        }
      }
    }

    void readColumns(Node node) {
      if (node == null) {
        problems.add("missing-field", new Pos(source, 1, 1), "the mapping needs 'columns'");
        return;
      }
      Node.MapNode m = map(node, "columns");
      if (m == null) {
        return;
      }
      for (Node.Entry e : m.entries().values()) {
        String field = e.key();
        if (field.equals("last_activity_at")) {
          problems.add(
              "unknown-field",
              e.keyPos(),
              "'last_activity_at' is not a deal field: a deal's last"
                  + " activity is the latest of its activities, and a row lists none; map the column to a custom"
                  + " date field instead (custom.last_activity_at, with custom_types: {last_activity_at: date})");
          continue;
        }
        if (!FIELDS.contains(field) && !CUSTOM.matcher(field).matches()) {
          problems.add(
              "unknown-field",
              e.keyPos(),
              "'"
                  + field
                  + "' is not a deal field"
                  + hint(field, FIELDS)
                  + "; the fields are: "
                  + String.join(", ", FIELDS)
                  + ", and custom.<name>");
          continue;
        }
        List<String> candidates = new ArrayList<>();
        if (e.value() instanceof Node.ListNode l) {
          for (Node item : l.items()) {
            String c = scalarText(item, "a column name");
            if (c != null) {
              checkRef(c, item.pos());
              candidates.add(c);
            }
          }
          if (l.items().isEmpty()) {
            problems.add("invalid-value", l.pos(), "'" + field + "' needs at least one column");
          }
        } else if (e.value() instanceof Node.MapNode cm) {
          keys(cm, List.of("value"), "constant");
          String v = cm.get("value") == null ? null : scalarText(cm.get("value"), "'value'");
          if (v == null) {
            problems.add(
                "missing-field", cm.pos(), "write '{ value: ... }' for a constant " + field);
          } else {
            candidates.add(CONSTANT + v);
          }
        } else {
          String c = scalarText(e.value(), "a column name or a list of column names");
          if (c != null) {
            checkRef(c, e.value().pos());
            candidates.add(c);
          }
        }
        if (!candidates.isEmpty()) {
          columns.put(field, candidates);
          columnPos.put(field, e.keyPos());
        }
      }
    }

    void readCustomTypes(Node node) {
      if (node == null) {
        return;
      }
      Node.MapNode m = map(node, "custom_types");
      if (m == null) {
        return;
      }
      for (Node.Entry e : m.entries().values()) {
        String type = scalarText(e.value(), "a type");
        if (type == null) {
          continue;
        }
        if (!TYPES.contains(type)) {
          problems.add(
              "invalid-value",
              e.value().pos(),
              "type '"
                  + type
                  + "' of custom."
                  + e.key()
                  + " must be one of: "
                  + String.join(", ", TYPES)
                  + hint(type, TYPES));
        } else if (!columns.containsKey("custom." + e.key())) {
          problems.add(
              "unknown-field",
              e.keyPos(),
              "custom."
                  + e.key()
                  + " is not mapped under 'columns'"
                  + hint("custom." + e.key(), columns.keySet()));
        } else {
          customTypes.put(e.key(), type);
        }
      }
    }

    void readOutcome(Node node) {
      if (node == null) {
        return;
      }
      Node.MapNode m = map(node, "outcome");
      if (m == null) {
        return;
      }
      keys(m, OUTCOME_KEYS, "outcome");
      won = when(m.get("won"), "outcome won");
      lost = when(m.get("lost"), "outcome lost");
      String ws = text(m, "won_stage", false);
      String ls = text(m, "lost_stage", false);
      wonStage = ws == null ? wonStage : ws;
      lostStage = ls == null ? lostStage : ls;
    }

    When when(Node node, String what) {
      return when(node, what, joins);
    }

    When when(Node node, String what, Map<String, Join> joins) {
      if (node == null) {
        return null;
      }
      Node.MapNode m = map(node, what);
      if (m == null) {
        return null;
      }
      keys(m, WHEN_KEYS, what);
      String column = text(m, "column", true);
      boolean present = bool(m, "present");
      Set<String> values = new LinkedHashSet<>();
      if (m.get("values") == null && !present) {
        problems.add(
            "missing-field",
            m.pos(),
            what + " needs 'values': the texts that mean it (or 'present: true')");
      }
      if (m.get("values") != null && present) {
        problems.add(
            "invalid-value",
            m.get("present").pos(),
            what + " has both 'values' and 'present'; keep one");
      }
      for (Node.Scalar s : scalars(m.get("values"), "values")) {
        if (neverMatches(s)) {
          continue;
        }
        values.add(s.text().toLowerCase(Locale.ROOT));
      }
      if (column != null) {
        checkRef(column, m.get("column").pos(), joins);
      }
      return column == null ? null : new When(column, values, present);
    }

    /** A match value like {@code *} is compared as it is written, so it would match nothing. */
    boolean neverMatches(Node.Scalar s) {
      String t = s.text();
      if (t.equals("*") || t.equals("%") || t.equals(".*") || t.equals("?")) {
        problems.add(
            "invalid-value",
            s.pos(),
            "'"
                + t
                + "' is compared as written and matches only the text '"
                + t
                + "', not any value; list the values, or write 'present: true'");
        return true;
      }
      return false;
    }

    /** One test or a list of them. */
    List<When> whens(Node node, String what, Map<String, Join> joins) {
      List<When> out = new ArrayList<>();
      if (node == null) {
        return out;
      }
      List<Node> items = node instanceof Node.ListNode l ? l.items() : List.of(node);
      for (Node item : items) {
        When w = when(item, what, joins);
        if (w != null) {
          out.add(w);
        }
      }
      return out;
    }

    boolean bool(Node.MapNode m, String key) {
      Node v = m.get(key);
      if (v == null) {
        return false;
      }
      if (v instanceof Node.Scalar s
          && (s.text().equals("true") || s.text().equals("false"))
          && s.kind() != Node.Scalar.Kind.NULL) {
        return s.text().equals("true");
      }
      problems.add(
          "wrong-type", v.pos(), "'" + key + "' must be true or false, not " + v.describe());
      return false;
    }

    /** A file of an export folder: a relative path that stays inside it. */
    void checkFile(String file, Pos pos) {
      String f = file.replace('\\', '/');
      if (f.startsWith("/")
          || f.matches("[A-Za-z]:.*")
          || java.util.Arrays.asList(f.split("/")).contains("..")) {
        problems.add(
            "invalid-value",
            pos,
            "file '" + file + "' must be a path inside the export folder, without '..'");
      }
    }

    void readChildren(Node node) {
      if (node == null) {
        return;
      }
      for (Map.Entry<Node.Entry, Node.MapNode> named :
          named(node, "children", "child table").entrySet()) {
        Node.Entry e = named.getKey();
        Node.MapNode c = named.getValue();
        keys(c, CHILD_KEYS, "child table");
        String fills = text(c, "fills", true);
        String file = text(c, "file", true);
        String parent = text(c, "parent", true);
        if (file != null) {
          checkFile(file, c.get("file").pos());
        }
        List<String> allowed = fills == null ? null : CHILD_FIELDS.get(fills);
        if (fills != null && allowed == null) {
          problems.add(
              "invalid-value",
              c.get("fills").pos(),
              "'"
                  + fills
                  + "' is not a list a child table can fill"
                  + hint(fills, CHILD_FIELDS.keySet())
                  + "; they are: "
                  + String.join(", ", CHILD_FIELDS.keySet()));
        }
        Map<String, Join> childJoins = new LinkedHashMap<>();
        readJoins(c.get("joins"), childJoins);
        List<When> skipWhen = whens(c.get("skip"), "skip", childJoins);
        List<When> only = whens(c.get("only"), "only", childJoins);
        if (parent != null) {
          checkRef(parent, c.get("parent").pos(), childJoins);
        }
        Map<String, List<Source>> fields = new LinkedHashMap<>();
        Node cols = c.get("columns");
        if (cols == null) {
          problems.add("missing-field", c.pos(), "child table '" + e.key() + "' needs 'columns'");
        } else if (allowed != null) {
          Node.MapNode cm = map(cols, "columns");
          if (cm != null) {
            keys(cm, allowed, fills);
            for (Node.Entry f : cm.entries().values()) {
              if (!allowed.contains(f.key())) {
                continue;
              }
              List<Source> sources = sources(f.key(), f.value(), childJoins);
              if (!sources.isEmpty()) {
                fields.put(f.key(), sources);
              }
            }
            for (String required : CHILD_REQUIRED.get(fills)) {
              if (!fields.containsKey(required)) {
                problems.add(
                    "missing-field",
                    cm.pos(),
                    "the columns of '" + e.key() + "' must map '" + required + "'");
              }
            }
          }
        }
        if (fills != null && allowed != null && file != null && parent != null) {
          children.put(
              e.key(), new Child(e.key(), fills, file, parent, skipWhen, only, childJoins, fields));
        }
      }
    }

    /** A column, a {@code {column, values, prefixes, split}} or {@code {value}}, or a list. */
    List<Source> sources(String field, Node node, Map<String, Join> joins) {
      List<Source> out = new ArrayList<>();
      List<Node> items = node instanceof Node.ListNode l ? l.items() : List.of(node);
      if (items.isEmpty()) {
        problems.add("invalid-value", node.pos(), "'" + field + "' needs at least one column");
      }
      for (Node item : items) {
        if (item instanceof Node.MapNode sm) {
          keys(sm, SOURCE_KEYS, "column");
          String constant = sm.get("value") == null ? null : scalarText(sm.get("value"), "'value'");
          String column = text(sm, "column", false);
          if ((constant == null) == (column == null)) {
            problems.add(
                "missing-field",
                sm.pos(),
                "write either 'column' (where '" + field + "' is read) or 'value' (a constant)");
            continue;
          }
          if (column != null) {
            checkRef(column, sm.get("column").pos(), joins);
          }
          Map<String, String> values = valueMap(field, sm.get("values"), "values");
          Map<String, String> prefixes = valueMap(field, sm.get("prefixes"), "prefixes");
          if (constant != null) {
            checkChoice(field, constant, sm.get("value").pos());
          }
          String split = text(sm, "split", false);
          out.add(
              new Source(
                  column, constant, values, prefixes, split, sm.pos().line(), sm.pos().column()));
        } else {
          String column = scalarText(item, "a column name");
          if (column != null) {
            checkRef(column, item.pos(), joins);
            out.add(
                new Source(
                    column,
                    null,
                    Map.of(),
                    Map.of(),
                    null,
                    item.pos().line(),
                    item.pos().column()));
          }
        }
      }
      return out;
    }

    Map<String, String> valueMap(String field, Node node, String what) {
      Map<String, String> out = new LinkedHashMap<>();
      if (node == null) {
        return out;
      }
      Node.MapNode m = map(node, what);
      if (m == null) {
        return out;
      }
      for (Node.Entry e : m.entries().values()) {
        if (e.key().equals("*")) {
          problems.add(
              "invalid-value",
              e.keyPos(),
              "'*' is compared as written and matches only the text '*', not any value; list the"
                  + " texts");
          continue;
        }
        String to = scalarText(e.value(), "the word for '" + e.key() + "'");
        if (to != null && checkChoice(field, to, e.value().pos())) {
          out.put(what.equals("values") ? e.key().toLowerCase(Locale.ROOT) : e.key(), to);
        }
      }
      return out;
    }

    boolean checkChoice(String field, String word, Pos pos) {
      List<String> choices = CHILD_CHOICES.get(field);
      if (choices != null && !choices.contains(word)) {
        problems.add(
            "invalid-value",
            pos,
            "'"
                + word
                + "' is not a "
                + field.replace('_', ' ')
                + " word"
                + hint(word, choices)
                + "; they are: "
                + String.join(", ", choices));
        return false;
      }
      return true;
    }

    /**
     * A column reference is a column of the main file, or {@code join.column} of a declared join.
     */
    void checkRef(String ref, Pos pos) {
      checkRef(ref, pos, joins);
    }

    void checkRef(String ref, Pos pos, Map<String, Join> joins) {
      int dot = ref.indexOf('.');
      if (dot > 0
          && NAME.matcher(ref.substring(0, dot)).matches()
          && !joins.containsKey(ref.substring(0, dot))
          && ref.substring(0, dot).equals(ref.substring(0, dot).toLowerCase(Locale.ROOT))
          && !joins.isEmpty()) {
        problems.add(
            "unknown-join",
            pos,
            "'"
                + ref.substring(0, dot)
                + "' in '"
                + ref
                + "' is not a join of this mapping"
                + hint(ref.substring(0, dot), joins.keySet())
                + "; its joins are: "
                + String.join(", ", joins.keySet()));
      }
    }

    void keys(Node.MapNode m, List<String> allowed, String what) {
      for (Node.Entry e : m.entries().values()) {
        if (!allowed.contains(e.key())) {
          problems.add(
              "unknown-field",
              e.keyPos(),
              "'"
                  + e.key()
                  + "' is not a "
                  + what
                  + " field"
                  + hint(e.key(), allowed)
                  + "; the fields are: "
                  + String.join(", ", allowed));
        }
      }
    }

    Node.MapNode map(Node node, String what) {
      if (node instanceof Node.MapNode m) {
        return m;
      }
      problems.add("wrong-type", node.pos(), what + " must be a mapping, not " + node.describe());
      return null;
    }

    Node.ListNode list(Node node, String what) {
      if (node instanceof Node.ListNode l) {
        return l;
      }
      problems.add("wrong-type", node.pos(), what + " must be a list, not " + node.describe());
      return null;
    }

    /** A list of scalars, or one scalar taken as a list of one. */
    List<Node.Scalar> scalars(Node node, String what) {
      List<Node.Scalar> out = new ArrayList<>();
      if (node == null) {
        return out;
      }
      List<Node> items = node instanceof Node.ListNode l ? l.items() : List.of(node);
      for (Node item : items) {
        if (item instanceof Node.Scalar s && s.kind() != Node.Scalar.Kind.NULL) {
          out.add(s);
        } else {
          problems.add(
              "wrong-type", item.pos(), what + " must hold text values, not " + item.describe());
        }
      }
      return out;
    }

    String text(Node.MapNode m, String key, boolean required) {
      Node v = m.get(key);
      if (v == null) {
        if (required) {
          problems.add("missing-field", m.pos(), "'" + key + "' is required here");
        }
        return null;
      }
      return scalarText(v, "'" + key + "'");
    }

    String scalarText(Node v, String what) {
      if (v instanceof Node.Scalar s && s.kind() != Node.Scalar.Kind.NULL) {
        if (s.text().isBlank()) {
          problems.add("invalid-value", s.pos(), what + " must not be empty");
          return null;
        }
        return s.text();
      }
      problems.add("wrong-type", v.pos(), what + " must be text, not " + v.describe());
      return null;
    }

    static String hint(String word, Collection<String> candidates) {
      return Documents.didYouMean(word, candidates);
    }
  }

  /** The problems found while reading a mapping. */
  private static final class Problems {
    private final List<Problem> list = new ArrayList<>();

    void add(String code, Pos pos, String message) {
      list.add(new Problem(code, pos.file(), pos.line(), pos.column(), message));
    }

    void throwIfAny() {
      if (!list.isEmpty()) {
        throw new ProblemException(list);
      }
    }
  }
}
