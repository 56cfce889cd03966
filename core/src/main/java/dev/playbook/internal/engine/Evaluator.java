package dev.playbook.internal.engine;

import dev.playbook.result.Lazy;

import dev.playbook.result.Action;
import dev.playbook.result.Evaluation;
import dev.playbook.problem.EvaluationException;
import dev.playbook.result.Gap;
import dev.playbook.result.Scorecard;
import dev.playbook.result.StageReadiness;
import dev.playbook.internal.lang.Ast;
import dev.playbook.internal.lang.Explainer;
import dev.playbook.internal.lang.Facts;
import dev.playbook.internal.lang.Frame;
import dev.playbook.internal.lang.Utc;
import dev.playbook.model.Contact;
import dev.playbook.model.Deal;
import dev.playbook.model.Evidence;
import dev.playbook.model.EvidenceStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Evaluates deals against a compiled playbook and turns the conditions that held into results. */
public final class Evaluator {

  /** Priority (highest first), due date, rule, title; written out, as sorting is a visible part of a result's cost. */
  private static final Comparator<Action> ACTION_ORDER = (a, b) -> {
    int c = Integer.compare(b.priority(), a.priority());
    if (c == 0) {
      c = a.due().compareTo(b.due());
    }
    if (c == 0) {
      c = a.rule().compareTo(b.rule());
    }
    return c != 0 ? c : a.title().compareTo(b.title());
  };
  private static final Comparator<Gap> GAP_ORDER = (a, b) -> {
    int c = a.severity().compareTo(b.severity());
    return c != 0 ? c : a.rule().compareTo(b.rule());
  };

  private final CompiledPlaybook playbook;
  /** Per rule (same index as {@code playbook.rules()}): the texts of its condition's nodes, for gap evidence. */
  private final List<Map<Ast, String>> texts;
  /** Per methodology and element: {@code methodology.element}. Built once. */
  private final String[][] elementKeys;
  /** Per rule: the group of its action's target filter (equal filter text, equal group), or -1. */
  private final int[] targetGroup;
  private final int targetGroups;
  /** Per rule: its action's talk track, or null. */
  private final Localized<?>[] talkTracks;
  /** Position of each {@code methodology.element} key when all elements are listed in order. */
  private final Map<String, Integer> elementIndex;
  private final int elementCount;

  public Evaluator(CompiledPlaybook playbook) {
    this.playbook = playbook;
    List<Map<Ast, String>> t = new ArrayList<>(playbook.rules().size());
    for (CompiledPlaybook.Rule r : playbook.rules()) {
      t.add(r.gap() == null ? Map.of() : Explainer.texts(r.when(), r.whenText()));
    }
    this.texts = List.copyOf(t);
    this.talkTracks = new Localized<?>[playbook.rules().size()];
    for (int i = 0; i < talkTracks.length; i++) {
      CompiledPlaybook.ActionSpec a = playbook.rules().get(i).action();
      talkTracks[i] = a == null || a.talkTrack() == null ? null : playbook.talkTracks().get(a.talkTrack());
    }
    this.targetGroup = new int[playbook.rules().size()];
    Map<String, Integer> groups = new HashMap<>();
    for (int i = 0; i < targetGroup.length; i++) {
      CompiledPlaybook.ActionSpec a = playbook.rules().get(i).action();
      targetGroup[i] = a == null || a.target() == null ? -1
          : groups.computeIfAbsent(dev.playbook.internal.lang.Printer.print(a.target().ast()), k -> groups.size());
    }
    this.targetGroups = groups.size();
    this.elementKeys = new String[playbook.methodologies().size()][];
    Map<String, Integer> index = new HashMap<>();
    int flat = 0;
    for (int m = 0; m < elementKeys.length; m++) {
      CompiledPlaybook.Methodology meth = playbook.methodologies().get(m);
      elementKeys[m] = meth.elements().stream().map(e -> meth.id() + "." + e.id()).toArray(String[]::new);
      for (String key : elementKeys[m]) {
        index.put(key, flat++);
      }
    }
    this.elementIndex = Map.copyOf(index);
    this.elementCount = flat;
  }

  public List<Evaluation> evaluate(List<Deal> deals, Instant asOf, Locale locale) {
    List<DealFact> dealFacts = new ArrayList<>(deals.size());
    for (Deal deal : deals) {
      Facts facts = new Facts(deal, asOf, playbook.env());
      if (facts.stageIndex() < 0) {
        throw new IllegalArgumentException("deal '" + deal.id() + "' is at stage '" + deal.stage()
            + "', which playbook '" + playbook.id() + "' does not define; its stages are: "
            + String.join(", ", playbook.env().stages()));
      }
      dealFacts.add(new DealFact(new Frame(facts), playbook.checkCount()));
    }
    try {
      playbook.ruleBase().fire(dealFacts);
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof EvaluationException ours) {
          throw new EvaluationException(ours.dealId(), ours.getMessage() + " (playbook '" + playbook.id() + "')", e);
        }
      }
      throw new EvaluationException(deals.size() == 1 ? deals.get(0).id() : null, "evaluating " + deals.size()
          + " deal(s) with playbook '" + playbook.id() + "' failed: " + e.getMessage(), e);
    }
    List<Evaluation> out = new ArrayList<>(deals.size());
    LocalDate[] dues = new LocalDate[playbook.rules().size()]; // the same for every deal of one call
    for (DealFact f : dealFacts) {
      out.add(result(f, asOf, locale, dues));
    }
    return out;
  }

  /** @param dues each rule's action's due date for {@code asOf}, filled in as they are first needed */
  private Evaluation result(DealFact fact, Instant asOf, Locale locale, LocalDate[] dues) {
    Frame frame = fact.frame();
    Deal deal = frame.facts().deal();
    LocalDate today = Utc.date(asOf);
    List<Gap> gaps = new ArrayList<>();
    List<Action> actions = new ArrayList<>();
    List<String> fired = new ArrayList<>();
    // each target filter's contact, found once per deal (several rules may address the same person)
    Action.Target[] targets = targetGroups == 0 ? null : new Action.Target[targetGroups];
    boolean[] targeted = targetGroups == 0 ? null : new boolean[targetGroups];
    List<CompiledPlaybook.Rule> rules = playbook.rules();
    for (int i = 0; i < rules.size(); i++) {
      CompiledPlaybook.Rule r = rules.get(i);
      if (!fact.held().get(r.check())) {
        continue;
      }
      fired.add(r.id());
      String message = null;
      if (r.gap() != null) {
        message = r.gap().message().get(locale).render(frame, playbook.env(), locale);
        gaps.add(new Gap(r.id(), r.gap().severity(), message, r.methodology(), r.element(),
            Lazy.list(evidence(i, deal, asOf)), r.provenance()));
      }
      if (r.action() != null) {
        CompiledPlaybook.ActionSpec a = r.action();
        String title = a.title().get(locale).render(frame, playbook.env(), locale);
        String reason = a.reason() != null ? a.reason().get(locale).render(frame, playbook.env(), locale)
            : message != null ? message : r.title().get(locale);
        Action.Target target = null;
        if (a.target() != null) {
          int g = targetGroup[i];
          if (!targeted[g]) {
            targets[g] = target(a, frame);
            targeted[g] = true;
          }
          target = targets[g];
        }
        LocalDate due = dues[i];
        if (due == null) {
          due = Utc.date(a.due().addTo(Utc.startOf(today), 1));
          dues[i] = due;
        }
        String talkTrack = talkTracks[i] == null ? null : (String) talkTracks[i].get(locale);
        Action action = new Action(r.id(), title, a.priority(), due, reason, target, talkTrack, r.methodology(),
            r.element(), r.provenance());
        // equal actions (same title and contact) of different rules are merged: the higher ranked one stays.
        // A deal has a handful of actions, so a scan costs less than hashing each new title.
        int same = -1;
        for (int k = 0; k < actions.size() && same < 0; k++) {
          Action other = actions.get(k);
          if (other.title().equals(title) && java.util.Objects.equals(contactId(other), contactId(action))) {
            same = k;
          }
        }
        if (same < 0) {
          actions.add(action);
        } else if (ACTION_ORDER.compare(action, actions.get(same)) < 0) {
          actions.set(same, action);
        }
      }
    }
    // the scorecards list each element's gaps in rule order, the order they were found in
    Gap[] inRuleOrder = gaps.isEmpty() || playbook.methodologies().isEmpty() ? NO_GAPS : gaps.toArray(NO_GAPS);
    gaps.sort(GAP_ORDER);
    List<Action> ranked = actions;
    ranked.sort(ACTION_ORDER);
    List<Scorecard> scorecards = playbook.methodologies().isEmpty() ? List.of()
        : Lazy.list(() -> scorecards(new Frame(new Facts(deal, asOf, playbook.env())), deal,
            gapsByElement(inRuleOrder), locale));
    return new Evaluation(deal.id(), asOf, locale, ranked, gaps, scorecards, readiness(fact, deal, locale), fired);
  }

  /**
   * The evidence of rule {@code i} on a deal where it fired, for a {@link Lazy#list lazy list}: each part
   * of the condition with its value, evaluated again on a frame of its own, so that reading it
   * later, on any thread, gives what an eager rendering would have given.
   */
  private java.util.function.Supplier<List<String>> evidence(int i, Deal deal, Instant asOf) {
    return () -> {
      CompiledPlaybook.Rule r = playbook.rules().get(i);
      Frame frame = new Frame(new Facts(deal, asOf, playbook.env()));
      List<dev.playbook.result.Explanation.Part> parts = Explainer.explain(r.when(), r.whenText(), playbook.env(), frame,
          texts.get(i));
      String[] lines = new String[parts.size()];
      for (int p = 0; p < lines.length; p++) {
        lines[p] = parts.get(p).render();
      }
      return List.of(lines);
    };
  }

  /** Explains the given rules on one deal; {@code fired} comes from the rule engine's own run. */
  public List<dev.playbook.result.Explanation> explain(Deal deal, Instant asOf, List<CompiledPlaybook.Rule> rules) {
    Evaluation e = evaluate(List.of(deal), asOf, Locale.ENGLISH).get(0);
    Frame frame = new Frame(new Facts(deal, asOf, playbook.env()));
    List<dev.playbook.result.Explanation> out = new ArrayList<>();
    for (CompiledPlaybook.Rule r : rules) {
      List<dev.playbook.result.Explanation.Part> parts = Explainer.explain(r.when(), r.whenText(), playbook.env(), frame);
      out.add(new dev.playbook.result.Explanation(r.id(), r.title().get(Locale.ENGLISH), e.firedRules().contains(r.id()),
          r.whenText().strip(), parts, r.provenance()));
    }
    return out;
  }

  private static final Gap[] NO_GAPS = new Gap[0];

  /** The ids of the rules that found gaps, by {@code methodology.element}, in rule order. */
  private static Map<String, List<String>> gapsByElement(Gap[] inRuleOrder) {
    Map<String, List<String>> out = new HashMap<>();
    for (Gap g : inRuleOrder) {
      if (g.methodology() != null && g.element() != null) {
        out.computeIfAbsent(g.methodology() + "." + g.element(), k -> new ArrayList<>()).add(g.rule());
      }
    }
    return out;
  }

  private static String contactId(Action a) {
    return a.target() == null ? null : a.target().contactId();
  }

  private static Action.Target target(CompiledPlaybook.ActionSpec a, Frame frame) {
    for (Contact c : frame.facts().deal().contacts()) {
      if (a.target().test(frame.withLocal(0, c))) {
        return new Action.Target(c.id(), c.name());
      }
    }
    return null;
  }

  /** Every methodology's scorecard; evaluates each element's {@code confirmed_when} on {@code frame}. */
  private List<Scorecard> scorecards(Frame frame, Deal deal, Map<String, List<String>> gapsByElement, Locale locale) {
    // the deal's own evidence statuses by element, read in one pass over its (usually short) evidence map
    EvidenceStatus[] stated = null;
    if (!deal.evidence().isEmpty()) {
      for (Map.Entry<String, Evidence> en : deal.evidence().entrySet()) {
        Integer at = elementIndex.get(en.getKey());
        if (at != null && en.getValue().status() != null) {
          if (stated == null) {
            stated = new EvidenceStatus[elementCount];
          }
          stated[at] = en.getValue().status();
        }
      }
    }
    List<Scorecard> out = new ArrayList<>();
    List<CompiledPlaybook.Methodology> methodologies = playbook.methodologies();
    int flat = 0;
    for (int mi = 0; mi < methodologies.size(); mi++) {
      CompiledPlaybook.Methodology m = methodologies.get(mi);
      if (m.elements().isEmpty()) {
        continue;
      }
      Scorecard.Element[] els = new Scorecard.Element[m.elements().size()];
      double score = 0;
      for (int ei = 0; ei < els.length; ei++, flat++) {
        CompiledPlaybook.Element e = m.elements().get(ei);
        EvidenceStatus status;
        if (e.confirmedWhen() != null && confirmed(e, m, frame, deal)) {
          status = EvidenceStatus.CONFIRMED;
        } else {
          status = stated == null || stated[flat] == null ? EvidenceStatus.UNKNOWN : stated[flat];
        }
        score += status == EvidenceStatus.CONFIRMED ? 1 : status == EvidenceStatus.PARTIAL ? 0.5 : 0;
        List<String> gapRules = gapsByElement.isEmpty() ? List.of()
            : gapsByElement.getOrDefault(elementKeys[mi][ei], List.of());
        els[ei] = new Scorecard.Element(e.id(), e.title().get(locale), status, gapRules);
      }
      int percent = (int) Math.round(100.0 * score / els.length);
      out.add(new Scorecard(m.id(), m.title().get(locale), List.of(els), percent));
    }
    return out;
  }

  private static boolean confirmed(CompiledPlaybook.Element e, CompiledPlaybook.Methodology m, Frame frame, Deal deal) {
    try {
      return e.confirmedWhen().test(frame);
    } catch (EvaluationException ex) {
      throw ex;
    } catch (RuntimeException ex) {
      throw new EvaluationException(deal.id(), "evaluating deal '" + deal.id() + "' failed on confirmed_when of "
          + m.id() + "." + e.id() + " '" + dev.playbook.internal.lang.Printer.print(e.confirmedWhen().ast()) + "': "
          + ex.getMessage(), ex);
    }
  }

  private StageReadiness readiness(DealFact fact, Deal deal, Locale locale) {
    List<StageReadiness.KeyNode> nodes = new ArrayList<>();
    for (CompiledPlaybook.KeyNode k : playbook.keyNodes()) {
      if (!k.stage().equals(deal.stage())) {
        continue;
      }
      List<StageReadiness.Criterion> criteria = new ArrayList<>();
      for (CompiledPlaybook.Criterion c : k.criteria()) {
        criteria.add(new StageReadiness.Criterion(c.id(), c.title().get(locale), fact.held().get(c.check())));
      }
      nodes.add(new StageReadiness.KeyNode(k.id(), k.title().get(locale), criteria));
    }
    return new StageReadiness(deal.stage(), nodes);
  }
}
