package dev.playbook.insights;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.playbook.insights.loop.Coaching;

/**
 * The report's coaching section: a manager's {@link Coaching} plan with the table of which actions
 * work, or, when the report was made without the loop's inputs (loop policy, manager, decision log,
 * feedback), the one line that says why it is missing. Exactly one of the two is set.
 *
 * @param missing why there is no plan, or null when there is one
 * @param plan the plan, or null when it is missing
 */
public record CoachingSection(String missing, Coaching plan) {

  /** Why a report made without the loop's inputs has no plan. */
  public static final String NO_INPUTS =
      "No coaching plan: the report was made without a loop policy and a manager (report --policy"
          + " FILE --manager NAME, with --decisions and --feedback for what reps did).";

  public CoachingSection {
    checkArgument(
        (missing == null) != (plan == null),
        "a coaching section has a plan or says why it has none");
  }

  /** The section of {@code plan}. */
  public static CoachingSection of(Coaching plan) {
    return new CoachingSection(null, requireNonNull(plan, "plan"));
  }

  /** A section without a plan, saying {@code why}. */
  public static CoachingSection missing(String why) {
    return new CoachingSection(requireNonNull(why, "why"), null);
  }

  /** The section of a report made without the loop's inputs. */
  public static CoachingSection none() {
    return missing(NO_INPUTS);
  }
}
