package dev.playbook.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.playbook.Playbook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events per second through the whole topology in {@link TopologyTestDriver} (one thread, RocksDB
 * stores, JSON in and out), replaying the example pipeline as change events. Prints the figures;
 * asserts only that every event was used.
 */
class ThroughputTest {

  static final int COPIES = 6;
  static final Instant AS_OF = Instant.parse("2026-11-20T00:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path stateDir;

  /** One event: its topic, key and value. */
  record Event(String topic, String key, String value) {}

  @Test
  void throughput_examplePipelineAsEvents_isPrinted() throws Exception {
    List<Event> events = events(COPIES);
    measure(
        "examples/playbooks/acme", Playbook.load(Path.of("../examples/playbooks/acme")), events);
    measure("built-in standard-b2b", Playbook.builtIn("standard-b2b"), events);
  }

  private void measure(String name, Playbook playbook, List<Event> events) throws Exception {
    Path dir = Files.createTempDirectory(stateDir, "run");
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            PlaybookTopology.builder(playbook).interval(Duration.ofHours(1)).build(),
            PlaybookTopologyTest.props(dir),
            AS_OF)) {
      StringSerializer s = new StringSerializer();
      Map<String, TestInputTopic<String, String>> inputs = new java.util.HashMap<>();
      for (String topic : Topics.defaults().inputs()) {
        inputs.put(topic, driver.createInputTopic(topic, s, s));
      }
      TestOutputTopic<String, String> findings =
          driver.createOutputTopic(
              Topics.defaults().findings(), new StringDeserializer(), new StringDeserializer());
      TestOutputTopic<String, String> dead =
          driver.createOutputTopic(
              Topics.defaults().deadLetters(), new StringDeserializer(), new StringDeserializer());

      int warmup = events.size() / COPIES; // the first copy warms the JIT up
      for (Event e : events.subList(0, warmup)) {
        inputs.get(e.topic()).pipeInput(e.key(), e.value());
      }
      long start = System.nanoTime();
      for (Event e : events.subList(warmup, events.size())) {
        inputs.get(e.topic()).pipeInput(e.key(), e.value());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      int measured = events.size() - warmup;
      long findingRecords = findings.getQueueSize();

      long punctStart = System.nanoTime();
      driver.advanceWallClockTime(Duration.ofHours(1));
      double punctMs = (System.nanoTime() - punctStart) / 1e6;

      System.out.printf(
          Locale.ROOT,
          "throughput %s: %d events in %.2f s = %.0f events/s (%d findings records);"
              + " scheduled re-evaluation of %d deals: %.0f ms%n",
          name,
          measured,
          seconds,
          measured / seconds,
          findingRecords,
          COPIES * 14,
          punctMs);
      assertThat(dead.readValuesToList()).isEmpty();
      assertThat(findingRecords).isPositive();
    }
  }

  /**
   * The deals of examples/deals/pipeline.json as events: the deal, then each contact, activity and
   * next step.
   */
  static List<Event> events(int copies) throws Exception {
    JsonNode pipeline = JSON.readTree(Path.of("../examples/deals/pipeline.json").toFile());
    Topics t = Topics.defaults();
    List<Event> out = new ArrayList<>();
    for (int c = 0; c < copies; c++) {
      for (JsonNode d : pipeline) {
        ObjectNode deal = d.deepCopy();
        String id = deal.get("id").asText() + "-" + c;
        deal.put("id", id);
        JsonNode contacts = deal.remove("contacts");
        JsonNode activities = deal.remove("activities");
        JsonNode nextSteps = deal.remove("next_steps");
        out.add(new Event(t.dealUpserts(), id, JSON.writeValueAsString(deal)));
        add(out, t.contacts(), id, contacts);
        add(out, t.activities(), id, activities);
        add(out, t.nextSteps(), id, nextSteps);
      }
    }
    return out;
  }

  private static void add(List<Event> out, String topic, String key, JsonNode items)
      throws Exception {
    if (items != null) {
      for (JsonNode item : items) {
        out.add(new Event(topic, key, JSON.writeValueAsString(item)));
      }
    }
  }
}
