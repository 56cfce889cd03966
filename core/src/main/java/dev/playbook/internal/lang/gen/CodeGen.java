package dev.playbook.internal.lang.gen;

import dev.playbook.internal.lang.Compiled;
import dev.playbook.internal.lang.Env;
import dev.playbook.internal.lang.Fn;
import dev.playbook.internal.lang.Type;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Locale;

/**
 * The generated back end: compiles a type-checked condition to JVM bytecode, loaded as a hidden
 * class that implements {@link Fn}. The input is the typed tree (each node's {@link
 * dev.playbook.internal.lang.Node} and type), never the condition's text or syntax: the node kinds
 * below become instructions, values from the author's text (numbers, stage and choice names,
 * strings) reach the class only as its class data, and every other node runs as its own closure,
 * called from the generated code (so each sub-tree falls back on its own and every condition still
 * loads).
 *
 * <p>Generated natively: {@code and}, {@code or}, {@code implies} and {@code not} in three-valued
 * logic on ints; number arithmetic and comparisons on unboxed doubles; comparisons of stages (the
 * deal's stage read as an int), dates, text, segments, choices and true/false values; a set
 * compared with one of its elements; {@code in} with a list of constants; {@code is missing} and
 * {@code is present}; {@code stage is open/won/lost}; {@code days_since} and the other functions of
 * one date; {@code param(...)}. Quantifiers, aggregates, definitions and the rest run as closures.
 *
 * <p>Each generated node evaluates the same children in the same order as its closure, so that the
 * step budget and errors of a function are met exactly as they are by the closures.
 */
public final class CodeGen {

  /**
   * The system property that chooses the back end: {@code closures} (default) or {@code generated}.
   */
  public static final String PROPERTY = "playbook.backend";

  private CodeGen() {}

  /** How conditions run. */
  public enum Backend {
    /** Trees of closures: the reference. */
    CLOSURES,
    /** Bytecode generated per condition part, with closures where a node is not covered. */
    GENERATED;

    /**
     * The back end named by the system property {@value #PROPERTY}; closures when it is not set.
     *
     * @throws IllegalArgumentException when the property names no back end
     */
    public static Backend selected() {
      String v = System.getProperty(PROPERTY);
      if (v == null || v.isBlank()) {
        return CLOSURES;
      }
      return switch (v.trim().toLowerCase(Locale.ROOT)) {
        case "closures" -> CLOSURES;
        case "generated" -> GENERATED;
        default ->
            throw new IllegalArgumentException(
                "system property "
                    + PROPERTY
                    + " is '"
                    + v
                    + "'; it must be 'closures' or 'generated'");
      };
    }

    /** {@code part} ready to run on this back end. */
    public Compiled prepare(Compiled part, Env env) {
      return this == GENERATED ? generate(part, env) : part;
    }
  }

  /**
   * How much of a condition runs as generated code.
   *
   * @param nodes the nodes of the condition's tree
   * @param generated those that are instructions of the generated class
   */
  public record Coverage(int nodes, int generated) {}

  /**
   * A copy of {@code condition} whose evaluation runs generated code; {@code condition} itself when
   * its outermost node is not one the generator covers. The copy keeps the tree, so it is explained
   * as the original is.
   *
   * @param env the environment the condition was compiled in; null when unknown, which leaves stage
   *     comparisons, stage roles and parameters to their closures
   */
  public static Compiled generate(Compiled condition, Env env) {
    if (condition.type() != Type.Basic.BOOLEAN || Emitter.shape(condition, env) == null) {
      return condition;
    }
    Emitter e = new Emitter(env);
    byte[] bytes = e.classBytes(condition);
    Fn fn;
    try {
      MethodHandles.Lookup hidden =
          MethodHandles.lookup().defineHiddenClassWithClassData(bytes, e.constants(), true);
      fn =
          (Fn)
              hidden
                  .findConstructor(hidden.lookupClass(), MethodType.methodType(void.class))
                  .invoke();
    } catch (Throwable t) {
      // a fault of the generator, never of the author's condition
      throw new IllegalStateException("generated code for a condition failed to load", t);
    }
    return new Compiled(
        condition.ast(),
        condition.node(),
        condition.type(),
        fn,
        condition.kids(),
        condition.constant(),
        condition.slot());
  }

  /** How many nodes of {@code condition} {@link #generate} turns into instructions. */
  public static Coverage coverage(Compiled condition, Env env) {
    int nodes = size(condition);
    if (condition.type() != Type.Basic.BOOLEAN || Emitter.shape(condition, env) == null) {
      return new Coverage(nodes, 0);
    }
    Emitter e = new Emitter(env);
    e.classBytes(condition);
    return new Coverage(nodes, e.generatedNodes());
  }

  private static int size(Compiled c) {
    int n = 1;
    for (Compiled k : c.kids()) {
      n += size(k);
    }
    return n;
  }
}
