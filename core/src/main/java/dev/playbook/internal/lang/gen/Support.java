package dev.playbook.internal.lang.gen;

import dev.playbook.internal.lang.Compiler;
import dev.playbook.internal.lang.Env;
import java.time.Instant;

/**
 * The few steps of generated conditions that are calls rather than instructions. Each computes
 * exactly what the closure of the same node computes in {@code Closures}; the generated code reads
 * every value through the closures' own getters, so only the operators are restated here.
 */
final class Support {

  private Support() {}

  /** The three-valued reading of a condition's value: 0 false, 1 true, 2 unknown. */
  static int bool3(Object v) {
    return v == null ? 2 : v == Boolean.TRUE || Boolean.TRUE.equals(v) ? 1 : 0;
  }

  /** The value of a three-valued result, as the closures return it. */
  static Object boxed(int v) {
    return v == 1 ? Boolean.TRUE : v == 0 ? Boolean.FALSE : null;
  }

  /**
   * Complete units elapsed from {@code from} to {@code to}, counted toward zero: 0 days, 1 hours, 2
   * business days.
   */
  static double between(int unit, Instant from, Instant to) {
    return Compiler.between(unit, from, to);
  }

  /**
   * The better of the best value so far ({@code best}, null when none) and an item's value {@code
   * v}: the lesser with {@code min}, else the greater; on a tie the one found first.
   */
  @SuppressWarnings("unchecked")
  static Object better(Object best, Object v, boolean min) {
    if (best == null) {
      return v;
    }
    int cmp = ((Comparable<Object>) v).compareTo(best);
    return (min ? cmp < 0 : cmp > 0) ? v : best;
  }

  /**
   * A number, or a span's length, in days; adding 0.0 turns -0.0 into 0.0, so that -0 == 0d, as the
   * closures compare them.
   */
  static double days(Object v) {
    return (v instanceof dev.playbook.internal.lang.Span s ? s.days() : (Double) v) + 0.0;
  }

  /**
   * For {@code x in [...]}: whether the set {@code x} holds {@code item} ({@code set}), or {@code
   * x} equals it; numbers compared by value, so that -0 is 0.
   */
  static boolean holds(Object x, Object item, boolean set) {
    Object v = x instanceof Double d ? (Object) (d + 0.0) : x;
    Object i = item instanceof Double d ? (Object) (d + 0.0) : item;
    return set ? ((java.util.Collection<?>) v).contains(i) : v.equals(i);
  }

  /** Whether stage value {@code stage} has {@code role} (open, won or lost) in {@code env}. */
  static boolean roleIs(Env env, int stage, String role) {
    return env.role(stage).equals(role);
  }
}
