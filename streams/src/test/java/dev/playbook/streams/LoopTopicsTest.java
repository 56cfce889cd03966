package dev.playbook.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.Playbook;
import dev.playbook.insights.loop.Decision;
import dev.playbook.insights.loop.Decisions;
import dev.playbook.insights.loop.Finding;
import dev.playbook.insights.loop.Loop;
import dev.playbook.insights.loop.LoopPolicy;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decisions topic and the feedback topic: the loop of findings and reps' responses. */
class LoopTopicsTest {

  static final Instant T0 = PlaybookTopologyTest.T0;
  static final Topics TOPICS = Topics.defaults();
  static final String DEAL = PlaybookTopologyTest.DEAL;
  static final Playbook PLAYBOOK = TestPlaybooks.standard();

  @TempDir Path stateDir;

  TopologyTestDriver driver;
  TestInputTopic<String, String> deals;
  TestInputTopic<String, String> feedback;
  TestOutputTopic<String, String> findings;
  TestOutputTopic<String, String> decisions;
  TestOutputTopic<String, String> deadLetters;

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  void start(Topology topology) {
    driver = new TopologyTestDriver(topology, PlaybookTopologyTest.props(stateDir), T0);
    StringSerializer s = new StringSerializer();
    deals = driver.createInputTopic(TOPICS.dealUpserts(), s, s);
    feedback = driver.createInputTopic(TOPICS.feedback(), s, s);
    StringDeserializer d = new StringDeserializer();
    findings = driver.createOutputTopic(TOPICS.findings(), d, d);
    decisions = driver.createOutputTopic(TOPICS.decisions(), d, d);
    deadLetters = driver.createOutputTopic(TOPICS.deadLetters(), d, d);
  }

  void start() {
    start(PlaybookTopology.builder(PLAYBOOK).interval(Duration.ofHours(1)).build());
  }

  static String gap(String rule) {
    return Finding.id("D-1", Finding.Kind.GAP, rule, null);
  }

  static final String SNOOZE =
      """
      {"rule": "t.meeting", "response": "snoozed", "until": "2026-11-22", "by": "ana", "at": "2026-11-20T07:30:00Z", "note": "on holiday"}""";

  // ------------------------------------------------------------------ decisions

  @Test
  void evaluation_writesDecisionRecord_withTheLogsSchema_thatParsesBack() throws Exception {
    start();

    deals.pipeInput("D-1", DEAL);

    String record = decisions.readValue();
    assertThat(decisions.isEmpty()).isTrue();
    String revision = PLAYBOOK.revision();
    String fingerprint = Loop.fingerprint(DealJson.read("test", DEAL));
    assertThat(record)
        .startsWith(
            "{\"schema\":\"playbook-decision/1\",\"id\":\"b2193272a1e8ef0b\","
                + "\"recorded_at\":\"2026-11-20T08:00:00Z\",\"as_of\":\"2026-11-20T08:00:00Z\","
                + "\"playbook\":\"t\",\"revision\":\""
                + revision
                + "\",\"deal\":\"D-1\",\"deal_fingerprint\":\""
                + fingerprint
                + "\",\"findings\":[{\"id\":\""
                + gap("t.champion")
                + "\",\"kind\":\"gap\",\"rule\":\"t.champion\",\"severity\":\"medium\","
                + "\"text\":\"Acme renewal has no champion\"},{\"id\":\""
                + gap("t.meeting")
                + "\",\"kind\":\"gap\",\"rule\":\"t.meeting\",\"severity\":\"low\","
                + "\"text\":\"Acme renewal: no meeting yet\"}],\"hidden\":[],\"indicators\":[],"
                + "\"escalations\":[],\"field_fingerprints\":{");
    Decision parsed = Decisions.fromJson(record);
    Decision direct =
        Loop.of(PLAYBOOK, LoopPolicy.none())
            .decide(DealJson.read("test", DEAL), T0, List.of(), List.of(), T0);
    assertThat(parsed).isEqualTo(direct);
    assertThat(Decisions.toJson(direct)).isEqualTo(record);
  }

  @Test
  void scheduledRun_writesDecisionForEveryDeal_evenWhenNoFindingChanged() {
    start();
    deals.pipeInput("D-1", DEAL);
    decisions.readValue();
    findings.readValue();

    driver.advanceWallClockTime(Duration.ofHours(1));

    Decision d = Decisions.fromJson(decisions.readValue());
    assertThat(d.asOf()).isEqualTo(T0.plus(Duration.ofHours(1)));
    assertThat(d.findings()).extracting(Finding::rule).containsExactly("t.champion", "t.meeting");
    assertThat(findings.isEmpty()).isTrue();
  }

  @Test
  void decision_dealNameOf30000Characters_hasTextsCutBelowTheRecordLimit() {
    start(
        PlaybookTopology.builder(PLAYBOOK)
            .interval(Duration.ofHours(1))
            .maxRecordBytes(20_000)
            .build());
    String name = "N".repeat(30_000);

    deals.pipeInput("D-1", DEAL.replace("Acme renewal", name));

    String record = decisions.readValue();
    assertThat(Bounded.bytes("D-1") + Bounded.bytes(record)).isLessThanOrEqualTo(20_000);
    Decision d = Decisions.fromJson(record);
    assertThat(d.findings())
        .extracting(Finding::text)
        .containsExactly(
            "N".repeat(8_192) + "…[1808 more characters]",
            "N".repeat(8_192) + "…[1808 more characters]");
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  // ------------------------------------------------------------------ feedback

  @Test
  void snoozeFromTopic_hidesFindingWithWhoAndWhy_untilItsDate() throws Exception {
    start();
    deals.pipeInput("D-1", DEAL);
    findings.readValue();
    decisions.readValue();

    feedback.pipeInput("D-1", SNOOZE);

    assertThat(findings.readValue())
        .isEqualTo(
            "{\"deal_id\":\"D-1\",\"playbook\":\"t\",\"evaluated_at\":\"2026-11-20T08:00:00Z\","
                + "\"trigger\":\"feedback\",\"changes\":[{\"change\":\"hidden\",\"kind\":\"gap\","
                + "\"rule\":\"t.meeting\",\"finding\":\""
                + gap("t.meeting")
                + "\",\"because\":\"snoozed\",\"by\":\"ana\",\"note\":\"on holiday\","
                + "\"until\":\"2026-11-22\"}],\"hidden\":[{\"finding\":\""
                + gap("t.meeting")
                + "\",\"kind\":\"gap\",\"rule\":\"t.meeting\",\"text\":\"Acme renewal: no meeting yet\","
                + "\"because\":\"snoozed\",\"by\":\"ana\",\"note\":\"on holiday\","
                + "\"until\":\"2026-11-22\"}],\"open_gaps\":1,\"open_actions\":0}");
    Decision hiddenDay = Decisions.fromJson(decisions.readValue());
    assertThat(hiddenDay.findings()).extracting(Finding::rule).containsExactly("t.champion");
    assertThat(hiddenDay.hidden())
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.finding().id()).isEqualTo(gap("t.meeting"));
              assertThat(h.because()).isEqualTo(Decision.Because.SNOOZED);
              assertThat(h.by()).isEqualTo("ana");
              assertThat(h.note()).isEqualTo("on holiday");
              assertThat(h.until()).hasToString("2026-11-22");
            });
    assertThat(storedDeal().feedback()).hasSize(1);

    driver.advanceWallClockTime(Duration.ofHours(24)); // 2026-11-21T08:00Z: still snoozed
    assertThat(findings.isEmpty()).isTrue();
    assertThat(Decisions.fromJson(decisions.readValue()).hidden()).hasSize(1);

    driver.advanceWallClockTime(Duration.ofHours(24)); // 2026-11-22T08:00Z: its date has come

    assertThat(PlaybookTopologyTest.changes(findings.readValue()))
        .containsExactly("new gap t.meeting");
    Decision back = Decisions.fromJson(decisions.readValue());
    assertThat(back.findings())
        .extracting(Finding::rule)
        .containsExactly("t.champion", "t.meeting");
    assertThat(back.hidden()).isEmpty();
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void dismissalFromTopic_hidesFinding_andLaterUpsertWithoutFeedbackKeepsIt() throws Exception {
    start();
    deals.pipeInput("D-1", DEAL);
    findings.readValue();

    feedback.pipeInput(
        "D-1",
        """
        {"finding": "%s", "response": "dismissed", "reason": "wrong-data", "by": "ben", "at": "2026-11-20T07:00:00Z"}"""
            .formatted(gap("t.champion")));
    assertThat(PlaybookTopologyTest.changes(findings.readValue()))
        .containsExactly("hidden gap t.champion");

    deals.pipeInput("D-1", DEAL.replace("50000", "60000"));

    assertThat(storedDeal().feedback()).hasSize(1);
    assertThat(findings.isEmpty()).isTrue();
    Decision d = decisions.readValuesToList().stream().map(Decisions::fromJson).toList().get(2);
    assertThat(d.hidden())
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.because()).isEqualTo(Decision.Because.DISMISSED);
              assertThat(h.by()).isEqualTo("ben");
              assertThat(h.reason()).isEqualTo("wrong-data");
            });
  }

  @Test
  void laterAcceptance_ofDismissedFinding_showsItAgain() throws Exception {
    start();
    deals.pipeInput("D-1", DEAL);
    findings.readValue();
    feedback.pipeInput(
        "D-1",
        """
        {"rule": "t.champion", "response": "dismissed", "reason": "wrong-data", "by": "ben", "at": "2026-11-20T07:00:00Z"}""");
    assertThat(PlaybookTopologyTest.changes(findings.readValue()))
        .containsExactly("hidden gap t.champion");

    feedback.pipeInput(
        "D-1",
        """
        {"rule": "t.champion", "response": "accepted", "by": "ben", "at": "2026-11-20T07:45:00Z"}""");

    assertThat(PlaybookTopologyTest.changes(findings.readValue()))
        .containsExactly("new gap t.champion");
    assertThat(storedDeal().feedback()).hasSize(2);
  }

  @Test
  void feedbackGivenAfterTheEvaluationTime_isKept_butNotYetHonoured() throws Exception {
    start();
    deals.pipeInput("D-1", DEAL);
    findings.readValue();
    decisions.readValue();

    feedback.pipeInput("D-1", SNOOZE.replace("2026-11-20T07:30:00Z", "2026-11-20T09:30:00Z"));

    assertThat(findings.isEmpty()).isTrue();
    assertThat(Decisions.fromJson(decisions.readValue()).hidden()).isEmpty();
    driver.advanceWallClockTime(Duration.ofHours(2)); // 10:00Z: the response is known now
    assertThat(PlaybookTopologyTest.changes(findings.readValue()))
        .containsExactly("hidden gap t.meeting");
  }

  @Test
  void redeliveredFeedback_isKeptOnce_andWritesNothing() {
    start();
    deals.pipeInput("D-1", DEAL);
    feedback.pipeInput("D-1", SNOOZE);
    findings.readValuesToList();
    decisions.readValuesToList();

    feedback.pipeInput("D-1", SNOOZE);

    assertThat(storedDeal().feedback()).hasSize(1);
    assertThat(findings.isEmpty()).isTrue();
    assertThat(decisions.isEmpty()).isTrue();
  }

  @Test
  void badFeedbackRecord_goesToDeadLetters_withLocatedProblem() throws Exception {
    start();
    deals.pipeInput("D-1", DEAL);
    findings.readValue();

    feedback.pipeInput(
        "D-1",
        """
        {"rule": "t.meeting", "response": "snoozed", "by": "ana", "at": "2026-11-20T07:30:00Z"}""");

    var letter = PlaybookTopologyTest.json(deadLetters.readValue());
    assertThat(letter.get("reason").asText()).isEqualTo("invalid-event");
    assertThat(letter.get("topic").asText()).isEqualTo("deal-feedback");
    assertThat(letter.get("problems").get(0).asText())
        .isEqualTo(
            "1:1: missing-field: a snoozed feedback entry needs 'until' (the day it shows again)"
                + " or 'until_changed' (the field whose change brings it back)");
    assertThat(storedDeal().feedback()).isEmpty();
    assertThat(findings.isEmpty()).isTrue();
  }

  @Test
  void feedbackForUnknownDeal_goesToDeadLetters() throws Exception {
    start();

    feedback.pipeInput("D-9", SNOOZE);

    var letter = PlaybookTopologyTest.json(deadLetters.readValue());
    assertThat(letter.get("reason").asText()).isEqualTo("unknown-deal");
    assertThat(letter.get("problems").get(0).asText())
        .isEqualTo(
            "no deal upsert has been seen for deal 'D-9'; a feedback event is kept only for a"
                + " known deal, so send the deal first");
    assertThat(decisions.isEmpty()).isTrue();
  }

  @Test
  void dismissalWithReasonOutsidePolicy_goesToDeadLetters_atTheReasonsColumn() throws Exception {
    LoopPolicy policy =
        LoopPolicy.parse("loop.yaml", "dismiss_reasons: [not-relevant, wrong-data]\n", PLAYBOOK);
    start(
        PlaybookTopology.builder(PLAYBOOK)
            .interval(Duration.ofHours(1))
            .loopPolicy(policy)
            .build());
    deals.pipeInput("D-1", DEAL);
    findings.readValue();

    feedback.pipeInput(
        "D-1",
        """
        {"rule": "t.meeting", "response": "dismissed", "reason": "too-busy", "by": "ana", "at": "2026-11-20T07:30:00Z"}""");

    var letter = PlaybookTopologyTest.json(deadLetters.readValue());
    assertThat(letter.get("reason").asText()).isEqualTo("invalid-event");
    assertThat(letter.get("problems").get(0).asText())
        .isEqualTo(
            "1:58: unknown-value: reason 'too-busy' is not one of the playbook's dismissal"
                + " reasons (not-relevant, wrong-data)");
    assertThat(storedDeal().feedback()).isEmpty();
    assertThat(findings.isEmpty()).isTrue();
  }

  dev.playbook.model.Deal storedDeal() {
    return DealJson.read(
        "store", driver.<String, String>getKeyValueStore(PlaybookTopology.DEALS_STORE).get("D-1"));
  }
}
