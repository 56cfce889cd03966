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
  final Buckets buckets;
  final List<Integer> landmarks;
  final List<Integer> wonWithin;
  final List<String> by;
  final int profileMinSupport;
  final java.time.Instant asOf;

  Context(
      List<String> rules,
      List<String> stages,
      Set<String> won,
      Set<String> lost,
      String productField,
      String sectorField) {
    this(
        rules,
        stages,
        won,
        lost,
        productField,
        sectorField,
        new Buckets(Buckets.DEFAULT_CYCLE, Buckets.DEFAULT_AMOUNT),
        List.of(),
        Portfolio.DEFAULT_WON_WITHIN,
        List.of(),
        30,
        java.time.Instant.EPOCH);
  }

  Context(
      List<String> rules,
      List<String> stages,
      Set<String> won,
      Set<String> lost,
      String productField,
      String sectorField,
      Buckets buckets,
      List<Integer> landmarks,
      List<Integer> wonWithin,
      List<String> by,
      int profileMinSupport,
      java.time.Instant asOf) {
    this.buckets = buckets;
    this.landmarks = List.copyOf(landmarks);
    this.wonWithin = List.copyOf(wonWithin);
    this.by = List.copyOf(by);
    this.profileMinSupport = profileMinSupport;
    this.asOf = asOf;
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
