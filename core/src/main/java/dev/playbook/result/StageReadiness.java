package dev.playbook.result;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Whether a deal is ready to leave its current stage: each key node of the stage with its exit
 * criteria, met or missing.
 */
public record StageReadiness(String stage, List<KeyNode> keyNodes) {

  public StageReadiness {
    requireNonNull(stage, "stage");
    keyNodes = List.copyOf(keyNodes);
  }

  /** True when every key node of the stage is met (also when the stage has none). */
  public boolean ready() {
    return keyNodes.stream().allMatch(KeyNode::met);
  }

  /** A milestone with its exit criteria. */
  public record KeyNode(String id, String title, List<Criterion> criteria) {
    public KeyNode {
      requireNonNull(id, "id");
      requireNonNull(title, "title");
      criteria = List.copyOf(criteria);
    }

    public boolean met() {
      return criteria.stream().allMatch(Criterion::met);
    }
  }

  /** One exit criterion and whether the deal meets it. */
  public record Criterion(String id, String title, boolean met) {
    public Criterion {
      requireNonNull(id, "id");
      requireNonNull(title, "title");
    }
  }
}
