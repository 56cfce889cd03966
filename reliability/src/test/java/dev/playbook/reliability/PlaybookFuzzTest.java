package dev.playbook.reliability;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.playbook.Deals;
import dev.playbook.Playbook;
import dev.playbook.internal.lang.Ast;
import dev.playbook.internal.lang.Compiler;
import dev.playbook.internal.lang.Facts;
import dev.playbook.internal.lang.Frame;
import dev.playbook.internal.lang.Parser;
import dev.playbook.internal.lang.Printer;
import dev.playbook.internal.lang.SyntaxError;
import dev.playbook.internal.lang.gen.CodeGen;
import dev.playbook.internal.tree.Node;
import dev.playbook.internal.tree.Problems;
import dev.playbook.internal.tree.TreeReader;
import dev.playbook.model.Deal;
import dev.playbook.problem.ProblemException;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Explanation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzz targets. In a plain {@code mvn test} each target replays its seed corpus under {@code
 * src/test/resources/dev/playbook/reliability/PlaybookFuzzTestInputs/<target>/} (real playbooks,
 * rule files, deal files and edge cases). With {@code JAZZER_FUZZ=1} one target is fuzzed; {@code
 * reliability/fuzz.sh} runs them all in turn.
 *
 * <p>The rule for every target: only {@link ProblemException} (for the parser alone, also {@link
 * SyntaxError}) may come out, its problems must be well formed (see {@link Verdicts}), and anything
 * that loaded must evaluate without throwing, to the same results with closures and with generated
 * code.
 */
class PlaybookFuzzTest {

  private static final Map<String, AtomicLong> EXECUTIONS = new TreeMap<>();

  private static void count(String target) {
    synchronized (EXECUTIONS) {
      EXECUTIONS.computeIfAbsent(target, k -> new AtomicLong()).incrementAndGet();
    }
  }

  @AfterAll
  static void printExecutions() {
    synchronized (EXECUTIONS) {
      EXECUTIONS.forEach((k, v) -> System.out.println("fuzz-executions " + k + " " + v.get()));
    }
  }

  private static String text(byte[] data) {
    return new String(data, StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ (a) the YAML loader

  /** YAML reading and the playbook definition reader on arbitrary text. */
  @FuzzTest(maxDuration = "30s")
  void yamlLoader(byte[] data) {
    count("yamlLoader");
    String yaml = text(data);
    Problems problems = new Problems();
    Node root = TreeReader.readYaml("fuzz.yaml", yaml, problems);
    if (root == null && problems.isEmpty()) {
      throw new AssertionError("readYaml returned nothing and reported no problem");
    }
    if (root != null && !problems.isEmpty()) {
      throw new AssertionError("readYaml returned a tree although it reported " + problems.list());
    }
    if (!problems.isEmpty()) {
      Verdicts.checkProblems(new ProblemException(problems.list()), "fuzz.yaml", yaml);
    }
    Playbook playbook;
    try {
      playbook = Playbook.parse("fuzz/playbook.yaml", yaml);
    } catch (ProblemException e) {
      Verdicts.checkProblems(e, "fuzz/playbook.yaml", yaml);
      return;
    }
    evaluateSamples(playbook, yaml);
  }

  // ------------------------------------------------------------------ (b) the condition parser

  /** The condition parser and the type checker against a fixed playbook environment. */
  @FuzzTest(maxDuration = "30s")
  void conditionParser(byte[] data) {
    count("conditionParser");
    String src = text(data);
    try {
      Ast ast = Parser.parse(src);
      checkSpan(ast, src);
      Printer.print(ast);
    } catch (SyntaxError e) {
      if (e.offset() < 0 || e.offset() > src.length()) {
        throw new AssertionError(
            "syntax error offset "
                + e.offset()
                + " outside the condition of length "
                + src.length());
      }
      Verdicts.readable(e.getMessage(), src, "syntax error: " + e.getMessage());
    }
    Compiler.Result condition = Compiler.condition(src, Fixtures.ENV);
    for (Compiler.Result r :
        List.of(
            condition,
            Compiler.expression(src, Fixtures.ENV),
            Compiler.contactFilter(src, Fixtures.ENV))) {
      for (Compiler.Issue issue : r.issues()) {
        if (issue.offset() < 0 || issue.offset() > src.length()) {
          throw new AssertionError(
              "issue offset " + issue.offset() + " outside the condition: " + issue);
        }
        Verdicts.readable(issue.message(), src, issue.code() + ": " + issue.message());
      }
      if (r.ok() == (r.compiled() == null)) {
        throw new AssertionError(
            "a result must have a compiled form exactly when it has no issues: " + r);
      }
    }
    if (condition.ok() && !KnownIssues.skipCondition(src)) {
      for (Deal deal : Fixtures.SAMPLE_DEALS) {
        condition.compiled().eval(new Frame(new Facts(deal, Fixtures.AS_OF, Fixtures.ENV)));
      }
    }
  }

  private static void checkSpan(Ast a, String src) {
    if (a.offset() < 0 || a.length() < 0 || a.offset() + a.length() > src.length()) {
      throw new AssertionError(
          "node " + a + " spans outside the condition of length " + src.length());
    }
  }

  // ------------------------------------------------------------------ (c) load and compile

  /**
   * A whole playbook, written around conditions taken from the input (one per line), loaded and
   * evaluated.
   */
  @FuzzTest(maxDuration = "30s")
  void loadAndCompile(byte[] data) {
    count("loadAndCompile");
    List<String> conditions = new ArrayList<>();
    for (String line : text(data).split("\n", -1)) {
      if (conditions.size() < 12) {
        conditions.add(line);
      }
    }
    String yaml = GeneratedPlaybook.withConditions(conditions);
    Playbook playbook;
    try {
      playbook = Playbook.parse("gen/playbook.yaml", yaml);
    } catch (ProblemException e) {
      Verdicts.checkProblems(e, "gen/playbook.yaml", yaml);
      return;
    }
    if (conditions.stream().noneMatch(KnownIssues::skipCondition)) {
      evaluateSamples(playbook, yaml);
      List<Deal> deals =
          Fixtures.SAMPLE_DEALS.stream()
              .filter(d -> playbook.stages().contains(d.stage()))
              .toList();
      sameOnBothBackEnds(playbook, generated("gen/playbook.yaml", yaml), deals);
    }
  }

  // ------------------------------------------------------------------ (d) deal files

  private static final String DEAL_CHECKS =
      Fixtures.HEADER
          + """
          rules:
            - { id: d.stale, when: "days_since(last_activity) > param(stale_days)", gap: { severity: high, message: "{name} {last_activity}" } }
            - { id: d.bd, when: "business_days_since(stage_entered_at) >= 2 or business_days_until(close_date) < 3", gap: { severity: low, message: "{business_days_between(created_at, now)}" } }
            - { id: d.move, when: "close_date - param(follow_up) < now + param(window)", gap: { severity: low, message: "{close_date - 2bd}" } }
            - { id: d.all, when: "all(contacts, role != blocker and power >= low) and count(activities, counts.x > 0 or tags contains \\"a\\") >= 0", gap: { severity: info, message: "{sum(activities, duration_minutes)} {max(activities, occurred_at)}" } }
            - { id: d.custom, when: "custom.renewal or custom.seats > 10 or custom.go_live > now or custom.region == \\"EMEA\\"", gap: { severity: info, message: "{custom.seats} {custom.go_live}" } }
            - { id: d.ev, when: "evidence(meddic.metrics) >= partial and evidence_updated(meddic.metrics) < now", gap: { severity: info, message: "{evidence(meddic.champion)}" } }
          """;

  private static final List<Playbook> DEAL_PLAYBOOKS =
      List.of(Playbook.builtIn("meddic"), Playbook.parse("deal-checks.yaml", DEAL_CHECKS));

  /** The same playbooks with generated code. */
  private static final List<Playbook> DEAL_PLAYBOOKS_GENERATED =
      Fixtures.withBackend(
          "generated",
          () ->
              List.of(Playbook.builtIn("meddic"), Playbook.parse("deal-checks.yaml", DEAL_CHECKS)));

  /**
   * Deal files in JSON, JSON Lines and YAML from arbitrary text; deals that were read are
   * evaluated.
   */
  @FuzzTest(maxDuration = "30s")
  void dealFiles(byte[] data) {
    count("dealFiles");
    String content = text(data);
    for (String file : List.of("deals.json", "deals.jsonl", "deals.yaml")) {
      List<Deal> deals;
      try {
        deals = Deals.parse(file, content);
      } catch (ProblemException e) {
        Verdicts.checkProblems(e, file, content);
        continue;
      }
      for (int k = 0; k < DEAL_PLAYBOOKS.size(); k++) {
        Playbook p = DEAL_PLAYBOOKS.get(k);
        List<Deal> known =
            deals.stream()
                .filter(d -> p.stages().contains(d.stage()) && !KnownIssues.skipDeal(d))
                .toList();
        List<Evaluation> all = p.evaluateAll(known, Fixtures.AS_OF, Locale.ENGLISH);
        for (int i = 0; i < known.size(); i++) {
          if (!all.get(i).dealId().equals(known.get(i).id())) {
            throw new AssertionError("evaluateAll returned results out of order");
          }
        }
        sameOnBothBackEnds(p, DEAL_PLAYBOOKS_GENERATED.get(k), known);
      }
    }
  }

  // ------------------------------------------------------------------ shared

  /** {@code yaml} loaded with generated code ({@value CodeGen#PROPERTY}{@code =generated}). */
  private static Playbook generated(String name, String yaml) {
    return Fixtures.withBackend("generated", () -> Playbook.parse(name, yaml));
  }

  /** The two back ends give every deal the same evaluation, in English and in Chinese. */
  private static void sameOnBothBackEnds(Playbook closures, Playbook generated, List<Deal> deals) {
    for (Locale locale : List.of(Locale.ENGLISH, Locale.forLanguageTag("zh-CN"))) {
      List<Evaluation> a = closures.evaluateAll(deals, Fixtures.AS_OF, locale);
      List<Evaluation> b = generated.evaluateAll(deals, Fixtures.AS_OF, locale);
      for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
        if (i >= a.size() || i >= b.size() || !a.get(i).equals(b.get(i))) {
          throw new AssertionError(
              "closures and generated code disagree on deal "
                  + deals.get(i).id()
                  + " ("
                  + locale
                  + "): "
                  + (i < a.size() ? a.get(i) : "no evaluation")
                  + " against "
                  + (i < b.size() ? b.get(i) : "no evaluation"));
        }
      }
    }
  }

  /** Evaluates the sample deals in every way the API offers; nothing may throw. */
  private static void evaluateSamples(Playbook playbook, String source) {
    List<Deal> deals =
        Fixtures.SAMPLE_DEALS.stream().filter(d -> playbook.stages().contains(d.stage())).toList();
    List<Evaluation> batch =
        playbook.evaluateAll(deals, Fixtures.AS_OF, Locale.forLanguageTag("zh-CN"));
    for (int i = 0; i < deals.size(); i++) {
      Evaluation one =
          playbook.evaluate(deals.get(i), Fixtures.AS_OF, Locale.forLanguageTag("zh-CN"));
      if (!one.equals(batch.get(i))) {
        throw new AssertionError("evaluate and evaluateAll disagree on deal " + deals.get(i).id());
      }
      if (!playbook.ruleIds().containsAll(one.firedRules())) {
        throw new AssertionError(
            "fired rules " + one.firedRules() + " are not all rules of the playbook");
      }
      List<Explanation> explanations = playbook.explain(deals.get(i), Fixtures.AS_OF);
      for (Explanation e : explanations) {
        if (e.fired() != one.firedRules().contains(e.rule())) {
          throw new AssertionError(
              "explain says rule "
                  + e.rule()
                  + " fired="
                  + e.fired()
                  + " but the evaluation says otherwise");
        }
      }
    }
  }
}
