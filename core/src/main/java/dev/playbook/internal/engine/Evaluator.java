package dev.playbook.internal.engine;

import dev.playbook.internal.lang.Ast;
import dev.playbook.internal.lang.Cost;
import dev.playbook.internal.lang.Explainer;
import dev.playbook.internal.lang.Facts;
import dev.playbook.internal.lang.Frame;
import dev.playbook.internal.lang.Money;
import dev.playbook.internal.lang.Span;
import dev.playbook.internal.lang.Template;
import dev.playbook.internal.lang.TooCostly;
import dev.playbook.internal.lang.Utc;
import dev.playbook.model.Contact;
import dev.playbook.model.Deal;
import dev.playbook.model.Evidence;
import dev.playbook.model.EvidenceStatus;
import dev.playbook.problem.EvaluationException;
import dev.playbook.result.Action;
import dev.playbook.result.DealError;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Evaluations;
import dev.playbook.result.Gap;
import dev.playbook.result.Lazy;
import dev.playbook.result.Scorecard;
import dev.playbook.result.StageReadiness;
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

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Evaluator.class);

  /**
   * Priority (highest first), due date, rule, title; written out, as sorting is a visible part of a
   * result's cost.
   */
  private static final Comparator<Action> ACTION_ORDER =
      (a, b) -> {
        int c = Integer.compare(b.priority(), a.priority());
        if (c == 0) {
          c = a.due().compareTo(b.due());
        }
        if (c == 0) {
          c = a.rule().compareTo(b.rule());
        }
        return c != 0 ? c : a.title().compareTo(b.title());
      };

  private static final Comparator<Gap> GAP_ORDER =
      (a, b) -> {
        int c = a.severity().compareTo(b.severity());
        return c != 0 ? c : a.rule().compareTo(b.rule());
      };

  private final CompiledPlaybook playbook;

  /**
   * Per rule (same index as {@code playbook.rules()}): the texts of its condition's nodes, for gap
   * evidence.
   */
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

  /** The steps one deal's evaluation may take, and the longest rendered text. */
  private final long maxSteps;

  private final int maxMessageLength;

  /**
   * Per check (rule or exit criterion, by check index): its name in errors and its static cost
   * bound.
   */
  private final String[] checkNames;

  private final Cost[] checkCosts;

  /**
   * The earliest and latest evaluation times: far enough inside {@code Instant}'s range for due
   * dates.
   */
  public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  public Evaluator(CompiledPlaybook playbook, long maxSteps, int maxMessageLength) {
    this.playbook = playbook;
    this.maxSteps = maxSteps;
    this.maxMessageLength = maxMessageLength;
    this.checkNames = new String[playbook.checkCount()];
    this.checkCosts = new Cost[playbook.checkCount()];
    for (CompiledPlaybook.Rule r : playbook.rules()) {
      checkNames[r.check()] = r.id();
      checkCosts[r.check()] = Cost.of(r.when());
    }
    for (CompiledPlaybook.KeyNode k : playbook.keyNodes()) {
      for (CompiledPlaybook.Criterion c : k.criteria()) {
        checkNames[c.check()] = k.id() + "." + c.id();
        checkCosts[c.check()] = Cost.of(c.when());
      }
    }
    List<Map<Ast, String>> t = new ArrayList<>(playbook.rules().size());
    for (CompiledPlaybook.Rule r : playbook.rules()) {
      t.add(r.gap() == null ? Map.of() : Explainer.texts(r.when(), r.whenText()));
    }
    this.texts = List.copyOf(t);
    this.talkTracks = new Localized<?>[playbook.rules().size()];
    for (int i = 0; i < talkTracks.length; i++) {
      CompiledPlaybook.ActionSpec a = playbook.rules().get(i).action();
      talkTracks[i] = a == null ? null : a.talkTrackText();
    }
    this.targetGroup = new int[playbook.rules().size()];
    Map<String, Integer> groups = new HashMap<>();
    for (int i = 0; i < targetGroup.length; i++) {
      CompiledPlaybook.ActionSpec a = playbook.rules().get(i).action();
      targetGroup[i] =
          a == null || a.target() == null
              ? -1
              : groups.computeIfAbsent(
                  dev.playbook.internal.lang.Printer.print(a.target().ast()), k -> groups.size());
    }
    this.targetGroups = groups.size();
    this.elementKeys = new String[playbook.methodologies().size()][];
    Map<String, Integer> index = new HashMap<>();
    int flat = 0;
    for (int m = 0; m < elementKeys.length; m++) {
      CompiledPlaybook.Methodology meth = playbook.methodologies().get(m);
      elementKeys[m] =
          meth.elements().stream().map(e -> meth.id() + "." + e.id()).toArray(String[]::new);
      for (String key : elementKeys[m]) {
        index.put(key, flat++);
      }
    }
    this.elementIndex = Map.copyOf(index);
    this.elementCount = flat;
  }

  /** Checks an evaluation time against the supported range. */
  public static void checkAsOf(Instant asOf) {
    if (asOf.isBefore(EARLIEST) || asOf.isAfter(LATEST)) {
      throw new IllegalArgumentException(
          "the evaluation time "
              + asOf
              + " is outside the supported range, "
              + EARLIEST
              + " to 9999-12-31T23:59:59Z");
    }
  }

  /**
   * Evaluates the deals in one session of the rule engine. A deal that fails (its stage is not
   * defined, a condition throws, it runs out of steps) becomes a {@link DealError}; the others are
   * evaluated as if it were not there.
   */
  public Evaluations evaluate(List<Deal> deals, Instant asOf, Locale locale) {
    checkAsOf(asOf);
    Object[] outcomes = new Object[deals.size()];
    List<DealFact> dealFacts = new ArrayList<>(deals.size());
    int[] at = new int[deals.size()];
    for (int i = 0; i < deals.size(); i++) {
      Deal deal = deals.get(i);
      Facts facts = new Facts(deal, asOf, playbook.env());
      if (facts.stageIndex() < 0) {
        outcomes[i] =
            new DealError(
                i, deal.id(), DealError.Kind.UNKNOWN_STAGE, null, null, unknownStage(deal));
        continue;
      }
      Money money = playbook.env().money();
      if (money != null && deal.amount() != null && !money.converts(deal.currency())) {
        // compared as it is, the amount would be a wrong number in the base currency
        outcomes[i] =
            new DealError(
                i,
                deal.id(),
                DealError.Kind.EVALUATION_FAILED,
                null,
                null,
                money.noRate(deal.id(), deal.currency()));
        continue;
      }
      at[dealFacts.size()] = i;
      dealFacts.add(new DealFact(new Frame(facts).withBudget(maxSteps), playbook.checkCount()));
    }
    try {
      playbook.ruleBase().fire(dealFacts);
    } catch (RuntimeException e) {
      // conditions keep their failures on their deal; this is the rule engine itself failing
      for (int k = 0; k < dealFacts.size(); k++) {
        Deal deal = dealFacts.get(k).frame().facts().deal();
        outcomes[at[k]] = error(at[k], deal, null, null, e);
      }
      return outcomes(outcomes);
    }
    LocalDate[] dues =
        new LocalDate[playbook.rules().size()]; // the same for every deal of one call
    int[] rule = new int[1];
    for (int k = 0; k < dealFacts.size(); k++) {
      DealFact f = dealFacts.get(k);
      Deal deal = f.frame().facts().deal();
      if (f.failure != null) {
        int check = playbook.ruleBase().checkOf(f.failedPart);
        outcomes[at[k]] =
            error(at[k], deal, check < 0 ? null : checkNames[check], f.failedPart, f.failure);
        continue;
      }
      rule[0] = -1;
      try {
        outcomes[at[k]] = result(f, asOf, locale, dues, rule);
      } catch (RuntimeException e) {
        String name = rule[0] < 0 ? null : playbook.rules().get(rule[0]).id();
        outcomes[at[k]] = error(at[k], deal, name, null, e);
      }
    }
    return outcomes(outcomes);
  }

  private static Evaluations outcomes(Object[] outcomes) {
    List<Evaluation> evaluated = new ArrayList<>(outcomes.length);
    List<DealError> failed = new ArrayList<>(0);
    for (Object o : outcomes) {
      if (o instanceof Evaluation e) {
        evaluated.add(e);
      } else {
        failed.add((DealError) o);
      }
    }
    return new Evaluations(evaluated, failed);
  }

  private String unknownStage(Deal deal) {
    return "deal '"
        + deal.id()
        + "' is at stage '"
        + deal.stage()
        + "', which playbook '"
        + playbook.id()
        + "' does not define; its stages are: "
        + String.join(", ", playbook.env().stages());
  }

  /**
   * The error of a deal that failed in {@code rule} (null if not known), at the condition part
   * {@code part} (null when it failed rendering the rule's message or action).
   */
  private DealError error(int index, Deal deal, String rule, String part, RuntimeException e) {
    String where =
        rule == null
            ? ""
            : part == null
                ? "rule '" + rule + "', rendering its message or action"
                : "rule '" + rule + "', condition '" + part + "'";
    if (e instanceof TooCostly) {
      String cost = "";
      if (rule != null && part != null) {
        int check = playbook.ruleBase().checkOf(part);
        cost = " (" + checkCosts[check].describe() + ")";
      }
      return new DealError(
          index,
          deal.id(),
          DealError.Kind.TOO_COSTLY,
          rule,
          part,
          "deal '"
              + deal.id()
              + "' is too costly to evaluate:"
              + " it took more than "
              + maxSteps
              + " steps, the budget of one deal"
              + (where.isEmpty() ? "" : "; the budget ran out at " + where + cost));
    }
    LOG.debug("evaluating deal {} with playbook {} failed", deal.id(), playbook.id(), e);
    return new DealError(
        index,
        deal.id(),
        DealError.Kind.EVALUATION_FAILED,
        rule,
        part,
        "deal '"
            + deal.id()
            + "' could not be evaluated"
            + (where.isEmpty() ? "" : " at " + where)
            + " of playbook '"
            + playbook.id()
            + "': "
            + reason(e));
  }

  /** An exception's message for people; one without a message is named by its kind only. */
  private static String reason(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank()
        ? "an internal error (" + e.getClass().getSimpleName() + ")"
        : m;
  }

  /** The evaluation of one deal, or the error it failed with, thrown. */
  public Evaluation evaluateOne(Deal deal, Instant asOf, Locale locale) {
    Evaluations e = evaluate(List.of(deal), asOf, locale);
    if (!e.failed().isEmpty()) {
      DealError error = e.failed().get(0);
      if (error.kind() == DealError.Kind.UNKNOWN_STAGE) {
        throw new IllegalArgumentException(error.message());
      }
      throw new EvaluationException(
          error.dealId(), error.kind() == DealError.Kind.TOO_COSTLY, error.message(), null);
    }
    return e.evaluated().get(0);
  }

  /**
   * @param dues each rule's action's due date for {@code asOf}, filled in as they are first needed
   * @param rule set to the index of the rule whose results are being built, for errors
   */
  private Evaluation result(
      DealFact fact, Instant asOf, Locale locale, LocalDate[] dues, int[] rule) {
    Frame frame = fact.frame();
    Deal deal = frame.facts().deal();
    LocalDate today = Utc.date(asOf);
    // sized from the conditions that held (rules sharing a condition may still grow the lists)
    int held = fact.held().cardinality();
    List<Gap> gaps = new ArrayList<>(held);
    List<Action> actions = new ArrayList<>(held);
    List<String> fired = new ArrayList<>(held);
    // each target filter's contact, found once per deal (several rules may address the same person)
    Action.Target[] targets = targetGroups == 0 ? null : new Action.Target[targetGroups];
    boolean[] targeted = targetGroups == 0 ? null : new boolean[targetGroups];
    List<CompiledPlaybook.Rule> rules = playbook.rules();
    for (int i = 0; i < rules.size(); i++) {
      CompiledPlaybook.Rule r = rules.get(i);
      if (!fact.held().get(r.check())) {
        continue;
      }
      rule[0] = i;
      fired.add(r.id());
      String message = null;
      if (r.gap() != null) {
        message =
            r.gap().message().get(locale).render(frame, playbook.env(), locale, maxMessageLength);
        gaps.add(
            new Gap(
                r.id(),
                r.gap().severity(),
                message,
                r.methodology(),
                r.element(),
                Lazy.list(evidence(i, deal, asOf)),
                r.provenance()));
      }
      if (r.action() != null) {
        CompiledPlaybook.ActionSpec a = r.action();
        String title =
            a.title().get(locale).render(frame, playbook.env(), locale, maxMessageLength);
        String reason =
            a.reason() != null
                ? a.reason().get(locale).render(frame, playbook.env(), locale, maxMessageLength)
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
          if (!a.dueOnWeekends()) {
            due = Span.BusinessDays.onOrAfter(due);
          }
          dues[i] = due;
        }
        String talkTrack = null;
        if (talkTracks[i] != null) {
          // the talk track's {contact.…} is the contact the action targets, missing if none
          Contact to = target == null ? null : contact(deal, target.contactId());
          talkTrack =
              ((Template) talkTracks[i].get(locale))
                  .render(frame.withLocal(0, to), playbook.env(), locale, maxMessageLength);
        }
        Action action =
            new Action(
                r.id(),
                title,
                a.priority(),
                due,
                reason,
                target,
                talkTrack,
                r.methodology(),
                r.element(),
                r.provenance());
        // equal actions (same title and contact) of different rules are merged: the higher ranked
        // one stays.
        // A deal has a handful of actions, so a scan costs less than hashing each new title.
        int same = -1;
        for (int k = 0; k < actions.size() && same < 0; k++) {
          Action other = actions.get(k);
          if (other.title().equals(title)
              && java.util.Objects.equals(contactId(other), contactId(action))) {
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
    Gap[] inRuleOrder =
        gaps.isEmpty() || playbook.methodologies().isEmpty() ? NO_GAPS : gaps.toArray(NO_GAPS);
    gaps.sort(GAP_ORDER);
    List<Action> ranked = actions;
    ranked.sort(ACTION_ORDER);
    rule[0] = -1;
    List<Scorecard> scorecards =
        playbook.methodologies().isEmpty()
            ? List.of()
            : Lazy.list(
                () ->
                    scorecards(
                        new Frame(new Facts(deal, asOf, playbook.env())).withBudget(maxSteps),
                        deal,
                        gapsByElement(inRuleOrder),
                        locale));
    return new Evaluation(
        deal.id(),
        asOf,
        locale,
        ranked,
        gaps,
        scorecards,
        readiness(fact, deal, locale),
        fired,
        frame.facts().segment());
  }

  /**
   * The evidence of rule {@code i} on a deal where it fired, for a {@link Lazy#list lazy list}:
   * each part of the condition with its value, evaluated again on a frame of its own, so that
   * reading it later, on any thread, gives what an eager rendering would have given.
   */
  private java.util.function.Supplier<List<String>> evidence(int i, Deal deal, Instant asOf) {
    return () -> {
      CompiledPlaybook.Rule r = playbook.rules().get(i);
      Frame frame = new Frame(new Facts(deal, asOf, playbook.env())).withBudget(maxSteps);
      List<dev.playbook.result.Explanation.Part> parts;
      try {
        parts = Explainer.explain(r.when(), r.whenText(), playbook.env(), frame, texts.get(i));
      } catch (TooCostly e) {
        throw tooCostly(deal, "the evidence of rule '" + r.id() + "'");
      }
      String[] lines = new String[parts.size()];
      for (int p = 0; p < lines.length; p++) {
        lines[p] = parts.get(p).render();
      }
      return List.of(lines);
    };
  }

  /** Explains the given rules on one deal; {@code fired} comes from the rule engine's own run. */
  public List<dev.playbook.result.Explanation> explain(
      Deal deal, Instant asOf, List<CompiledPlaybook.Rule> rules) {
    Evaluation e = evaluateOne(deal, asOf, Locale.ENGLISH);
    Frame frame = new Frame(new Facts(deal, asOf, playbook.env())).withBudget(maxSteps);
    List<dev.playbook.result.Explanation> out = new ArrayList<>();
    for (CompiledPlaybook.Rule r : rules) {
      out.add(
          explanation(
              dev.playbook.result.Explanation.Kind.RULE,
              r.id(),
              r.title(),
              e.firedRules().contains(r.id()),
              r.when(),
              r.whenText(),
              r.provenance(),
              deal,
              frame,
              "the explanation of rule '" + r.id() + "'"));
    }
    return out;
  }

  /**
   * Explains the exit criteria of the key nodes of the deal's stage, and the {@code confirmed_when}
   * of every scorecard element that has one; {@code fired} is whether the criterion is met or the
   * condition holds, as readiness and scorecards report it.
   */
  public List<dev.playbook.result.Explanation> explainChecks(Deal deal, Instant asOf) {
    Evaluation e = evaluateOne(deal, asOf, Locale.ENGLISH);
    Frame frame = new Frame(new Facts(deal, asOf, playbook.env())).withBudget(maxSteps);
    List<dev.playbook.result.Explanation> out = new ArrayList<>();
    for (CompiledPlaybook.KeyNode k : playbook.keyNodes()) {
      if (!k.stage().equals(deal.stage())) {
        continue;
      }
      StageReadiness.KeyNode held =
          e.stageReadiness().keyNodes().stream()
              .filter(n -> n.id().equals(k.id()))
              .findFirst()
              .orElseThrow();
      for (CompiledPlaybook.Criterion c : k.criteria()) {
        boolean met = held.criteria().stream().anyMatch(x -> x.id().equals(c.id()) && x.met());
        out.add(
            explanation(
                dev.playbook.result.Explanation.Kind.CRITERION,
                k.id() + "." + c.id(),
                c.title(),
                met,
                c.when(),
                c.whenText(),
                c.provenance(),
                deal,
                frame,
                "the explanation of exit criterion '" + k.id() + "." + c.id() + "'"));
      }
    }
    for (CompiledPlaybook.Methodology m : playbook.methodologies()) {
      for (CompiledPlaybook.Element el : m.elements()) {
        if (el.confirmedWhen() == null) {
          continue;
        }
        out.add(
            explanation(
                dev.playbook.result.Explanation.Kind.ELEMENT,
                m.id() + "." + el.id(),
                el.title(),
                confirmed(el, m, frame, deal),
                el.confirmedWhen(),
                el.confirmedWhenText(),
                el.provenance(),
                deal,
                frame,
                "the explanation of confirmed_when of " + m.id() + "." + el.id()));
      }
    }
    return out;
  }

  private dev.playbook.result.Explanation explanation(
      dev.playbook.result.Explanation.Kind kind,
      String id,
      Localized<String> title,
      boolean fired,
      dev.playbook.internal.lang.Compiled when,
      String whenText,
      dev.playbook.result.Provenance provenance,
      Deal deal,
      Frame frame,
      String what) {
    dev.playbook.result.Explanation.Node tree;
    try {
      tree = Explainer.tree(when, whenText, playbook.env(), frame);
    } catch (TooCostly tooCostly) {
      throw tooCostly(deal, what);
    }
    return new dev.playbook.result.Explanation(
        kind,
        id,
        title.get(Locale.ENGLISH),
        fired,
        whenText.strip(),
        Explainer.leaves(tree),
        tree,
        provenance);
  }

  private EvaluationException tooCostly(Deal deal, String what) {
    return new EvaluationException(
        deal.id(),
        true,
        "deal '"
            + deal.id()
            + "' is too costly to evaluate: "
            + what
            + " took more than "
            + maxSteps
            + " steps, the budget of one deal",
        null);
  }

  private static final Gap[] NO_GAPS = new Gap[0];

  /** The ids of the rules that found gaps, by {@code methodology.element}, in rule order. */
  private static Map<String, List<String>> gapsByElement(Gap[] inRuleOrder) {
    Map<String, List<String>> out = new HashMap<>();
    for (Gap g : inRuleOrder) {
      if (g.methodology() != null && g.element() != null) {
        out.computeIfAbsent(g.methodology() + "." + g.element(), k -> new ArrayList<>())
            .add(g.rule());
      }
    }
    return out;
  }

  private static String contactId(Action a) {
    return a.target() == null ? null : a.target().contactId();
  }

  private static Contact contact(Deal deal, String id) {
    for (Contact c : deal.contacts()) {
      if (c.id().equals(id)) {
        return c;
      }
    }
    return null;
  }

  private static Action.Target target(CompiledPlaybook.ActionSpec a, Frame frame) {
    for (Contact c : frame.facts().deal().contacts()) {
      if (a.target().test(frame.withLocal(0, c))) {
        return new Action.Target(c.id(), c.name());
      }
    }
    return null;
  }

  /**
   * Every methodology's scorecard; evaluates each element's {@code confirmed_when} on {@code
   * frame}.
   */
  private List<Scorecard> scorecards(
      Frame frame, Deal deal, Map<String, List<String>> gapsByElement, Locale locale) {
    // the deal's own evidence statuses by element, read in one pass over its (usually short)
    // evidence map
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
        score +=
            status == EvidenceStatus.CONFIRMED ? 1 : status == EvidenceStatus.PARTIAL ? 0.5 : 0;
        List<String> gapRules =
            gapsByElement.isEmpty()
                ? List.of()
                : gapsByElement.getOrDefault(elementKeys[mi][ei], List.of());
        els[ei] = new Scorecard.Element(e.id(), e.title().get(locale), status, gapRules);
      }
      int percent = (int) Math.round(100.0 * score / els.length);
      out.add(new Scorecard(m.id(), m.title().get(locale), List.of(els), percent));
    }
    return out;
  }

  private static boolean confirmed(
      CompiledPlaybook.Element e, CompiledPlaybook.Methodology m, Frame frame, Deal deal) {
    try {
      return e.confirmedWhen().test(frame);
    } catch (TooCostly ex) {
      throw new EvaluationException(
          deal.id(),
          true,
          "deal '"
              + deal.id()
              + "' is too costly to evaluate: "
              + "confirmed_when of "
              + m.id()
              + "."
              + e.id()
              + " took more steps than the budget of one deal allows",
          null);
    } catch (EvaluationException ex) {
      throw ex;
    } catch (RuntimeException ex) {
      throw new EvaluationException(
          deal.id(),
          "evaluating deal '"
              + deal.id()
              + "' failed on confirmed_when of "
              + m.id()
              + "."
              + e.id()
              + " '"
              + dev.playbook.internal.lang.Printer.print(e.confirmedWhen().ast())
              + "': "
              + ex.getMessage(),
          ex);
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
        criteria.add(
            new StageReadiness.Criterion(
                c.id(), c.title().get(locale), fact.held().get(c.check())));
      }
      nodes.add(new StageReadiness.KeyNode(k.id(), k.title().get(locale), criteria));
    }
    return new StageReadiness(deal.stage(), nodes);
  }
}
