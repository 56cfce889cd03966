package dev.playbook.metrics;

import static java.util.Objects.requireNonNull;

import dev.playbook.ReloadingPlaybook;
import dev.playbook.observe.EvaluationEvent;
import dev.playbook.observe.EvaluationListener;
import dev.playbook.problem.Problem;
import dev.playbook.result.Action;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Gap;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.function.Consumer;

/**
 * Micrometer meters for evaluations, as an {@link EvaluationListener} of an {@code
 * ObservedPlaybook}:
 *
 * <ul>
 *   <li>{@code playbook.evaluations} (counter; tags {@code playbook}, {@code outcome}: {@code ok}
 *       or the error code such as {@code too-costly});
 *   <li>{@code playbook.findings} (counter; tags {@code playbook}, {@code rule}, {@code kind}:
 *       {@code gap} or {@code action}, {@code severity}: the gap's, or {@code none} for an action);
 *   <li>{@code playbook.evaluation.latency} (timer with a percentile histogram; tag {@code
 *       playbook}): each deal's share of its call;
 *   <li>{@code playbook.reloads} (counters; tags {@code playbook}, {@code outcome}: {@code success}
 *       from {@link #bindReloads}, {@code failure} from {@link #reloadFailures}).
 * </ul>
 *
 * <p>Rule ids come from the playbooks the application loaded, not from deals, so the number of
 * tagged series is bounded by the playbooks' rules. Thread-safe.
 */
public final class PlaybookMetrics implements EvaluationListener {

  private final MeterRegistry registry;

  private PlaybookMetrics(MeterRegistry registry) {
    this.registry = requireNonNull(registry, "registry");
  }

  /** Meters registered in {@code registry}. */
  public static PlaybookMetrics of(MeterRegistry registry) {
    return new PlaybookMetrics(registry);
  }

  @Override
  public void onEvaluation(EvaluationEvent event) {
    String playbook = event.playbook();
    Counter.builder("playbook.evaluations")
        .description("Deals evaluated, by outcome")
        .tag("playbook", playbook)
        .tag("outcome", event.outcome())
        .register(registry)
        .increment();
    Timer.builder("playbook.evaluation.latency")
        .description("Time to evaluate one deal (its share of a batch)")
        .tag("playbook", playbook)
        .publishPercentileHistogram()
        .register(registry)
        .record(event.elapsed());
    Evaluation e = event.evaluation();
    if (e == null) {
      return;
    }
    for (Gap g : e.gaps()) {
      finding(playbook, g.rule(), "gap", g.severity().id());
    }
    for (Action a : e.actions()) {
      finding(playbook, a.rule(), "action", "none");
    }
  }

  private void finding(String playbook, String rule, String kind, String severity) {
    Counter.builder("playbook.findings")
        .description("Gaps and actions found, by rule and severity")
        .tag("playbook", playbook)
        .tag("rule", rule)
        .tag("kind", kind)
        .tag("severity", severity)
        .register(registry)
        .increment();
  }

  /**
   * Counts the successful reloads of {@code playbook} ({@code version() - 1}) as {@code
   * playbook.reloads{outcome=success}}, tagged with {@code name}.
   */
  public void bindReloads(String name, ReloadingPlaybook playbook) {
    requireNonNull(name, "name");
    requireNonNull(playbook, "playbook");
    FunctionCounter.builder("playbook.reloads", playbook, p -> p.version() - 1)
        .description("Reloads of a watched playbook, by outcome")
        .tag("playbook", name)
        .tag("outcome", "success")
        .register(registry);
  }

  /**
   * A listener for {@code ReloadingPlaybook.Builder.onProblems} that counts each edit that did not
   * load as {@code playbook.reloads{outcome=failure}}, tagged with {@code name}, then hands the
   * problems on to {@code next}.
   */
  public Consumer<List<Problem>> reloadFailures(String name, Consumer<List<Problem>> next) {
    requireNonNull(name, "name");
    requireNonNull(next, "next");
    Counter failures =
        Counter.builder("playbook.reloads")
            .description("Reloads of a watched playbook, by outcome")
            .tag("playbook", name)
            .tag("outcome", "failure")
            .register(registry);
    return problems -> {
      failures.increment();
      next.accept(problems);
    };
  }
}
