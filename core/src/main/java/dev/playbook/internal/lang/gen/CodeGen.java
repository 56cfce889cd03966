package dev.playbook.internal.lang.gen;

import dev.playbook.internal.lang.Compiled;
import dev.playbook.internal.lang.Env;
import dev.playbook.internal.lang.Fn;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The generated back end: compiles type-checked conditions to JVM bytecode, loaded as hidden
 * classes whose instances implement {@link Fn}, up to {@value #PER_CLASS} conditions per class. The
 * input is the typed tree (each node's {@link dev.playbook.internal.lang.Node} and type), never the
 * condition's text or syntax: the node kinds below become instructions, values from the author's
 * text (numbers, stage and choice names, strings) and the fields' getters reach the class only as
 * its class data, and every other node runs as its own closure, called from the generated code (so
 * each sub-tree falls back on its own and every condition still loads).
 *
 * <p>Generated natively: {@code and}, {@code or}, {@code implies} and {@code not} in three-valued
 * logic on ints; number arithmetic and comparisons on unboxed doubles; comparisons of stages (the
 * deal's stage read as an int), dates, text, segments, choices and true/false values; a set
 * compared with one of its elements; {@code in} with a list of constants; {@code is missing} and
 * {@code is present}; {@code stage is open/won/lost}; {@code days_since} and the other functions of
 * one date; {@code param(...)}; fields of the deal and of the items being walked, each read by a
 * call of its own getter; {@code any}, {@code all}, {@code none}, {@code count}, {@code sum},
 * {@code min} and {@code max} as loops over the list's items, bound to the quantifier's local slot,
 * with the walks that read no enclosing item kept in the deal's memo that the closures of the same
 * expression read too; {@code count(list)}; {@code coalesce}, {@code count_true}, the functions of
 * two dates, {@code contains}, a date moved by a span, evidence reads and paths into maps; the
 * definitions a condition uses, each a method of the class computed once per deal through the
 * deal's memo; and company functions, called with their arguments' values. Only what needs the
 * playbook's environment and has none (stage roles, parameters, definitions), and comparisons of
 * stages through a stage map, run as closures. Template placeholders are written the same way, as
 * values.
 *
 * <p>Each generated node evaluates the same children in the same order as its closure and takes the
 * same steps of the budget, so that the step budget and errors of a function are met exactly as
 * they are by the closures.
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

    /**
     * {@code parts} ready to run on this back end, in their order; {@code envs.get(i)} is the
     * environment part {@code i} was compiled in. Generated code writes them as few classes as it
     * can (see {@link #generateAll}).
     */
    public List<Compiled> prepareAll(List<Compiled> parts, List<Env> envs) {
      return this == GENERATED ? generateAll(parts, envs) : List.copyOf(parts);
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
    return generateAll(List.of(condition), java.util.Collections.singletonList(env)).get(0);
  }

  /** The most conditions one generated class holds. */
  static final int PER_CLASS = 64;

  /**
   * The most nodes of the typed tree one generated class holds, whatever the number of its
   * conditions: each node gives at most a few constants and a few dozen bytes of code, so a class
   * stays far below the JVM's limits of 65,535 constants and of 64 KiB of code per method. A
   * condition larger than this gets a class of its own.
   */
  static final int NODES_PER_CLASS = 4_000;

  /**
   * {@link #generate} for each of {@code conditions} ({@code envs.get(i)} the environment of
   * condition {@code i}), in their order. The conditions that are generated are written into
   * classes of up to {@value #PER_CLASS} conditions compiled in one environment, one static method
   * each, so that a playbook of thousands of rules defines tens of classes rather than a class per
   * condition: each class is written, defined and verified once.
   */
  public static List<Compiled> generateAll(List<Compiled> conditions, List<Env> envs) {
    if (conditions.size() != envs.size()) {
      throw new IllegalArgumentException(
          conditions.size() + " conditions but " + envs.size() + " environments");
    }
    Compiled[] out = conditions.toArray(new Compiled[0]);
    java.util.Map<Env, Group> open = new java.util.IdentityHashMap<>();
    Group nullEnv = new Group();
    for (int i = 0; i < out.length; i++) {
      Compiled c = out[i];
      Env env = envs.get(i);
      if (!Emitter.writes(c, env)) {
        continue;
      }
      Group group = env == null ? nullEnv : open.computeIfAbsent(env, k -> new Group());
      int nodes = size(c);
      if (!group.indexes.isEmpty() && group.nodes + nodes > NODES_PER_CLASS) {
        define(out, group.indexes, env);
        group.clear();
      }
      group.indexes.add(i);
      group.nodes += nodes;
      if (group.indexes.size() == PER_CLASS) {
        define(out, group.indexes, env);
        group.clear();
      }
    }
    for (java.util.Map.Entry<Env, Group> g : open.entrySet()) {
      define(out, g.getValue().indexes, g.getKey());
    }
    define(out, nullEnv.indexes, null);
    return List.of(out);
  }

  /** The conditions gathered for one class, and their nodes. */
  private static final class Group {
    final List<Integer> indexes = new ArrayList<>();
    int nodes;

    void clear() {
      indexes.clear();
      nodes = 0;
    }
  }

  /** Writes the conditions at {@code indexes} of {@code out} as one class, replacing each. */
  private static void define(Compiled[] out, List<Integer> indexes, Env env) {
    if (indexes.isEmpty()) {
      return;
    }
    List<Compiled> group = new ArrayList<>(indexes.size());
    for (int i : indexes) {
      group.add(out[i]);
    }
    Emitter e = new Emitter(env);
    byte[] bytes;
    try {
      bytes = e.classBytes(group);
    } catch (org.objectweb.asm.MethodTooLargeException
        | org.objectweb.asm.ClassTooLargeException x) {
      // beyond what one class may hold: each condition alone, and one too large even alone keeps
      // its closures, which compute the same value
      if (indexes.size() > 1) {
        for (int i : List.copyOf(indexes)) {
          define(out, List.of(i), env);
        }
      }
      return;
    }
    try {
      MethodHandles.Lookup hidden =
          MethodHandles.lookup().defineHiddenClassWithClassData(bytes, e.constants(), true);
      MethodHandle make =
          hidden.findConstructor(
              hidden.lookupClass(), MethodType.methodType(void.class, int.class));
      for (int j = 0; j < group.size(); j++) {
        Compiled c = group.get(j);
        Fn fn = (Fn) make.invoke(j);
        out[indexes.get(j)] = c.with(fn, c.kids());
      }
    } catch (Throwable t) {
      // a fault of the generator, never of the author's condition
      throw new IllegalStateException("generated code for a condition failed to load", t);
    }
  }

  /**
   * Whether {@code fn} is generated code, an instance of a class this back end wrote (closures are
   * hidden classes too, made for lambdas, so being hidden does not tell).
   */
  public static boolean isGenerated(Fn fn) {
    return fn.getClass().getName().startsWith("dev.playbook.internal.lang.gen.Condition/");
  }

  /** How many nodes of {@code condition} {@link #generate} turns into instructions. */
  public static Coverage coverage(Compiled condition, Env env) {
    int nodes = size(condition);
    if (!Emitter.writes(condition, env)) {
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
