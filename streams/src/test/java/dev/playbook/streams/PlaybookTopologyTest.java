package dev.playbook.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playbook.Playbook;
import dev.playbook.model.BuyingRole;
import dev.playbook.model.Deal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybookTopologyTest {

  static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
  static final Topics TOPICS = Topics.defaults();
  static final ObjectMapper JSON = new ObjectMapper();

  static final String DEAL =
      """
      {"id": "D-1", "name": "Acme renewal", "stage": "discovery", "amount": 50000, "currency": "EUR"}""";
  static final String CHAMPION =
      """
      {"id": "c-1", "name": "Ben Ode", "roles": ["champion"], "power": "high"}""";
  static final String MEETING =
      """
      {"id": "a-1", "type": "meeting", "occurred_at": "2026-11-19T10:00:00Z", "contacts": ["c-1"]}""";
  static final String NEXT_STEP =
      """
      {"title": "Security review", "due": "2026-11-21", "buyer_commitment": true}""";

  @TempDir Path stateDir;

  TopologyTestDriver driver;
  TestInputTopic<String, String> deals;
  TestInputTopic<String, String> contacts;
  TestInputTopic<String, String> activities;
  TestInputTopic<String, String> nextSteps;
  TestOutputTopic<String, String> findings;
  TestOutputTopic<String, String> deadLetters;

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  void start(Topology topology) {
    driver = new TopologyTestDriver(topology, props(stateDir), T0);
    StringSerializer s = new StringSerializer();
    deals = driver.createInputTopic(TOPICS.dealUpserts(), s, s);
    contacts = driver.createInputTopic(TOPICS.contacts(), s, s);
    activities = driver.createInputTopic(TOPICS.activities(), s, s);
    nextSteps = driver.createInputTopic(TOPICS.nextSteps(), s, s);
    StringDeserializer d = new StringDeserializer();
    findings = driver.createOutputTopic(TOPICS.findings(), d, d);
    deadLetters = driver.createOutputTopic(TOPICS.deadLetters(), d, d);
  }

  void start() {
    start(PlaybookTopology.builder(TestPlaybooks.standard()).interval(Duration.ofHours(1)).build());
  }

  static Properties props(Path stateDir) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "playbook-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    return p;
  }

  Deal storedDeal(String id) {
    KeyValueStore<String, String> store = driver.getKeyValueStore(PlaybookTopology.DEALS_STORE);
    return DealJson.read("store", store.get(id));
  }

  static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  /**
   * Each change of a findings record as {@code change kind rule}, such as {@code new gap
   * t.meeting}.
   */
  static List<String> changes(String record) throws Exception {
    List<String> out = new java.util.ArrayList<>();
    for (JsonNode c : json(record).get("changes")) {
      out.add(
          c.get("change").asText() + " " + c.get("kind").asText() + " " + c.get("rule").asText());
    }
    return out;
  }

  // ------------------------------------------------------------------ folding

  @Test
  void events_onFourTopics_foldIntoOneDeal() {
    start();

    deals.pipeInput("D-1", DEAL);
    contacts.pipeInput("D-1", CHAMPION);
    activities.pipeInput("D-1", MEETING);
    nextSteps.pipeInput("D-1", NEXT_STEP);

    Deal deal = storedDeal("D-1");
    assertThat(deal.name()).isEqualTo("Acme renewal");
    assertThat(deal.contacts())
        .singleElement()
        .satisfies(c -> assertThat(c.roles()).containsExactly(BuyingRole.CHAMPION));
    assertThat(deal.activities())
        .singleElement()
        .satisfies(a -> assertThat(a.contactIds()).containsExactly("c-1"));
    assertThat(deal.nextSteps())
        .singleElement()
        .satisfies(n -> assertThat(n.due()).hasToString("2026-11-21"));
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void events_withSameId_replaceEarlierOnes_andUpsertWithoutListsKeepsThem() {
    start();
    deals.pipeInput("D-1", DEAL);
    contacts.pipeInput("D-1", CHAMPION);
    nextSteps.pipeInput("D-1", NEXT_STEP);

    contacts.pipeInput(
        "D-1",
        """
        {"id": "c-1", "name": "Ben Ode", "title": "CTO"}""");
    nextSteps.pipeInput(
        "D-1",
        """
        {"title": "Security review", "due": "2026-11-21", "status": "done"}""");
    deals.pipeInput(
        "D-1",
        """
        {"id": "D-1", "name": "Acme renewal", "stage": "proposal"}""");

    Deal deal = storedDeal("D-1");
    assertThat(deal.stage()).isEqualTo("proposal");
    assertThat(deal.amount()).isNull();
    assertThat(deal.contacts())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.title()).isEqualTo("CTO");
              assertThat(c.roles()).isEmpty();
            });
    assertThat(deal.nextSteps())
        .singleElement()
        .satisfies(n -> assertThat(n.status()).hasToString("DONE"));
  }

  // ------------------------------------------------------------------ change-only output

  @Test
  void findings_areSentOnlyWhenActionsOrGapsChange() throws Exception {
    start();

    deals.pipeInput("D-1", DEAL);
    String first = findings.readValue();
    assertThat(changes(first)).containsExactly("new gap t.champion", "new gap t.meeting");
    JsonNode gap = json(first).get("changes").get(0);
    assertThat(gap.get("message").asText()).isEqualTo("Acme renewal has no champion");
    assertThat(gap.get("severity").asText()).isEqualTo("medium");
    assertThat(json(first).get("trigger").asText()).isEqualTo("deal");
    assertThat(json(first).get("evaluated_at").asText()).isEqualTo("2026-11-20T08:00:00Z");

    deals.pipeInput("D-1", DEAL.replace("50000", "60000")); // changes no finding
    nextSteps.pipeInput("D-1", NEXT_STEP); // due tomorrow: not overdue
    assertThat(findings.isEmpty()).isTrue();

    contacts.pipeInput("D-1", CHAMPION);
    assertThat(changes(findings.readValue())).containsExactly("resolved gap t.champion");

    activities.pipeInput("D-1", MEETING);
    String last = findings.readValue();
    assertThat(changes(last)).containsExactly("resolved gap t.meeting");
    assertThat(json(last).get("changes").get(0).get("reason").asText())
        .isEqualTo("the rule's condition no longer holds on this deal");
    assertThat(json(last).get("open_gaps").asInt()).isZero();
    assertThat(findings.isEmpty()).isTrue();
  }

  @Test
  void dealTombstone_deletesTheDeal_andResolvesItsFindings() throws Exception {
    start();
    deals.pipeInput("D-1", DEAL);
    findings.readValue();

    deals.pipeInput("D-1", (String) null);

    String out = findings.readValue();
    assertThat(changes(out)).containsExactly("resolved gap t.champion", "resolved gap t.meeting");
    assertThat(json(out).get("trigger").asText()).isEqualTo("deal_deleted");
    assertThat(driver.<String, String>getKeyValueStore(PlaybookTopology.DEALS_STORE).get("D-1"))
        .isNull();
  }

  // ------------------------------------------------------------------ time-driven rules

  @Test
  void overdueNextStep_isReportedByWallClockPunctuation_withNoNewEvent() throws Exception {
    start();
    deals.pipeInput("D-1", DEAL);
    contacts.pipeInput("D-1", CHAMPION);
    activities.pipeInput("D-1", MEETING);
    nextSteps.pipeInput("D-1", NEXT_STEP); // due 2026-11-21
    findings.readValuesToList();

    driver.advanceWallClockTime(Duration.ofHours(1)); // 2026-11-20T09:00Z: not yet due
    assertThat(findings.isEmpty()).isTrue();

    driver.advanceWallClockTime(Duration.ofHours(40)); // 2026-11-22T01:00Z: overdue
    List<String> out = findings.readValuesToList();
    assertThat(out).hasSize(1);
    JsonNode record = json(out.get(0));
    assertThat(record.get("trigger").asText()).isEqualTo("schedule");
    assertThat(record.get("evaluated_at").asText()).isEqualTo("2026-11-22T01:00:00Z");
    assertThat(changes(out.get(0)))
        .containsExactly("new gap t.overdue-next-step", "new action t.overdue-next-step");
    JsonNode action = record.get("changes").get(1);
    assertThat(action.get("title").asText())
        .isEqualTo("Agree a new date for the overdue next step");
    assertThat(action.get("due").asText()).isEqualTo("2026-11-23");
    assertThat(action.get("priority").asInt()).isEqualTo(80);

    driver.advanceWallClockTime(Duration.ofHours(5)); // still overdue: nothing new
    assertThat(findings.isEmpty()).isTrue();
  }

  @Test
  void playbookSwappedBehindTheSupplier_isUsedWithoutRestart_andReevaluatesEveryDeal()
      throws Exception {
    AtomicReference<Playbook> playbook = new AtomicReference<>(TestPlaybooks.standard());
    start(PlaybookTopology.builder(playbook::get).interval(Duration.ofMinutes(1)).build());
    deals.pipeInput("D-1", DEAL);
    deals.pipeInput("D-2", DEAL.replace("D-1", "D-2"));
    findings.readValuesToList();

    playbook.set(TestPlaybooks.withChampionSeverity("critical"));
    driver.advanceWallClockTime(Duration.ofMinutes(1));

    List<String> out = findings.readValuesToList();
    assertThat(out).hasSize(2);
    for (String record : out) {
      assertThat(changes(record)).containsExactly("severity_changed gap t.champion");
      JsonNode c = json(record).get("changes").get(0);
      assertThat(c.get("from").asText()).isEqualTo("medium");
      assertThat(c.get("severity").asText()).isEqualTo("critical");
      assertThat(json(record).get("trigger").asText()).isEqualTo("playbook_reloaded");
    }
  }

  // ------------------------------------------------------------------ dead letters

  JsonNode deadLetter() throws Exception {
    return json(deadLetters.readValue());
  }

  @Test
  void invalidEvents_goToTheDeadLetterTopic_withTheReason() throws Exception {
    start();
    deals.pipeInput("D-1", DEAL);

    deals.pipeInput("D-2", "{\"id\": \"D-2\", \"stage\": ");
    JsonNode syntax = deadLetter();
    assertThat(syntax.get("reason").asText()).isEqualTo("invalid-event");
    assertThat(syntax.get("problems").get(0).asText()).startsWith("1:24: json-syntax: ");
    assertThat(syntax.get("topic").asText()).isEqualTo("deal-upserts");
    assertThat(syntax.get("key").asText()).isEqualTo("D-2");
    assertThat(syntax.get("value").asText()).isEqualTo("{\"id\": \"D-2\", \"stage\": ");

    contacts.pipeInput("D-1", "{\"id\": \"c-9\", \"titel\": \"CFO\"}");
    JsonNode unknownField = deadLetter();
    assertThat(unknownField.get("problems").get(0).asText())
        .isEqualTo("1:15: unknown-field: 'titel' is not a contact field (did you mean 'title'?)");

    activities.pipeInput(
        "D-1",
        "{\"id\": \"a-9\", \"type\": \"meeting\", \"occurred_at\": \"2026-11-19T10:00:00Z\","
            + " \"contacts\": [\"c-404\"]}");
    JsonNode unknownContact = deadLetter();
    assertThat(unknownContact.get("reason").asText()).isEqualTo("invalid-event");
    assertThat(unknownContact.get("problems").get(0).asText())
        .startsWith("1:")
        .contains("unknown-contact");

    nextSteps.pipeInput("D-404", NEXT_STEP);
    JsonNode unknownDeal = deadLetter();
    assertThat(unknownDeal.get("reason").asText()).isEqualTo("unknown-deal");
    assertThat(unknownDeal.get("problems").get(0).asText())
        .isEqualTo(
            "no deal upsert has been seen for deal"
                + " 'D-404'; a next_step event is kept only for a known deal, so send the deal first");

    deals.pipeInput("D-3", DEAL);
    assertThat(deadLetter().get("reason").asText()).isEqualTo("key-mismatch");

    deals.pipeInput("D-5", DEAL.replace("D-1", "D-5").replace("discovery", "negotiation"));
    JsonNode unknownStage = deadLetter();
    assertThat(unknownStage.get("reason").asText()).isEqualTo("evaluation-failed");
    assertThat(unknownStage.get("problems").get(0).asText())
        .startsWith("playbook t could not evaluate deal 'D-5': ");

    activities.pipeInput((String) null, MEETING);
    assertThat(deadLetter().get("reason").asText()).isEqualTo("missing-key");

    contacts.pipeInput("D-1", (String) null);
    assertThat(deadLetter().get("reason").asText()).isEqualTo("missing-value");

    contacts.pipeInput("D-1", "[1, 2]");
    assertThat(deadLetter().get("problems").get(0).asText())
        .isEqualTo("1:1: wrong-type: a contact event is one JSON object, this is a array");

    TestInputTopic<String, byte[]> raw =
        driver.createInputTopic(
            TOPICS.contacts(), new StringSerializer(), new ByteArraySerializer());
    raw.pipeInput("D-1", new byte[] {'{', (byte) 0xC3, '}'});
    assertThat(deadLetter().get("reason").asText()).isEqualTo("invalid-encoding");

    assertThat(deadLetters.isEmpty()).isTrue();
    assertThat(
            driver
                .<String, String>getKeyValueStore(PlaybookTopology.DEALS_STORE)
                .approximateNumEntries())
        .isEqualTo(1);
    assertThat(storedDeal("D-1").contacts()).isEmpty();
  }

  // ------------------------------------------------------------------ restart

  @Test
  void restart_fromTheStateStore_losesAndRepeatsNoFindings() throws Exception {
    Topology topology =
        PlaybookTopology.builder(TestPlaybooks.standard()).interval(Duration.ofHours(1)).build();
    start(topology);
    deals.pipeInput("D-1", DEAL);
    contacts.pipeInput("D-1", CHAMPION);
    nextSteps.pipeInput("D-1", NEXT_STEP);
    assertThat(findings.readValuesToList()).hasSize(2);

    // The instance stops after its last commit without cleaning up (as a crashed instance does):
    // its stores are closed and left in the state directory for the next instance.
    TopologyTestDriver first = driver;
    for (String name :
        List.of(
            PlaybookTopology.DEALS_STORE,
            PlaybookTopology.FINDINGS_STORE,
            PlaybookTopology.UPSERT_TIMES_STORE)) {
      first.getKeyValueStore(name).close();
    }
    driver = null;

    start(topology);
    assertThat(storedDeal("D-1").contacts()).hasSize(1);

    nextSteps.pipeInput("D-1", NEXT_STEP); // redelivered after the restart: same facts
    contacts.pipeInput("D-1", CHAMPION);
    driver.advanceWallClockTime(Duration.ofHours(1));
    assertThat(findings.isEmpty()).isTrue(); // nothing repeated

    activities.pipeInput("D-1", MEETING); // a real change after the restart
    assertThat(changes(findings.readValue())).containsExactly("resolved gap t.meeting");

    driver.advanceWallClockTime(Duration.ofHours(40)); // the next step turns overdue: not lost
    assertThat(changes(findings.readValue()))
        .containsExactly("new gap t.overdue-next-step", "new action t.overdue-next-step");
    assertThat(findings.isEmpty()).isTrue();
    assertThat(deadLetters.isEmpty()).isTrue();
  }
}
