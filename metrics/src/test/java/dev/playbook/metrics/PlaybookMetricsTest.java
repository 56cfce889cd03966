package dev.playbook.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.Deals;
import dev.playbook.Playbook;
import dev.playbook.ReloadingPlaybook;
import dev.playbook.observe.ObservedPlaybook;
import dev.playbook.problem.Problem;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybookMetricsTest {

  private static final String PLAYBOOK =
      """
      playbook: acme
      stages: [discovery, proposal]
      rules:
        - id: acme.no-eb
          when: stage >= proposal and none(contacts, role == economic_buyer)
          gap: { severity: high, message: "{deal.name} has no economic buyer" }
          action: { title: Find the economic buyer, priority: 80, due: 2d }
      """;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void evaluations_areCountedByOutcome_findingsByRuleAndSeverity_andTimed() {
    // given
    PlaybookMetrics metrics = PlaybookMetrics.of(registry);
    ObservedPlaybook observed =
        ObservedPlaybook.of(Playbook.parse("acme.yaml", PLAYBOOK), List.of(metrics));

    // when
    observed.evaluateEach(
        Deals.parse(
            "deals.json",
            """
            [{"id": "D-1", "name": "One", "stage": "proposal"},
             {"id": "D-2", "name": "Two", "stage": "dreaming"},
             {"id": "D-3", "name": "Three", "stage": "proposal"}]
            """),
        Instant.parse("2026-11-20T09:00:00Z"),
        Locale.ENGLISH);

    // then
    assertThat(count("playbook.evaluations", "outcome", "ok")).isEqualTo(2);
    assertThat(count("playbook.evaluations", "outcome", "unknown-stage")).isEqualTo(1);
    assertThat(
            registry
                .get("playbook.findings")
                .tags("rule", "acme.no-eb", "kind", "gap", "severity", "high")
                .counter()
                .count())
        .isEqualTo(2);
    assertThat(
            registry
                .get("playbook.findings")
                .tags("kind", "action", "severity", "none")
                .counter()
                .count())
        .isEqualTo(2);
    assertThat(registry.get("playbook.evaluation.latency").tag("playbook", "acme").timer().count())
        .isEqualTo(3);
  }

  @Test
  void reloads_countSuccessesAndFailures(@TempDir Path dir) throws Exception {
    // given
    Path file = dir.resolve("acme.yaml");
    Files.writeString(file, PLAYBOOK);
    PlaybookMetrics metrics = PlaybookMetrics.of(registry);
    List<List<Problem>> told = new CopyOnWriteArrayList<>();
    try (ReloadingPlaybook reloading =
        ReloadingPlaybook.builder(file)
            .pollInterval(Duration.ZERO)
            .onProblems(metrics.reloadFailures("acme", told::add))
            .build()) {
      metrics.bindReloads("acme", reloading);

      // when
      boolean first = reloading.reload();
      Files.writeString(file, "playbook: acme\nstages: [a]\nrulez: []\n");
      boolean second = reloading.reload();

      // then
      assertThat(first).isTrue();
      assertThat(second).isFalse();
      assertThat(
              registry.get("playbook.reloads").tag("outcome", "success").functionCounter().count())
          .isEqualTo(1);
      assertThat(count("playbook.reloads", "outcome", "failure")).isEqualTo(1);
      assertThat(told).hasSize(1);
    }
  }

  private double count(String name, String tag, String value) {
    return registry.get(name).tag(tag, value).counter().count();
  }
}
