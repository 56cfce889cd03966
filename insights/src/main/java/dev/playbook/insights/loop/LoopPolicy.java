package dev.playbook.insights.loop;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.playbook.Documents;
import dev.playbook.Playbook;
import dev.playbook.descriptor.LoopSettings;
import dev.playbook.descriptor.ParameterDescriptor;
import dev.playbook.descriptor.PlaybookDescriptor;
import dev.playbook.descriptor.RuleDescriptor;
import dev.playbook.descriptor.StageDescriptor;
import dev.playbook.doc.Node;
import dev.playbook.doc.Node.Pos;
import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a playbook's findings take feedback and are followed up, read from a {@code loop.yaml} beside
 * the playbook:
 *
 * <pre>{@code
 * dismiss_reasons: [not-relevant, wrong-data, already-handled]
 * rules:
 *   deal-risk.no-activity:
 *     reoffer: { after: 2, pause: 30d }        # two dismissals on a deal pause the rule there for 30 days
 *     success: { when: "days_since(last_activity) < 2", within: 5bd }
 * }</pre>
 *
 * A rule's action may declare the same settings itself ({@code success}, {@code reoffer: {
 * after_dismissals, pause }}, {@code escalate}); a setting on the rule wins over the file's entry
 * of the same kind for that rule, and {@link #of(Playbook)} is the policy of the rules alone.
 *
 * <p>A success condition is written in the playbook's own condition language and compiled by the
 * engine like any rule's {@code when}; it never becomes code. Immutable and thread-safe.
 */
public final class LoopPolicy {

  /** The largest policy file read, in bytes. */
  public static final long MAX_FILE_BYTES = 1 << 20;

  private static final Set<String> TOP_KEYS =
      Set.of("dismiss_reasons", "rules", "teams", "capacity", "min_closed");
  private static final Set<String> RULE_KEYS = Set.of("reoffer", "success", "escalate");
  private static final Set<String> ESCALATE_KEYS =
      Set.of("manager_after", "reassign_after", "message", "talk_track");
  private static final Set<String> TEAM_KEYS = Set.of("manager", "reps");
  private static final Set<String> REOFFER_KEYS = Set.of("after", "pause");
  private static final Set<String> SUCCESS_KEYS = Set.of("when", "within");

  /**
   * A rule's re-offer limit: after {@code after} dismissals on a deal, hidden for {@code pause}.
   */
  record Reoffer(int after, Span pause) {}

  /** A rule's success indicator: {@code when} must hold within {@code within} of the finding. */
  record Success(String when, Span within, String checkRule) {}

  /**
   * A rule's escalation ladder: to the manager after {@code manager}, a reassign suggestion after
   * {@code reassign} (either may be null).
   */
  record Escalate(Span manager, Span reassign, String message, String talkTrack) {}

  /** A team: its manager and reps. */
  record Team(String manager, List<String> reps) {}

  private final List<String> dismissReasons;
  private Map<String, Escalate> escalations = Map.of();
  private Map<String, Team> teams = Map.of();
  private int capacity = 30;
  private int minClosed = 5;
  private final Map<String, Reoffer> reoffers;
  private final Map<String, Success> successes;
  private final Playbook checks;

  private LoopPolicy(
      List<String> dismissReasons,
      Map<String, Reoffer> reoffers,
      Map<String, Success> successes,
      Playbook checks) {
    this.dismissReasons = List.copyOf(dismissReasons);
    this.reoffers = Map.copyOf(reoffers);
    this.successes = Map.copyOf(successes);
    this.checks = checks;
  }

  /** A policy with no dismissal reasons, limits or success indicators. */
  public static LoopPolicy none() {
    return new LoopPolicy(List.of(), Map.of(), Map.of(), null);
  }

  /**
   * Reads a policy file for {@code playbook}.
   *
   * @throws ProblemException with every problem found, each with file, line and column
   */
  public static LoopPolicy load(Path file, Playbook playbook) {
    requireNonNull(file, "file");
    return parse(file.toString(), Documents.readFile(file, MAX_FILE_BYTES), playbook);
  }

  /**
   * Reads a policy from its text; {@code fileName} names it in problems.
   *
   * @throws ProblemException with every problem found, each with file, line and column
   */
  public static LoopPolicy parse(String fileName, String text, Playbook playbook) {
    requireNonNull(fileName, "fileName");
    requireNonNull(text, "text");
    requireNonNull(playbook, "playbook");
    Node root = Documents.readYaml(fileName, text);
    List<Problem> problems = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    Map<String, Reoffer> reoffers = new LinkedHashMap<>();
    Map<String, Success> successes = new LinkedHashMap<>();
    Map<String, Pos> whenPos = new LinkedHashMap<>();
    Map<String, Escalate> escalate = new LinkedHashMap<>();
    Map<String, Team> teams = new LinkedHashMap<>();
    if (root instanceof Node.Scalar s && s.kind() == Node.Scalar.Kind.NULL) {
      return of(playbook);
    }
    if (!(root instanceof Node.MapNode top)) {
      add(
          problems,
          "wrong-type",
          root.pos(),
          "the loop policy must be a mapping, not " + root.describe());
      throw new ProblemException(problems);
    }
    keys(problems, top, TOP_KEYS, "loop policy");
    Node dr = top.get("dismiss_reasons");
    if (dr != null) {
      if (dr instanceof Node.ListNode list) {
        for (Node item : list.items()) {
          String r = word(problems, item, "a dismissal reason");
          if (r != null) {
            if (reasons.contains(r)) {
              add(
                  problems,
                  "duplicate-name",
                  item.pos(),
                  "dismissal reason '" + r + "' is listed twice");
            } else {
              reasons.add(r);
            }
          }
        }
      } else {
        add(
            problems,
            "wrong-type",
            dr.pos(),
            "dismiss_reasons must be a list, not " + dr.describe());
      }
    }
    Node rules = top.get("rules");
    PlaybookDescriptor d = playbook.describe();
    List<String> ruleIds = playbook.ruleIds();
    if (rules != null && !(rules instanceof Node.MapNode)) {
      add(problems, "wrong-type", rules.pos(), "rules must be a mapping, not " + rules.describe());
    } else if (rules instanceof Node.MapNode rm) {
      for (Node.Entry e : rm.entries().values()) {
        String id = e.key();
        if (!ruleIds.contains(id)) {
          add(
              problems,
              "unknown-rule",
              e.keyPos(),
              "rule '" + id + "' is not in playbook " + d.id() + Documents.didYouMean(id, ruleIds));
          continue;
        }
        if (!(e.value() instanceof Node.MapNode rule)) {
          add(
              problems,
              "wrong-type",
              e.value().pos(),
              "rule " + id + " must be a mapping, not " + e.value().describe());
          continue;
        }
        keys(problems, rule, RULE_KEYS, "rule policy");
        if (rule.get("reoffer") instanceof Node.MapNode ro) {
          keys(problems, ro, REOFFER_KEYS, "reoffer");
          Integer after = count(problems, ro, "after", id);
          Span pause = span(problems, ro, "pause", id);
          if (after != null && pause != null) {
            reoffers.put(id, new Reoffer(after, pause));
          }
        } else if (rule.get("reoffer") != null) {
          add(
              problems,
              "wrong-type",
              rule.get("reoffer").pos(),
              "reoffer must be a mapping, not " + rule.get("reoffer").describe());
        }
        if (rule.get("escalate") instanceof Node.MapNode em) {
          keys(problems, em, ESCALATE_KEYS, "escalate");
          Span m = em.get("manager_after") == null ? null : span(problems, em, "manager_after", id);
          Span r =
              em.get("reassign_after") == null ? null : span(problems, em, "reassign_after", id);
          if (m == null
              && r == null
              && em.get("manager_after") == null
              && em.get("reassign_after") == null) {
            add(
                problems,
                "missing-field",
                em.pos(),
                "escalate of rule " + id + " needs 'manager_after' or 'reassign_after'");
          }
          String message =
              em.get("message") == null ? null : word(problems, em.get("message"), "message");
          String talk =
              em.get("talk_track") == null
                  ? null
                  : word(problems, em.get("talk_track"), "talk_track");
          if (m != null || r != null) {
            escalate.put(id, new Escalate(m, r, message, talk));
          }
        } else if (rule.get("escalate") != null) {
          add(
              problems,
              "wrong-type",
              rule.get("escalate").pos(),
              "escalate must be a mapping, not " + rule.get("escalate").describe());
        }
        if (rule.get("success") instanceof Node.MapNode sm) {
          keys(problems, sm, SUCCESS_KEYS, "success");
          Node w = sm.get("when");
          Span within = span(problems, sm, "within", id);
          if (w == null) {
            add(problems, "missing-field", sm.pos(), "success of rule " + id + " needs 'when'");
          } else if (!(w instanceof Node.Scalar ws) || ws.kind() != Node.Scalar.Kind.STRING) {
            add(
                problems,
                "wrong-type",
                w.pos(),
                "success.when of rule " + id + " must be a condition, not " + w.describe());
          } else if (within != null) {
            String check = "loop.success-" + (whenPos.size() + 1);
            successes.put(id, new Success(ws.text(), within, check));
            whenPos.put(check, ws.pos());
          }
        } else if (rule.get("success") != null) {
          add(
              problems,
              "wrong-type",
              rule.get("success").pos(),
              "success must be a mapping, not " + rule.get("success").describe());
        }
      }
    }
    Node tn = top.get("teams");
    if (tn instanceof Node.MapNode tm) {
      for (Node.Entry e : tm.entries().values()) {
        if (!(e.value() instanceof Node.MapNode team)) {
          add(
              problems,
              "wrong-type",
              e.value().pos(),
              "team " + e.key() + " must be a mapping, not " + e.value().describe());
          continue;
        }
        keys(problems, team, TEAM_KEYS, "team");
        String manager =
            team.get("manager") == null ? null : word(problems, team.get("manager"), "manager");
        List<String> reps = new ArrayList<>();
        if (team.get("reps") instanceof Node.ListNode rl) {
          for (Node item : rl.items()) {
            String rep = word(problems, item, "a rep");
            if (rep != null) {
              reps.add(rep);
            }
          }
        } else if (team.get("reps") != null) {
          add(
              problems,
              "wrong-type",
              team.get("reps").pos(),
              "reps must be a list, not " + team.get("reps").describe());
        }
        teams.put(e.key(), new Team(manager, List.copyOf(reps)));
      }
    } else if (tn != null) {
      add(problems, "wrong-type", tn.pos(), "teams must be a mapping, not " + tn.describe());
    }
    Integer capacity =
        top.get("capacity") == null ? null : count(problems, top, "capacity", "(top level)");
    Integer minClosed =
        top.get("min_closed") == null ? null : count(problems, top, "min_closed", "(top level)");
    fromRules(d, reoffers, successes, whenPos, escalate);
    Playbook checks = null;
    if (problems.isEmpty() && !successes.isEmpty()) {
      try {
        checks = Playbook.parse(fileName + "#success", checksYaml(d, successes));
      } catch (ProblemException e) {
        for (Problem p : e.problems()) {
          String named = checkNamed(p.message(), whenPos.keySet());
          Pos at = named == null ? whenPos.values().iterator().next() : whenPos.get(named);
          String message = p.message().replace("loop.success-", "success condition ");
          add(problems, p.code(), at, "success.when: " + message);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ProblemException(problems);
    }
    LoopPolicy p = new LoopPolicy(reasons, reoffers, successes, checks);
    p.escalations = Map.copyOf(escalate);
    p.teams = java.util.Collections.unmodifiableMap(teams);
    p.capacity = capacity == null ? 30 : capacity;
    p.minClosed = minClosed == null ? 5 : minClosed;
    return p;
  }

  /**
   * The policy of {@code playbook}'s own rules: the success, re-offer and escalation settings their
   * actions declare, with no dismissal reasons and no teams.
   *
   * @throws ProblemException if a rule's success condition cannot be checked on its own
   */
  public static LoopPolicy of(Playbook playbook) {
    requireNonNull(playbook, "playbook");
    return parse(playbook.describe().id() + " (rules)", "{}", playbook);
  }

  /**
   * Puts the settings the rules' actions declare over those of the policy file: a rule's own {@code
   * success}, {@code reoffer} or {@code escalate} replaces the file's entry of the same kind for
   * that rule (an escalation keeps the file's message and talk track).
   */
  private static void fromRules(
      PlaybookDescriptor d,
      Map<String, Reoffer> reoffers,
      Map<String, Success> successes,
      Map<String, Pos> whenPos,
      Map<String, Escalate> escalate) {
    for (RuleDescriptor r : d.rules()) {
      LoopSettings ls = r.loop();
      if (ls.reoffer() != null) {
        reoffers.put(
            r.id(), new Reoffer(ls.reoffer().afterDismissals(), Span.parse(ls.reoffer().pause())));
      }
      if (ls.escalate() != null) {
        Escalate file = escalate.get(r.id());
        escalate.put(
            r.id(),
            new Escalate(
                spanOrNull(ls.escalate().managerAfter()),
                spanOrNull(ls.escalate().reassignAfter()),
                file == null ? null : file.message(),
                file == null ? null : file.talkTrack()));
      }
      if (ls.success() != null) {
        Success file = successes.get(r.id());
        String check = file != null ? file.checkRule() : "loop.success-" + (whenPos.size() + 1);
        successes.put(
            r.id(), new Success(ls.success().when(), Span.parse(ls.success().within()), check));
        whenPos.put(check, new Pos(r.file(), r.line(), 1));
      }
    }
  }

  private static final Pattern CHECK_ID = Pattern.compile("loop\\.success-\\d+");

  /**
   * The first success check that {@code message} names, as a whole id ({@code loop.success-1} is
   * not named by {@code loop.success-10}), among {@code checks}; null if it names none.
   */
  static String checkNamed(String message, Set<String> checks) {
    Matcher m = CHECK_ID.matcher(message);
    while (m.find()) {
      if (checks.contains(m.group())) {
        return m.group();
      }
    }
    return null;
  }

  private static Span spanOrNull(String text) {
    return text == null ? null : Span.parse(text);
  }

  /** The managers the policy's teams name, sorted. */
  public List<String> managers() {
    return teams.values().stream()
        .map(Team::manager)
        .filter(java.util.Objects::nonNull)
        .distinct()
        .sorted()
        .toList();
  }

  Escalate escalate(String rule) {
    return escalations.get(rule);
  }

  /** The open deals a rep may hold and still be suggested to take over one more. */
  int capacity() {
    return capacity;
  }

  /** The closed deals in a segment a rep needs before their win rate there is compared. */
  int minClosed() {
    return minClosed;
  }

  /** The team of {@code teamName}, or else the team that lists {@code owner}; null if neither. */
  Team team(String teamName, String owner) {
    if (teamName != null && teams.containsKey(teamName)) {
      return teams.get(teamName);
    }
    for (Team t : teams.values()) {
      if (owner != null && t.reps().contains(owner)) {
        return t;
      }
    }
    return null;
  }

  /** The dismissal reasons a rep may give, in the order the policy lists them. */
  public List<String> dismissReasons() {
    return dismissReasons;
  }

  Reoffer reoffer(String rule) {
    return reoffers.get(rule);
  }

  Success success(String rule) {
    return successes.get(rule);
  }

  /** Whether {@code rule}'s success condition holds for the deal at {@code asOf}. */
  boolean succeeded(String rule, Deal deal, Instant asOf) {
    Success s = successes.get(rule);
    return s != null && checks.evaluate(deal, asOf).firedRules().contains(s.checkRule());
  }

  /**
   * A playbook of one rule per success condition, over the same stages, segments and parameters,
   * written as JSON (a subset of YAML) so that a condition is always one quoted string.
   */
  private static String checksYaml(PlaybookDescriptor d, Map<String, Success> successes) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("playbook", "loop-success");
      g.writeArrayFieldStart("stages");
      for (StageDescriptor s : d.stages()) {
        g.writeString(s.id());
      }
      g.writeEndArray();
      if (!d.segments().isEmpty()) {
        g.writeArrayFieldStart("segments");
        for (String s : d.segments()) {
          g.writeString(s);
        }
        g.writeEndArray();
      }
      if (!d.parameters().isEmpty()) {
        g.writeObjectFieldStart("parameters");
        for (ParameterDescriptor p : d.parameters()) {
          g.writeObjectFieldStart(p.name());
          g.writeFieldName("default");
          parameterValue(g, p.kind(), p.defaultValue());
          parameterValues(g, "by_segment", p.kind(), p.bySegment());
          parameterValues(g, "by_stage", p.kind(), p.byStage());
          g.writeEndObject();
        }
        g.writeEndObject();
      }
      g.writeArrayFieldStart("rules");
      for (Success s : successes.values()) {
        g.writeStartObject();
        g.writeStringField("id", s.checkRule());
        g.writeStringField("when", s.when());
        g.writeObjectFieldStart("gap");
        g.writeStringField("severity", "info");
        g.writeStringField("message", "success");
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void parameterValues(
      JsonGenerator g, String field, ParameterDescriptor.Kind kind, Map<String, String> values)
      throws IOException {
    if (values.isEmpty()) {
      return;
    }
    g.writeObjectFieldStart(field);
    for (Map.Entry<String, String> v : values.entrySet()) {
      g.writeFieldName(v.getKey());
      parameterValue(g, kind, v.getValue());
    }
    g.writeEndObject();
  }

  /** A parameter value as the playbook's own loader read it: numbers and booleans unquoted. */
  private static void parameterValue(JsonGenerator g, ParameterDescriptor.Kind kind, String value)
      throws IOException {
    switch (kind) {
      case NUMBER -> g.writeNumber(new java.math.BigDecimal(value));
      case BOOLEAN -> g.writeBoolean(Boolean.parseBoolean(value));
      default -> g.writeString(value);
    }
  }

  private static void keys(List<Problem> problems, Node.MapNode m, Set<String> known, String what) {
    for (Node.Entry e : m.entries().values()) {
      if (!known.contains(e.key())) {
        add(
            problems,
            "unknown-field",
            e.keyPos(),
            "'" + e.key() + "' is not a " + what + " field" + Documents.didYouMean(e.key(), known));
      }
    }
  }

  private static String word(List<Problem> problems, Node n, String what) {
    if (n instanceof Node.Scalar s && s.kind() == Node.Scalar.Kind.STRING && !s.text().isBlank()) {
      return s.text();
    }
    add(problems, "wrong-type", n.pos(), what + " must be a word, not " + n.describe());
    return null;
  }

  private static Integer count(List<Problem> problems, Node.MapNode m, String key, String rule) {
    String what = rule.startsWith("(") ? key : key + " of rule " + rule;
    Node n = m.get(key);
    if (n == null) {
      add(problems, "missing-field", m.pos(), "reoffer of rule " + rule + " needs '" + key + "'");
      return null;
    }
    if (n instanceof Node.Scalar s && s.text().matches("[1-9][0-9]{0,3}")) {
      return Integer.parseInt(s.text());
    }
    add(
        problems,
        "invalid-value",
        n.pos(),
        key + " of rule " + rule + " must be a whole number from 1 to 9999, was '" + text(n) + "'");
    return null;
  }

  private static Span span(List<Problem> problems, Node.MapNode m, String key, String rule) {
    Node n = m.get(key);
    if (n == null) {
      add(problems, "missing-field", m.pos(), "rule " + rule + " needs '" + key + "'");
      return null;
    }
    Span s = n instanceof Node.Scalar sc ? Span.parse(sc.text()) : null;
    if (s == null) {
      add(
          problems,
          "invalid-value",
          n.pos(),
          key
              + " of rule "
              + rule
              + " must be a span such as 3d, 5bd or 2w, was '"
              + text(n)
              + "'");
    }
    return s;
  }

  private static String text(Node n) {
    return n instanceof Node.Scalar s ? s.text() : n.describe();
  }

  private static void add(List<Problem> problems, String code, Pos pos, String message) {
    problems.add(new Problem(code, pos.file(), pos.line(), pos.column(), message));
  }
}
