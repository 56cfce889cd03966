package dev.playbook.internal.lang;

import dev.playbook.function.PlaybookFunction;
import dev.playbook.function.ValueType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@link PlaybookFunction}s registered through {@link ServiceLoader}, found once, checked once:
 * a provider with a bad name, a built-in's name, a name given twice or more than 8 parameters makes
 * the first playbook load fail with a message naming its class, since that is a mistake of the
 * application, not of a playbook's author.
 */
public final class CustomFunctions {

  static final int MAX_PARAMETERS = 8;
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  private final Map<String, PlaybookFunction> byName;

  private CustomFunctions(Map<String, PlaybookFunction> byName) {
    this.byName = Map.copyOf(byName);
  }

  private static final class Installed {
    static final CustomFunctions INSTANCE;
    static final IllegalStateException PROBLEM;

    static {
      CustomFunctions found = null;
      IllegalStateException problem = null;
      try {
        found =
            of(ServiceLoader.load(PlaybookFunction.class, PlaybookFunction.class.getClassLoader()));
      } catch (IllegalStateException e) {
        problem = e;
      } catch (java.util.ServiceConfigurationError e) {
        problem =
            new IllegalStateException(
                "a condition-language function could not be loaded: " + e.getMessage(), e);
      }
      INSTANCE = found;
      PROBLEM = problem;
    }
  }

  /**
   * The functions on the class path.
   *
   * @throws IllegalStateException naming a function that cannot be registered, on every call
   */
  public static CustomFunctions installed() {
    if (Installed.PROBLEM != null) {
      throw new IllegalStateException(Installed.PROBLEM.getMessage(), Installed.PROBLEM);
    }
    return Installed.INSTANCE;
  }

  /**
   * The functions given, checked.
   *
   * @throws IllegalStateException naming the first function that cannot be registered
   */
  static CustomFunctions of(Iterable<? extends PlaybookFunction> functions) {
    Map<String, PlaybookFunction> out = new LinkedHashMap<>();
    for (PlaybookFunction f : functions) {
      String name = f.name();
      String who = "the condition-language function " + f.getClass().getName();
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalStateException(
            who
                + " has the name '"
                + name
                + "'; a function's name is lower-case letters, digits and underscores, starting"
                + " with a letter, at most 64 characters");
      }
      if (Builtin.named(name) != null) {
        throw new IllegalStateException(
            who + " is named '" + name + "', the name of a built-in function; rename it");
      }
      if (out.containsKey(name)) {
        throw new IllegalStateException(
            who
                + " is named '"
                + name
                + "', as is "
                + out.get(name).getClass().getName()
                + "; each function needs a name of its own");
      }
      List<ValueType> params = f.parameters();
      if (f.result() == null || params == null || params.stream().anyMatch(p -> p == null)) {
        throw new IllegalStateException(
            who + " ('" + name + "') must declare its result and parameter types");
      }
      if (params.size() > MAX_PARAMETERS) {
        throw new IllegalStateException(
            who
                + " ('"
                + name
                + "') declares "
                + params.size()
                + " parameters; at most "
                + MAX_PARAMETERS);
      }
      long cost = f.cost();
      if (cost < 1 || cost > PlaybookFunction.MAX_COST) {
        throw new IllegalStateException(
            who
                + " ('"
                + name
                + "') declares a cost of "
                + cost
                + " steps; a call costs from 1 to "
                + PlaybookFunction.MAX_COST
                + " steps");
      }
      out.put(name, f);
    }
    return new CustomFunctions(out);
  }

  PlaybookFunction get(String name) {
    return byName.get(name);
  }

  Set<String> names() {
    return byName.keySet();
  }

  static Type type(ValueType t) {
    return switch (t) {
      case NUMBER -> Type.Basic.NUMBER;
      case TEXT -> Type.Basic.TEXT;
      case BOOLEAN -> Type.Basic.BOOLEAN;
      case DATE -> Type.Basic.DATE;
    };
  }

  /** The arguments' values, or null when one of them is unknown. */
  static List<Object> arguments(List<Compiled> args, Frame f) {
    List<Object> values = new ArrayList<>(args.size());
    for (Compiled a : args) {
      Object v = a.eval(f);
      if (v == null) {
        return null;
      }
      values.add(v);
    }
    return values;
  }

  /** The value a function returned, as the condition language holds it. */
  static Object result(PlaybookFunction fn, Object v) {
    if (v == null) {
      return null;
    }
    ValueType t = fn.result();
    if (t == ValueType.NUMBER && v instanceof Number n) {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalStateException(
            "function '"
                + fn.name()
                + "' returned "
                + d
                + ", which is not a number it can compare");
      }
      return d + 0.0;
    }
    if (t == ValueType.TEXT && v instanceof String
        || t == ValueType.BOOLEAN && v instanceof Boolean
        || t == ValueType.DATE && v instanceof Instant) {
      return v;
    }
    throw new IllegalStateException(
        "function '"
            + fn.name()
            + "' returned a value of type "
            + v.getClass().getSimpleName()
            + " where it declares "
            + t.description());
  }
}
