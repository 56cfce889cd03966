package dev.playbook.descriptor;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * How a rule's action is followed up, as its {@code success}, {@code reoffer} and {@code escalate}
 * settings declare; each part is null when the action does not declare it. Spans are written as in
 * the playbook: a whole number of calendar days ({@code 3d}), business days ({@code 5bd}) or weeks
 * ({@code 2w}), at most 3650.
 *
 * @param success what success of the action looks like and by when, or null
 * @param reoffer when the action stops being offered on a deal after dismissals, or null
 * @param escalate when an unresolved finding goes to the owner's manager and to reassignment, or
 *     null
 */
public record LoopSettings(Success success, Reoffer reoffer, Escalate escalate) {

  /** Settings that declare nothing. */
  public static final LoopSettings NONE = new LoopSettings(null, null, null);

  private static final Pattern SPAN = Pattern.compile("(\\d{1,4})(d|bd|w)");

  /**
   * An action's success indicator.
   *
   * @param when a condition over the deal as it is later, in the condition language
   * @param within how long after the finding the condition may come to hold, such as {@code 5bd}
   */
  public record Success(String when, String within) {
    public Success {
      requireNonNull(when, "when");
      checkSpan(within, "within");
    }
  }

  /**
   * A re-offer limit: after {@code afterDismissals} dismissals on a deal the action is not offered
   * there for {@code pause}.
   *
   * @param afterDismissals how many dismissals, 1 to 9999
   * @param pause how long it is not offered, such as {@code 30d}
   */
  public record Reoffer(int afterDismissals, String pause) {
    public Reoffer {
      checkArgument(
          afterDismissals >= 1 && afterDismissals <= 9999,
          "afterDismissals %s must be from 1 to 9999",
          afterDismissals);
      checkSpan(pause, "pause");
    }
  }

  /**
   * An escalation ladder; at least one step is given.
   *
   * @param managerAfter how long a finding stays unresolved before it goes to the manager, or null
   * @param reassignAfter how long before a reassignment is suggested, or null
   */
  public record Escalate(String managerAfter, String reassignAfter) {
    public Escalate {
      checkArgument(
          managerAfter != null || reassignAfter != null,
          "an escalation needs managerAfter or reassignAfter");
      if (managerAfter != null) {
        checkSpan(managerAfter, "managerAfter");
      }
      if (reassignAfter != null) {
        checkSpan(reassignAfter, "reassignAfter");
      }
    }
  }

  /** Whether {@code text} is a span as these settings write them. */
  public static boolean isSpan(String text) {
    var m = SPAN.matcher(text);
    return m.matches() && Integer.parseInt(m.group(1)) <= 3650;
  }

  /** Whether nothing is declared. */
  public boolean isEmpty() {
    return success == null && reoffer == null && escalate == null;
  }

  private static void checkSpan(String text, String name) {
    requireNonNull(text, name);
    checkArgument(isSpan(text), "%s %s must be a span such as 3d, 5bd or 2w", name, text);
  }
}
