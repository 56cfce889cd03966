package dev.playbook.observe;

import static java.util.Objects.requireNonNull;

import dev.playbook.Playbook;
import dev.playbook.model.Deal;
import dev.playbook.problem.EvaluationException;
import dev.playbook.result.DealError;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Evaluations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A playbook whose evaluations are told to listeners: one {@link EvaluationEvent} per deal.
 *
 * <pre>{@code
 * ObservedPlaybook observed = ObservedPlaybook.of(reloading::current, List.of(metrics, auditLog));
 * Evaluation result = observed.evaluate(deal, Instant.now(), Locale.ENGLISH);
 * }</pre>
 *
 * <p>Each call takes the playbook from the supplier once, so that a {@code ReloadingPlaybook}'s
 * {@code current} serves a whole call from one version. Thread-safe when the listeners are.
 */
public final class ObservedPlaybook {

  private final Supplier<Playbook> playbook;
  private final List<EvaluationListener> listeners;
  private final LongSupplier nanos;

  private ObservedPlaybook(
      Supplier<Playbook> playbook, List<EvaluationListener> listeners, LongSupplier nanos) {
    this.playbook = requireNonNull(playbook, "playbook");
    this.listeners = List.copyOf(listeners);
    this.nanos = requireNonNull(nanos, "nanos");
  }

  /** {@code playbook}, observed by {@code listeners} in the order given. */
  public static ObservedPlaybook of(Playbook playbook, List<EvaluationListener> listeners) {
    requireNonNull(playbook, "playbook");
    return new ObservedPlaybook(() -> playbook, listeners, System::nanoTime);
  }

  /**
   * The playbook {@code current} supplies at each call (such as {@code
   * ReloadingPlaybook::current}), observed by {@code listeners} in the order given.
   */
  public static ObservedPlaybook of(
      Supplier<Playbook> current, List<EvaluationListener> listeners) {
    return new ObservedPlaybook(current, listeners, System::nanoTime);
  }

  /** As {@link #of(Supplier, List)}, timed by {@code nanos} in place of {@link System#nanoTime}. */
  static ObservedPlaybook of(
      Supplier<Playbook> current, List<EvaluationListener> listeners, LongSupplier nanos) {
    return new ObservedPlaybook(current, listeners, nanos);
  }

  /** The playbook the next call will use. */
  public Playbook current() {
    return requireNonNull(playbook.get(), "the playbook supplier returned null");
  }

  /**
   * Evaluates one deal as {@link Playbook#evaluate(Deal, Instant, Locale)} does and tells the
   * listeners.
   *
   * @throws IllegalArgumentException if the deal's stage is not one of the playbook's stages (the
   *     listeners are told of an {@code unknown-stage} error first)
   * @throws EvaluationException if the deal could not be evaluated (the listeners are told first)
   */
  public Evaluation evaluate(Deal deal, Instant asOf, Locale locale) {
    requireNonNull(deal, "deal");
    Evaluations result = evaluateEach(List.of(deal), asOf, locale);
    if (!result.failed().isEmpty()) {
      DealError e = result.failed().get(0);
      if (e.kind() == DealError.Kind.UNKNOWN_STAGE) {
        throw new IllegalArgumentException(e.message());
      }
      throw new EvaluationException(
          e.dealId(), e.kind() == DealError.Kind.TOO_COSTLY, e.message(), null);
    }
    return result.evaluated().get(0);
  }

  /**
   * Evaluates many deals as {@link Playbook#evaluateEach} does and tells the listeners of each, in
   * the order of {@code deals}.
   */
  public Evaluations evaluateEach(Collection<Deal> deals, Instant asOf, Locale locale) {
    requireNonNull(deals, "deals");
    requireNonNull(asOf, "asOf");
    requireNonNull(locale, "locale");
    List<Deal> list = List.copyOf(deals);
    Playbook p = current();
    long start = nanos.getAsLong();
    Evaluations result = p.evaluateEach(list, asOf, locale);
    long took = Math.max(0, nanos.getAsLong() - start);
    if (!listeners.isEmpty() && !list.isEmpty()) {
      tell(p, list, asOf, result, Duration.ofNanos(took / list.size()));
    }
    return result;
  }

  private void tell(Playbook p, List<Deal> deals, Instant asOf, Evaluations result, Duration each) {
    Map<Integer, DealError> failed = new HashMap<>();
    for (DealError e : result.failed()) {
      failed.put(e.index(), e);
    }
    List<EvaluationEvent> events = new ArrayList<>(deals.size());
    int next = 0;
    for (int i = 0; i < deals.size(); i++) {
      DealError error = failed.get(i);
      Evaluation evaluation = error == null ? result.evaluated().get(next++) : null;
      events.add(
          new EvaluationEvent(
              p.id(),
              p.revision(),
              deals.get(i).id(),
              asOf,
              evaluation,
              error,
              each,
              deals.size()));
    }
    RuntimeException thrown = null;
    for (EvaluationEvent event : events) {
      for (EvaluationListener l : listeners) {
        try {
          l.onEvaluation(event);
        } catch (RuntimeException e) {
          if (thrown == null) {
            thrown = e;
          } else if (thrown != e) {
            thrown.addSuppressed(e);
          }
        }
      }
    }
    if (thrown != null) {
      throw thrown;
    }
  }

  @Override
  public String toString() {
    return "ObservedPlaybook[" + current().id() + ", " + listeners.size() + " listeners]";
  }
}
