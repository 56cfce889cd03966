package dev.playbook.examples;

import dev.playbook.result.Action;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Gap;
import dev.playbook.result.Scorecard;

/** Picks one finding of an evaluation by rule or methodology; fails when it is absent. */
final class Results {

  private Results() {}

  static Gap gap(Evaluation result, String rule) {
    return result.gaps().stream().filter(g -> g.rule().equals(rule)).findFirst().orElseThrow();
  }

  static Action action(Evaluation result, String rule) {
    return result.actions().stream().filter(a -> a.rule().equals(rule)).findFirst().orElseThrow();
  }

  static Scorecard scorecard(Evaluation result, String methodology) {
    return result.scorecards().stream()
        .filter(s -> s.methodology().equals(methodology))
        .findFirst()
        .orElseThrow();
  }
}
