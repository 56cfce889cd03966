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
          "joins");
  private static final List<String> OUTCOME_KEYS =
      List.of("won", "lost", "won_stage", "lost_stage");
  private static final List<String> WHEN_KEYS = List.of("column", "values");
  private static final List<String> HISTORY_KEYS = List.of("stage", "column");
  private static final List<String> JOIN_KEYS = List.of("file", "on", "key", "match");
  private static final List<String> TYPES = List.of("text", "number", "date", "boolean");
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");
  private static final Pattern CUSTOM = Pattern.compile("custom\\.[a-z][a-z0-9_]*");

  /** A value test on one column: the row matches when the column holds one of the values. */
  record When(String column, Set<String> values) {}

  /** A stage-history entry made from a date column; stage {@code outcome} means won/lost stage. */
  record History(String stage, String column) {}

  /** A side table joined on {@code on} (a column of the main file) = {@code key} (its column). */
  record Join(String name, String file, String on, String key, boolean loose) {}

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

  private CsvMapping(Builder b) {
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
    return List.of("maven-crm", "salesforce-opportunity");
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
      readJoins(top.get("joins"));
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

    void readJoins(Node node) {
      if (node == null) {
        return;
      }
      Node.MapNode m = map(node, "joins");
      if (m == null) {
        return;
      }
      for (Node.Entry e : m.entries().values()) {
        if (!NAME.matcher(e.key()).matches()) {
          problems.add(
              "invalid-value",
              e.keyPos(),
              "join name '" + e.key() + "' must be lowercase letters, digits, '-' and '_'");
          continue;
        }
        Node.MapNode j = map(e.value(), "join '" + e.key() + "'");
        if (j == null) {
          continue;
        }
        keys(j, JOIN_KEYS, "join");
        String file = text(j, "file", true);
        String on = text(j, "on", true);
        String key = text(j, "key", false);
        String match = text(j, "match", false);
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
              e.key(), new Join(e.key(), file, on, key == null ? on : key, "loose".equals(match)));
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
      if (node == null) {
        return null;
      }
      Node.MapNode m = map(node, what);
      if (m == null) {
        return null;
      }
      keys(m, WHEN_KEYS, what);
      String column = text(m, "column", true);
      Set<String> values = new LinkedHashSet<>();
      if (m.get("values") == null) {
        problems.add("missing-field", m.pos(), what + " needs 'values': the texts that mean it");
      }
      for (Node.Scalar s : scalars(m.get("values"), "values")) {
        values.add(s.text().toLowerCase(Locale.ROOT));
      }
      if (column != null) {
        checkRef(column, m.get("column").pos());
      }
      return column == null ? null : new When(column, values);
    }

    /**
     * A column reference is a column of the main file, or {@code join.column} of a declared join.
     */
    void checkRef(String ref, Pos pos) {
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
