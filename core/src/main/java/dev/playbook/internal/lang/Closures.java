package dev.playbook.internal.lang;

import dev.playbook.function.PlaybookFunction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The closure back end, the reference: a pass over the typed tree that gives every node the closure
 * ({@link Fn}) that computes its value. It reads each node's {@link Node}, its {@link Type} and its
 * children's types, and the environment the tree was checked in (stage roles, the phases of a stage
 * map, definitions); never the syntax tree or the author's text. The checker's tree has no
 * closures; this pass returns a copy of it that has one at every node.
 *
 * <p>Values are as the condition language holds them: numbers as {@code Double} (never -0.0),
 * stages as their index, true/false as {@code Boolean}, and null for a missing or unknown value.
 * Each walk of a list takes one step of the deal's budget per item.
 */
final class Closures {

  private final Env env;

  private Closures(Env env) {
    this.env = env;
  }

  /** {@code typed}, and every node under it, with its closure. */
  static Compiled of(Compiled typed, Env env) {
    return new Closures(env).prepare(typed);
  }

  private Compiled prepare(Compiled c) {
    if (c.fn() != null) {
      return c; // a tree already prepared
    }
    List<Compiled> kids = new ArrayList<>(c.kids().size());
    for (Compiled k : c.kids()) {
      kids.add(prepare(k));
    }
    return c.with(closure(c, kids), kids);
  }

  private Fn closure(Compiled c, List<Compiled> k) {
    Node n = c.node();
    if (n instanceof Node.Constant constant) {
      Object value = constant.value();
      return f -> value;
    }
    if (n instanceof Node.Read r) {
      return read(r);
    }
    if (n instanceof Node.Unary u) {
      Compiled x = k.get(0);
      if (u.op() == Op.NOT) {
        return f -> {
          Object v = x.eval(f);
          return v == null ? null : !(Boolean) v;
        };
      }
      return f -> {
        Object v = x.eval(f);
        return v == null ? null : -(Double) v;
      };
    }
    if (n instanceof Node.Logical l) {
      return logical(l.op(), k.get(0), k.get(1));
    }
    if (n instanceof Node.SetHas s) {
      Compiled l = k.get(0);
      Compiled r = k.get(1);
      boolean negate = s.op() == Op.NE;
      return f -> {
        Object set = l.eval(f);
        Object v = r.eval(f);
        if (set == null || v == null) {
          return null;
        }
        return ((Collection<?>) set).contains(v) != negate;
      };
    }
    if (n instanceof Node.Compare cmp) {
      return compare(cmp.op(), k.get(0), k.get(1));
    }
    if (n instanceof Node.Contains contains) {
      return contains(contains.text(), k.get(0), k.get(1));
    }
    if (n instanceof Node.Arithmetic a) {
      Op op = a.op();
      Compiled l = k.get(0);
      Compiled r = k.get(1);
      return f -> {
        Object x = l.eval(f);
        Object y = r.eval(f);
        if (x == null || y == null) {
          return null;
        }
        return op.apply((Double) x, (Double) y);
      };
    }
    if (n instanceof Node.DateShift d) {
      return dateShift(d.op() == Op.PLUS ? 1 : -1, k.get(0), k.get(1));
    }
    if (n instanceof Node.In in) {
      return in(in.negated(), k);
    }
    if (n instanceof Node.Is is) {
      Compiled subject = k.get(0);
      boolean present = is.present();
      return f -> (subject.eval(f) != null) == present;
    }
    if (n instanceof Node.StageRole s) {
      Compiled subject = k.get(0);
      String role = s.role().role();
      return f -> {
        Object v = subject.eval(f);
        return v == null ? null : env.role((Integer) v).equals(role);
      };
    }
    if (n instanceof Node.Call call) {
      return call(call.function(), k);
    }
    if (n instanceof Node.Evidence e) {
      return evidence(e);
    }
    if (n instanceof Node.Param p) {
      int i = p.index();
      return f -> f.facts.param(i);
    }
    if (n instanceof Node.Size) {
      Compiled coll = k.get(0);
      return f -> {
        Object v = coll.eval(f);
        return v == null ? null : (double) ((Collection<?>) v).size();
      };
    }
    if (n instanceof Node.Quantifier q) {
      return memo(q.memo(), quantifier(q.function(), c.slot(), k.get(0), k.get(1)));
    }
    if (n instanceof Node.Aggregate a) {
      Compiled filter = k.size() == 3 ? k.get(2) : null;
      return memo(a.memo(), aggregate(a.function(), c.slot(), k.get(0), k.get(1), filter));
    }
    if (n instanceof Node.DefinitionRef d) {
      return definition(d);
    }
    if (n instanceof Node.Custom custom) {
      return custom(custom.function(), k);
    }
    throw new IllegalStateException("no closure for a node " + n);
  }

  /** Computed at most once per deal evaluation when {@code memo} is a slot of the deal's memo. */
  private static Fn memo(int memo, Fn once) {
    return memo < 0 ? once : f -> f.facts.memo(memo, once, f);
  }

  // ---------------------------------------------------------------- fields

  private static Fn read(Node.Read r) {
    Type.Getter g = r.field();
    Fn fn;
    if (r.scope() == 0) {
      fn = f -> g.get(f.facts, null);
    } else {
      int slot = r.scope() - 1;
      // no item bound (a talk track's target contact when none matched) reads as missing
      fn = f -> f.locals[slot] == null ? null : g.get(f.facts, f.locals[slot]);
    }
    for (Node.Read.Step step : r.steps()) {
      Fn base = fn;
      if (step instanceof Node.Read.Key key) {
        String p = key.key();
        fn = f -> Ops.number(base.eval(f), p);
      } else {
        Type.Getter sub = ((Node.Read.Sub) step).getter();
        fn = f -> Ops.field(sub, f.facts, base.eval(f));
      }
    }
    return fn;
  }

  /**
   * A use of a definition: its value, computed at most once per deal evaluation. A definition reads
   * the deal only, so one value serves every use; the items of enclosing quantifiers are kept
   * around its computation, since its own quantifiers use the same local slots.
   */
  private Fn definition(Node.DefinitionRef d) {
    Compiled body = env.definition(d.name()).compiled();
    Fn keepingItems =
        f -> {
          Object[] saved = Ops.save(f);
          try {
            return body.eval(f);
          } finally {
            Ops.restore(f, saved);
          }
        };
    int memo = d.memo();
    return f -> f.facts.memo(memo, keepingItems, f);
  }

  // ---------------------------------------------------------------- operators

  /** {@code and}, {@code or} and {@code implies}, in three-valued logic. */
  private static Fn logical(Op op, Compiled l, Compiled r) {
    if (op == Op.IMPLIES) {
      // a implies b is (not a) or b, in three-valued logic
      return f -> {
        Object x = l.eval(f);
        if (x == Boolean.FALSE) {
          return true;
        }
        Object y = r.eval(f);
        if (y == Boolean.TRUE) {
          return true;
        }
        return x == null || y == null ? null : Boolean.FALSE;
      };
    }
    if (op == Op.AND) {
      return f -> {
        Object x = l.eval(f);
        if (x == Boolean.FALSE) {
          return false;
        }
        Object y = r.eval(f);
        if (y == Boolean.FALSE) {
          return false;
        }
        return x == null || y == null ? null : Boolean.TRUE;
      };
    }
    return f -> {
      Object x = l.eval(f);
      if (x == Boolean.TRUE) {
        return true;
      }
      Object y = r.eval(f);
      if (y == Boolean.TRUE) {
        return true;
      }
      return x == null || y == null ? null : Boolean.FALSE;
    };
  }

  private Fn compare(Op op, Compiled l, Compiled r) {
    Comparison kind = comparison(l.type(), r.type());
    if (r.constant() && !l.constant()) {
      // the usual case, 'direction == outbound' or 'amount > 50000': the right side is known when
      // the playbook loads
      Object y = r.eval(null);
      if (y == null) {
        return f -> null;
      }
      if (op.isEquality() && l.type() instanceof Type.Choice) {
        // enum values are singletons
        boolean same = op == Op.EQ;
        return f -> {
          Object x = l.eval(f);
          return x == null ? null : (x == y) == same;
        };
      }
      return f -> {
        Object x = l.eval(f);
        if (x == null) {
          return null;
        }
        return op.holds(kind.compare(x, y));
      };
    }
    return f -> {
      Object x = l.eval(f);
      Object y = r.eval(f);
      if (x == null || y == null) {
        return null;
      }
      return op.holds(kind.compare(x, y));
    };
  }

  /** How two values of checked types compare; returns 0 for equal. */
  @FunctionalInterface
  private interface Comparison {
    int compare(Object a, Object b);
  }

  /** How values of types {@code a} and {@code b}, which the checker found comparable, compare. */
  private Comparison comparison(Type a, Type b) {
    if (a == Type.Basic.NUMBER && b == Type.Basic.SPAN
        || a == Type.Basic.SPAN && b == Type.Basic.NUMBER
        || a == Type.Basic.SPAN) {
      return (x, y) -> Double.compare(days(x), days(y));
    }
    if (a == Type.Basic.TEXT || a == Type.Basic.SEGMENT) {
      return (x, y) -> ((String) x).equals(y) ? 0 : 1;
    }
    if (a instanceof Type.Choice e && e.ordered()) {
      return (x, y) -> Integer.compare(e.rank(x), e.rank(y));
    }
    if (a == Type.Basic.DATE) {
      return (x, y) -> ((Instant) x).compareTo((Instant) y);
    }
    if (a == Type.Basic.STAGE) {
      if (env.isPhaseView()) {
        // a condition inherited through a stage map compares the phases stages map onto
        return (x, y) -> Integer.compare(env.phaseOf((Integer) x), env.phaseOf((Integer) y));
      }
      return (x, y) -> Integer.compare((Integer) x, (Integer) y);
    }
    if (a == Type.Basic.NUMBER) {
      // adding 0.0 turns -0.0 into 0.0, so that -0 == 0
      return (x, y) -> Double.compare((Double) x + 0.0, (Double) y + 0.0);
    }
    // true/false, sets, choices without an order: equality only
    return (x, y) -> x.equals(y) ? 0 : 1;
  }

  /** A number or span in days; adding 0.0 turns -0.0 into 0.0, so that -0 == 0d. */
  private static double days(Object v) {
    return (v instanceof Span s ? s.days() : (Double) v) + 0.0;
  }

  private static Fn contains(boolean text, Compiled l, Compiled r) {
    if (!text) {
      return f -> {
        Object set = l.eval(f);
        Object v = r.eval(f);
        return set == null || v == null ? null : ((Collection<?>) set).contains(v);
      };
    }
    return f -> {
      Object x = l.eval(f);
      return Ops.containsText(x, r.eval(f));
    };
  }

  private static Fn dateShift(int sign, Compiled l, Compiled r) {
    return f -> {
      Object x = l.eval(f);
      return Ops.shift(x, r.eval(f), sign);
    };
  }

  /** -0 is 0: numbers are compared by value. */
  private static Object normalized(Object v) {
    return v instanceof Double d ? (Object) (d + 0.0) : v;
  }

  /** {@code x in [...]}: the subject is {@code k.get(0)}, the list's items the rest. */
  private Fn in(boolean negated, List<Compiled> k) {
    Compiled subject = k.get(0);
    List<Compiled> items = k.subList(1, k.size());
    // a set is 'in' a list when any of its values is: 'role in [champion, coach]'
    boolean set = subject.type() instanceof Type.SetOf;
    Type element = subject.type() instanceof Type.SetOf s ? s.element() : subject.type();
    if (element == Type.Basic.STAGE && env.isPhaseView()) {
      return f -> {
        Object v = subject.eval(f);
        if (v == null) {
          return null;
        }
        int phase = env.phaseOf((Integer) v);
        for (Compiled c : items) {
          Object item = c.eval(f);
          if (item != null && env.phaseOf((Integer) item) == phase) {
            return !negated;
          }
        }
        return negated;
      };
    }
    if (items.stream().allMatch(Compiled::constant)) {
      // the usual case, 'type in [call, meeting]': the list is known when the playbook loads
      Object[] values = items.stream().map(c -> normalized(c.eval(null))).toArray();
      return f -> {
        Object v = subject.eval(f);
        if (v == null) {
          return null;
        }
        v = normalized(v);
        for (Object item : values) {
          if (set ? ((Collection<?>) v).contains(item) : v.equals(item)) {
            return !negated;
          }
        }
        return negated;
      };
    }
    return f -> {
      Object v = subject.eval(f);
      if (v == null) {
        return null;
      }
      v = normalized(v);
      for (Compiled c : items) {
        Object item = normalized(c.eval(f));
        if (set ? ((Collection<?>) v).contains(item) : v.equals(item)) {
          return !negated;
        }
      }
      return negated;
    };
  }

  // ---------------------------------------------------------------- functions

  private static Fn call(Builtin fn, List<Compiled> k) {
    return switch (fn.family()) {
      case ONE_DATE -> {
        Compiled d = k.get(0);
        boolean since = fn.since();
        int unit = fn.unit().code();
        yield f -> {
          Object v = d.eval(f);
          if (v == null) {
            return null;
          }
          Instant now = f.facts.asOf();
          return since
              ? Compiler.between(unit, (Instant) v, now)
              : Compiler.between(unit, now, (Instant) v);
        };
      }
      case TWO_DATES -> {
        Compiled a = k.get(0);
        Compiled b = k.get(1);
        int unit = fn.unit().code();
        yield f -> {
          Object x = a.eval(f);
          Object y = b.eval(f);
          return x == null || y == null ? null : Compiler.between(unit, (Instant) x, (Instant) y);
        };
      }
      case COALESCE -> {
        Compiled x = k.get(0);
        Compiled fallback = k.get(1);
        yield f -> {
          Object v = x.eval(f);
          return v != null ? v : fallback.eval(f);
        };
      }
      case COUNT_TRUE -> {
        List<Compiled> conds = List.copyOf(k);
        yield f -> {
          int n = 0;
          for (Compiled x : conds) {
            if (x.eval(f) == Boolean.TRUE) {
              n++;
            }
          }
          return (double) n;
        };
      }
      default -> throw new IllegalStateException("no closure for a call of " + fn.function());
    };
  }

  private static Fn evidence(Node.Evidence e) {
    int slot = e.slot();
    String key = e.key();
    if (e.function() == Builtin.EVIDENCE) {
      return f -> Ops.evidenceStatus(f.facts, slot, key);
    }
    return f -> Ops.evidenceUpdated(f.facts, slot, key);
  }

  private static Fn custom(PlaybookFunction fn, List<Compiled> args) {
    return f -> {
      List<Object> values = CustomFunctions.arguments(args, f);
      return values == null ? null : Ops.call(fn, values.toArray(), f);
    };
  }

  // ---------------------------------------------------------------- walks

  private static List<?> list(Compiled coll, Frame f) {
    Object v = coll.eval(f);
    return v == null ? List.of() : (List<?>) v;
  }

  /**
   * {@code any}, {@code all}, {@code none}, {@code count}, with the items bound at {@code slot}.
   */
  private static Fn quantifier(Builtin q, int slot, Compiled coll, Compiled pred) {
    return switch (q) {
      case ANY ->
          f -> {
            for (Object e : list(coll, f)) {
              f.step();
              f.locals[slot] = e;
              if (pred.eval(f) == Boolean.TRUE) {
                return true;
              }
            }
            return false;
          };
      case NONE ->
          f -> {
            for (Object e : list(coll, f)) {
              f.step();
              f.locals[slot] = e;
              if (pred.eval(f) == Boolean.TRUE) {
                return false;
              }
            }
            return true;
          };
      case ALL ->
          f -> {
            for (Object e : list(coll, f)) {
              f.step();
              f.locals[slot] = e;
              if (pred.eval(f) != Boolean.TRUE) {
                return false;
              }
            }
            return true;
          };
      default ->
          f -> {
            int n = 0;
            for (Object e : list(coll, f)) {
              f.step();
              f.locals[slot] = e;
              if (pred.eval(f) == Boolean.TRUE) {
                n++;
              }
            }
            return (double) n;
          };
    };
  }

  /**
   * {@code min}, {@code max}, {@code sum} of {@code value} over the items that pass {@code filter}.
   */
  private static Fn aggregate(
      Builtin fn, int slot, Compiled coll, Compiled value, Compiled filter) {
    boolean sum = fn == Builtin.SUM;
    boolean min = fn == Builtin.MIN;
    return f -> {
      Object best = null;
      double total = 0;
      boolean any = false;
      for (Object e : list(coll, f)) {
        f.step();
        f.locals[slot] = e;
        if (filter != null && filter.eval(f) != Boolean.TRUE) {
          continue;
        }
        Object v = value.eval(f);
        if (v == null) {
          continue;
        }
        any = true;
        if (sum) {
          total += (Double) v;
        } else if (best == null) {
          best = v;
        } else {
          @SuppressWarnings("unchecked")
          int cmp = ((Comparable<Object>) v).compareTo(best);
          if (min ? cmp < 0 : cmp > 0) {
            best = v;
          }
        }
      }
      if (sum) {
        return any ? total : 0.0;
      }
      return best;
    };
  }
}
