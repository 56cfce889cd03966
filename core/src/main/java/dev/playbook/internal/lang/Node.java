package dev.playbook.internal.lang;

import dev.playbook.function.PlaybookFunction;

/**
 * What a checked node of the typed tree ({@link Compiled}) is, as the checker resolved it: the
 * operator from {@link Op}, the function from {@link Builtin}, the field, parameter or definition
 * it reads. The back ends, the explainer, the cost bound and the rule network decide by this and by
 * the node's {@link Type}, never by the syntax tree's shape or its symbols' text.
 */
public sealed interface Node {

  /** A value known when the playbook loads: a literal, or a word naming a stage, choice ... */
  record Constant(Object value) implements Node {}

  /**
   * A field: {@code path} as the checker resolved it ({@code stage}, {@code custom.region}, {@code
   * counts.calls}), read from the deal ({@code scope} 0) or from the item bound at local slot
   * {@code scope - 1} (none bound reads as missing).
   *
   * @param field the getter of the path's first field, applied to the deal's facts and the item
   *     (null for the deal)
   * @param steps the rest of the path, into a record or a map; empty when the path is one field
   */
  record Read(String path, int scope, Type.Getter field, java.util.List<Step> steps)
      implements Node {

    public Read {
      steps = java.util.List.copyOf(steps);
    }

    /** A read of one field of its scope. */
    public Read(String path, int scope, Type.Getter field) {
      this(path, scope, field, java.util.List.of());
    }

    /** The field's getter when {@code path} is one field of its scope; null for a longer path. */
    public Type.Getter getter() {
      return steps.isEmpty() ? field : null;
    }

    /** One step of a path past its first field. */
    public sealed interface Step {}

    /** A field of a record ({@code next_step.due}): its getter. */
    public record Sub(Type.Getter getter) implements Step {}

    /** The number under {@code key} of a map of numbers ({@code counts.calls}). */
    public record Key(String key) implements Step {}
  }

  /** {@code not x} or {@code -x}. */
  record Unary(Op op) implements Node {}

  /** {@code and}, {@code or}, {@code implies}. */
  record Logical(Op op) implements Node {}

  /** Arithmetic on two numbers. */
  record Arithmetic(Op op) implements Node {}

  /** A date moved by a span: {@code close_date + 14d}. */
  record DateShift(Op op) implements Node {}

  /** Two values of comparable types compared. */
  record Compare(Op op) implements Node {}

  /** A set compared with one of its elements: {@code role == champion}. */
  record SetHas(Op op) implements Node {}

  /** {@code contains}: on a set, or ({@code text}) on text. */
  record Contains(boolean text) implements Node {}

  /** {@code x in [...]}, {@code x not in [...]}: the subject is the first child. */
  record In(boolean negated) implements Node {}

  /** {@code x is present}, {@code x is missing}. */
  record Is(boolean present) implements Node {}

  /** {@code stage is open/won/lost}. */
  record StageRole(Builtin role) implements Node {}

  /** A built-in function that binds no item: the date functions, count_true, coalesce. */
  record Call(Builtin function) implements Node {}

  /**
   * {@code evidence(key)} or {@code evidence_updated(key)}: the deal's evidence for methodology
   * element {@code key}, kept at {@code slot} of the deal's facts.
   */
  record Evidence(Builtin function, String key, int slot) implements Node {}

  /** {@code param(name)}: the parameter at {@code index} of the playbook's parameters. */
  record Param(int index, String name) implements Node {}

  /** {@code count(list)}: the list's size. */
  record Size() implements Node {}

  /**
   * {@code any}, {@code all}, {@code none}, {@code count} with a condition on each item.
   *
   * @param memo the slot of the deal's memo that keeps its value once computed (it reads nothing of
   *     enclosing items, so it has one value per deal); -1 when it is computed at each use
   */
  record Quantifier(Builtin function, int memo) implements Node {
    public Quantifier(Builtin function) {
      this(function, -1);
    }
  }

  /**
   * {@code min}, {@code max}, {@code sum}.
   *
   * @param memo as for {@link Quantifier}
   */
  record Aggregate(Builtin function, int memo) implements Node {
    public Aggregate(Builtin function) {
      this(function, -1);
    }
  }

  /**
   * A use of a named definition ({@code define:}).
   *
   * @param memo the slot of the deal's memo that keeps the definition's value once computed
   */
  record DefinitionRef(String name, int memo) implements Node {}

  /** A call of a company's own function. */
  record Custom(PlaybookFunction function) implements Node {}

  /** The operator of a logical node or of {@code not}; null for every other node. */
  static Op connective(Node n) {
    if (n instanceof Logical l) {
      return l.op();
    }
    return n instanceof Unary u && u.op() == Op.NOT ? Op.NOT : null;
  }

  /** Whether the node walks a list (a quantifier or aggregate, not a list's size). */
  static boolean walks(Node n) {
    return n instanceof Quantifier || n instanceof Aggregate;
  }
}
