package dev.playbook.descriptor;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A key node: a milestone of one stage, with the exit criteria a deal must meet there.
 *
 * @param id the key node's id
 * @param stage the stage it belongs to
 * @param title its title by locale (its id when it has none)
 * @param criteria its exit criteria, in the order the playbook lists them
 */
public record KeyNodeDescriptor(
    String id, String stage, LocalizedText title, List<Criterion> criteria) {

  public KeyNodeDescriptor {
    requireNonNull(id, "id");
    requireNonNull(stage, "stage");
    requireNonNull(title, "title");
    criteria = List.copyOf(criteria);
  }

  /**
   * One exit criterion of a key node.
   *
   * @param id the criterion's id
   * @param title its title by locale (its id when it has none)
   * @param condition the condition that meets it, as written
   */
  public record Criterion(String id, LocalizedText title, String condition) {

    public Criterion {
      requireNonNull(id, "id");
      requireNonNull(title, "title");
      requireNonNull(condition, "condition");
    }
  }
}
