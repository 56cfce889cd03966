package dev.playbook.insights;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What every worker needs to know about the playbook and the options; immutable. */
final class Context {
  final List<String> rules;
  final Map<String, Integer> ruleIndex = new HashMap<>();
  final List<String> stages;
  final List<String> nodes;
  final Map<String, Integer> nodeIndex = new HashMap<>();
  final Set<String> won;
  final Set<String> lost;
  final String productField;
  final String sectorField;

  Context(
      List<String> rules,
      List<String> stages,
      Set<String> won,
      Set<String> lost,
      String productField,
      String sectorField) {
    this.rules = List.copyOf(rules);
    for (int i = 0; i < rules.size(); i++) {
      ruleIndex.put(rules.get(i), i);
    }
    this.stages = List.copyOf(stages);
    this.won = Set.copyOf(won);
    this.lost = Set.copyOf(lost);
    this.nodes = stages.stream().filter(s -> !lost.contains(s)).toList();
    for (int i = 0; i < nodes.size(); i++) {
      nodeIndex.put(nodes.get(i), i);
    }
    this.productField = productField;
    this.sectorField = sectorField;
  }

  boolean closed(String stage) {
    return won.contains(stage) || lost.contains(stage);
  }
}
