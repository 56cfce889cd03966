package dev.playbook.result;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The result of evaluating one deal against a playbook at one moment. Immutable.
 *
 * @param dealId the deal's id
 * @param asOf the evaluation time all relative conditions were computed against
 * @param locale the locale texts were rendered in
 * @param actions next-best-actions, ranked by priority (highest first), then due date, then rule id
 * @param gaps compliance gaps, sorted by severity (critical first), then rule id
 * @param scorecards one per methodology the playbook declares, in declaration order; computed the
 *     first time they are read (each element's {@code confirmed_when} is evaluated then)
 * @param stageReadiness the exit criteria of the deal's current stage
 * @param firedRules the ids of every rule whose condition held, in the playbook's rule order (also
 *     rules whose action was merged into an equal action of another rule)
 * @param segment the deal's segment as the rules saw it: its own, else the one the playbook's
 *     {@code derive_segment} gave it; null when it has neither
 */
public record Evaluation(
    String dealId,
    Instant asOf,
    Locale locale,
    List<Action> actions,
    List<Gap> gaps,
    List<Scorecard> scorecards,
    StageReadiness stageReadiness,
    List<String> firedRules,
    String segment) {

  /** An evaluation of a deal without a segment. */
  public Evaluation(
      String dealId,
      Instant asOf,
      Locale locale,
      List<Action> actions,
      List<Gap> gaps,
      List<Scorecard> scorecards,
      StageReadiness stageReadiness,
      List<String> firedRules) {
    this(dealId, asOf, locale, actions, gaps, scorecards, stageReadiness, firedRules, null);
  }

  public Evaluation {
    requireNonNull(dealId, "dealId");
    requireNonNull(asOf, "asOf");
    requireNonNull(locale, "locale");
    actions = List.copyOf(actions);
    gaps = List.copyOf(gaps);
    // the engine's scorecards are immutable already and are computed when first read
    scorecards = scorecards instanceof LazyList ? scorecards : List.copyOf(scorecards);
    requireNonNull(stageReadiness, "stageReadiness");
    firedRules = List.copyOf(firedRules);
  }
}
