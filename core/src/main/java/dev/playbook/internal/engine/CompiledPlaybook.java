package dev.playbook.internal.engine;

import dev.playbook.internal.lang.Compiled;
import dev.playbook.internal.lang.Env;
import dev.playbook.internal.lang.Span;
import dev.playbook.internal.lang.Template;
import dev.playbook.result.Provenance;
import dev.playbook.result.Severity;
import java.util.List;
import java.util.Map;

/** A playbook merged with its parents, type-checked and compiled; immutable and thread-safe. */
public record CompiledPlaybook(
    String id,
    Localized<String> title,
    Env env,
    List<Rule> rules,
    List<Methodology> methodologies,
    List<KeyNode> keyNodes,
    Map<String, Localized<String>> talkTracks,
    RuleBase ruleBase,
    int checkCount) {

  /** A rule; {@code check} is its index among the conditions the rule base evaluates. */
  public record Rule(
      String id,
      Localized<String> title,
      String methodology,
      String element,
      String whenText,
      Compiled when,
      int check,
      Provenance provenance,
      GapSpec gap,
      ActionSpec action) {

    /** This rule with {@code a} as its action. */
    public Rule withAction(ActionSpec a) {
      return new Rule(id, title, methodology, element, whenText, when, check, provenance, gap, a);
    }
  }

  public record GapSpec(Severity severity, Localized<Template> message) {}

  public record ActionSpec(
      Localized<Template> title,
      int priority,
      Span due,
      String talkTrack,
      Compiled target,
      Localized<Template> reason,
      Localized<Template> talkTrackText,
      boolean dueOnWeekends,
      dev.playbook.descriptor.LoopSettings loop) {

    /** This action with {@code t} as its target filter. */
    public ActionSpec withTarget(Compiled t) {
      return new ActionSpec(
          title, priority, due, talkTrack, t, reason, talkTrackText, dueOnWeekends, loop);
    }
  }

  public record Methodology(String id, Localized<String> title, List<Element> elements) {}

  /**
   * {@code confirmedWhen} (and its text) is null when the element has none. It is not part of the
   * rule base: scorecards evaluate it when they are first read.
   */
  public record Element(
      String id,
      Localized<String> title,
      Compiled confirmedWhen,
      String confirmedWhenText,
      Provenance provenance) {

    /** This element with {@code c} as its {@code confirmed_when}. */
    public Element withConfirmedWhen(Compiled c) {
      return new Element(id, title, c, confirmedWhenText, provenance);
    }
  }

  public record KeyNode(
      String id, String stage, Localized<String> title, List<Criterion> criteria) {}

  public record Criterion(
      String id,
      Localized<String> title,
      String whenText,
      Compiled when,
      int check,
      Provenance provenance) {}
}
