package dev.playbook.internal.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The checker on its own: condition text and an {@link Env} in, the typed tree (each node's {@link
 * Node} and {@link Type}) or the exact issues out, without a playbook file.
 */
class CheckerTest {

  private static final List<String> STAGES = List.of("discovery", "proposal", "negotiation");

  private static Env env(Env.Parameter... parameters) {
    return new Env(
        STAGES, Set.of(), List.of(parameters), Map.of("wait", Type.Basic.SPAN), Set.of());
  }

  private static Env.Parameter span(String name, Span value) {
    return new Env.Parameter(name, Type.Basic.SPAN, value, Map.of(), Map.of());
  }

  private static Compiled typed(String src, Env env) {
    Compiler.Result r = Compiler.condition(src, env);
    assertThat(r.issues()).isEmpty();
    return r.compiled();
  }

  private static List<Compiler.Issue> issues(String src, Env env) {
    Compiler.Result r = Compiler.condition(src, env);
    assertThat(r.compiled()).isNull();
    return r.issues();
  }

  /** The tree as {@code kind:type} in pre-order: {@code Logical(AND):BOOLEAN ...}. */
  private static List<String> shape(Compiled c) {
    List<String> out = new ArrayList<>();
    walk(c, out);
    return out;
  }

  private static void walk(Compiled c, List<String> out) {
    out.add(kind(c.node()) + ":" + c.type().describe());
    c.kids().forEach(k -> walk(k, out));
  }

  private static String kind(Node n) {
    if (n instanceof Node.Logical l) {
      return "logical " + l.op().symbol();
    }
    if (n instanceof Node.Compare x) {
      return "compare " + x.op().symbol();
    }
    if (n instanceof Node.SetHas x) {
      return "set-has " + x.op().symbol();
    }
    if (n instanceof Node.Arithmetic x) {
      return "arithmetic " + x.op().symbol();
    }
    if (n instanceof Node.DateShift x) {
      return "date-shift " + x.op().symbol();
    }
    if (n instanceof Node.Unary x) {
      return "unary " + x.op().name();
    }
    if (n instanceof Node.Read r) {
      return "read " + r.path() + "@" + r.scope();
    }
    if (n instanceof Node.Constant k) {
      return "constant " + k.value();
    }
    if (n instanceof Node.Quantifier q) {
      return "quantifier " + q.function().function();
    }
    if (n instanceof Node.Aggregate a) {
      return "aggregate " + a.function().function();
    }
    if (n instanceof Node.Call c) {
      return "call " + c.function().function();
    }
    if (n instanceof Node.Param p) {
      return "param " + p.name() + "#" + p.index();
    }
    if (n instanceof Node.StageRole s) {
      return "stage-role " + s.role().role();
    }
    return n.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  @Test
  void check_stageGateAndQuantifier_givesOperatorsFunctionsFieldsAndTypes() {
    // given a stage gate joined to a quantifier over contacts
    Compiled c = typed("stage >= proposal and none(contacts, role == economic_buyer)", env());

    // then every node carries what it was resolved to and its type
    assertThat(shape(c))
        .containsExactly(
            "logical and:a true/false value",
            "compare >=:a true/false value",
            "read stage@0:a stage",
            "constant 1:a stage",
            "quantifier none:a true/false value",
            "read contacts@0:a list of contacts",
            "set-has ==:a true/false value",
            "read role@1:a set of buying roles",
            "constant ECONOMIC_BUYER:a buying role");
    assertThat(c.kids().get(1).slot()).isZero();
  }

  @Test
  void check_arithmeticDatesAndCalls_resolveByType() {
    Compiled c =
        typed("days_since(close_date + 14d) > count(activities) * 2 and not (stage is won)", env());

    assertThat(shape(c))
        .containsExactly(
            "logical and:a true/false value",
            "compare >:a true/false value",
            "call days_since:a number",
            "date-shift +:a date",
            "read close_date@0:a date",
            "constant 14d:a time span",
            "arithmetic *:a number",
            "size:a number",
            "read activities@0:a list of activities",
            "constant 2.0:a number",
            "unary NOT:a true/false value",
            "stage-role won:a true/false value",
            "read stage@0:a stage");
  }

  @Test
  void check_parameterAndCoalesce_haveTheParametersType() {
    Env env = env(span("grace", Span.parse("3d")));

    Compiled c = typed("coalesce(param(grace), 1d) > 2d", env);

    assertThat(shape(c))
        .containsExactly(
            "compare >:a true/false value",
            "call coalesce:a time span",
            "param grace#0:a time span",
            "constant 1d:a time span",
            "constant 2d:a time span");
  }

  @Test
  void check_coalescedBusinessDayParameterComparedWithDays_isATypeMismatchAtTheParameter() {
    // given grace in business days, which have no length: 'coalesce(...) > 2d' cannot be decided
    Env env = env(span("grace", Span.parse("3bd")));

    assertThat(issues("coalesce(param(grace), 1d) > 2d", env))
        .containsExactly(
            new Compiler.Issue(
                "type-mismatch",
                9,
                "parameter 'grace' is in business days, which can only be added to or subtracted"
                    + " from a date; compare business_days_since(...) with a number instead"));
  }

  @Test
  void check_businessDayFallbackOfCoalesce_isATypeMismatchAtTheFallback() {
    Env env = env(span("grace", Span.parse("3d")));

    assertThat(issues("coalesce(param(grace), 2bd) <= 1w", env))
        .containsExactly(
            new Compiler.Issue(
                "type-mismatch",
                23,
                "business days can only be added to or subtracted from a date; use"
                    + " business_days_since(...) to count them"));
  }

  @Test
  void check_businessDayParameterMovingADate_isAccepted() {
    Env env = env(span("grace", Span.parse("3bd")));

    Compiled c = typed("close_date + param(grace) > now", env);

    assertThat(shape(c).get(1)).isEqualTo("date-shift +:a date");
  }

  @Test
  void check_businessDayDefinitionComparedWithDays_isATypeMismatchAtItsUse() {
    // given a definition whose value is in business days
    Env defining = env();
    Compiler.Defined wait = Compiler.definition("coalesce(custom.wait, 2bd)", defining);
    defining.definitions(TestDefinitions.of(Map.of("wait", wait)));

    // then comparing it by length is refused where it is used
    assertThat(issues("stage >= proposal and wait > 2d", defining))
        .containsExactly(
            new Compiler.Issue(
                "type-mismatch",
                22,
                "definition 'wait' can be in business days, which can only be added to or"
                    + " subtracted from a date; compare business_days_since(...) with a number"
                    + " instead"));
    // and moving a date by it is fine
    assertThat(shape(typed("close_date + wait > now", defining)).get(1))
        .isEqualTo("date-shift +:a date");
  }

  @Test
  void check_wrongArity_namesTheArgumentsFromTheRegistry() {
    assertThat(issues("any(contacts) ", env()))
        .containsExactly(
            new Compiler.Issue(
                "wrong-arguments",
                0,
                "any(...) takes 2 arguments (a list and a condition on its items), not 1"));
    assertThat(issues("count_true() == 0", env()))
        .containsExactly(
            new Compiler.Issue(
                "wrong-arguments",
                0,
                "count_true(...) takes one or more true/false conditions, not 0"));
    assertThat(issues("min(activities) is present", env()))
        .containsExactly(
            new Compiler.Issue(
                "wrong-arguments",
                0,
                "min(...) takes 2 or 3 arguments (a list, a value of each item, and optionally a"
                    + " condition on the items), not 1"));
  }

  @Test
  void check_operatorOnWrongTypes_isATypeMismatch() {
    assertThat(issues("close_date + close_date > now", env()))
        .containsExactly(
            new Compiler.Issue(
                "type-mismatch",
                0,
                "cannot apply '+' to a date and a date; use days_between(a, b)"));
    assertThat(issues("amount and stage >= proposal", env()))
        .containsExactly(
            new Compiler.Issue(
                "type-mismatch", 0, "'and' joins true/false conditions, but this is a number"));
    assertThat(issues("amount == \"5\"", env()))
        .containsExactly(
            new Compiler.Issue(
                "type-mismatch", 0, "cannot compare a number with text; write 5 without quotes"));
  }

  @Test
  void check_unknownFunction_listsTheRegistrysFunctions() {
    assertThat(issues("daysSince(last_activity) > 14", env()))
        .containsExactly(
            new Compiler.Issue(
                "unknown-function",
                0,
                "'daysSince' is not a function (did you mean 'days_since'?); the functions are:"
                    + " all, any, business_days_between, business_days_since,"
                    + " business_days_until, coalesce, count, count_true, days_between,"
                    + " days_since, days_until, evidence, evidence_updated, hours_between,"
                    + " hours_since, hours_until, max, min, none, param, sum"));
  }
}
