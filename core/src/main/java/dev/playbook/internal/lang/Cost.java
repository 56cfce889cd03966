package dev.playbook.internal.lang;

/**
 * A static bound on the work of one condition, computed when the playbook loads: list sizes are not
 * known then, so the bound is a function of the longest list {@code n} a deal has. Each quantifier
 * or aggregate ({@code any}, {@code count}, {@code sum} ...) walks one list, so a condition with
 * quantifiers nested {@code nesting} deep takes at most about {@code nodes × n^nesting} steps.
 *
 * @param nesting how deep quantifiers and aggregates are nested (0 when there are none)
 * @param nodes the number of nodes of the condition's syntax tree
 */
public record Cost(int nesting, int nodes) {

  /** The bound of a compiled condition. */
  public static Cost of(Compiled c) {
    int nodes = 1;
    int deepest = 0;
    for (Compiled k : c.kids()) {
      Cost kid = of(k);
      nodes = (int) Math.min(Integer.MAX_VALUE, (long) nodes + kid.nodes);
      deepest = Math.max(deepest, kid.nesting);
    }
    boolean walks = Node.walks(c.node());
    if (c.node() instanceof Node.Custom custom) {
      // a company function's call counts as many nodes as the steps it declares
      nodes = (int) Math.min(Integer.MAX_VALUE, (long) nodes + custom.function().cost() - 1);
    }
    return new Cost(walks ? deepest + 1 : deepest, nodes);
  }

  /**
   * The bound in steps for a deal whose longest list has {@code n} items; saturates at {@code
   * Long.MAX_VALUE}.
   */
  public long steps(long n) {
    double steps = nodes * Math.pow(Math.max(1, n), nesting);
    return steps >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) steps;
  }

  /** For messages: {@code quantifiers nested 3 deep, about 12 × n^3 steps for lists of n items}. */
  public String describe() {
    if (nesting == 0) {
      return "no quantifiers, about " + nodes + " steps";
    }
    return "quantifiers nested "
        + nesting
        + " deep, about "
        + nodes
        + " × n"
        + (nesting == 1 ? "" : "^" + nesting)
        + " steps for lists of n items";
  }
}
