package dev.playbook.conversations;

import static java.util.Objects.requireNonNull;

import dev.playbook.Documents;
import dev.playbook.doc.Node;
import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tests of tracker files, {@code NAME.trackers.test.yaml} beside {@code NAME.trackers.yaml}:
 * each case is one sentence, who says it, and the trackers that must and must not hit it.
 *
 * <pre>{@code
 * cases:
 *   - name: the buyer asks what it costs
 *     by: buyer                 # rep or buyer
 *     text: What would this cost for the whole team?
 *     hits: [pricing]
 *     not_hits: [competitor]
 * }</pre>
 *
 * <p>A case's sentence is a conversation of its own without times, so windowed trackers find
 * nothing in it.
 */
public final class TrackerTests {

  static final Set<String> KEYS = Set.of("name", "by", "text", "hits", "not_hits");
  private static final String REP = "Rep";
  private static final String BUYER = "Buyer";

  private TrackerTests() {}

  /**
   * One case.
   *
   * @param name what it shows
   * @param file the test file
   * @param line 1-based line of the case
   * @param column 1-based column of the case
   * @param by {@code rep} or {@code buyer}
   * @param text the sentence
   * @param hits concepts that must hit it
   * @param notHits concepts that must not hit it
   */
  public record Case(
      String name,
      String file,
      int line,
      int column,
      String by,
      String text,
      List<String> hits,
      List<String> notHits) {
    public Case {
      requireNonNull(name, "name");
      requireNonNull(text, "text");
      hits = List.copyOf(hits);
      notHits = List.copyOf(notHits);
    }

    /** {@code file:line:col: case 'name'}. */
    public String where() {
      return file + ":" + line + ":" + column + ": case '" + name + "'";
    }
  }

  /**
   * A case's outcome.
   *
   * @param testCase the case
   * @param failures why it failed, each on one line; empty when it passed
   */
  public record Result(Case testCase, List<String> failures) {
    public Result {
      failures = List.copyOf(failures);
    }

    public boolean passed() {
      return failures.isEmpty();
    }
  }

  /**
   * The cases of one test file's {@code text}.
   *
   * @throws ProblemException with every problem, located
   */
  public static List<Case> read(String fileName, String text) {
    List<Problem> problems = new ArrayList<>();
    List<Case> out = new ArrayList<>();
    Node root = Documents.readYaml(fileName, text);
    if (!(root instanceof Node.MapNode m) || !(m.get("cases") instanceof Node.ListNode list)) {
      PlaybookTrackers.problem(
          problems, "missing-field", root, "a tracker test file is a mapping with a 'cases' list");
      throw new ProblemException(problems);
    }
    for (Node item : list.items()) {
      if (!(item instanceof Node.MapNode c)) {
        PlaybookTrackers.problem(
            problems, "wrong-type", item, "a case is a mapping, not " + item.describe());
        continue;
      }
      int before = problems.size();
      for (Node.Entry e : c.entries().values()) {
        if (!KEYS.contains(e.key())) {
          PlaybookTrackers.problem(
              problems,
              "unknown-field",
              e.keyPos(),
              "'"
                  + e.key()
                  + "' is not a field of a tracker test case"
                  + Documents.didYouMean(e.key(), KEYS));
        }
      }
      String name = scalar(c, "name", problems);
      String by = scalar(c, "by", problems);
      String sentence = scalar(c, "text", problems);
      if (by != null && !by.equals("rep") && !by.equals("buyer")) {
        PlaybookTrackers.problem(
            problems, "invalid-value", c.get("by"), "'by' is rep or buyer, not '" + by + "'");
      }
      List<String> hits = names(c, "hits", problems);
      List<String> notHits = names(c, "not_hits", problems);
      if (problems.size() == before) {
        out.add(
            new Case(
                name,
                c.pos().file(),
                c.pos().line(),
                c.pos().column(),
                by,
                sentence,
                hits,
                notHits));
      }
    }
    if (!problems.isEmpty()) {
      throw new ProblemException(problems);
    }
    return out;
  }

  /** The cases of every {@code *.trackers.test.yaml} file in {@code folder} and below it. */
  public static List<Case> load(Path folder) {
    List<Case> out = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (Path file : PlaybookTrackers.files(folder, PlaybookTrackers.TEST_SUFFIX)) {
      try {
        out.addAll(
            read(file.toString(), Documents.readFile(file, PlaybookTrackers.MAX_FILE_BYTES)));
      } catch (ProblemException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new ProblemException(problems);
    }
    return out;
  }

  /** The cases of the built-in playbooks' tracker tests. */
  public static List<Case> builtin() {
    List<Case> out = new ArrayList<>();
    for (String name : PlaybookTrackers.builtinNames()) {
      String resource = "playbooks/" + name + "/" + name + PlaybookTrackers.TEST_SUFFIX;
      String text = PlaybookTrackers.resource(resource);
      if (text != null) {
        out.addAll(read(resource, text));
      }
    }
    return out;
  }

  /** Runs {@code cases} against {@code trackers}. */
  public static List<Result> run(PlaybookTrackers trackers, List<Case> cases) {
    ConversationAnalyzer analyzer = ConversationAnalyzer.of(trackers.set());
    Deal deal = Deal.builder("tracker-test", "discovery").build();
    Map<String, String> mapping = Map.of(REP, "rep", BUYER, "buyer");
    List<Result> out = new ArrayList<>();
    for (Case c : cases) {
      Segment s =
          new Segment(
              0, c.by().equals("rep") ? REP : BUYER, null, null, c.text(), c.line(), c.column());
      Conversation conv = new Conversation(c.file(), Channel.CALL, null, List.of(s));
      ConversationAnalysis a = analyzer.analyze(conv, Attribution.of(conv, deal, mapping));
      Set<String> found = new LinkedHashSet<>();
      a.hits().forEach(h -> found.add(h.concept()));
      List<String> failures = new ArrayList<>();
      for (String concept : c.hits()) {
        if (trackers.spec(concept) == null) {
          failures.add(c.where() + ": there is no tracker '" + concept + "'");
        } else if (!found.contains(concept)) {
          failures.add(c.where() + ": expected a hit of '" + concept + "', found hits of " + found);
        }
      }
      for (String concept : c.notHits()) {
        if (trackers.spec(concept) == null) {
          failures.add(c.where() + ": there is no tracker '" + concept + "'");
        } else if (found.contains(concept)) {
          TrackerHit h = a.hits(concept).get(0);
          failures.add(
              c.where()
                  + ": expected no hit of '"
                  + concept
                  + "', but the phrase '"
                  + h.phrase()
                  + "' hit \""
                  + h.quote()
                  + "\"");
        }
      }
      out.add(new Result(c, failures));
    }
    return out;
  }

  private static String scalar(Node.MapNode c, String key, List<Problem> problems) {
    Node n = c.get(key);
    if (n instanceof Node.Scalar s && s.kind() != Node.Scalar.Kind.NULL && !s.text().isBlank()) {
      return s.text();
    }
    PlaybookTrackers.problem(
        problems,
        n == null ? "missing-field" : "wrong-type",
        n == null ? c : n,
        n == null ? "a tracker test case needs '" + key + "'" : "'" + key + "' is text");
    return null;
  }

  private static List<String> names(Node.MapNode c, String key, List<Problem> problems) {
    Node n = c.get(key);
    if (n == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (n instanceof Node.ListNode l) {
      for (Node i : l.items()) {
        if (i instanceof Node.Scalar s && s.kind() == Node.Scalar.Kind.STRING) {
          out.add(s.text());
        } else {
          PlaybookTrackers.problem(problems, "wrong-type", i, "a tracker name is text");
        }
      }
    } else {
      PlaybookTrackers.problem(
          problems, "wrong-type", n, "'" + key + "' is a list of tracker names");
    }
    return out;
  }
}
