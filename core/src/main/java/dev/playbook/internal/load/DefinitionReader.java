package dev.playbook.internal.load;

import dev.playbook.descriptor.LoopSettings;
import dev.playbook.internal.lang.Span;
import dev.playbook.internal.lang.Type;
import dev.playbook.internal.load.Defs.ActionDef;
import dev.playbook.internal.load.Defs.CriterionDef;
import dev.playbook.internal.load.Defs.ElementDef;
import dev.playbook.internal.load.Defs.GapDef;
import dev.playbook.internal.load.Defs.KeyNodeDef;
import dev.playbook.internal.load.Defs.MethodologyDef;
import dev.playbook.internal.load.Defs.ParamDef;
import dev.playbook.internal.load.Defs.PlaybookDef;
import dev.playbook.internal.load.Defs.Ref;
import dev.playbook.internal.load.Defs.RuleDef;
import dev.playbook.internal.load.Defs.Src;
import dev.playbook.internal.load.Defs.Text;
import dev.playbook.internal.tree.DidYouMean;
import dev.playbook.internal.tree.Node;
import dev.playbook.internal.tree.Pos;
import dev.playbook.internal.tree.Problems;
import dev.playbook.result.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns the document trees of one playbook's files into {@link PlaybookDef}. */
final class DefinitionReader {

  static final String NAME = "[a-z][a-z0-9_]*";
  static final String NAME_HINT = "use lowercase letters, digits and '_', starting with a letter";
  static final String ID = "[a-z0-9][a-z0-9_.-]{0,99}";
  static final String ID_HINT = "use lowercase letters, digits, '.', '-' and '_' (at most 100)";
  static final String LOCALE = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})*";

  static final Set<String> PLAYBOOK_KEYS =
      Set.of(
          "playbook",
          "title",
          "description",
          "extends",
          "stages",
          "stage_titles",
          "stage_map",
          "segments",
          "custom_fields",
          "parameters",
          "methodologies",
          "key_nodes",
          "talk_tracks",
          "disable",
          "define",
          "derive_segment",
          "currency",
          "rules");
  static final Set<String> PART_KEYS = Set.of("rules", "talk_tracks");
  static final Set<String> RULE_KEYS =
      Set.of(
          "id",
          "title",
          "description",
          "methodology",
          "element",
          "when",
          "gap",
          "action",
          "override");
  static final Set<String> GAP_KEYS = Set.of("severity", "message");

  /**
   * The latest due date an action may set: 100 years ahead, so that due dates stay far inside the
   * calendar.
   */
  static final int MAX_DUE_DAYS = 36_500;

  /** About how many calendar days a due span moves a date: five business days are a week. */
  private static double calendarDays(Span due) {
    return due.unit() == Span.Unit.BUSINESS_DAYS ? due.amount() * 7 / 5 : due.days();
  }

  static final Set<String> ACTION_KEYS =
      Set.of(
          "title",
          "priority",
          "due",
          "due_on_weekends",
          "talk_track",
          "target",
          "reason",
          "success",
          "reoffer",
          "escalate");
  static final Set<String> SUCCESS_KEYS = Set.of("when", "within");
  static final Set<String> REOFFER_KEYS = Set.of("after_dismissals", "pause");
  static final Set<String> ESCALATE_KEYS = Set.of("manager_after", "reassign_after");
  static final Set<String> PARAM_KEYS = Set.of("default", "by_segment", "by_stage", "description");
  static final Set<String> METHODOLOGY_KEYS = Set.of("title", "elements", "description");
  static final Set<String> ELEMENT_KEYS = Set.of("id", "title", "confirmed_when", "description");
  static final Set<String> KEY_NODE_KEYS =
      Set.of("id", "stage", "title", "exit_criteria", "description");
  static final Set<String> CRITERION_KEYS = Set.of("id", "title", "when");
  static final Map<String, Type> CUSTOM_TYPES =
      Map.of(
          "text",
          Type.Basic.TEXT,
          "number",
          Type.Basic.NUMBER,
          "boolean",
          Type.Basic.BOOLEAN,
          "date",
          Type.Basic.DATE);

  /** Names a stage or segment may not take, since conditions would read them as something else. */
  static final Set<String> RESERVED = reservedWords();

  private final Problems problems;

  DefinitionReader(Problems problems) {
    this.problems = problems;
  }

  /**
   * Reads the main file and the part files of one playbook. Returns null if the main file is
   * unusable.
   */
  PlaybookDef read(Node main, List<Node> parts, String fallbackId) {
    Fields f = Fields.of(main, "a playbook", PLAYBOOK_KEYS, problems);
    if (f == null) {
      return null;
    }
    String id =
        f.id("playbook", "[a-z0-9][a-z0-9_-]{0,63}", "use lowercase letters, digits, '-' and '_'");
    if (!f.has("playbook")) {
      problems.add(
          "missing-field",
          f.pos(),
          "a playbook needs 'playbook' (its name), for example playbook: "
              + (fallbackId == null ? "acme" : fallbackId));
    }
    Text title = f.has("title") ? text(f.node("title"), "title") : null;
    List<Ref> parents = refs(f, "extends");
    List<String> stages = names(f, "stages", "stage");
    List<String> segments = names(f, "segments", "segment");
    Map<String, Type> custom = new LinkedHashMap<>();
    Map<String, Pos> customPos = new HashMap<>();
    Node.MapNode cf = f.mapping("custom_fields");
    if (cf != null) {
      for (Node.Entry e : cf.entries().values()) {
        if (!e.key().matches(NAME)) {
          problems.add(
              "invalid-value",
              e.keyPos(),
              "custom field '" + e.key() + "' is not a valid name: " + NAME_HINT);
          continue;
        }
        String t = e.value() instanceof Node.Scalar s ? s.text() : null;
        Type type = t == null ? null : CUSTOM_TYPES.get(t);
        if (type == null) {
          problems.add(
              "invalid-value",
              e.value().pos(),
              "custom field '"
                  + e.key()
                  + "' has type '"
                  + t
                  + "'; the types are: boolean, date, number, text"
                  + (t == null ? "" : DidYouMean.hint(t, CUSTOM_TYPES.keySet())));
          continue;
        }
        custom.put(e.key(), type);
        customPos.put(e.key(), e.keyPos());
      }
    }
    Map<String, ParamDef> params = params(f);
    Map<String, MethodologyDef> methodologies = methodologies(f);
    List<KeyNodeDef> keyNodes = keyNodes(f);
    Map<String, Text> talkTracks = new LinkedHashMap<>();
    talkTracks(f, talkTracks);
    List<Ref> disabled = refs(f, "disable");
    Map<String, Text> stageTitles = new LinkedHashMap<>();
    Map<String, Pos> stageTitlePos = new HashMap<>();
    Node.MapNode st = f.mapping("stage_titles");
    if (st != null) {
      for (Node.Entry e : st.entries().values()) {
        Text t = text(e.value(), e.key());
        if (t != null) {
          stageTitles.put(e.key(), t);
          stageTitlePos.put(e.key(), e.keyPos());
        }
      }
    }
    Map<String, Ref> stageMap = new LinkedHashMap<>();
    Map<String, Pos> stageMapKeyPos = new HashMap<>();
    Node.MapNode sm = f.mapping("stage_map");
    if (sm != null) {
      for (Node.Entry e : sm.entries().values()) {
        if (e.value() instanceof Node.Scalar s && s.text().matches(NAME)) {
          stageMap.put(e.key(), new Ref(s.text(), s.pos()));
          stageMapKeyPos.put(e.key(), e.keyPos());
        } else {
          problems.add(
              "invalid-value",
              e.value().pos(),
              "stage '"
                  + e.key()
                  + "' must map onto one stage of the playbooks this one extends, "
                  + "for example "
                  + e.key()
                  + ": proposal");
        }
      }
    }
    List<RuleDef> rules = new ArrayList<>();
    rules(f, rules);
    for (Node part : parts) {
      Fields p = Fields.of(part, "a rule file", PART_KEYS, problems);
      if (p != null) {
        rules(p, rules);
        talkTracks(p, talkTracks);
      }
    }
    return new PlaybookDef(
        id == null ? fallbackId : id,
        title,
        f.pos(),
        parents,
        stages.isEmpty() && !f.has("stages") ? null : stages,
        f.keyPos("stages"),
        segments,
        custom,
        customPos,
        params,
        methodologies,
        keyNodes,
        talkTracks,
        disabled,
        rules,
        stageTitles,
        stageTitlePos,
        defines(f),
        segmentRules(f),
        stageMap,
        stageMapKeyPos,
        f.has("stage_map") ? f.keyPos("stage_map") : null,
        Currencies.read(f, problems));
  }

  private Map<String, Defs.DefineDef> defines(Fields f) {
    Map<String, Defs.DefineDef> out = new LinkedHashMap<>();
    Node.MapNode m = f.mapping("define");
    if (m == null) {
      return out;
    }
    for (Node.Entry e : m.entries().values()) {
      if (!e.key().matches(NAME)) {
        problems.add(
            "invalid-value",
            e.keyPos(),
            "definition '" + e.key() + "' is not a valid name: " + NAME_HINT);
      } else if (RESERVED.contains(e.key())) {
        problems.add(
            "invalid-value",
            e.keyPos(),
            "definition '"
                + e.key()
                + "' has the name of a field, function or keyword of the condition language;"
                + " rename it");
      } else if (e.value() instanceof Node.Scalar s && s.kind() != Node.Scalar.Kind.NULL) {
        out.put(e.key(), new Defs.DefineDef(e.key(), e.keyPos(), new Src(s)));
      } else {
        problems.add(
            "wrong-type",
            e.value().pos(),
            "definition '"
                + e.key()
                + "' must be an expression, such as amount >= 100000, not "
                + e.value().describe());
      }
    }
    return out;
  }

  private List<Defs.SegmentRuleDef> segmentRules(Fields f) {
    List<Defs.SegmentRuleDef> out = new ArrayList<>();
    Node.MapNode m = f.mapping("derive_segment");
    if (m == null) {
      return out;
    }
    for (Node.Entry e : m.entries().values()) {
      if (e.value() instanceof Node.Scalar s && s.kind() != Node.Scalar.Kind.NULL) {
        out.add(new Defs.SegmentRuleDef(e.key(), e.keyPos(), new Src(s)));
      } else {
        problems.add(
            "wrong-type",
            e.value().pos(),
            "the condition for segment '"
                + e.key()
                + "' must be a true/false condition, such as amount >= 250000, not "
                + e.value().describe());
      }
    }
    return out;
  }

  private List<Ref> refs(Fields f, String key) {
    List<Ref> out = new ArrayList<>();
    for (Node.Scalar s : f.scalars(key)) {
      out.add(new Ref(s.text(), s.pos()));
    }
    return out;
  }

  private List<String> names(Fields f, String key, String what) {
    List<String> out = new ArrayList<>();
    Map<String, Pos> seen = new HashMap<>();
    for (Node.Scalar s : f.scalars(key)) {
      String n = s.text();
      if (!n.matches(NAME)) {
        problems.add(
            "invalid-value", s.pos(), what + " '" + n + "' is not a valid name: " + NAME_HINT);
      } else if (RESERVED.contains(n)) {
        problems.add(
            "invalid-value",
            s.pos(),
            what
                + " '"
                + n
                + "' has the name of a field, function or keyword of the "
                + "condition language; rename it"
                + (what.equals("stage") ? " (for example '" + n + "_stage')" : ""));
      } else if (seen.containsKey(n)) {
        problems.add(
            "duplicate-name",
            s.pos(),
            what + " '" + n + "' is listed twice (first at line " + seen.get(n).line() + ")");
      } else {
        seen.put(n, s.pos());
        out.add(n);
      }
    }
    return out;
  }

  private static Set<String> reservedWords() {
    Set<String> out =
        new java.util.HashSet<>(
            List.of(
                "and",
                "or",
                "not",
                "in",
                "contains",
                "is",
                "missing",
                "present",
                "true",
                "false",
                "deal",
                "custom",
                "param",
                "evidence"));
    for (Type.Scope s :
        List.of(
            dev.playbook.internal.lang.Schema.CONTACT,
            dev.playbook.internal.lang.Schema.ACTIVITY,
            dev.playbook.internal.lang.Schema.NEXT_STEP,
            dev.playbook.internal.lang.Schema.STAGE_CHANGE,
            dev.playbook.internal.lang.Schema.CLOSE_DATE_CHANGE)) {
      out.addAll(s.fields().keySet());
    }
    out.addAll(
        new dev.playbook.internal.lang.Env(List.of(), Set.of(), List.of(), Map.of(), Set.of())
            .dealScope()
            .fields()
            .keySet());
    return Set.copyOf(out);
  }

  /** A text: a string, or a mapping of locale tags to strings. */
  Text text(Node n, String key) {
    Map<String, Src> variants = new LinkedHashMap<>();
    if (n instanceof Node.Scalar s && s.kind() != Node.Scalar.Kind.NULL) {
      variants.put("en", new Src(s));
    } else if (n instanceof Node.MapNode m && !m.entries().isEmpty()) {
      for (Node.Entry e : m.entries().values()) {
        if (!e.key().matches(LOCALE)) {
          problems.add(
              "invalid-value",
              e.keyPos(),
              "'" + e.key() + "' is not a locale tag such as en or zh-CN");
          continue;
        }
        if (e.value() instanceof Node.Scalar s && s.kind() != Node.Scalar.Kind.NULL) {
          variants.put(e.key(), new Src(s));
        } else {
          problems.add(
              "wrong-type",
              e.value().pos(),
              "the "
                  + e.key()
                  + " text of '"
                  + key
                  + "' must be a single value, not "
                  + e.value().describe());
        }
      }
    } else {
      problems.add(
          "wrong-type",
          n.pos(),
          "'"
              + key
              + "' must be a text, or a mapping of locales to texts (en: ..., zh-CN: ...), not "
              + n.describe());
    }
    return variants.isEmpty() ? null : new Text(variants, n.pos());
  }

  private Src src(Fields f, String key) {
    Node n = f.node(key);
    if (n == null || Fields.isNull(n)) {
      return null;
    }
    String t = f.scalarText(n, key);
    return t == null ? null : new Src((Node.Scalar) n);
  }

  private Map<String, ParamDef> params(Fields f) {
    Map<String, ParamDef> out = new LinkedHashMap<>();
    Node.MapNode m = f.mapping("parameters");
    if (m == null) {
      return out;
    }
    for (Node.Entry e : m.entries().values()) {
      if (!e.key().matches(NAME)) {
        problems.add(
            "invalid-value",
            e.keyPos(),
            "parameter '" + e.key() + "' is not a valid name: " + NAME_HINT);
        continue;
      }
      Node def;
      Map<String, Object> bySegment = new LinkedHashMap<>();
      Map<String, Pos> bySegmentPos = new HashMap<>();
      Map<String, Object> byStage = new LinkedHashMap<>();
      Map<String, Pos> byStagePos = new HashMap<>();
      if (e.value() instanceof Node.MapNode) {
        Fields p = Fields.of(e.value(), "a parameter", PARAM_KEYS, problems);
        if (!p.require("default")) {
          continue;
        }
        def = p.node("default");
        Type type = paramType(def);
        if (type == null) {
          problems.add(
              "wrong-type",
              def.pos(),
              "parameter '"
                  + e.key()
                  + "' must be a number, a time span (14d), text or true/false, not "
                  + def.describe());
          continue;
        }
        typedValues(p.mapping("by_segment"), e.key(), type, bySegment, bySegmentPos);
        typedValues(p.mapping("by_stage"), e.key(), type, byStage, byStagePos);
        out.put(
            e.key(),
            new ParamDef(
                e.key(),
                e.keyPos(),
                type,
                value(def, type),
                bySegment,
                bySegmentPos,
                byStage,
                byStagePos,
                e.keyPos().file(),
                def.pos()));
      } else {
        def = e.value();
        Type type = paramType(def);
        if (type == null) {
          problems.add(
              "wrong-type",
              def.pos(),
              "parameter '"
                  + e.key()
                  + "' must be a number, a time span (14d), text, true/false, "
                  + "or a mapping with default, by_segment and by_stage; not "
                  + def.describe());
          continue;
        }
        out.put(
            e.key(),
            new ParamDef(
                e.key(),
                e.keyPos(),
                type,
                value(def, type),
                bySegment,
                bySegmentPos,
                byStage,
                byStagePos,
                e.keyPos().file(),
                def.pos()));
      }
    }
    return out;
  }

  private void typedValues(
      Node.MapNode m, String param, Type type, Map<String, Object> out, Map<String, Pos> pos) {
    if (m == null) {
      return;
    }
    for (Node.Entry e : m.entries().values()) {
      Type t = paramType(e.value());
      if (t != type) {
        problems.add(
            "wrong-type",
            e.value().pos(),
            "parameter '"
                + param
                + "' is "
                + type.describe()
                + " (from its default), but this value is "
                + (t == null ? e.value().describe() : t.describe()));
        continue;
      }
      out.put(e.key(), value(e.value(), type));
      pos.put(e.key(), e.keyPos());
    }
  }

  private static Type paramType(Node n) {
    if (!(n instanceof Node.Scalar s)) {
      return null;
    }
    return switch (s.kind()) {
      case NUMBER -> Type.Basic.NUMBER;
      case BOOLEAN -> Type.Basic.BOOLEAN;
      case STRING -> Span.parse(s.text()) != null ? Type.Basic.SPAN : Type.Basic.TEXT;
      case NULL -> null;
    };
  }

  private static Object value(Node n, Type type) {
    String t = ((Node.Scalar) n).text();
    if (type == Type.Basic.NUMBER) {
      return Double.parseDouble(t);
    }
    if (type == Type.Basic.BOOLEAN) {
      return Boolean.parseBoolean(t);
    }
    if (type == Type.Basic.SPAN) {
      return Span.parse(t);
    }
    return t;
  }

  private Map<String, MethodologyDef> methodologies(Fields f) {
    Map<String, MethodologyDef> out = new LinkedHashMap<>();
    Node.MapNode m = f.mapping("methodologies");
    if (m == null) {
      return out;
    }
    for (Node.Entry e : m.entries().values()) {
      if (!e.key().matches(NAME)) {
        problems.add(
            "invalid-value",
            e.keyPos(),
            "methodology '" + e.key() + "' is not a valid name: " + NAME_HINT);
        continue;
      }
      Fields mf = Fields.of(e.value(), "a methodology", METHODOLOGY_KEYS, problems);
      if (mf == null) {
        continue;
      }
      Text title = mf.has("title") ? text(mf.node("title"), "title") : null;
      List<ElementDef> elements = new ArrayList<>();
      Map<String, Pos> seen = new HashMap<>();
      for (Node el : mf.list("elements")) {
        Fields ef = Fields.of(el, "a methodology element", ELEMENT_KEYS, problems);
        if (ef == null || !ef.require("id")) {
          continue;
        }
        String id = ef.id("id", NAME, NAME_HINT);
        if (id == null) {
          continue;
        }
        if (seen.containsKey(id)) {
          problems.add(
              "duplicate-name",
              ef.node("id").pos(),
              "element '"
                  + id
                  + "' is listed twice in methodology '"
                  + e.key()
                  + "' (first at line "
                  + seen.get(id).line()
                  + ")");
          continue;
        }
        seen.put(id, ef.pos());
        Text et = ef.has("title") ? text(ef.node("title"), "title") : null;
        elements.add(new ElementDef(id, et, src(ef, "confirmed_when"), ef.pos()));
      }
      out.put(e.key(), new MethodologyDef(e.key(), title, elements, e.keyPos()));
    }
    return out;
  }

  private List<KeyNodeDef> keyNodes(Fields f) {
    List<KeyNodeDef> out = new ArrayList<>();
    for (Node n : f.list("key_nodes")) {
      Fields k = Fields.of(n, "a key node", KEY_NODE_KEYS, problems);
      if (k == null) {
        continue;
      }
      boolean ok = k.require("id");
      ok &= k.require("stage");
      ok &= k.require("exit_criteria");
      String id = k.id("id", NAME, NAME_HINT);
      String stage = k.string("stage");
      Text title = k.has("title") ? text(k.node("title"), "title") : null;
      List<CriterionDef> criteria = new ArrayList<>();
      for (Node c : k.list("exit_criteria")) {
        Fields cf = Fields.of(c, "an exit criterion", CRITERION_KEYS, problems);
        if (cf == null) {
          continue;
        }
        boolean cok = cf.require("id");
        cok &= cf.require("when");
        String cid = cf.id("id", NAME, NAME_HINT);
        Text ct = cf.has("title") ? text(cf.node("title"), "title") : null;
        Src when = src(cf, "when");
        if (cok && cid != null && when != null) {
          criteria.add(new CriterionDef(cid, ct, when, cf.pos()));
        }
      }
      if (ok && id != null && stage != null) {
        out.add(new KeyNodeDef(id, stage, k.node("stage").pos(), title, criteria, k.pos()));
      }
    }
    return out;
  }

  private void talkTracks(Fields f, Map<String, Text> out) {
    Node.MapNode m = f.mapping("talk_tracks");
    if (m == null) {
      return;
    }
    for (Node.Entry e : m.entries().values()) {
      if (!e.key().matches(ID)) {
        problems.add(
            "invalid-value",
            e.keyPos(),
            "talk track '" + e.key() + "' is not a valid id: " + ID_HINT);
        continue;
      }
      if (out.containsKey(e.key())) {
        problems.add(
            "duplicate-name",
            e.keyPos(),
            "talk track '"
                + e.key()
                + "' is defined twice in this playbook (first at "
                + out.get(e.key()).pos()
                + ")");
        continue;
      }
      Text t = text(e.value(), e.key());
      if (t != null) {
        out.put(e.key(), t);
      }
    }
  }

  private void rules(Fields f, List<RuleDef> out) {
    for (Node n : f.list("rules")) {
      RuleDef r = rule(n);
      if (r != null) {
        out.add(r);
      }
    }
  }

  /** For a key of an action or a gap written at the rule's level: where it belongs. */
  private static String dedented(String key) {
    String under = ACTION_KEYS.contains(key) ? "action" : GAP_KEYS.contains(key) ? "gap" : null;
    return under == null
        ? null
        : "; it is a field of the rule's " + under + ": indent it under '" + under + ":'";
  }

  private RuleDef rule(Node n) {
    Fields r = Fields.of(n, "a rule", RULE_KEYS, problems, DefinitionReader::dedented);
    if (r == null) {
      return null;
    }
    boolean ok = r.require("id");
    ok &= r.require("when");
    String id = r.id("id", ID, ID_HINT);
    Text title = r.has("title") ? text(r.node("title"), "title") : null;
    Text description = r.has("description") ? text(r.node("description"), "description") : null;
    String methodology = r.id("methodology", NAME, NAME_HINT);
    String element = r.id("element", NAME, NAME_HINT);
    if (element != null && methodology == null && r.has("element") && !r.has("methodology")) {
      problems.add(
          "missing-field", r.keyPos("element"), "a rule with an 'element' needs its 'methodology'");
    }
    Src when = src(r, "when");
    GapDef gap = null;
    if (r.has("gap")) {
      Fields g = Fields.of(r.node("gap"), "a gap", GAP_KEYS, problems);
      if (g != null) {
        boolean gok = g.require("severity");
        gok &= g.require("message");
        String sev = g.string("severity");
        Severity severity = sev == null ? null : Severity.parse(sev).orElse(null);
        if (sev != null && severity == null) {
          List<String> ids = Arrays.stream(Severity.values()).map(Severity::id).toList();
          problems.add(
              "invalid-value",
              g.node("severity").pos(),
              "severity '"
                  + sev
                  + "' is not one of: "
                  + String.join(", ", ids)
                  + DidYouMean.hint(sev, ids));
        }
        Text message = g.has("message") ? text(g.node("message"), "message") : null;
        if (gok && severity != null && message != null) {
          gap = new GapDef(severity, message, g.pos());
        }
      }
    }
    ActionDef action = null;
    if (r.has("action")) {
      Fields a = Fields.of(r.node("action"), "an action", ACTION_KEYS, problems);
      if (a != null) {
        boolean aok = a.require("title");
        Text at = a.has("title") ? text(a.node("title"), "title") : null;
        Integer priority = a.integer("priority", 0, 100);
        Span due = null;
        String dueText = a.string("due");
        if (dueText != null) {
          due = Span.parse(dueText);
          if (due == null || due.unit() == Span.Unit.HOURS) {
            problems.add(
                "invalid-value",
                a.node("due").pos(),
                "'due' is '"
                    + dueText
                    + "'; write a number of days (2d), business days (2bd) or weeks (1w)");
          } else if (calendarDays(due) > MAX_DUE_DAYS) {
            problems.add(
                "invalid-value",
                a.node("due").pos(),
                "'due' is '"
                    + dueText
                    + "', more than 100 years"
                    + " ahead; write at most "
                    + MAX_DUE_DAYS
                    + "d, "
                    + MAX_DUE_DAYS / 7
                    + "w or "
                    + MAX_DUE_DAYS * 5 / 7
                    + "bd");
            due = null;
          }
        }
        String talkTrack = a.string("talk_track");
        Src target = src(a, "target");
        Text reason = a.has("reason") ? text(a.node("reason"), "reason") : null;
        Boolean onWeekends = a.bool("due_on_weekends");
        Src successWhen = null;
        LoopSettings.Success success = null;
        if (a.has("success")) {
          Fields sf = Fields.of(a.node("success"), "a success indicator", SUCCESS_KEYS, problems);
          if (sf != null) {
            boolean sok = sf.require("when");
            sok &= sf.require("within");
            successWhen = src(sf, "when");
            String within = loopSpan(sf, "within");
            if (sok && successWhen != null && within != null) {
              success = new LoopSettings.Success(successWhen.text(), within);
            } else {
              successWhen = null;
            }
          }
        }
        LoopSettings.Reoffer reoffer = null;
        if (a.has("reoffer")) {
          Fields rf = Fields.of(a.node("reoffer"), "a re-offer limit", REOFFER_KEYS, problems);
          if (rf != null) {
            boolean rok = rf.require("after_dismissals");
            rok &= rf.require("pause");
            Integer after = rf.integer("after_dismissals", 1, 9999);
            String pause = loopSpan(rf, "pause");
            if (rok && after != null && pause != null) {
              reoffer = new LoopSettings.Reoffer(after, pause);
            }
          }
        }
        LoopSettings.Escalate escalate = null;
        if (a.has("escalate")) {
          Fields ef = Fields.of(a.node("escalate"), "an escalation", ESCALATE_KEYS, problems);
          if (ef != null) {
            String manager = loopSpan(ef, "manager_after");
            String reassign = loopSpan(ef, "reassign_after");
            if (!ef.has("manager_after") && !ef.has("reassign_after")) {
              problems.add(
                  "missing-field",
                  ef.pos(),
                  "an escalation needs 'manager_after' or 'reassign_after'");
            } else if (manager != null && reassign != null && laterThan(manager, reassign)) {
              problems.add(
                  "invalid-value",
                  ef.node("reassign_after").pos(),
                  "'reassign_after' is "
                      + reassign
                      + ", before 'manager_after' ("
                      + manager
                      + "); the manager is told first");
            } else if (manager != null || reassign != null) {
              escalate = new LoopSettings.Escalate(manager, reassign);
            }
          }
        }
        if (aok && at != null) {
          action =
              new ActionDef(
                  at,
                  priority == null ? 50 : priority,
                  due == null ? new Span(0, Span.Unit.DAYS) : due,
                  talkTrack,
                  a.has("talk_track") ? a.node("talk_track").pos() : null,
                  target,
                  reason,
                  a.pos(),
                  Boolean.TRUE.equals(onWeekends),
                  new LoopSettings(success, reoffer, escalate),
                  successWhen);
        }
      }
    }
    if (!r.has("gap") && !r.has("action")) {
      problems.add(
          "missing-field",
          r.pos(),
          "rule '" + (id == null ? "?" : id) + "' needs a 'gap', an 'action', or both");
      ok = false;
    }
    Boolean override = r.bool("override");
    if (!ok || id == null || when == null) {
      return null;
    }
    return new RuleDef(
        id,
        title,
        description,
        methodology,
        r.has("methodology") ? r.node("methodology").pos() : null,
        element,
        r.has("element") ? r.node("element").pos() : null,
        when,
        gap,
        action,
        Boolean.TRUE.equals(override),
        r.pos());
  }

  /**
   * A follow-up span ({@code 3d}, {@code 5bd}, {@code 2w}, at most 3650); null (after a problem, if
   * it is present) when it is missing or not such a span.
   */
  private String loopSpan(Fields f, String key) {
    String t = f.string(key);
    if (t == null) {
      return null;
    }
    if (!LoopSettings.isSpan(t.strip())) {
      problems.add(
          "invalid-value",
          f.node(key).pos(),
          "'"
              + key
              + "' is '"
              + t
              + "'; write a whole number of days (3d), business days (5bd) or weeks (2w), at most"
              + " 3650");
      return null;
    }
    return t.strip();
  }

  /** Whether span {@code a} is longer than span {@code b}, a business day counted as 7/5 days. */
  private static boolean laterThan(String a, String b) {
    return loopDays(a) > loopDays(b);
  }

  private static double loopDays(String span) {
    if (span.endsWith("bd")) {
      return Integer.parseInt(span.substring(0, span.length() - 2)) * 7.0 / 5;
    }
    int n = Integer.parseInt(span.substring(0, span.length() - 1));
    return span.endsWith("w") ? n * 7.0 : n;
  }
}
