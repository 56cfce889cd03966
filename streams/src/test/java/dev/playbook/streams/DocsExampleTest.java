package dev.playbook.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.ReloadingPlaybook;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;

/** The snippet at the top of docs/streaming.md, less starting Kafka. */
class DocsExampleTest {

  @Test
  void docsSnippet_buildsTheTopology_withAWatchedPlaybook() {
    try (ReloadingPlaybook playbooks =
        ReloadingPlaybook.watch(
            Path.of("../examples/playbooks/acme"), Duration.ofSeconds(2), problems -> {})) {
      Topology topology =
          PlaybookTopology.builder(playbooks::current)
              .topics(Topics.defaults())
              .interval(Duration.ofMinutes(5))
              .locale(Locale.ENGLISH)
              .build();

      String description = topology.describe().toString();
      assertThat(description)
          .contains(
              "topics: [deal-upserts]",
              "topics: [deal-contacts]",
              "topics: [deal-activities]",
              "topics: [deal-next-steps]",
              "topics: [deal-feedback]",
              "stores: [deals, findings, upsert-times]",
              "topic: deal-findings",
              "topic: deal-decisions",
              "topic: deal-dead-letters");
    }
  }
}
