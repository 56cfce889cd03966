package dev.playbook.internal.lang.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.playbook.internal.lang.Compiled;
import dev.playbook.internal.lang.Compiler;
import dev.playbook.internal.lang.Env;
import dev.playbook.internal.lang.Facts;
import dev.playbook.internal.lang.Frame;
import dev.playbook.internal.lang.Span;
import dev.playbook.internal.lang.Type;
import dev.playbook.model.Activity;
import dev.playbook.model.ActivityType;
import dev.playbook.model.BuyingRole;
import dev.playbook.model.Contact;
import dev.playbook.model.Deal;
import dev.playbook.model.Direction;
import dev.playbook.model.ForecastCategory;
import dev.playbook.model.Outcome;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generated back end gives every condition the value its closures give, unknowns included. */
class CodeGenTest {

  private static final Instant AS_OF = Instant.parse("2026-03-04T10:30:00Z");

  private static Env env() {
    Env env =
        new Env(
            List.of("discovery", "proposal", "negotiation", "closed_won", "closed_lost"),
            Set.of("smb", "enterprise"),
            List.of(
                new Env.Parameter(
                    "big_deal", Type.Basic.NUMBER, 50_000.0, Map.of("smb", 10_000.0), Map.of()),
                new Env.Parameter("stale", Type.Basic.SPAN, Span.parse("14d"), Map.of(), Map.of())),
            Map.of(),
            Set.of());
    // two definitions, the second using the first inside a walk of its own
    Map<String, Compiler.Defined> defined = new java.util.LinkedHashMap<>();
    env.definitions(dev.playbook.internal.lang.TestDefinitions.of(defined));
    defined.put("engaged", Compiler.definition("count(contacts, role == champion) >= 1", env));
    defined.put(
        "busy", Compiler.definition("engaged and count(activities, type == call) >= 1", env));
    return env;
  }

  private static List<Deal> deals() {
    Contact champion =
        new Contact("c1", "Ada", "CFO", Set.of(BuyingRole.CHAMPION), null, null, null);
    Activity call =
        new Activity(
            "a1",
            ActivityType.CALL,
            Direction.OUTBOUND,
            Instant.parse("2026-02-20T09:00:00Z"),
            List.of("c1"),
            Outcome.ADVANCE,
            Set.of(),
            Map.of("questions", new BigDecimal("3")),
            30);
    List<Deal> out = new ArrayList<>();
    out.add(
        Deal.builder("d1", "proposal")
            .name("Acme renewal")
            .putEvidence(
                "meddic.metrics",
                new dev.playbook.model.Evidence(
                    dev.playbook.model.EvidenceStatus.CONFIRMED,
                    "20% faster",
                    Instant.parse("2026-02-01T00:00:00Z"),
                    null))
            .amount(new BigDecimal("60000"))
            .segment("enterprise")
            .createdAt(Instant.parse("2026-01-01T00:00:00Z"))
            .build());
    out.add(Deal.builder("d2", "discovery").amount(new BigDecimal("0")).segment("smb").build());
    out.add(Deal.builder("d3", "negotiation").build());
    out.add(Deal.builder("d4", "no_such_stage").amount(new BigDecimal("12000.5")).build());
    out.add(
        Deal.builder("d5", "closed_won")
            .amount(new BigDecimal("3"))
            .segment("smb")
            .probability(new BigDecimal("0.9"))
            .forecastCategory(ForecastCategory.COMMIT)
            .closeDate(LocalDate.parse("2026-03-20"))
            .addContact(champion)
            .addActivity(call)
            .build());
    return out;
  }

  /** One condition for each node kind the generator writes, and some it leaves to closures. */
  static final List<String> CONDITIONS =
      List.of(
          "amount > 50000",
          "amount >= 0 and amount <= 12000.5",
          "amount == 0 or amount != 0",
          "not (amount < 100)",
          "-amount > 2",
          "amount * 2 / 4 + 1 - 3 > 10",
          "amount / 0 > 1 or amount / 0 is missing",
          "stage >= proposal",
          "stage == negotiation",
          "stage in [discovery, negotiation]",
          "stage not in [proposal]",
          "stage is open",
          "stage is won",
          "stage is lost or stage is missing",
          "segment == smb",
          "segment in [smb, enterprise]",
          "amount in [0, 60000, 12000.5]",
          "forecast_category == commit",
          "forecast_category in [commit, best_case]",
          "created_at < close_date",
          "days_since(created_at) > 60",
          "hours_until(close_date) < 400",
          "business_days_since(created_at) >= 44",
          "amount > param(big_deal)",
          "amount is present implies stage >= proposal",
          "probability is missing",
          "name is present",
          "any(contacts, role == champion) and stage >= proposal",
          "stage >= proposal or none(activities, type == meeting)",
          "(count(activities) > 0) == true",
          "days_since(last_activity) > 7 and amount > 1000",
          "all(contacts, role == champion)",
          "all(activities, outcome == advance) and count(contacts, power == high) < 2",
          "count(activities, direction == outbound and days_since(occurred_at) <= 30) >= 1",
          "none(activities, type == call and any(contacts, role == champion))",
          "any(activities, any(contacts, title == \"CFO\"))",
          "sum(activities, duration_minutes, type == call) >= 30",
          "sum(activities, duration_minutes) < 60 and sum(contacts, 1) == count(contacts)",
          "count(contacts) >= 1 or count(contacts, role == champion) == 0",
          "days_since(max(activities, occurred_at)) < 30",
          "min(activities, duration_minutes, type == call) <= max(activities, duration_minutes)",
          "coalesce(probability, 0.5) >= 0.5",
          "coalesce(stage, proposal) >= proposal",
          "count_true(amount > 0, stage >= proposal, probability is present) >= 2",
          "days_between(created_at, close_date) > 30 or hours_between(created_at, now) > 10",
          "name contains \"ac\" or name is missing",
          "any(contacts, role contains champion) or none(contacts, role contains coach)",
          "close_date + 14d > created_at and close_date - 2bd < now",
          "evidence(meddic.metrics) == confirmed or evidence_updated(meddic.metrics) is missing",
          "any(activities, counts.questions > 1 or counts.questions is missing)",
          "engaged or busy",
          "any(contacts, busy and role == champion)",
          "evidence(meddic.metrics) < confirmed or evidence(meddic.champion) >= confirmed",
          "evidence(meddic.metrics) != evidence(meddic.champion)",
          "param(stale) > 10 and param(stale) <= 14d and -amount < 0d",
          "amount in [-amount, 3, param(big_deal)] or stage not in []",
          "any(activities, type in [call, type] and count(tags) >= 0)");

  @Test
  void generate_everyCondition_agreesWithItsClosuresOnEveryDeal() {
    Env env = env();
    int pairs = 0;
    for (String src : CONDITIONS) {
      Compiled closures = compile(src, env);
      Compiled generated = CodeGen.generate(closures, env);
      for (Deal deal : deals()) {
        Object expected = closures.eval(new Frame(new Facts(deal, AS_OF, env)));
        Object actual = generated.eval(new Frame(new Facts(deal, AS_OF, env)));
        assertThat(actual).as("%s on %s", src, deal.id()).isEqualTo(expected);
        pairs++;
      }
    }
    assertThat(pairs).isEqualTo(CONDITIONS.size() * 5).isEqualTo(285);
  }

  @Test
  void coverage_everyCondition_isGeneratedNodeByNode() {
    Env env = env();
    List<String> partial = new ArrayList<>();
    for (String src : CONDITIONS) {
      CodeGen.Coverage c = CodeGen.coverage(compile(src, env), env);
      if (c.generated() != c.nodes()) {
        partial.add(src + ": " + c.generated() + " of " + c.nodes());
      }
    }
    assertThat(partial).isEmpty();
  }

  @Test
  void generate_placeholderValues_agreeWithTheirClosuresOnEveryDeal() {
    Env env = env();
    List<String> values =
        List.of(
            "days_since(created_at)",
            "amount * 2 + 1",
            "amount / 0",
            "-amount",
            "stage",
            "name",
            "param(big_deal)",
            "count(contacts, role == champion)",
            "sum(activities, duration_minutes)",
            "count(activities)",
            "max(activities, occurred_at)",
            "min(activities, duration_minutes, type == call)",
            "amount > 10 and stage >= proposal",
            "coalesce(amount, 0)",
            "close_date + 3bd",
            "evidence(meddic.metrics)",
            "evidence_updated(meddic.metrics)",
            "busy",
            "days_between(created_at, now)",
            "count_true(amount > 0, busy)");
    for (String src : values) {
      Compiler.Result r = Compiler.expression(src, env);
      assertThat(r.issues()).as(src).isEmpty();
      Compiled closures = r.compiled();
      Compiled generated = CodeGen.generate(closures, env);
      assertThat(CodeGen.isGenerated(generated.fn())).as(src).isTrue();
      for (Deal deal : deals()) {
        Object expected = closures.eval(new Frame(new Facts(deal, AS_OF, env)));
        Object actual = generated.eval(new Frame(new Facts(deal, AS_OF, env)));
        assertThat(actual).as("%s on %s", src, deal.id()).isEqualTo(expected);
      }
    }
  }

  @Test
  void generate_withoutItsEnvironment_keepsTheClosureOfWhatNeedsIt() {
    Env env = env();
    Compiled param = Compiler.expression("param(big_deal)", env).compiled();

    assertThat(CodeGen.generate(param, null)).isSameAs(param);
  }

  @Test
  void generateAll_manyConditions_shareFewClassesAndKeepTheirOrder() {
    Env env = env();
    List<Compiled> conditions = new ArrayList<>();
    List<Env> envs = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      conditions.add(compile("amount > " + i, env));
      envs.add(env);
    }
    // a closure at its root: a stage role is not generated without the environment
    conditions.add(compile("stage is open", env));
    envs.add(null);

    List<Compiled> generated = CodeGen.generateAll(conditions, envs);

    assertThat(generated.stream().map(c -> c.fn().getClass()).distinct().count())
        .isEqualTo(4); // 64 + 64 + 22 generated parts, and the closure of the last one
    assertThat(generated.get(150)).isSameAs(conditions.get(150));
    Deal big = deals().get(0); // amount 60000
    Deal small = deals().get(4); // amount 3
    for (int i = 0; i < 150; i++) {
      assertThat(generated.get(i).eval(new Frame(new Facts(big, AS_OF, env))))
          .as("condition %d", i)
          .isEqualTo(true);
      assertThat(generated.get(i).eval(new Frame(new Facts(small, AS_OF, env))))
          .as("condition %d", i)
          .isEqualTo(i < 3);
    }
    assertThatThrownBy(() -> CodeGen.generateAll(conditions, List.of(env)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("151 conditions but 1 environments");
  }

  @Test
  void generateAll_conditionsWithLongLists_spreadOverClassesByTheirSize() {
    Env env = env();
    // each condition as long as a condition may be: about 1,300 numbers in its list
    StringBuilder list = new StringBuilder("amount in [60000");
    while (list.length() < 3_990) {
      list.append(",1");
    }
    String longest = list.append("]").toString();
    List<Compiled> conditions = new ArrayList<>();
    List<Env> envs = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      conditions.add(compile(longest, env));
      envs.add(env);
    }

    List<Compiled> generated = CodeGen.generateAll(conditions, envs);

    // about 1,990 nodes each: two to a class of at most 4,000 nodes
    assertThat(generated.stream().map(c -> c.fn().getClass()).distinct().count()).isEqualTo(32);
    for (Compiled c : generated) {
      assertThat(CodeGen.isGenerated(c.fn())).isTrue();
      assertThat(c.eval(new Frame(new Facts(deals().get(0), AS_OF, env)))).isEqualTo(true);
      assertThat(c.eval(new Frame(new Facts(deals().get(4), AS_OF, env)))).isEqualTo(false);
    }
  }

  @Test
  void generate_missingAmount_isUnknownAndStageGateStillDecides() {
    Env env = env();
    Deal noAmount = deals().get(2); // negotiation, no amount

    assertThat(value("amount > 50000", noAmount, env)).isNull();
    assertThat(value("amount > 50000 and stage < proposal", noAmount, env)).isEqualTo(false);
    assertThat(value("amount > 50000 or stage >= proposal", noAmount, env)).isEqualTo(true);
    assertThat(value("not (amount > 50000)", noAmount, env)).isNull();
    assertThat(value("amount is missing", noAmount, env)).isEqualTo(true);
  }

  @Test
  void generate_unknownStageOfTheDeal_isMissing() {
    Env env = env();
    Deal odd = deals().get(3);

    assertThat(value("stage >= discovery", odd, env)).isNull();
    assertThat(value("stage is missing", odd, env)).isEqualTo(true);
    assertThat(value("stage in [discovery, proposal]", odd, env)).isNull();
  }

  @Test
  void generate_parameterBySegment_readsTheDealsValue() {
    Env env = env();

    assertThat(value("amount > param(big_deal)", deals().get(0), env)).isEqualTo(true);
    assertThat(value("12000 > param(big_deal)", deals().get(1), env)).isEqualTo(true);
    assertThat(value("12000 > param(big_deal)", deals().get(0), env)).isEqualTo(false);
  }

  @Test
  void coverage_stageGateAndThreshold_isAllGenerated() {
    Env env = env();

    CodeGen.Coverage c =
        CodeGen.coverage(compile("stage >= proposal and amount > 50000", env), env);

    // and, two comparisons, stage, proposal, amount (its getter is called), 50000
    assertThat(c).isEqualTo(new CodeGen.Coverage(7, 7));
  }

  @Test
  void generate_quantifierAtTheTop_isALoopWithItsFieldsReadDirectly() {
    Env env = env();
    Compiled quantifier = compile("none(contacts, role == economic_buyer)", env);

    Compiled generated = CodeGen.generate(quantifier, env);

    assertThat(CodeGen.isGenerated(generated.fn())).isTrue();
    // none, contacts, ==, role, economic_buyer
    assertThat(CodeGen.coverage(quantifier, env)).isEqualTo(new CodeGen.Coverage(5, 5));
  }

  @Test
  void generate_quantifierInsideOr_isGeneratedWithTheRest() {
    Env env = env();
    Compiled mixed = compile("stage >= proposal or none(contacts, role == economic_buyer)", env);

    Compiled generated = CodeGen.generate(mixed, env);

    assertThat(generated).isNotSameAs(mixed);
    assertThat(CodeGen.isGenerated(generated.fn())).isTrue();
    assertThat(generated.kids()).isEqualTo(mixed.kids());
    assertThat(CodeGen.coverage(mixed, env)).isEqualTo(new CodeGen.Coverage(9, 9));
  }

  @Test
  void generate_minAndMax_areLoopsToo() {
    Env env = env();
    Compiled max = compile("max(activities, duration_minutes) > 10", env);

    // >, max, activities, duration_minutes, 10
    assertThat(CodeGen.coverage(max, env)).isEqualTo(new CodeGen.Coverage(5, 5));
    for (Deal deal : deals()) {
      assertThat(CodeGen.generate(max, env).eval(new Frame(new Facts(deal, AS_OF, env))))
          .as(deal.id())
          .isEqualTo(max.eval(new Frame(new Facts(deal, AS_OF, env))));
    }
  }

  @Test
  void generate_walks_takeTheClosuresStepsFromTheBudget() {
    Env env = env();
    Deal deal = deals().get(4); // one contact, one activity
    for (String src :
        List.of(
            "any(activities, any(contacts, role == champion))",
            "count(contacts, power == high) < 2 and sum(activities, duration_minutes) > 0",
            "all(activities, type == meeting) or none(contacts, role == blocker)",
            "max(activities, occurred_at, any(contacts, role == champion)) is present")) {
      Compiled closures = compile(src, env);
      Compiled generated = CodeGen.generate(closures, env);
      Frame a = new Frame(new Facts(deal, AS_OF, env)).withBudget(100);
      Frame b = new Frame(new Facts(deal, AS_OF, env)).withBudget(100);

      assertThat(generated.eval(b)).as(src).isEqualTo(closures.eval(a));
      assertThat(b.stepsLeft()).as(src).isEqualTo(a.stepsLeft()).isLessThan(100);
    }
  }

  @Test
  void generate_walkOverBudget_failsAsTheClosuresDo() {
    Env env = env();
    Deal deal = deals().get(4);
    Compiled generated =
        CodeGen.generate(
            compile("count(activities, any(contacts, role == champion)) > 0", env), env);

    // the activity's step, then its contact's: the second is one too many
    Frame frame = new Frame(new Facts(deal, AS_OF, env)).withBudget(1);

    assertThatThrownBy(() -> generated.eval(frame))
        .isInstanceOf(dev.playbook.internal.lang.TooCostly.class);
  }

  @Test
  void generate_memoizedWalk_isSharedWithTheClosuresOfTheSameExpression() {
    Env env = env();
    Deal deal = deals().get(4);
    Compiled closures = compile("count(contacts, role == champion) > 0", env);
    Compiled generated =
        CodeGen.generate(compile("count(contacts, role == champion) >= 1", env), env);
    Frame frame = new Frame(new Facts(deal, AS_OF, env)).withBudget(100);

    assertThat(generated.eval(frame)).isEqualTo(true);
    long afterGenerated = frame.stepsLeft();
    assertThat(closures.eval(frame)).isEqualTo(true);

    // one walk of the one contact; the closures read the count the generated code kept
    assertThat(afterGenerated).isEqualTo(99);
    assertThat(frame.stepsLeft()).isEqualTo(99);
  }

  @Test
  void classBytes_textFromTheCondition_isClassDataNotCode() {
    Env env = env();
    String planted = "zq\"); System.exit(1); //";
    Compiled c = compile("name == \"" + planted.replace("\"", "\\\"") + "\"", env);
    Emitter e = new Emitter(env);

    byte[] bytes = e.classBytes(c);

    assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("zq");
    assertThat(e.constants()).contains(planted);
  }

  @Test
  void selected_unknownBackendName_failsNamingThePropertyAndTheChoices() {
    String before = System.getProperty(CodeGen.PROPERTY);
    try {
      System.setProperty(CodeGen.PROPERTY, "fast");
      assertThatThrownBy(CodeGen.Backend::selected)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "system property playbook.backend is 'fast'; it must be 'closures' or 'generated'");
      System.setProperty(CodeGen.PROPERTY, "Generated");
      assertThat(CodeGen.Backend.selected()).isEqualTo(CodeGen.Backend.GENERATED);
      System.clearProperty(CodeGen.PROPERTY);
      assertThat(CodeGen.Backend.selected()).isEqualTo(CodeGen.Backend.CLOSURES);
    } finally {
      if (before == null) {
        System.clearProperty(CodeGen.PROPERTY);
      } else {
        System.setProperty(CodeGen.PROPERTY, before);
      }
    }
  }

  private static Object value(String src, Deal deal, Env env) {
    Compiled generated = CodeGen.generate(compile(src, env), env);
    assertThat(CodeGen.isGenerated(generated.fn())).as(src).isTrue();
    return generated.eval(new Frame(new Facts(deal, AS_OF, env)));
  }

  private static Compiled compile(String src, Env env) {
    Compiler.Result r = Compiler.condition(src, env);
    assertThat(r.issues()).as(src).isEmpty();
    return Objects.requireNonNull(r.compiled());
  }
}
