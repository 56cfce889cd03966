package dev.playbook.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.playbook.Deals;
import dev.playbook.Playbook;
import dev.playbook.model.Deal;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Evaluations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ObservedPlaybookTest {

  private static final Instant AS_OF = Instant.parse("2026-11-20T09:00:00Z");

  private static final Playbook PLAYBOOK =
      Playbook.parse(
          "acme.yaml",
          """
          playbook: acme
          stages: [discovery, proposal]
          rules:
            - id: acme.no-amount
              when: stage >= proposal and none(contacts, role == economic_buyer)
              gap: { severity: high, message: "{deal.name} has no economic buyer" }
          """);

  private static final List<Deal> DEALS =
      Deals.parse(
          "deals.json",
          """
          [
            {"id": "D-1", "name": "One", "stage": "proposal"},
            {"id": "D-2", "name": "Two", "stage": "dreaming"},
            {"id": "D-3", "name": "Three", "stage": "discovery"}
          ]
          """);

  private final List<EvaluationEvent> events = new CopyOnWriteArrayList<>();
  private final AtomicLong clock = new AtomicLong();

  /** Each reading of the clock moves it 3,000 ns on. */
  private ObservedPlaybook observed(EvaluationListener... more) {
    List<EvaluationListener> listeners = new java.util.ArrayList<>(List.of(events::add));
    listeners.addAll(List.of(more));
    return ObservedPlaybook.of(() -> PLAYBOOK, listeners, () -> clock.addAndGet(3_000));
  }

  @Test
  void evaluateEach_tellsEveryDealInOrder_withFindingsOrErrorAndItsShareOfTheTime() {
    // when
    Evaluations result = observed().evaluateEach(DEALS, AS_OF, Locale.ENGLISH);

    // then
    assertThat(events)
        .extracting(EvaluationEvent::dealId, EvaluationEvent::outcome, EvaluationEvent::callSize)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("D-1", "ok", 3),
            org.assertj.core.groups.Tuple.tuple("D-2", "unknown-stage", 3),
            org.assertj.core.groups.Tuple.tuple("D-3", "ok", 3));
    assertThat(events).allMatch(e -> e.elapsed().equals(Duration.ofNanos(1_000)));
    assertThat(events).allMatch(e -> e.playbook().equals("acme"));
    assertThat(events).allMatch(e -> e.revision().equals(PLAYBOOK.revision()));
    assertThat(events.get(0).evaluation()).isEqualTo(result.evaluated().get(0));
    assertThat(events.get(0).evaluation().gaps().get(0).message())
        .isEqualTo("One has no economic buyer");
    assertThat(events.get(1).error()).isEqualTo(result.failed().get(0));
    assertThat(events.get(2).evaluation()).isEqualTo(result.evaluated().get(1));
  }

  @Test
  void evaluate_unknownStage_tellsTheErrorThenThrows() {
    // when
    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> observed().evaluate(DEALS.get(1), AS_OF, Locale.ENGLISH));

    // then
    assertThat(events).hasSize(1);
    assertThat(events.get(0).outcome()).isEqualTo("unknown-stage");
    assertThat(thrown)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(events.get(0).error().message());
    assertThat(thrown.getMessage()).contains("D-2").contains("dreaming");
  }

  @Test
  void evaluate_oneDeal_tellsItWithTheWholeCallTime() {
    // when
    Evaluation e = observed().evaluate(DEALS.get(0), AS_OF, Locale.ENGLISH);

    // then
    assertThat(events).hasSize(1);
    assertThat(events.get(0).result()).contains(e);
    assertThat(events.get(0).failure()).isEmpty();
    assertThat(events.get(0).elapsed()).isEqualTo(Duration.ofNanos(3_000));
  }

  @Test
  void evaluate_listenerThrows_othersAreStillToldAndTheCallFails() {
    // given
    EvaluationListener broken =
        e -> {
          throw new IllegalStateException("audit log is full");
        };
    List<String> after = new CopyOnWriteArrayList<>();
    ObservedPlaybook observed =
        ObservedPlaybook.of(
            () -> PLAYBOOK, List.of(broken, e -> after.add(e.dealId())), clock::incrementAndGet);

    // when / then
    assertThatThrownBy(() -> observed.evaluateEach(DEALS, AS_OF, Locale.ENGLISH))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("audit log is full")
        .satisfies(t -> assertThat(t.getSuppressed()).hasSize(2));
    assertThat(after).containsExactly("D-1", "D-2", "D-3");
  }

  @Test
  void event_withBothOrNeitherResult_isRefused() {
    assertThatThrownBy(
            () -> new EvaluationEvent("p", "r", "d", AS_OF, null, null, Duration.ZERO, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("exactly one of evaluation and error must be given");
  }
}
