package dev.playbook.internal.load;

import dev.playbook.internal.load.Defs.ParamDef;
import dev.playbook.internal.load.Defs.PlaybookDef;
import dev.playbook.internal.load.Defs.Ref;
import dev.playbook.internal.tree.DidYouMean;
import dev.playbook.internal.tree.Pos;
import dev.playbook.internal.tree.Problems;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A playbook's {@code stage_map}: its own stages mapped onto the stages of the playbooks it extends
 * (their phases). What it inherits then follows the map: inherited conditions read a deal's stage
 * as its phase, per-stage parameter values of a phase apply to every stage mapped onto it, and
 * inherited stage titles of phases that are not stages here are dropped.
 */
final class StageMaps {

  private StageMaps() {}

  /**
   * Checks {@code def}'s map against its stages and the inherited ones ({@code m.stages}, before
   * {@code def}'s replace them) and applies it to {@code m}.
   */
  static void apply(PlaybookDef def, Merged m, Problems problems) {
    if (def.stages() == null) {
      problems.add(
          "missing-field",
          def.stageMapPos(),
          "'stage_map' maps this playbook's own stages onto inherited ones, "
              + "but it declares no 'stages'; list its stages in order under 'stages'");
      return;
    }
    List<String> phases = m.stages;
    if (phases == null || phases.isEmpty()) {
      if (!def.parents().isEmpty()) {
        return; // a parent that could not be read has its own problem
      }
      problems.add(
          "invalid-value",
          def.stageMapPos(),
          "'stage_map' maps this playbook's stages onto the stages of the playbooks it extends, "
              + "but it extends none that has stages; remove 'stage_map' or add 'extends'");
      return;
    }
    if (m.phases != null) {
      problems.add(
          "invalid-value",
          def.stageMapPos(),
          "a playbook this one extends already maps its stages with 'stage_map'; map onto it "
              + "by its own stages ("
              + String.join(", ", phases)
              + ") without a 'stage_map' of your own, or extend the playbooks it extends");
      return;
    }
    Map<String, String> phaseOf = new LinkedHashMap<>();
    boolean ok = true;
    for (Map.Entry<String, Ref> e : def.stageMap().entrySet()) {
      String stage = e.getKey();
      Ref phase = e.getValue();
      if (!def.stages().contains(stage)) {
        problems.add(
            "unknown-stage",
            def.stageMapKeyPos().get(stage),
            "'"
                + stage
                + "' is not a stage of this playbook"
                + DidYouMean.hint(stage, def.stages())
                + "; its stages are: "
                + String.join(", ", def.stages()));
        ok = false;
      } else if (!phases.contains(phase.name())) {
        problems.add(
            "unknown-stage",
            phase.pos(),
            "stage '"
                + stage
                + "' maps onto '"
                + phase.name()
                + "', which is not a stage of the playbooks this one extends"
                + DidYouMean.hint(phase.name(), phases)
                + "; their stages are: "
                + String.join(", ", phases));
        ok = false;
      } else {
        phaseOf.put(stage, phase.name());
      }
    }
    for (String stage : def.stages()) {
      if (!def.stageMap().containsKey(stage)) {
        problems.add(
            "unmapped-stage",
            def.stageMapPos(),
            "stage '"
                + stage
                + "' is not in 'stage_map'; map it onto one of the inherited stages ("
                + String.join(", ", phases)
                + ") so inherited rules know where a deal at '"
                + stage
                + "' stands, for example "
                + stage
                + ": "
                + phases.get(0));
        ok = false;
      }
    }
    if (!ok) {
      return;
    }
    m.phases = phases;
    m.phaseOf.putAll(phaseOf);
    m.phaseRules.addAll(m.rules.keySet());
    m.phaseKeyNodes.addAll(m.keyNodes.keySet());
    m.phaseMethodologies.addAll(m.methodologies.keySet());
    // inherited titles name phases; a phase that is not also a stage here has no place to show
    m.stageTitles.keySet().retainAll(def.stages());
    m.stageTitlePos.keySet().retainAll(def.stages());
    m.params.replaceAll((name, p) -> byStage(p, def.stages(), phaseOf));
  }

  /** {@code p} with its per-phase values given to every stage mapped onto that phase. */
  private static ParamDef byStage(ParamDef p, List<String> stages, Map<String, String> phaseOf) {
    if (p.byStage().isEmpty()) {
      return p;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, Pos> pos = new HashMap<>();
    for (String stage : stages) {
      String phase = phaseOf.get(stage);
      if (p.byStage().containsKey(phase)) {
        values.put(stage, p.byStage().get(phase));
        pos.put(stage, p.byStagePos().get(phase));
      }
    }
    return new ParamDef(
        p.name(),
        p.pos(),
        p.type(),
        p.defaultValue(),
        p.bySegment(),
        p.bySegmentPos(),
        values,
        pos,
        p.file(),
        p.valuePos());
  }
}
