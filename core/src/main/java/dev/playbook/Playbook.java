package dev.playbook;

import static java.util.Objects.requireNonNull;

import dev.playbook.descriptor.PlaybookDescriptor;
import dev.playbook.internal.engine.CompiledPlaybook;
import dev.playbook.internal.engine.Evaluator;
import dev.playbook.internal.lang.CustomValues;
import dev.playbook.internal.lang.Type;
import dev.playbook.internal.load.Descriptors;
import dev.playbook.internal.load.Loading;
import dev.playbook.internal.load.Snapshot;
import dev.playbook.model.CustomValue;
import dev.playbook.model.Deal;
import dev.playbook.problem.EvaluationException;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import dev.playbook.problem.Suggestions;
import dev.playbook.result.DealError;
import dev.playbook.result.DealRecord;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Evaluations;
import dev.playbook.result.Explanation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compiled playbook: stages, key nodes, parameters and rules, ready to evaluate deals.
 *
 * <pre>{@code
 * Playbook playbook = Playbook.load(Path.of("playbooks/acme"));   // parse, check, compile once
 * Evaluation result = playbook.evaluate(deal, Instant.now());      // thread-safe; deal untouched
 * result.actions(); result.gaps(); result.scorecards();
 * }</pre>
 *
 * <p>Loading reports every problem at once as a {@link ProblemException}. A {@code Playbook} is
 * immutable; one instance serves any number of threads.
 */
public final class Playbook {

  private static final Logger LOG = LoggerFactory.getLogger(Playbook.class);
  private static final int BATCH = 100;

  private final CompiledPlaybook compiled;
  private final Evaluator evaluator;
  private final List<String> files;
  private final String revision;
  private final PlaybookDescriptor descriptor;
  private final EvaluationLimits limits;

  private Playbook(Loading.Loaded loaded) {
    this(
        loaded.compiled(),
        loaded.files(),
        loaded.revision(),
        Descriptors.of(loaded.compiled()),
        EvaluationLimits.defaults());
  }

  private Playbook(
      CompiledPlaybook compiled,
      List<String> files,
      String revision,
      PlaybookDescriptor descriptor,
      EvaluationLimits limits) {
    this.compiled = compiled;
    this.files = files;
    this.revision = revision;
    this.descriptor = descriptor;
    this.limits = limits;
    this.evaluator = new Evaluator(compiled, limits.maxSteps(), limits.maxMessageLength());
  }

  /**
   * The limits each deal's evaluation runs under; {@link EvaluationLimits#defaults()} unless set.
   */
  public EvaluationLimits limits() {
    return limits;
  }

  /**
   * This playbook with other evaluation limits; the compiled rules are shared, nothing is loaded
   * again.
   */
  public Playbook withLimits(EvaluationLimits limits) {
    requireNonNull(limits, "limits");
    return new Playbook(compiled, files, revision, descriptor, limits);
  }

  /**
   * Loads a playbook folder (with {@code playbook.yaml}) or a single YAML file, with the playbooks
   * it extends.
   *
   * @throws ProblemException listing every problem found, with file, line and column
   */
  public static Playbook load(Path path) {
    requireNonNull(path, "path");
    long start = System.nanoTime();
    Playbook p = new Playbook(Loading.fromPath(path, classLoader()));
    log(p, path.toString(), start);
    return p;
  }

  /**
   * Loads the playbook at {@code path} from a snapshot of its files, reading nothing more from
   * disk.
   */
  static Playbook load(Path path, Snapshot snapshot) {
    long start = System.nanoTime();
    Playbook p = new Playbook(Loading.fromSnapshot(path, snapshot, classLoader()));
    log(p, path.toString(), start);
    return p;
  }

  /**
   * Loads a built-in playbook by name, such as {@code meddic}; the built-ins come with the {@code
   * playbook-rules} artifact.
   *
   * @throws ProblemException if there is no such built-in playbook, or it has problems
   */
  public static Playbook builtIn(String name) {
    requireNonNull(name, "name");
    long start = System.nanoTime();
    Playbook p = new Playbook(Loading.builtIn(name, classLoader()));
    log(p, "built-in " + name, start);
    return p;
  }

  /**
   * Loads a playbook from the text of one YAML file; {@code fileName} is used in problem positions,
   * and relative {@code extends} paths start from its folder.
   */
  public static Playbook parse(String fileName, String yaml) {
    requireNonNull(fileName, "fileName");
    requireNonNull(yaml, "yaml");
    long start = System.nanoTime();
    Playbook p = new Playbook(Loading.fromString(fileName, yaml, classLoader()));
    log(p, fileName, start);
    return p;
  }

  /** Names of the built-in playbooks on the classpath. */
  public static List<String> builtInNames() {
    return Loading.builtInNames(classLoader());
  }

  private static ClassLoader classLoader() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return cl != null ? cl : Playbook.class.getClassLoader();
  }

  private static void log(Playbook p, String from, long start) {
    LOG.info(
        "loaded playbook {} from {}: {} rules, {} stages in {} ms",
        p.id(),
        from,
        p.compiled.rules().size(),
        p.stages().size(),
        (System.nanoTime() - start) / 1_000_000);
  }

  /** The playbook's name, such as {@code acme}. */
  public String id() {
    return compiled.id();
  }

  /** The playbook's title in English (or its first language). */
  public String title() {
    return compiled.title().get(Locale.ENGLISH);
  }

  /** The pipeline stages, in order. */
  public List<String> stages() {
    return compiled.env().stages();
  }

  /** The ids of all rules, its own and inherited, in evaluation order. */
  public List<String> ruleIds() {
    return compiled.rules().stream().map(CompiledPlaybook.Rule::id).toList();
  }

  /**
   * What the playbook holds, with everything it extends: rules (titles, methodology, element,
   * severity, source file and line), methodologies and their elements, stages and their titles, key
   * nodes and their criteria, and parameters with their values by segment and stage.
   */
  public PlaybookDescriptor describe() {
    return descriptor;
  }

  /**
   * The files the playbook was loaded from, its own and those of the playbooks it extends, as
   * problems name them (built-in files by their resource names, such as {@code
   * playbooks/meddic/playbook.yaml}), sorted.
   */
  public List<String> files() {
    return files;
  }

  /**
   * The content hash of {@link #files()}: 64 lowercase hex digits of a SHA-256 over every file's
   * name and bytes, in the order of its name. Files on disk are named relative to the playbook's
   * folder, built-in ones by resource name, so the revision changes exactly when a file's content,
   * name, or the set of files changes; not with modification times, listing order, or where the
   * folder lies. docs/embedding.md gives the exact layout.
   */
  public String revision() {
    return revision;
  }

  /**
   * Checks a deal read from a file against what this playbook declares, which a deal file read on
   * its own cannot know: each custom value must have the type declared under {@code custom_fields}.
   * A value of another type, such as {@code "exec_sponsor": "yes"} for a boolean, would read as
   * missing when evaluated; here it is a {@code custom-field-type} problem at the value's line and
   * column (the record's line when the position is not known), with the fix. Custom fields the
   * playbook does not declare are not checked.
   *
   * <pre>{@code
   * try (Stream<DealRecord> records = Deals.stream(file).map(playbook::check)) { ... }
   * }</pre>
   *
   * @return {@code record} itself when it is no deal or its deal fits; else a bad record with every
   *     problem found, sorted
   */
  public DealRecord check(DealRecord record) {
    requireNonNull(record, "record");
    if (!record.ok()) {
      return record;
    }
    List<Problem> problems =
        check(record.deal().orElseThrow(), record.file(), record.line(), record::position);
    return problems.isEmpty() ? record : DealRecord.bad(record.file(), record.line(), problems);
  }

  /** The problems of {@link #check(DealRecord)}, located by {@code positions} where it knows. */
  List<Problem> check(
      Deal deal, String file, int line, Function<String, Optional<DealRecord.Position>> positions) {
    List<Problem> problems = new ArrayList<>();
    Map<String, Type> declared = compiled.env().customFields();
    for (Map.Entry<String, CustomValue> e : deal.custom().entrySet()) {
      Type type = declared.get(e.getKey());
      String message = type == null ? null : CustomValues.mismatch(e.getKey(), e.getValue(), type);
      if (message != null) {
        Optional<DealRecord.Position> at = positions.apply("custom." + e.getKey());
        problems.add(
            new Problem(
                "custom-field-type",
                file,
                at.map(DealRecord.Position::line).orElse(line),
                at.map(DealRecord.Position::column).orElse(0),
                message));
      }
    }
    problems.sort(null);
    return problems;
  }

  /** Evaluates one deal as of {@code asOf}, with texts in English. */
  public Evaluation evaluate(Deal deal, Instant asOf) {
    return evaluate(deal, asOf, Locale.ENGLISH);
  }

  /**
   * Evaluates one deal as of {@code asOf}, with texts in {@code locale} where the playbook has them
   * (exact tag, then language, then English).
   *
   * @throws IllegalArgumentException if the deal's stage is not one of the playbook's stages, or
   *     {@code asOf} is outside the years 1 to 9999
   * @throws EvaluationException if the deal could not be evaluated; its {@code code()} is {@code
   *     too-costly} when it took more steps than {@link EvaluationLimits#maxSteps()}
   */
  public Evaluation evaluate(Deal deal, Instant asOf, Locale locale) {
    requireNonNull(deal, "deal");
    requireNonNull(asOf, "asOf");
    requireNonNull(locale, "locale");
    return evaluator.evaluateOne(deal, asOf, locale);
  }

  /**
   * Evaluates many deals as of one moment and keeps going past deals that fail: each of those
   * becomes a {@link DealError} (unknown stage, {@code too-costly}, or a condition that could not
   * be evaluated) naming the deal, the rule and the condition, and every other deal is evaluated.
   * Faster than one call per deal, since deals go to the rule engine in batches.
   *
   * @throws IllegalArgumentException if {@code asOf} is outside the years 1 to 9999
   */
  public Evaluations evaluateEach(Collection<Deal> deals, Instant asOf, Locale locale) {
    requireNonNull(deals, "deals");
    requireNonNull(asOf, "asOf");
    requireNonNull(locale, "locale");
    List<Deal> list = List.copyOf(deals);
    if (list.size() <= BATCH) {
      return evaluator.evaluate(list, asOf, locale);
    }
    List<Evaluation> evaluated = new ArrayList<>(list.size());
    List<DealError> failed = new ArrayList<>();
    for (int i = 0; i < list.size(); i += BATCH) {
      Evaluations part =
          evaluator.evaluate(list.subList(i, Math.min(list.size(), i + BATCH)), asOf, locale);
      evaluated.addAll(part.evaluated());
      for (DealError error : part.failed()) {
        failed.add(error.atIndex(i + error.index()));
      }
    }
    return new Evaluations(evaluated, failed);
  }

  /**
   * Evaluates many deals as of one moment; results come in the order of {@code deals}. Every deal
   * is evaluated before a failure is thrown; {@link #evaluateEach} returns the failures instead.
   *
   * @throws IllegalArgumentException if a deal's stage is not one of the playbook's stages
   * @throws EvaluationException for the first deal that could not be evaluated
   */
  public List<Evaluation> evaluateAll(Collection<Deal> deals, Instant asOf, Locale locale) {
    Evaluations e = evaluateEach(deals, asOf, locale);
    if (!e.failed().isEmpty()) {
      DealError first = e.failed().get(0);
      if (first.kind() == DealError.Kind.UNKNOWN_STAGE) {
        throw new IllegalArgumentException(first.message());
      }
      throw new EvaluationException(
          first.dealId(), first.kind() == DealError.Kind.TOO_COSTLY, first.message(), null);
    }
    return e.evaluated();
  }

  /**
   * Explains every rule on one deal: whether it fired, and each part of its condition with its
   * value and the facts it read.
   */
  public List<Explanation> explain(Deal deal, Instant asOf) {
    requireNonNull(deal, "deal");
    requireNonNull(asOf, "asOf");
    return evaluator.explain(deal, asOf, compiled.rules());
  }

  /**
   * Explains the exit criteria of the key nodes of the deal's stage, then the {@code
   * confirmed_when} of every scorecard element that has one, in the order the playbook defines
   * them: whether each is met (holds), and its condition as a tree with the value of every part.
   */
  public List<Explanation> explainChecks(Deal deal, Instant asOf) {
    requireNonNull(deal, "deal");
    requireNonNull(asOf, "asOf");
    return evaluator.explainChecks(deal, asOf);
  }

  /**
   * Explains one rule on one deal.
   *
   * @throws IllegalArgumentException if the playbook has no rule with that id
   */
  public Explanation explain(Deal deal, Instant asOf, String ruleId) {
    requireNonNull(deal, "deal");
    requireNonNull(asOf, "asOf");
    requireNonNull(ruleId, "ruleId");
    CompiledPlaybook.Rule rule =
        compiled.rules().stream()
            .filter(r -> r.id().equals(ruleId))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "playbook '"
                            + id()
                            + "' has no rule '"
                            + ruleId
                            + "'"
                            + Suggestions.hint(ruleId, ruleIds())));
    return evaluator.explain(deal, asOf, List.of(rule)).get(0);
  }

  @Override
  public String toString() {
    return "Playbook[" + id() + ", " + compiled.rules().size() + " rules]";
  }
}
