package dev.playbook.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.playbook.Playbook;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events that once poisoned the topology: a stored deal too large to read back or to write to its
 * changelog, a stored deal that cannot be read, findings records past the producer's request size,
 * and upserts arriving out of order. Each is dead-lettered or bounded; the stream thread lives on.
 */
class PoisoningTest {

  static final Instant T0 = PlaybookTopologyTest.T0;
  static final Topics TOPICS = Topics.defaults();
  static final ObjectMapper JSON = new ObjectMapper();
  static final String DEAL = PlaybookTopologyTest.DEAL;

  @TempDir Path stateDir;

  TopologyTestDriver driver;
  TestInputTopic<String, String> deals;
  TestInputTopic<String, String> contacts;
  TestInputTopic<String, String> nextSteps;
  TestOutputTopic<String, String> findings;
  TestOutputTopic<String, String> deadLetters;

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  void start(PlaybookTopology.Builder builder) {
    Topology topology = builder.interval(Duration.ofHours(1)).build();
    driver = new TopologyTestDriver(topology, PlaybookTopologyTest.props(stateDir), T0);
    StringSerializer s = new StringSerializer();
    deals = driver.createInputTopic(TOPICS.dealUpserts(), s, s, T0, Duration.ZERO);
    contacts = driver.createInputTopic(TOPICS.contacts(), s, s, T0, Duration.ZERO);
    nextSteps = driver.createInputTopic(TOPICS.nextSteps(), s, s, T0, Duration.ZERO);
    StringDeserializer d = new StringDeserializer();
    findings = driver.createOutputTopic(TOPICS.findings(), d, d);
    deadLetters = driver.createOutputTopic(TOPICS.deadLetters(), d, d);
  }

  void start() {
    start(PlaybookTopology.builder(TestPlaybooks.standard()));
  }

  String storedJson(String id) {
    KeyValueStore<String, String> store = driver.getKeyValueStore(PlaybookTopology.DEALS_STORE);
    return store.get(id);
  }

  static int utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /** A dead letter of an input record, as the whole JSON object it must be. */
  static JsonNode deadLetter(
      String reason,
      String problem,
      String topic,
      int offset,
      Instant timestamp,
      String key,
      String value) {
    ObjectNode o = JSON.createObjectNode();
    o.put("reason", reason);
    o.putArray("problems").add(problem);
    o.put("topic", topic);
    o.put("partition", 0);
    o.put("offset", offset);
    o.put("timestamp", timestamp.toEpochMilli());
    o.put("key", key);
    if (value != null) {
      o.put("value", value);
    }
    return o;
  }

  /** A record's JSON without its echoed {@code value}, which a test asserts on its own. */
  static JsonNode withoutValue(String record) throws Exception {
    ObjectNode o = (ObjectNode) JSON.readTree(record);
    o.remove("value");
    return o;
  }

  static String upsert(String lists) {
    return "{\"id\": \"D-1\", \"name\": \"Acme renewal\", \"stage\": \"discovery\", " + lists + "}";
  }

  static String items(int n, String format) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",").append(String.format(format, i));
    }
    return sb.append(']').toString();
  }

  // ------------------------------------------------------------------ fold limits

  @Test
  void upserts_foldingPastStoreLimit_deadLetterDealTooLarge() throws Exception {
    // Given three valid upserts, each well under 1 MiB, whose lists add up: the stored deal keeps
    // the lists an upsert leaves out, and next steps are stored with their defaults written out.
    start();
    String withContacts = upsert("\"contacts\": " + items(20_000, "{\"id\": \"c%05d\"}"));
    String withActivities =
        upsert(
            "\"activities\": "
                + items(
                    8_000,
                    "{\"id\": \"a%05d\", \"type\": \"call\", \"occurred_at\": \"2026-11-01\"}"));
    String withNextSteps = upsert("\"next_steps\": " + items(5_000, "{\"title\": \"s%05d\"}"));
    assertThat(List.of(withContacts, withActivities, withNextSteps))
        .allSatisfy(e -> assertThat(utf8(e)).isLessThan(1 << 20));

    // When
    deals.pipeInput("D-1", withContacts);
    deals.pipeInput("D-1", withActivities);
    String beforeThird = storedJson("D-1");
    findings.readValuesToList();
    deals.pipeInput("D-1", withNextSteps);

    // Then the third is dead-lettered, whole content, its echoed value cut to stay below the bound
    assertThat(utf8(beforeThird)).isLessThan(PlaybookTopology.DEFAULT_MAX_BYTES);
    String letter = deadLetters.readValue();
    assertThat(utf8(letter)).isLessThanOrEqualTo(PlaybookTopology.DEFAULT_MAX_BYTES);
    assertThat(JSON.readTree(letter).get("value").asText()).isEqualTo(withNextSteps);
    assertThat(withoutValue(letter))
        .isEqualTo(
            deadLetter(
                "deal-too-large",
                "with this event deal 'D-1' would take 1156100 bytes in the store, more than the limit of 1000000;"
                    + " the stored deal is kept as it was",
                "deal-upserts",
                2,
                T0,
                "D-1",
                null));
    assertThat(storedJson("D-1")).isEqualTo(beforeThird);
    assertThat(findings.isEmpty()).isTrue();

    // and the stream goes on: a later event of the deal still counts
    deals.pipeInput(
        "D-1",
        upsert("\"contacts\": [{\"id\": \"c-1\", \"roles\": [\"champion\"]}], \"activities\": []"));
    assertThat(PlaybookTopologyTest.changes(findings.readValue()))
        .containsExactly("resolved gap t.champion");
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void contacts_foldingPastConfiguredLimit_deadLetterDealTooLarge() throws Exception {
    start(PlaybookTopology.builder(TestPlaybooks.standard()).maxDealBytes(4_096));
    deals.pipeInput("D-1", DEAL);
    String contact = "{\"id\": \"c-1\", \"name\": \"" + "n".repeat(4_000) + "\"}";

    contacts.pipeInput("D-1", contact);

    assertThat(JSON.readTree(deadLetters.readValue()))
        .isEqualTo(
            deadLetter(
                "deal-too-large",
                "with this event deal 'D-1' would take 4125 bytes in the store, more than the limit of 4096;"
                    + " the stored deal is kept as it was",
                "deal-contacts",
                0,
                T0,
                "D-1",
                contact));
    assertThat(storedJson("D-1"))
        .isEqualTo(
            "{\"id\":\"D-1\",\"name\":\"Acme renewal\",\"stage\":\"discovery\",\"amount\":50000,\"currency\":\"EUR\"}");
  }

  @Test
  void upsert_amountWithHugeExponent_isStoredReadably() throws Exception {
    // Written in plain digits, 1e5000 took 5,001 characters, past the reader's 1,000 digits per
    // number: the stored deal could not be read back and every later event of the deal failed.
    start();
    deals.pipeInput("D-1", DEAL.replace("50000", "1e5000"));

    assertThat(storedJson("D-1"))
        .isEqualTo(
            "{\"id\":\"D-1\",\"name\":\"Acme renewal\",\"stage\":\"discovery\",\"amount\":1E+5000,\"currency\":\"EUR\"}");
    contacts.pipeInput("D-1", PlaybookTopologyTest.CHAMPION);
    assertThat(DealJson.read("store", storedJson("D-1")).contacts()).hasSize(1);
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  // ------------------------------------------------------------------ unreadable store

  @Test
  void storedDealUnreadable_eventIsDeadLettered_andOtherDealsGoOn() throws Exception {
    start();
    driver
        .<String, String>getKeyValueStore(PlaybookTopology.DEALS_STORE)
        .put("D-9", "{\"id\": \"D-9\", \"stage\": ");

    contacts.pipeInput("D-9", PlaybookTopologyTest.CHAMPION);
    deals.pipeInput("D-1", DEAL);

    assertThat(JSON.readTree(deadLetters.readValue()))
        .isEqualTo(
            deadLetter(
                "unreadable-deal",
                "the stored deal 'D-9' cannot be read (store deals.json:1:24: json-syntax: the file ends before the value is complete); delete it with a tombstone and send it again",
                "deal-contacts",
                0,
                T0,
                "D-9",
                PlaybookTopologyTest.CHAMPION));
    assertThat(PlaybookTopologyTest.changes(findings.readValue()))
        .containsExactly("new gap t.champion", "new gap t.meeting");

    deals.pipeInput(
        "D-9", (String) null); // the documented repair: a tombstone, then the deal again
    deals.pipeInput("D-9", DEAL.replace("D-1", "D-9"));
    assertThat(PlaybookTopologyTest.changes(findings.readValue()))
        .containsExactly("new gap t.champion", "new gap t.meeting");
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void storedDealUnreadable_punctuatorDeadLettersIt_andReevaluatesTheOthers() throws Exception {
    start();
    deals.pipeInput("D-1", DEAL);
    nextSteps.pipeInput("D-1", PlaybookTopologyTest.NEXT_STEP); // due 2026-11-21
    findings.readValuesToList();
    driver.<String, String>getKeyValueStore(PlaybookTopology.DEALS_STORE).put("D-0", "[]");

    driver.advanceWallClockTime(Duration.ofHours(40));

    Instant at = T0.plus(Duration.ofHours(40));
    ObjectNode expected = JSON.createObjectNode();
    expected.put("reason", "unreadable-deal");
    expected
        .putArray("problems")
        .add(
            "the stored deal 'D-0' cannot be read (store deals holds 0 deals, expected one deal object); delete it with a tombstone and send it again");
    expected.put("source", "schedule");
    expected.put("timestamp", at.toEpochMilli());
    expected.put("key", "D-0");
    assertThat(JSON.readTree(deadLetters.readValue())).isEqualTo(expected);
    String out = findings.readValue();
    assertThat(PlaybookTopologyTest.changes(out))
        .containsExactly("new gap t.overdue-next-step", "new action t.overdue-next-step");
    assertThat(JSON.readTree(out).get("trigger").asText()).isEqualTo("schedule");
  }

  // ------------------------------------------------------------------ bounded findings

  @Test
  void findings_dealNameOf30000Characters_areCutBelowTheRecordLimit() throws Exception {
    start(PlaybookTopology.builder(TestPlaybooks.standard()).maxRecordBytes(20_000));
    String name = "N".repeat(30_000);

    deals.pipeInput("D-1", DEAL.replace("Acme renewal", name));

    String out = findings.readValue();
    assertThat(utf8("D-1") + utf8(out)).isLessThanOrEqualTo(20_000);
    assertThat(JSON.readTree(out))
        .isEqualTo(
            JSON.readTree(
                """
        {"deal_id": "D-1", "playbook": "t", "evaluated_at": "2026-11-20T08:00:00Z", "trigger": "deal",
         "changes": [
           {"change": "new", "kind": "gap", "rule": "t.champion", "severity": "medium",
            "message": "%s…[1808 more characters]",
            "evidence": ["stage not in [closed_won]: true (stage = discovery)",
                         "none(contacts, role == champion): true (contacts is empty)"],
            "source": "t.yaml:8"},
           {"change": "new", "kind": "gap", "rule": "t.meeting", "severity": "low",
            "message": "%s…[1808 more characters]",
            "evidence": ["none(activities, type == meeting): true (activities is empty)"], "source": "t.yaml:11"}],
         "hidden": [],
         "open_gaps": 2, "open_actions": 0}"""
                    .formatted("N".repeat(8_192), "N".repeat(8_192))));
  }

  @Test
  void findings_dealNameOf30000Characters_withStandardB2b_stayBelowDefaultLimit() throws Exception {
    start(PlaybookTopology.builder(Playbook.builtIn("standard-b2b")));
    String name = "N".repeat(30_000);

    deals.pipeInput("D-1", DEAL.replace("Acme renewal", name).replace("discovery", "proposal"));

    String out = findings.readValue();
    assertThat(utf8("D-1") + utf8(out)).isLessThanOrEqualTo(PlaybookTopology.DEFAULT_MAX_BYTES);
    assertThat(out).contains("…[");
  }

  // ------------------------------------------------------------------ event-time order

  @Test
  void upsert_olderThanStored_deadLetterStaleEvent_andStoredDealStays() throws Exception {
    start();
    Instant newer = T0.plusSeconds(60);
    String renamed = DEAL.replace("Acme renewal", "Acme renewal 2027");
    deals.pipeInput("D-1", renamed, newer);

    deals.pipeInput("D-1", DEAL, T0); // older: a late delivery of a superseded state
    deals.pipeInput("D-1", (String) null, T0); // an older tombstone does not delete the newer deal

    assertThat(JSON.readTree(deadLetters.readValue()))
        .isEqualTo(
            deadLetter(
                "stale-event",
                "this upsert of deal 'D-1' has timestamp 2026-11-20T08:00:00Z, older than the deal's last applied"
                    + " upsert at 2026-11-20T08:01:00Z; it is not applied",
                "deal-upserts",
                1,
                T0,
                "D-1",
                DEAL));
    ObjectNode tombstone =
        (ObjectNode)
            deadLetter(
                "stale-event",
                "this tombstone of deal 'D-1' has timestamp 2026-11-20T08:00:00Z, older than the deal's last applied"
                    + " upsert at 2026-11-20T08:01:00Z; it is not applied",
                "deal-upserts",
                2,
                T0,
                "D-1",
                null);
    assertThat(JSON.readTree(deadLetters.readValue())).isEqualTo(tombstone);
    assertThat(DealJson.read("store", storedJson("D-1")).name()).isEqualTo("Acme renewal 2027");

    deals.pipeInput("D-1", DEAL, newer); // the same time is not older: applied
    assertThat(DealJson.read("store", storedJson("D-1")).name()).isEqualTo("Acme renewal");
    assertThat(deadLetters.isEmpty()).isTrue();
  }
}
