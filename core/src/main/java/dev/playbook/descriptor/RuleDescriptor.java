package dev.playbook.descriptor;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.playbook.result.Severity;

/**
 * One rule of a playbook, its own or inherited, as it was loaded.
 *
 * @param id the rule's id, such as {@code meddic.eb-identified}
 * @param title the rule's title by locale (its id when the rule has none)
 * @param methodology the id of the methodology it belongs to, or null
 * @param element the id of the methodology element it checks, or null
 * @param condition its {@code when} condition, as written
 * @param hasGap whether it reports a compliance gap when it fires
 * @param severity the severity of that gap; null exactly when it has none
 * @param hasAction whether it proposes a next-best-action when it fires
 * @param file the file that defines it, as problems name it (a built-in's by its resource name)
 * @param line the line of that file where the rule starts (1-based)
 * @param loop how its action is followed up; {@link LoopSettings#NONE} when it has no action or its
 *     action declares nothing
 */
public record RuleDescriptor(
    String id,
    LocalizedText title,
    String methodology,
    String element,
    String condition,
    boolean hasGap,
    Severity severity,
    boolean hasAction,
    String file,
    int line,
    LoopSettings loop) {

  public RuleDescriptor {
    requireNonNull(id, "id");
    requireNonNull(title, "title");
    requireNonNull(condition, "condition");
    requireNonNull(file, "file");
    checkArgument(
        hasGap == (severity != null), "rule %s: a severity is given exactly when it has a gap", id);
    checkArgument(
        element == null || methodology != null,
        "rule %s: element %s needs a methodology",
        id,
        element);
    checkArgument(line >= 1, "rule %s: line %s must be at least 1", id, line);
    requireNonNull(loop, "loop");
    checkArgument(hasAction || loop.isEmpty(), "rule %s: loop settings need an action", id);
  }

  /** A rule whose action, if any, declares no loop settings. */
  public RuleDescriptor(
      String id,
      LocalizedText title,
      String methodology,
      String element,
      String condition,
      boolean hasGap,
      Severity severity,
      boolean hasAction,
      String file,
      int line) {
    this(
        id,
        title,
        methodology,
        element,
        condition,
        hasGap,
        severity,
        hasAction,
        file,
        line,
        LoopSettings.NONE);
  }
}
