package dev.playbook.internal.lang;

import dev.playbook.function.PlaybookFunction;
import dev.playbook.model.Evidence;
import dev.playbook.model.EvidenceStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;

/**
 * The operations of the condition language that both back ends call rather than restate: the
 * closures ({@link Closures}) and generated code compute these values through the same methods.
 * Every one takes values as the language holds them (null for missing) and returns null for a
 * missing or unknown result.
 */
public final class Ops {

  private Ops() {}

  /** {@code evidence(key)}: the status of the deal's evidence at {@code slot}; unknown if none. */
  public static Object evidenceStatus(Facts facts, int slot, String key) {
    Evidence found = facts.evidence(slot, key);
    return found == null || found.status() == null ? EvidenceStatus.UNKNOWN : found.status();
  }

  /** {@code evidence_updated(key)}: when the deal's evidence at {@code slot} was last updated. */
  public static Object evidenceUpdated(Facts facts, int slot, String key) {
    Evidence found = facts.evidence(slot, key);
    return found == null ? null : found.updatedAt();
  }

  /**
   * {@code date + span} ({@code sign} 1) or {@code date - span} (-1); beyond the calendar, null.
   */
  public static Object shift(Object date, Object span, int sign) {
    if (date == null || span == null) {
      return null;
    }
    try {
      return ((Span) span).addTo((Instant) date, sign);
    } catch (java.time.DateTimeException | ArithmeticException e) {
      return null; // beyond the calendar: unknown
    }
  }

  /** {@code text contains part}, ignoring case. */
  public static Object containsText(Object text, Object part) {
    if (text == null || part == null) {
      return null;
    }
    return ((String) text)
        .toLowerCase(java.util.Locale.ROOT)
        .contains(((String) part).toLowerCase(java.util.Locale.ROOT));
  }

  /** The number under {@code key} of a map of numbers ({@code counts.calls}). */
  public static Object number(Object map, String key) {
    if (map == null) {
      return null;
    }
    Object v = ((Map<?, ?>) map).get(key);
    return v == null ? null : ((Number) v).doubleValue();
  }

  /** A field of a record ({@code next_step.due}), read by its getter. */
  public static Object field(Type.Getter getter, Facts facts, Object record) {
    return record == null ? null : getter.get(facts, record);
  }

  /**
   * A call of company function {@code fn} with the values of its arguments, none missing: takes the
   * steps the function declares from the deal's budget, and names the function when it fails.
   */
  public static Object call(PlaybookFunction fn, Object[] values, Frame frame) {
    frame.step(fn.cost());
    Object v;
    try {
      v = fn.apply(Collections.unmodifiableList(Arrays.asList(values)));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "function '"
              + fn.name()
              + "' failed"
              + (e.getMessage() == null || e.getMessage().isBlank()
                  ? " (" + e.getClass().getSimpleName() + ")"
                  : ": " + e.getMessage()),
          e);
    }
    return CustomFunctions.result(fn, v);
  }

  /** The items bound to the frame's local slots, to be put back by {@link #restore}. */
  public static Object[] save(Frame frame) {
    return frame.locals.clone();
  }

  /** Binds the items {@link #save} kept again. */
  public static void restore(Frame frame, Object[] saved) {
    System.arraycopy(saved, 0, frame.locals, 0, saved.length);
  }
}
