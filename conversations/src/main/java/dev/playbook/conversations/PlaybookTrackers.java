package dev.playbook.conversations;

import dev.playbook.Documents;
import dev.playbook.doc.Node;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The trackers a playbook writes in its tracker files, {@code NAME.trackers.yaml} beside its rule
 * files, compiled once; their tests are {@code NAME.trackers.test.yaml} beside them ({@link
 * TrackerTests}). The built-in playbooks ship theirs ({@link #builtin()}).
 *
 * <pre>{@code
 * trackers:
 *   - concept: pricing
 *     phrases: { en: [price, cost, budget], zh-CN: [价格, 报价, 多少钱] }
 *     by: anyone            # rep, buyer or anyone
 *     question: false       # only sentences that are questions
 *     first_minutes: 10     # or last_minutes; anywhere if neither
 *     tag: pricing          # the activity gets this tag when the tracker hits it
 *     count: pricing_mentions   # counts.pricing_mentions = the number of hits
 *     evidence: bant.budget     # suggested evidence with the first hit's quote
 * }</pre>
 *
 * <p>Every problem of every file is reported, located, in one {@link ProblemException}.
 */
public final class PlaybookTrackers {

  /** How a tracker file's name ends. */
  public static final String SUFFIX = ".trackers.yaml";

  /** How a tracker test file's name ends. */
  public static final String TEST_SUFFIX = ".trackers.test.yaml";

  /** The largest tracker file read, in bytes. */
  public static final int MAX_FILE_BYTES = 1 << 20;

  /** How many folders below a playbook folder tracker files are looked for. */
  static final int MAX_DEPTH = 8;

  static final Set<String> KEYS =
      Set.of(
          "concept",
          "phrases",
          "by",
          "question",
          "first_minutes",
          "last_minutes",
          "tag",
          "count",
          "evidence");

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Pattern ELEMENT =
      Pattern.compile("[a-z][a-z0-9_-]{0,63}\\.[a-z][a-z0-9_]{0,63}");
  private static final String BUILT_IN_ROOT = "playbooks/";

  private final List<TrackerSpec> specs;
  private final TrackerSet set;

  private PlaybookTrackers(List<TrackerSpec> specs, TrackerSet set) {
    this.specs = List.copyOf(specs);
    this.set = set;
  }

  /**
   * Compiles {@code specs}.
   *
   * @throws ProblemException listing every problem, each at its tracker's origin
   */
  public static PlaybookTrackers of(List<TrackerSpec> specs) {
    return new PlaybookTrackers(
        specs, TrackerSet.compile(specs.stream().map(TrackerSpec::tracker).toList()));
  }

  /** No trackers at all: only metrics are computed. */
  public static PlaybookTrackers none() {
    return of(List.of());
  }

  /**
   * The trackers of one tracker file's {@code text}; {@code fileName} names it in problems.
   *
   * @throws ProblemException with every problem, located
   */
  public static PlaybookTrackers read(String fileName, String text) {
    List<Problem> problems = new ArrayList<>();
    List<TrackerSpec> specs = parse(fileName, text, problems);
    if (!problems.isEmpty()) {
      throw new ProblemException(problems);
    }
    return of(specs);
  }

  /**
   * The trackers of every {@code *.trackers.yaml} file in a playbook folder and the folders below
   * it, in path order.
   *
   * @throws ProblemException with every problem of every file, located
   */
  public static PlaybookTrackers load(Path folder) {
    List<Problem> problems = new ArrayList<>();
    List<TrackerSpec> specs = new ArrayList<>();
    for (Path file : files(folder, SUFFIX)) {
      String name = file.toString();
      String text;
      try {
        text = Documents.readFile(file, MAX_FILE_BYTES);
      } catch (ProblemException e) {
        problems.addAll(e.problems());
        continue;
      }
      specs.addAll(parse(name, text, problems));
    }
    if (!problems.isEmpty()) {
      throw new ProblemException(problems);
    }
    return of(specs);
  }

  /** The trackers of every built-in playbook, from {@code playbooks/NAME/NAME.trackers.yaml}. */
  public static PlaybookTrackers builtin() {
    List<Problem> problems = new ArrayList<>();
    List<TrackerSpec> specs = new ArrayList<>();
    for (String name : builtinNames()) {
      String resource = BUILT_IN_ROOT + name + "/" + name + SUFFIX;
      String text = resource(resource);
      if (text != null) {
        specs.addAll(parse(resource, text, problems));
      }
    }
    if (!problems.isEmpty()) {
      throw new ProblemException(problems);
    }
    return of(specs);
  }

  /** The tracker specs, in file order. */
  public List<TrackerSpec> specs() {
    return specs;
  }

  /** The compiled detectors. */
  public TrackerSet set() {
    return set;
  }

  /** The spec of {@code concept}, or null. */
  public TrackerSpec spec(String concept) {
    for (TrackerSpec s : specs) {
      if (s.concept().equals(concept)) {
        return s;
      }
    }
    return null;
  }

  static List<String> builtinNames() {
    String list = resource(BUILT_IN_ROOT + "builtin.list");
    if (list == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String line : list.split("\n")) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        out.add(l);
      }
    }
    return out;
  }

  static String resource(String name) {
    ClassLoader cl = PlaybookTrackers.class.getClassLoader();
    try (InputStream in = cl.getResourceAsStream(name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Path> files(Path folder, String suffix) {
    if (Files.isRegularFile(folder)) {
      return folder.getFileName().toString().endsWith(suffix) ? List.of(folder) : List.of();
    }
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(folder, MAX_DEPTH)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new ProblemException(
          List.of(
              new Problem(
                  "file-unreadable", folder.toString(), 0, 0, "cannot list the folder: " + e)));
    }
  }

  private static List<TrackerSpec> parse(String fileName, String text, List<Problem> problems) {
    Node root;
    try {
      root = Documents.readYaml(fileName, text);
    } catch (ProblemException e) {
      problems.addAll(e.problems());
      return List.of();
    }
    List<TrackerSpec> out = new ArrayList<>();
    if (!(root instanceof Node.MapNode m) || !(m.get("trackers") instanceof Node.ListNode list)) {
      problem(
          problems, "missing-field", root, "a tracker file is a mapping with a 'trackers' list");
      return out;
    }
    for (String key : m.entries().keySet()) {
      if (!key.equals("trackers")) {
        problem(
            problems,
            "unknown-field",
            m.entries().get(key).keyPos(),
            "'" + key + "' is not a field of a tracker file; it holds only 'trackers'");
      }
    }
    for (Node item : list.items()) {
      TrackerSpec spec = spec(item, problems);
      if (spec != null) {
        out.add(spec);
      }
    }
    return out;
  }

  private static TrackerSpec spec(Node item, List<Problem> problems) {
    if (!(item instanceof Node.MapNode t)) {
      problem(problems, "wrong-type", item, "a tracker is a mapping, not " + item.describe());
      return null;
    }
    int before = problems.size();
    for (Node.Entry e : t.entries().values()) {
      if (!KEYS.contains(e.key())) {
        problem(
            problems,
            "unknown-field",
            e.keyPos(),
            "'" + e.key() + "' is not a tracker field" + Documents.didYouMean(e.key(), KEYS));
      }
    }
    String concept = text(t, "concept", true, problems);
    if (concept == null) {
      return null;
    }
    Tracker.Builder b =
        Tracker.builder(concept).origin(t.pos().file(), t.pos().line(), t.pos().column());
    Node phrases = t.get("phrases");
    if (phrases instanceof Node.MapNode pm) {
      for (Node.Entry e : pm.entries().values()) {
        if (!(e.value() instanceof Node.ListNode pl)) {
          problem(
              problems,
              "wrong-type",
              e.value(),
              "the phrases in " + e.key() + " are a list, not " + e.value().describe());
          continue;
        }
        List<String> words = new ArrayList<>();
        for (Node p : pl.items()) {
          if (p instanceof Node.Scalar s && s.kind() != Node.Scalar.Kind.NULL) {
            words.add(s.text());
          } else {
            problem(problems, "wrong-type", p, "a phrase is text, not " + p.describe());
          }
        }
        b.phrases(e.key(), words);
      }
    } else if (phrases != null) {
      problem(
          problems,
          "wrong-type",
          phrases,
          "'phrases' is a mapping of languages (en, zh-CN) to lists, not " + phrases.describe());
    }
    String by = text(t, "by", false, problems);
    if (by != null) {
      switch (by) {
        case "rep" -> b.by(By.REP);
        case "buyer" -> b.by(By.BUYER);
        case "anyone" -> b.by(By.ANYONE);
        default ->
            problem(
                problems,
                "invalid-value",
                t.get("by"),
                "'by' is rep, buyer or anyone, not '" + by + "'");
      }
    }
    Node question = t.get("question");
    if (question instanceof Node.Scalar q && q.kind() == Node.Scalar.Kind.BOOLEAN) {
      b.question(Boolean.parseBoolean(q.text().toLowerCase(Locale.ROOT)));
    } else if (question != null) {
      problem(
          problems,
          "wrong-type",
          question,
          "'question' is true or false, not " + question.describe());
    }
    Integer first = minutes(t, "first_minutes", problems);
    Integer last = minutes(t, "last_minutes", problems);
    if (first != null && last != null) {
      problem(
          problems,
          "invalid-value",
          t.entries().get("last_minutes").keyPos(),
          "a tracker has 'first_minutes' or 'last_minutes', not both");
    } else if (first != null) {
      b.window(Window.firstMinutes(first));
    } else if (last != null) {
      b.window(Window.lastMinutes(last));
    }
    String tag = text(t, "tag", false, problems);
    String count = text(t, "count", false, problems);
    String evidence = text(t, "evidence", false, problems);
    checkName(t, "tag", tag, NAME, "lower case letters, digits and '_'", problems);
    checkName(t, "count", count, NAME, "lower case letters, digits and '_'", problems);
    checkName(
        t,
        "evidence",
        evidence,
        ELEMENT,
        "a methodology element written methodology.element, such as meddic.metrics",
        problems);
    if (phrases == null) {
      problem(problems, "missing-field", t, "tracker '" + concept + "' has no 'phrases'");
    }
    return problems.size() == before ? new TrackerSpec(b.build(), tag, count, evidence) : null;
  }

  private static void checkName(
      Node.MapNode t, String key, String value, Pattern p, String what, List<Problem> problems) {
    if (value != null && !p.matcher(value).matches()) {
      problem(
          problems,
          "invalid-value",
          t.get(key),
          "'" + key + "' is " + what + ", not '" + value + "'");
    }
  }

  private static Integer minutes(Node.MapNode t, String key, List<Problem> problems) {
    Node n = t.get(key);
    if (n == null) {
      return null;
    }
    if (n instanceof Node.Scalar s && s.kind() == Node.Scalar.Kind.NUMBER) {
      try {
        int v = Integer.parseInt(s.text());
        if (v >= 1 && v <= 24 * 60) {
          return v;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    problem(
        problems,
        "invalid-value",
        n,
        "'" + key + "' is a whole number of minutes from 1 to 1440, not '" + text(n) + "'");
    return null;
  }

  private static String text(Node.MapNode t, String key, boolean required, List<Problem> problems) {
    Node n = t.get(key);
    if (n == null) {
      if (required) {
        problem(problems, "missing-field", t, "a tracker needs '" + key + "'");
      }
      return null;
    }
    if (n instanceof Node.Scalar s && s.kind() != Node.Scalar.Kind.NULL) {
      return s.text();
    }
    problem(problems, "wrong-type", n, "'" + key + "' is text, not " + n.describe());
    return null;
  }

  private static String text(Node n) {
    return n instanceof Node.Scalar s ? s.text() : n.describe();
  }

  static void problem(List<Problem> problems, String code, Node at, String message) {
    problem(problems, code, at.pos(), message);
  }

  static void problem(List<Problem> problems, String code, Node.Pos at, String message) {
    problems.add(new Problem(code, at.file(), at.line(), at.column(), message));
  }
}
