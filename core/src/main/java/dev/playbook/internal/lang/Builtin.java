package dev.playbook.internal.lang;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The built-in functions of the condition language, in one place: the checker finds a call's
 * function here and checks its arity against it; both back ends, the explainer, the cost bound and
 * the rule network read the function of a checked node from its {@link Node}; the docs test checks
 * the function table of docs/authoring-rules.md against {@link #documented()}. The stage roles
 * ({@code stage is open}) are here too, under names no author can write (they hold a space).
 */
public enum Builtin {
  ANY("any", Family.QUANTIFIER, 2, 2, "a list and a condition on its items", "true/false"),
  ALL("all", Family.QUANTIFIER, 2, 2, "a list and a condition on its items", "true/false"),
  NONE("none", Family.QUANTIFIER, 2, 2, "a list and a condition on its items", "true/false"),
  COUNT(
      "count",
      Family.QUANTIFIER,
      1,
      2,
      "a list, and optionally a condition on its items",
      "number"),
  MIN("min", Family.AGGREGATE, 2, 3, Builtin.AGGREGATE_ARGS, "number or date"),
  MAX("max", Family.AGGREGATE, 2, 3, Builtin.AGGREGATE_ARGS, "number or date"),
  SUM("sum", Family.AGGREGATE, 2, 3, Builtin.AGGREGATE_ARGS, "number"),
  DAYS_SINCE("days_since", Family.ONE_DATE, 1, 1, "a date", "number"),
  DAYS_UNTIL("days_until", Family.ONE_DATE, 1, 1, "a date", "number"),
  HOURS_SINCE("hours_since", Family.ONE_DATE, 1, 1, "a date", "number"),
  HOURS_UNTIL("hours_until", Family.ONE_DATE, 1, 1, "a date", "number"),
  BUSINESS_DAYS_SINCE("business_days_since", Family.ONE_DATE, 1, 1, "a date", "number"),
  BUSINESS_DAYS_UNTIL("business_days_until", Family.ONE_DATE, 1, 1, "a date", "number"),
  DAYS_BETWEEN("days_between", Family.TWO_DATES, 2, 2, "two dates", "number"),
  HOURS_BETWEEN("hours_between", Family.TWO_DATES, 2, 2, "two dates", "number"),
  BUSINESS_DAYS_BETWEEN("business_days_between", Family.TWO_DATES, 2, 2, "two dates", "number"),
  COUNT_TRUE(
      "count_true",
      Family.COUNT_TRUE,
      1,
      Integer.MAX_VALUE,
      "one or more true/false conditions",
      "number"),
  COALESCE(
      "coalesce",
      Family.COALESCE,
      2,
      2,
      "a value and the value to use when it is missing",
      "the type of `x`"),
  PARAM("param", Family.PARAM, 1, 1, "a parameter name", "the parameter's type"),
  EVIDENCE(
      "evidence",
      Family.EVIDENCE,
      1,
      1,
      "a methodology element such as meddic.metrics",
      "`unknown`, `partial`, `confirmed`"),
  EVIDENCE_UPDATED(
      "evidence_updated",
      Family.EVIDENCE,
      1,
      1,
      "a methodology element such as meddic.metrics",
      "date"),
  IS_OPEN(StageRoles.OPEN, Family.STAGE_ROLE, 1, 1, "a stage", "true/false"),
  IS_WON(StageRoles.WON, Family.STAGE_ROLE, 1, 1, "a stage", "true/false"),
  IS_LOST(StageRoles.LOST, Family.STAGE_ROLE, 1, 1, "a stage", "true/false");

  private static final String AGGREGATE_ARGS =
      "a list, a value of each item, and optionally a condition on the items";

  /** How the checker types a call and how the back ends run it. */
  public enum Family {
    /** Walks a list with a condition on each item ({@code count(list)} alone only sizes it). */
    QUANTIFIER,
    /** Walks a list with a value of each item and an optional condition. */
    AGGREGATE,
    /** A number of units between one date and now. */
    ONE_DATE,
    /** A number of units between two dates. */
    TWO_DATES,
    COUNT_TRUE,
    COALESCE,
    PARAM,
    EVIDENCE,
    /** {@code stage is open}, {@code stage is won}, {@code stage is lost}. */
    STAGE_ROLE
  }

  /** The unit a date function counts in; its code is what {@link Compiler#between} takes. */
  public enum Unit {
    DAYS,
    HOURS,
    BUSINESS_DAYS;

    public int code() {
      return ordinal();
    }
  }

  private final String name;
  private final Family family;
  private final int minArgs;
  private final int maxArgs;
  private final String arguments;
  private final String gives;

  Builtin(String name, Family family, int minArgs, int maxArgs, String arguments, String gives) {
    this.name = name;
    this.family = family;
    this.minArgs = minArgs;
    this.maxArgs = maxArgs;
    this.arguments = arguments;
    this.gives = gives;
  }

  /** The name a condition calls it by. */
  public String function() {
    return name;
  }

  public Family family() {
    return family;
  }

  public int minArgs() {
    return minArgs;
  }

  /** {@link Integer#MAX_VALUE} for any number. */
  public int maxArgs() {
    return maxArgs;
  }

  /** The arguments it takes, as the arity message names them. */
  public String arguments() {
    return arguments;
  }

  /** The type it gives, as the "gives" column of the docs' function table writes it. */
  public String gives() {
    return gives;
  }

  /** Whether its second and later arguments are read once for each item of its first. */
  public boolean bindsItem() {
    return family == Family.QUANTIFIER || family == Family.AGGREGATE;
  }

  /**
   * Whether a call with {@code args} arguments walks a list: a quantifier or aggregate, except
   * {@code count(list)}, which only sizes it. The cost bound and the rule network's order read it.
   */
  public boolean walks(int args) {
    return bindsItem() && !(this == COUNT && args == 1);
  }

  /** For a date function: the unit it counts in; null otherwise. */
  public Unit unit() {
    if (family != Family.ONE_DATE && family != Family.TWO_DATES) {
      return null;
    }
    return name.startsWith("business_days")
        ? Unit.BUSINESS_DAYS
        : name.startsWith("hours") ? Unit.HOURS : Unit.DAYS;
  }

  /** For a function of one date: whether it counts from the date to now ({@code _since}). */
  public boolean since() {
    return name.endsWith("_since");
  }

  /** For a stage role: {@code open}, {@code won} or {@code lost}; null otherwise. */
  public String role() {
    return family == Family.STAGE_ROLE ? StageRoles.role(name) : null;
  }

  /** Whether authors call it by name and the docs' function table lists it. */
  public boolean documented() {
    return family != Family.STAGE_ROLE;
  }

  private static final List<Builtin> ALL_BUILTINS = List.of(values());

  /** The function called {@code name}, or null when the language has none. */
  public static Builtin named(String name) {
    for (Builtin b : ALL_BUILTINS) {
      if (b.name.equals(name)) {
        return b;
      }
    }
    return null;
  }

  /** The names authors call functions by, sorted. */
  public static Set<String> documentedNames() {
    Set<String> names = new TreeSet<>();
    Arrays.stream(values()).filter(Builtin::documented).forEach(b -> names.add(b.name));
    return names;
  }
}
