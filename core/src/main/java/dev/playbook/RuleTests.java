package dev.playbook;

import static java.util.Objects.requireNonNull;

import dev.playbook.descriptor.KeyNodeDescriptor;
import dev.playbook.descriptor.MethodologyDescriptor;
import dev.playbook.descriptor.RuleDescriptor;
import dev.playbook.internal.facts.DealMapper;
import dev.playbook.internal.load.PlaybookFiles;
import dev.playbook.internal.tree.DidYouMean;
import dev.playbook.internal.tree.Node;
import dev.playbook.internal.tree.Pos;
import dev.playbook.internal.tree.Problems;
import dev.playbook.internal.tree.TreeReader;
import dev.playbook.model.Deal;
import dev.playbook.model.EvidenceStatus;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import dev.playbook.result.DealRecord;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Scorecard;
import dev.playbook.result.StageReadiness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs rule test files ({@code *.test.yaml} or {@code *.test.yml}) that sit beside rule files:
 * named cases, each a deal and the rules expected to fire and not to fire. See
 * docs/testing-rules.md for the format.
 *
 * <pre>{@code
 * List<RuleTestReport> reports = RuleTests.runAll(Path.of("playbooks/acme"));
 * }</pre>
 *
 * <p>A test file runs against the playbook of the nearest folder, from its own upwards, that holds
 * a {@code playbook.yaml}. Each playbook is loaded once per call.
 */
public final class RuleTests {

  static final Set<String> FILE_KEYS = Set.of("as_of", "locale", "base_deal", "cases");
  static final Set<String> CASE_KEYS =
      Set.of(
          "name",
          "as_of",
          "locale",
          "deal",
          "fires",
          "not_fires",
          "ready",
          "met",
          "not_met",
          "scorecard",
          "todo");

  private final Map<Path, Object> playbooks = new HashMap<>();

  private RuleTests() {}

  /**
   * Every rule test file ({@code *.test.yaml} or {@code *.test.yml}) under {@code root}, as deep as
   * the loader looks for rule files, sorted; or {@code root} itself if it is a file.
   *
   * @throws java.io.UncheckedIOException if the folder cannot be listed
   */
  public static List<Path> find(Path root) {
    return PlaybookFiles.tests(root);
  }

  /** Runs every test file under each root. */
  public static List<RuleTestReport> runAll(Path... roots) {
    RuleTests runner = new RuleTests();
    List<RuleTestReport> out = new ArrayList<>();
    for (Path root : roots) {
      for (Path file : find(root)) {
        out.add(runner.runFile(file));
      }
    }
    return out;
  }

  /** Runs one test file. */
  public static RuleTestReport run(Path testFile) {
    return new RuleTests().runFile(testFile);
  }

  /**
   * Runs the text of one test file against {@code playbook}, for a test file that is not on disk
   * (an editor's buffer): {@code testFile} names it in the report and in its problems. The text is
   * limited in size like a test file read from disk.
   */
  public static RuleTestReport run(Playbook playbook, String testFile, String text) {
    requireNonNull(playbook, "playbook");
    requireNonNull(testFile, "testFile");
    requireNonNull(text, "text");
    Problems problems = new Problems();
    if (text.length() > PlaybookFiles.MAX_TEST_FILE_BYTES) {
      problems.add(
          "file-too-large",
          Pos.unknown(testFile),
          "file is more than " + PlaybookFiles.MAX_TEST_FILE_BYTES + " characters, the limit");
      return new RuleTestReport(testFile, null, List.of(), problems.list());
    }
    Node root = TreeReader.readYaml(testFile, text, problems);
    if (root == null) {
      return new RuleTestReport(testFile, null, List.of(), problems.list());
    }
    return runCases(testFile, root, playbook, problems);
  }

  /**
   * Rules defined in the playbook folders of these reports (not inherited ones) that no passing
   * case expects to fire, or that no passing case expects not to fire; one sentence each, sorted.
   */
  public static List<String> uncovered(List<RuleTestReport> reports, Path... playbookFolders) {
    Map<String, Boolean> fires = new TreeMap<>();
    Map<String, Boolean> quiet = new TreeMap<>();
    RuleTests runner = new RuleTests();
    for (Path folder : playbookFolders) {
      Object p = runner.playbookFor(folder);
      if (p instanceof Playbook playbook) {
        String prefix = folder.normalize().toString();
        for (RuleDescriptor r : playbook.describe().rules()) {
          if (r.file().startsWith(prefix)) {
            fires.put(r.id(), false);
            quiet.put(r.id(), false);
          }
        }
      }
    }
    for (RuleTestReport r : reports) {
      for (RuleTestReport.Case c : r.cases()) {
        if (c.status() == RuleTestReport.Status.PASSED) {
          c.fires().forEach(id -> fires.replace(id, true));
          c.notFires().forEach(id -> quiet.replace(id, true));
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (String id : fires.keySet()) {
      if (!fires.get(id)) {
        out.add(id + ": no passing case expects it to fire");
      }
      if (!quiet.get(id)) {
        out.add(id + ": no passing case expects it not to fire");
      }
    }
    return out;
  }

  private RuleTestReport runFile(Path file) {
    String name = file.toString();
    Problems problems = new Problems();
    String content = TreeReader.readFile(file, name, PlaybookFiles.MAX_TEST_FILE_BYTES, problems);
    Node root = content == null ? null : TreeReader.readYaml(name, content, problems);
    if (root == null) {
      return new RuleTestReport(name, null, List.of(), problems.list());
    }
    Path folder = playbookFolder(file);
    if (folder == null) {
      problems.add(
          "unknown-playbook",
          Pos.unknown(name),
          "no playbook.yaml in this folder or any folder above it");
      return new RuleTestReport(name, null, List.of(), problems.list());
    }
    Object loaded = playbookFor(folder);
    if (loaded instanceof ProblemException e) {
      return new RuleTestReport(name, null, List.of(), e.problems());
    }
    return runCases(name, root, (Playbook) loaded, problems);
  }

  private static RuleTestReport runCases(
      String name, Node root, Playbook playbook, Problems problems) {
    if (!(root instanceof Node.MapNode top)) {
      problems.add(
          "wrong-type",
          root.pos(),
          "a rule test file must be a mapping with 'cases', not " + root.describe());
      return new RuleTestReport(name, playbook.id(), List.of(), problems.list());
    }
    unknownKeys(top, FILE_KEYS, "a rule test file", problems);
    Instant asOf = instant(top.get("as_of"), null, problems);
    Locale locale = locale(top.get("locale"), Locale.ENGLISH, problems);
    Node base = top.get("base_deal");
    if (base != null && !(base instanceof Node.MapNode)) {
      problems.add(
          "wrong-type",
          base.pos(),
          "'base_deal' must be a deal (a mapping), not " + base.describe());
      base = null;
    }
    Node casesNode = top.get("cases");
    if (!(casesNode instanceof Node.ListNode cases) || cases.items().isEmpty()) {
      problems.add(
          "missing-field",
          casesNode == null ? top.pos() : casesNode.pos(),
          "a rule test file needs 'cases': a list of cases");
      return new RuleTestReport(name, playbook.id(), List.of(), problems.list());
    }
    List<Prepared> prepared = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (Node item : cases.items()) {
      Prepared p = prepare(item, (Node.MapNode) base, asOf, locale, playbook, problems);
      if (p != null) {
        if (!names.add(p.name)) {
          problems.add(
              "duplicate-name", item.pos(), "case '" + p.name + "' appears twice in this file");
        }
        prepared.add(p);
      }
    }
    if (!problems.isEmpty()) {
      return new RuleTestReport(name, playbook.id(), List.of(), problems.list());
    }
    List<RuleTestReport.Case> results = new ArrayList<>();
    for (Prepared p : prepared) {
      results.add(execute(p, playbook));
    }
    return new RuleTestReport(name, playbook.id(), results, List.of());
  }

  /** A case ready to run; {@code dealProblems} holds why its deal is not valid, if it is not. */
  private record Prepared(
      String name,
      int line,
      Deal deal,
      Instant asOf,
      Locale locale,
      List<String> fires,
      List<String> notFires,
      Checks checks,
      boolean todo,
      List<Problem> dealProblems) {}

  /**
   * What a case expects of the deal's stage readiness and scorecards: {@code ready} (null when not
   * asserted), the exit criteria {@code met} and {@code not_met} as {@code key_node.criterion}, and
   * the status of scorecard elements by {@code methodology.element}.
   */
  private record Checks(
      Boolean ready, List<String> met, List<String> notMet, Map<String, EvidenceStatus> elements) {}

  private static Prepared prepare(
      Node item,
      Node.MapNode base,
      Instant fileAsOf,
      Locale fileLocale,
      Playbook playbook,
      Problems problems) {
    if (!(item instanceof Node.MapNode c)) {
      problems.add("wrong-type", item.pos(), "each case must be a mapping, not " + item.describe());
      return null;
    }
    int before = problems.size();
    unknownKeys(c, CASE_KEYS, "a test case", problems);
    String name = c.get("name") instanceof Node.Scalar s ? s.text() : null;
    if (name == null) {
      problems.add("missing-field", c.pos(), "a test case needs a 'name'");
    }
    Instant asOf = instant(c.get("as_of"), fileAsOf, problems);
    if (asOf == null && c.get("as_of") == null) {
      problems.add(
          "missing-field", c.pos(), "a test case needs 'as_of', here or at the top of the file");
    }
    Locale locale = locale(c.get("locale"), fileLocale, problems);
    List<String> fires = ruleIds(c.get("fires"), "fires", playbook, problems);
    List<String> notFires = ruleIds(c.get("not_fires"), "not_fires", playbook, problems);
    Checks checks = checks(c, playbook, problems);
    if (c.get("fires") == null
        && c.get("not_fires") == null
        && c.get("ready") == null
        && c.get("met") == null
        && c.get("not_met") == null
        && c.get("scorecard") == null) {
      problems.add(
          "missing-field",
          c.pos(),
          "a test case needs 'fires', 'not_fires', 'ready', 'met', 'not_met' or 'scorecard'");
    }
    Node todo = c.get("todo");
    boolean skip =
        todo != null
            && !(todo instanceof Node.Scalar s
                && (s.text().equals("false") || s.kind() == Node.Scalar.Kind.NULL));
    Node.MapNode dealNode = merge(base, c.get("deal"), c.pos(), name, problems);
    if (problems.size() > before || dealNode == null) {
      return null;
    }
    // a deal that is not valid fails its own case; the file's other cases still run
    Problems dealProblems = new Problems();
    List<Deal> deals = new ArrayList<>();
    DealMapper mapper = new DealMapper(dealProblems);
    mapper.document(dealNode, deals::add);
    if (deals.size() == 1) {
      Map<String, DealRecord.Position> at = DealReader.positions(mapper.customPositions());
      playbook
          .check(
              deals.get(0),
              c.pos().file(),
              c.pos().line(),
              field -> java.util.Optional.ofNullable(at.get(field)))
          .forEach(dealProblems::add);
      if (!dealProblems.isEmpty()) {
        deals.clear();
      }
    }
    return new Prepared(
        name,
        c.pos().line(),
        deals.size() == 1 ? deals.get(0) : null,
        asOf,
        locale,
        fires,
        notFires,
        checks,
        skip,
        dealProblems.list());
  }

  /** The case's {@code ready}, {@code met}, {@code not_met} and {@code scorecard}, checked. */
  private static Checks checks(Node.MapNode c, Playbook playbook, Problems problems) {
    Boolean ready = null;
    Node readyNode = c.get("ready");
    if (readyNode != null) {
      if (readyNode instanceof Node.Scalar s
          && (s.text().equals("true") || s.text().equals("false"))) {
        ready = s.text().equals("true");
      } else {
        problems.add(
            "wrong-type",
            readyNode.pos(),
            "'ready' must be true or false, not " + readyNode.describe());
      }
    }
    List<String> criteria = new ArrayList<>();
    for (KeyNodeDescriptor k : playbook.describe().keyNodes()) {
      for (KeyNodeDescriptor.Criterion cr : k.criteria()) {
        criteria.add(k.id() + "." + cr.id());
      }
    }
    List<String> met =
        checkIds(c.get("met"), "met", "exit criterion", criteria, playbook, problems);
    List<String> notMet =
        checkIds(c.get("not_met"), "not_met", "exit criterion", criteria, playbook, problems);
    List<String> elements = new ArrayList<>();
    for (MethodologyDescriptor m : playbook.describe().methodologies()) {
      for (MethodologyDescriptor.Element e : m.elements()) {
        elements.add(m.id() + "." + e.id());
      }
    }
    Map<String, EvidenceStatus> statuses = new LinkedHashMap<>();
    Node scorecard = c.get("scorecard");
    if (scorecard != null && !(scorecard instanceof Node.MapNode)) {
      problems.add(
          "wrong-type",
          scorecard.pos(),
          "'scorecard' must map elements (methodology.element) to a status (confirmed, partial,"
              + " unknown), not "
              + scorecard.describe());
    } else if (scorecard instanceof Node.MapNode map) {
      for (Node.Entry en : map.entries().values()) {
        String id = en.key();
        if (!elements.contains(id)) {
          problems.add(
              "unknown-element",
              en.keyPos(),
              "playbook '"
                  + playbook.id()
                  + "' has no scorecard element '"
                  + id
                  + "'"
                  + DidYouMean.hint(id, elements)
                  + (elements.isEmpty() ? "; it has no methodologies" : ""));
          continue;
        }
        String text = en.value() instanceof Node.Scalar s ? s.text() : null;
        EvidenceStatus status = text == null ? null : EvidenceStatus.parse(text).orElse(null);
        if (status == null) {
          problems.add(
              "invalid-value",
              en.value().pos(),
              "the status of "
                  + id
                  + " must be confirmed, partial or unknown, not "
                  + (text == null ? en.value().describe() : "'" + text + "'")
                  + (text == null ? "" : DidYouMean.hint(text, STATUSES)));
          continue;
        }
        statuses.put(id, status);
      }
    }
    return new Checks(ready, met, notMet, statuses);
  }

  private static final List<String> STATUSES = List.of("confirmed", "partial", "unknown");

  private static List<String> checkIds(
      Node n, String key, String what, List<String> known, Playbook playbook, Problems problems) {
    List<String> out = new ArrayList<>();
    if (n == null) {
      return out;
    }
    List<Node> items = n instanceof Node.ListNode l ? l.items() : List.of(n);
    for (Node item : items) {
      if (!(item instanceof Node.Scalar s) || s.kind() == Node.Scalar.Kind.NULL) {
        problems.add(
            "wrong-type",
            item.pos(),
            "each item of '" + key + "' must be an " + what + " id, not " + item.describe());
        continue;
      }
      if (!known.contains(s.text())) {
        problems.add(
            "unknown-criterion",
            s.pos(),
            "playbook '"
                + playbook.id()
                + "' has no "
                + what
                + " '"
                + s.text()
                + "' (write key_node.criterion)"
                + DidYouMean.hint(s.text(), known));
        continue;
      }
      out.add(s.text());
    }
    return out;
  }

  private static RuleTestReport.Case execute(Prepared p, Playbook playbook) {
    if (p.todo) {
      return new RuleTestReport.Case(
          p.name, p.line, RuleTestReport.Status.SKIPPED, List.of(), p.fires, p.notFires);
    }
    List<String> failures = new ArrayList<>();
    if (p.deal == null) {
      p.dealProblems.stream()
          .sorted()
          .forEach(pr -> failures.add("the case's deal is not valid: " + pr.render()));
      return new RuleTestReport.Case(
          p.name, p.line, RuleTestReport.Status.FAILED, failures, p.fires, p.notFires);
    }
    Evaluation e;
    try {
      e = playbook.evaluate(p.deal, p.asOf, p.locale);
    } catch (IllegalArgumentException ex) {
      failures.add(ex.getMessage());
      return new RuleTestReport.Case(
          p.name, p.line, RuleTestReport.Status.FAILED, failures, p.fires, p.notFires);
    }
    for (String id : p.fires) {
      if (!e.firedRules().contains(id)) {
        failures.add("expected " + id + " to fire, but it did not" + firedList(e));
      }
    }
    for (String id : p.notFires) {
      if (e.firedRules().contains(id)) {
        String why =
            e.gaps().stream()
                .filter(g -> g.rule().equals(id))
                .findFirst()
                .map(g -> ": " + g.message() + " (" + String.join("; ", g.evidence()) + ")")
                .orElse("");
        failures.add("expected " + id + " not to fire, but it did" + why);
      }
    }
    checkReadiness(p.checks, p.deal, e, failures);
    RuleTestReport.Status status =
        failures.isEmpty() ? RuleTestReport.Status.PASSED : RuleTestReport.Status.FAILED;
    return new RuleTestReport.Case(p.name, p.line, status, failures, p.fires, p.notFires);
  }

  /** The failures of a case's readiness and scorecard expectations, in the order written. */
  private static void checkReadiness(Checks c, Deal deal, Evaluation e, List<String> failures) {
    StageReadiness r = e.stageReadiness();
    if (c.ready() != null && c.ready() != r.ready()) {
      failures.add(
          "expected stage "
              + deal.stage()
              + " to be "
              + (c.ready() ? "ready" : "not ready")
              + ", but it is "
              + (r.ready() ? "ready" : "not ready")
              + unmet(r));
    }
    for (String id : c.met()) {
      Boolean met = criterion(r, id);
      if (met == null) {
        failures.add(
            "expected " + id + " to be met, but it is not a criterion of stage " + deal.stage());
      } else if (!met) {
        failures.add("expected " + id + " to be met, but it is not");
      }
    }
    for (String id : c.notMet()) {
      Boolean met = criterion(r, id);
      if (met == null) {
        failures.add(
            "expected "
                + id
                + " not to be met, but it is not a criterion of stage "
                + deal.stage());
      } else if (met) {
        failures.add("expected " + id + " not to be met, but it is");
      }
    }
    c.elements()
        .forEach(
            (id, want) -> {
              EvidenceStatus got = null;
              for (Scorecard s : e.scorecards()) {
                for (Scorecard.Element el : s.elements()) {
                  if ((s.methodology() + "." + el.id()).equals(id)) {
                    got = el.status();
                  }
                }
              }
              if (got != want) {
                failures.add(
                    "expected "
                        + id
                        + " to be "
                        + want.id()
                        + ", but it is "
                        + (got == null ? "not on a scorecard" : got.id()));
              }
            });
  }

  /** Whether criterion {@code node.criterion} is met; null if the stage has no such criterion. */
  private static Boolean criterion(StageReadiness r, String id) {
    for (StageReadiness.KeyNode k : r.keyNodes()) {
      for (StageReadiness.Criterion c : k.criteria()) {
        if ((k.id() + "." + c.id()).equals(id)) {
          return c.met();
        }
      }
    }
    return null;
  }

  /** {@code (not met: ready_to_sign.eb_met, ready_to_sign.metrics)}, or nothing. */
  private static String unmet(StageReadiness r) {
    List<String> ids = new ArrayList<>();
    for (StageReadiness.KeyNode k : r.keyNodes()) {
      for (StageReadiness.Criterion c : k.criteria()) {
        if (!c.met()) {
          ids.add(k.id() + "." + c.id());
        }
      }
    }
    return ids.isEmpty() ? "" : " (not met: " + String.join(", ", ids) + ")";
  }

  private static String firedList(Evaluation e) {
    return e.firedRules().isEmpty()
        ? " (no rule fired)"
        : " (fired: " + String.join(", ", e.firedRules()) + ")";
  }

  /** The case's deal over the file's base deal: keys the case gives replace the base's. */
  private static Node.MapNode merge(
      Node.MapNode base, Node caseDeal, Pos at, String name, Problems problems) {
    if (caseDeal != null && !(caseDeal instanceof Node.MapNode)) {
      problems.add(
          "wrong-type",
          caseDeal.pos(),
          "'deal' must be a deal (a mapping), not " + caseDeal.describe());
      return null;
    }
    Map<String, Node.Entry> entries = new LinkedHashMap<>();
    if (base != null) {
      entries.putAll(base.entries());
    }
    if (caseDeal != null) {
      entries.putAll(((Node.MapNode) caseDeal).entries());
    }
    if (entries.isEmpty()) {
      problems.add("missing-field", at, "a test case needs a 'deal' (or the file a 'base_deal')");
      return null;
    }
    if (!entries.containsKey("id")) {
      String id = name == null ? "case" : name;
      entries.put("id", new Node.Entry("id", at, new Node.Scalar(at, id, Node.Scalar.Kind.STRING)));
    }
    return new Node.MapNode(caseDeal != null ? caseDeal.pos() : base.pos(), entries);
  }

  private static List<String> ruleIds(Node n, String key, Playbook playbook, Problems problems) {
    List<String> out = new ArrayList<>();
    if (n == null) {
      return out;
    }
    List<Node> items = n instanceof Node.ListNode l ? l.items() : List.of(n);
    for (Node item : items) {
      if (!(item instanceof Node.Scalar s) || s.kind() == Node.Scalar.Kind.NULL) {
        problems.add(
            "wrong-type",
            item.pos(),
            "each item of '" + key + "' must be a rule id, not " + item.describe());
        continue;
      }
      if (!playbook.ruleIds().contains(s.text())) {
        problems.add(
            "unknown-rule",
            s.pos(),
            "playbook '"
                + playbook.id()
                + "' has no rule '"
                + s.text()
                + "'"
                + DidYouMean.hint(s.text(), playbook.ruleIds()));
        continue;
      }
      out.add(s.text());
    }
    return out;
  }

  private static Instant instant(Node n, Instant fallback, Problems problems) {
    if (n == null) {
      return fallback;
    }
    String t = n instanceof Node.Scalar s ? s.text() : "";
    try {
      if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return java.time.OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      problems.add(
          "invalid-value",
          n.pos(),
          "'as_of' must be a date like 2026-11-20 or a date-time like "
              + "2026-11-20T09:00:00Z, not '"
              + t
              + "'");
      return null;
    }
  }

  private static Locale locale(Node n, Locale fallback, Problems problems) {
    if (n == null) {
      return fallback;
    }
    String t = n instanceof Node.Scalar s ? s.text() : "";
    if (!t.matches("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
      problems.add(
          "invalid-value", n.pos(), "'locale' must be a tag such as en or zh-CN, not '" + t + "'");
      return fallback;
    }
    return Locale.forLanguageTag(t);
  }

  private static void unknownKeys(
      Node.MapNode m, Set<String> allowed, String what, Problems problems) {
    for (Node.Entry e : m.entries().values()) {
      if (!allowed.contains(e.key())) {
        problems.add(
            "unknown-field",
            e.keyPos(),
            "'" + e.key() + "' is not a field of " + what + DidYouMean.hint(e.key(), allowed));
      }
    }
  }

  private static Path playbookFolder(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    Path shown = file.getParent();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve(PlaybookFiles.MAIN))) {
        return shown != null ? shown : dir;
      }
      dir = dir.getParent();
      shown = shown == null ? null : shown.getParent();
    }
    return null;
  }

  /** The playbook of a folder, loaded once: a Playbook, or the ProblemException it threw. */
  private Object playbookFor(Path folder) {
    return playbooks.computeIfAbsent(
        folder.toAbsolutePath().normalize(),
        k -> {
          try {
            return Playbook.load(folder);
          } catch (ProblemException e) {
            return e;
          }
        });
  }
}
