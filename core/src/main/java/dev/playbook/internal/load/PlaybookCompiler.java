package dev.playbook.internal.load;

import dev.playbook.internal.engine.CompiledPlaybook;
import dev.playbook.internal.engine.Localized;
import dev.playbook.internal.engine.RuleBase;
import dev.playbook.internal.lang.Compiled;
import dev.playbook.internal.lang.Compiler;
import dev.playbook.internal.lang.Env;
import dev.playbook.internal.lang.Template;
import dev.playbook.internal.lang.gen.CodeGen;
import dev.playbook.internal.load.Defs.CriterionDef;
import dev.playbook.internal.load.Defs.ElementDef;
import dev.playbook.internal.load.Defs.KeyNodeDef;
import dev.playbook.internal.load.Defs.MethodologyDef;
import dev.playbook.internal.load.Defs.ParamDef;
import dev.playbook.internal.load.Defs.RuleDef;
import dev.playbook.internal.load.Defs.Src;
import dev.playbook.internal.load.Defs.Text;
import dev.playbook.internal.tree.DidYouMean;
import dev.playbook.internal.tree.Pos;
import dev.playbook.internal.tree.Problems;
import dev.playbook.result.Provenance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Type-checks and compiles a merged playbook; reports every problem with its file position. */
final class PlaybookCompiler {

  private final Problems problems;
  private final Locator locator;

  /** The parameters of the playbook being compiled, and those whose definition was blamed. */
  private Map<String, ParamDef> params = Map.of();

  private final Set<String> blamed = new java.util.HashSet<>();

  /** Talk tracks compiled so far, by id, target and environment; null for one with problems. */
  private final Map<String, Localized<Template>> talkTrackTemplates = new java.util.HashMap<>();

  /**
   * The conditions that run outside the rule network, and the environment of each, for the back end
   * to prepare at once.
   */
  private final List<Compiled> outsideConditions = new ArrayList<>();

  private final List<Env> outsideEnvs = new ArrayList<>();

  /** Every template compiled, and the environment of each, for the back end to prepare at once. */
  private final List<Template> templates = new ArrayList<>();

  private final List<Env> templateEnvs = new ArrayList<>();

  /** Talk track variants whose problems were reported, so that each is reported once. */
  private final Set<String> reportedTalkTracks = new java.util.HashSet<>();

  PlaybookCompiler(Problems problems, Map<String, String> contents) {
    this.problems = problems;
    this.locator = new Locator(contents);
  }

  CompiledPlaybook compile(Merged m) {
    this.params = m.params;
    List<Env.Parameter> params = new ArrayList<>();
    for (ParamDef p : m.params.values()) {
      for (Map.Entry<String, Pos> e : p.byStagePos().entrySet()) {
        if (!m.stages.contains(e.getKey())) {
          problems.add(
              "unknown-stage",
              e.getValue(),
              "'"
                  + e.getKey()
                  + "' is not a stage of this playbook"
                  + DidYouMean.hint(e.getKey(), m.stages)
                  + "; its stages are: "
                  + String.join(", ", m.stages));
        }
      }
      for (Map.Entry<String, Pos> e : p.bySegmentPos().entrySet()) {
        if (!m.segments.isEmpty() && !m.segments.contains(e.getKey())) {
          problems.add(
              "unknown-segment",
              e.getValue(),
              "'"
                  + e.getKey()
                  + "' is not a segment of this playbook"
                  + DidYouMean.hint(e.getKey(), m.segments)
                  + "; its segments are: "
                  + String.join(", ", m.segments));
        }
      }
      params.add(
          new Env.Parameter(p.name(), p.type(), p.defaultValue(), p.bySegment(), p.byStage()));
    }
    Set<String> elements = new LinkedHashSet<>();
    for (MethodologyDef md : m.methodologies.values()) {
      for (ElementDef e : md.elements()) {
        elements.add(md.id() + "." + e.id());
      }
    }
    Map<String, Map<String, String>> stageTitles = new LinkedHashMap<>();
    m.stageTitles.forEach(
        (stage, text) -> {
          if (!m.stages.contains(stage)) {
            problems.add(
                "unknown-stage",
                m.stageTitlePos.get(stage),
                "'"
                    + stage
                    + "' has a title but is not a stage of this playbook"
                    + DidYouMean.hint(stage, m.stages)
                    + "; its stages are: "
                    + String.join(", ", m.stages));
            return;
          }
          Map<String, String> byLocale = new LinkedHashMap<>();
          text.variants().forEach((tag, src) -> byLocale.put(tag, src.text()));
          stageTitles.put(stage, byLocale);
        });
    Env env =
        new Env(
            m.stages,
            m.segments,
            params,
            m.customFields,
            elements,
            stageTitles,
            m.phases,
            m.phaseOf);
    if (m.currency != null) {
      env.money(new dev.playbook.internal.lang.Money(m.currency.base(), m.currency.rates()));
    }
    definitions(m, env);
    segmentRules(m, env);
    Env phaseEnv = env.phaseView();

    List<RuleBase.Check> checks = new ArrayList<>();
    List<CompiledPlaybook.Rule> rules = new ArrayList<>();
    for (RuleDef r : m.rules.values()) {
      Env when = m.phaseRules.contains(r.id()) ? phaseEnv : env;
      CompiledPlaybook.Rule cr = rule(r, m, env, when, checks.size());
      if (cr != null) {
        checks.add(new RuleBase.Check(cr.check(), cr.when(), null, when));
        rules.add(cr);
      }
    }
    List<CompiledPlaybook.Methodology> methodologies = new ArrayList<>();
    for (MethodologyDef md : m.methodologies.values()) {
      List<CompiledPlaybook.Element> els = new ArrayList<>();
      for (ElementDef e : md.elements()) {
        Env in = m.phaseMethodologies.contains(md.id()) ? phaseEnv : env;
        Compiled c = e.confirmedWhen() == null ? null : condition(e.confirmedWhen(), in);
        if (c != null) {
          outsideConditions.add(c);
          outsideEnvs.add(in);
        }
        els.add(
            new CompiledPlaybook.Element(
                e.id(),
                plain(e.title(), e.id()),
                c,
                e.confirmedWhen() == null ? null : e.confirmedWhen().text(),
                new Provenance(md.id() + "." + e.id(), e.pos().file(), e.pos().line())));
      }
      methodologies.add(new CompiledPlaybook.Methodology(md.id(), plain(md.title(), md.id()), els));
    }
    List<CompiledPlaybook.KeyNode> keyNodes = new ArrayList<>();
    for (KeyNodeDef k : m.keyNodes.values()) {
      if (m.phaseKeyNodes.contains(k.id())) {
        // an inherited key node is for a phase: it applies at every stage mapped onto it
        for (String stage : m.stages) {
          if (k.stage().equals(m.phaseOf.get(stage))) {
            keyNodes.add(keyNode(k, stage, phaseEnv, checks));
          }
        }
        continue;
      }
      if (!m.stages.contains(k.stage())) {
        problems.add(
            "unknown-stage",
            k.stagePos(),
            "key node '"
                + k.id()
                + "' is for stage '"
                + k.stage()
                + "', which is not a stage of this playbook"
                + DidYouMean.hint(k.stage(), m.stages)
                + "; its stages are: "
                + String.join(", ", m.stages));
        continue;
      }
      keyNodes.add(keyNode(k, k.stage(), env, checks));
    }
    Map<String, Localized<String>> talkTracks = new LinkedHashMap<>();
    m.talkTracks.forEach((k, v) -> talkTracks.put(k, plain(v, k)));
    // a talk track no action uses is still checked, with the target contact allowed
    Set<String> used = new java.util.HashSet<>();
    m.rules.values().stream()
        .filter(r -> r.action() != null && r.action().talkTrack() != null)
        .forEach(r -> used.add(r.action().talkTrack()));
    m.talkTracks.forEach(
        (k, v) -> {
          if (!used.contains(k)) {
            talkTrack(k, v, env, true);
          }
        });
    if (!problems.isEmpty()) {
      return null;
    }
    CodeGen.Backend backend = CodeGen.Backend.selected();
    Template.prepare(templates, templateEnvs, backend::prepareAll);
    prepareOutsideTheNetwork(rules, methodologies, backend);
    env.prepareSegmentConditions(backend::prepareAll);
    RuleBase base = new RuleBase(checks, backend);
    return new CompiledPlaybook(
        m.id,
        plain(m.title, m.id),
        env,
        rules,
        methodologies,
        keyNodes,
        talkTracks,
        base,
        checks.size());
  }

  /**
   * The conditions that run outside the rule network (actions' target filters, elements' {@code
   * confirmed_when}) replaced by their runnable form on {@code backend}, all at once.
   */
  private void prepareOutsideTheNetwork(
      List<CompiledPlaybook.Rule> rules,
      List<CompiledPlaybook.Methodology> methodologies,
      CodeGen.Backend backend) {
    if (outsideConditions.isEmpty()) {
      return;
    }
    List<Compiled> runs = backend.prepareAll(outsideConditions, outsideEnvs);
    Map<Compiled, Compiled> run = new java.util.IdentityHashMap<>();
    for (int i = 0; i < runs.size(); i++) {
      run.put(outsideConditions.get(i), runs.get(i));
    }
    rules.replaceAll(
        r ->
            r.action() == null || r.action().target() == null
                ? r
                : r.withAction(r.action().withTarget(run.get(r.action().target()))));
    methodologies.replaceAll(
        md ->
            new CompiledPlaybook.Methodology(
                md.id(),
                md.title(),
                md.elements().stream()
                    .map(
                        e ->
                            e.confirmedWhen() == null
                                ? e
                                : e.withConfirmedWhen(run.get(e.confirmedWhen())))
                    .toList()));
  }

  private CompiledPlaybook.KeyNode keyNode(
      KeyNodeDef k, String stage, Env env, List<RuleBase.Check> checks) {
    List<CompiledPlaybook.Criterion> criteria = new ArrayList<>();
    for (CriterionDef c : k.criteria()) {
      Compiled when = condition(c.when(), env);
      if (when != null) {
        int check = checks.size();
        // only the deal's own stage's criteria are shown, so only deals at that stage evaluate
        // them
        checks.add(new RuleBase.Check(check, when, stage, env));
        criteria.add(
            new CompiledPlaybook.Criterion(
                c.id(),
                plain(c.title(), c.id()),
                c.when().text(),
                when,
                check,
                new Provenance(k.id() + "." + c.id(), c.pos().file(), c.pos().line())));
      }
    }
    return new CompiledPlaybook.KeyNode(k.id(), stage, plain(k.title(), k.id()), criteria);
  }

  /**
   * @param env the playbook's environment
   * @param when where the rule's condition, target filter and messages are compiled: the phase view
   *     for a rule inherited through a stage map (a deal's stage still shows as its own)
   */
  private CompiledPlaybook.Rule rule(RuleDef r, Merged m, Env env, Env when, int check) {
    boolean ok = true;
    if (r.methodology() != null) {
      MethodologyDef md = m.methodologies.get(r.methodology());
      if (md == null) {
        problems.add(
            "unknown-methodology",
            r.methodologyPos(),
            "'"
                + r.methodology()
                + "' is not a methodology of this playbook"
                + DidYouMean.hint(r.methodology(), m.methodologies.keySet())
                + (m.methodologies.isEmpty()
                    ? "; declare it under 'methodologies'"
                    : "; declare it under 'methodologies' or use one of: "
                        + String.join(", ", m.methodologies.keySet())));
        ok = false;
      } else if (r.element() != null
          && md.elements().stream().noneMatch(e -> e.id().equals(r.element()))) {
        List<String> ids = md.elements().stream().map(ElementDef::id).toList();
        problems.add(
            "unknown-element",
            r.elementPos(),
            "'"
                + r.element()
                + "' is not an element of methodology '"
                + r.methodology()
                + "'"
                + DidYouMean.hint(r.element(), ids)
                + (ids.isEmpty()
                    ? "; it declares no elements"
                    : "; its elements are: " + String.join(", ", ids)));
        ok = false;
      }
    }
    Compiled condition = condition(r.when(), when);
    CompiledPlaybook.GapSpec gap = null;
    if (r.gap() != null) {
      Localized<Template> message = template(r.gap().message(), when);
      gap = message == null ? null : new CompiledPlaybook.GapSpec(r.gap().severity(), message);
      ok &= message != null;
    }
    CompiledPlaybook.ActionSpec action = null;
    if (r.action() != null) {
      Defs.ActionDef a = r.action();
      Localized<Template> title = template(a.title(), when);
      Localized<Template> reason = a.reason() == null ? null : template(a.reason(), when);
      Compiled target = null;
      if (a.target() != null) {
        Compiler.Result res = Compiler.contactFilter(a.target().text(), when);
        report(a.target(), res.issues());
        target = res.compiled();
        ok &= target != null;
        if (target != null) {
          outsideConditions.add(target);
          outsideEnvs.add(when);
        }
      }
      if (a.talkTrack() != null && !m.talkTracks.containsKey(a.talkTrack())) {
        problems.add(
            "unknown-talk-track",
            a.talkTrackPos(),
            "there is no talk track '"
                + a.talkTrack()
                + "'"
                + DidYouMean.hint(a.talkTrack(), m.talkTracks.keySet())
                + "; define it under 'talk_tracks'");
        ok = false;
      }
      Localized<Template> talk = null;
      if (a.talkTrack() != null && m.talkTracks.containsKey(a.talkTrack())) {
        talk = talkTrack(a.talkTrack(), m.talkTracks.get(a.talkTrack()), when, a.target() != null);
        ok &= talk != null;
      }
      if (a.successWhen() != null) {
        ok &= condition(a.successWhen(), when) != null;
      }
      ok &= title != null && (a.reason() == null || reason != null);
      if (title != null) {
        action =
            new CompiledPlaybook.ActionSpec(
                title,
                a.priority(),
                a.due(),
                a.talkTrack(),
                target,
                reason,
                talk,
                a.dueOnWeekends(),
                a.loop());
      }
    }
    if (condition == null || !ok) {
      return null;
    }
    Provenance provenance = new Provenance(r.id(), r.pos().file(), r.pos().line());
    return new CompiledPlaybook.Rule(
        r.id(),
        plain(r.title(), r.id()),
        r.methodology(),
        r.element(),
        r.when().text(),
        condition,
        check,
        provenance,
        gap,
        action);
  }

  /** The values bare words can take in conditions: a definition may not take one of these names. */
  private static final Set<String> CHOICE_WORDS = choiceWords();

  private static Set<String> choiceWords() {
    Set<String> out = new java.util.HashSet<>();
    for (dev.playbook.internal.lang.Type.Choice c :
        List.of(
            dev.playbook.internal.lang.Schema.BUYING_ROLE,
            dev.playbook.internal.lang.Schema.POWER,
            dev.playbook.internal.lang.Schema.RESPONSE_MODE,
            dev.playbook.internal.lang.Schema.ACTIVITY_TYPE,
            dev.playbook.internal.lang.Schema.DIRECTION,
            dev.playbook.internal.lang.Schema.OUTCOME,
            dev.playbook.internal.lang.Schema.NEXT_STEP_STATUS,
            dev.playbook.internal.lang.Schema.EVIDENCE_STATUS,
            dev.playbook.internal.lang.Schema.FORECAST_CATEGORY)) {
      out.addAll(c.ids());
    }
    return Set.copyOf(out);
  }

  /**
   * Compiles the definitions under {@code define:}, each once, in the order uses need them; a
   * definition that refers back to itself, directly or through others, is a problem where it does.
   */
  private void definitions(Merged m, Env env) {
    Map<String, Defs.DefineDef> usable = new LinkedHashMap<>();
    for (Defs.DefineDef d : m.defines.values()) {
      String clash =
          m.stages.contains(d.name())
              ? "a stage"
              : m.segments.contains(d.name())
                  ? "a segment"
                  : CHOICE_WORDS.contains(d.name())
                      ? "a value such as a role or activity type"
                      : null;
      if (clash != null) {
        problems.add(
            "invalid-value",
            d.pos(),
            "definition '"
                + d.name()
                + "' has the name of "
                + clash
                + ", so conditions could not tell them apart; rename it");
      } else {
        usable.put(d.name(), d);
      }
    }
    Map<String, Env.Definition> done = new LinkedHashMap<>();
    List<String> compiling = new ArrayList<>();
    Env.Definitions lookup =
        new Env.Definitions() {
          @Override
          public Env.Definition lookup(String name) {
            Defs.DefineDef d = usable.get(name);
            if (d == null) {
              return null;
            }
            Env.Definition known = done.get(name);
            if (known != null) {
              return known;
            }
            int at = compiling.indexOf(name);
            if (at >= 0) {
              List<String> path = new ArrayList<>(compiling.subList(at, compiling.size()));
              path.add(name);
              return new Env.Definition(
                  name,
                  null,
                  false,
                  new Compiler.Issue(
                      "cyclic-definition",
                      0,
                      "'"
                          + name
                          + "' is defined in terms of itself: "
                          + String.join(" -> ", path)));
            }
            compiling.add(name);
            Compiler.Defined r = Compiler.definition(d.src().text(), env);
            compiling.remove(compiling.size() - 1);
            report(d.src(), r.result().issues());
            Env.Definition out =
                r.result().ok()
                    ? new Env.Definition(name, r.result().compiled(), r.readsSegment(), null)
                    : new Env.Definition(
                        name,
                        null,
                        false,
                        new Compiler.Issue(
                            "invalid-definition",
                            0,
                            "'"
                                + name
                                + "' cannot be used here: its definition at line "
                                + d.pos().line()
                                + " has problems"));
            done.put(name, out);
            return out;
          }

          @Override
          public Set<String> names() {
            return usable.keySet();
          }
        };
    env.definitions(lookup);
    for (String name : usable.keySet()) {
      lookup.lookup(name);
    }
  }

  /** Compiles {@code derive_segment:}, the segments deals without one of their own get. */
  private void segmentRules(Merged m, Env env) {
    List<String> segments = new ArrayList<>();
    List<Compiled> conditions = new ArrayList<>();
    boolean ok = true;
    for (Defs.SegmentRuleDef s : m.segmentRules) {
      if (!m.segments.isEmpty() && !m.segments.contains(s.segment())) {
        problems.add(
            "unknown-segment",
            s.pos(),
            "'"
                + s.segment()
                + "' is not a segment of this playbook"
                + DidYouMean.hint(s.segment(), m.segments)
                + "; its segments are: "
                + String.join(", ", m.segments));
        ok = false;
        continue;
      }
      Compiler.Result r = Compiler.segmentCondition(s.when().text(), env);
      report(s.when(), r.issues());
      if (r.compiled() == null) {
        ok = false;
      } else {
        segments.add(s.segment());
        conditions.add(r.compiled());
      }
    }
    if (ok) {
      env.deriveSegments(segments, conditions);
    }
  }

  private Compiled condition(Src src, Env env) {
    Compiler.Result res = Compiler.condition(src.text(), env);
    report(src, res.issues());
    return res.compiled();
  }

  /**
   * A talk track as the actions that use it render it: compiled once per environment and per
   * whether the action has a target (then {@code {contact.name}} is that contact), so that its
   * problems are reported once.
   */
  private Localized<Template> talkTrack(String id, Text text, Env env, boolean withContact) {
    String key =
        id
            + (withContact ? "\u0000contact\u0000" : "\u0000deal\u0000")
            + System.identityHashCode(env);
    if (talkTrackTemplates.containsKey(key)) {
      return talkTrackTemplates.get(key);
    }
    Map<String, Template> out = new LinkedHashMap<>();
    boolean ok = true;
    for (Map.Entry<String, Src> e : text.variants().entrySet()) {
      List<Compiler.Issue> issues = new ArrayList<>();
      Template t = Template.compileTalkTrack(e.getValue().text(), env, withContact, issues);
      templates.add(t);
      templateEnvs.add(env);
      if (reportedTalkTracks.add(id + "\u0000" + e.getKey() + "\u0000" + withContact)) {
        report(e.getValue(), issues);
      }
      ok &= issues.isEmpty();
      out.put(e.getKey(), t);
    }
    Localized<Template> result = ok ? new Localized<>(out) : null;
    talkTrackTemplates.put(key, result);
    return result;
  }

  private Localized<Template> template(Text text, Env env) {
    Map<String, Template> out = new LinkedHashMap<>();
    boolean ok = true;
    for (Map.Entry<String, Src> e : text.variants().entrySet()) {
      List<Compiler.Issue> issues = new ArrayList<>();
      Template t = Template.compile(e.getValue().text(), env, issues);
      templates.add(t);
      templateEnvs.add(env);
      report(e.getValue(), issues);
      ok &= issues.isEmpty();
      out.put(e.getKey(), t);
    }
    return ok ? new Localized<>(out) : null;
  }

  private void report(Src src, List<Compiler.Issue> issues) {
    for (Compiler.Issue i : issues) {
      if (i.parameter() != null) {
        // a fault of the parameter's definition: reported there, once, not at every use
        ParamDef p = params.get(i.parameter());
        if (p != null && blamed.add(i.parameter())) {
          problems.add(i.code(), p.valuePos(), i.message());
        }
        continue;
      }
      problems.add(i.code(), locator.locate(src, i.offset()), i.message());
    }
  }

  private static Localized<String> plain(Text text, String fallback) {
    if (text == null) {
      return Localized.of(fallback);
    }
    Map<String, String> out = new LinkedHashMap<>();
    text.variants().forEach((k, v) -> out.put(k, v.text()));
    return new Localized<>(out);
  }
}
