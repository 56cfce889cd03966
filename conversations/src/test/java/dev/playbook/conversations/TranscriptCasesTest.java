package dev.playbook.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.playbook.model.Contact;
import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every transcript case in {@code src/test/resources/transcripts}: {@code X.expected.yaml}
 * holds the metrics, hits, next steps and problems computed by hand for the transcript {@code X.*}.
 */
class TranscriptCasesTest {

  static final List<String> CASES =
      List.of(
          "discovery-en.vtt",
          "discovery-zh.json",
          "notimes-en.txt",
          "notimes-zh.txt",
          "monologue-en.srt",
          "monologue-zh.json",
          "overlap-en.json",
          "unattributed-en.vtt",
          "unattributed-zh.json",
          "reply-en.eml",
          "reply-zh.txt");

  static final ConversationAnalyzer ANALYZER =
      ConversationAnalyzer.of(TrackerSet.compile(TestTrackers.trackers()));

  @TestFactory
  Stream<DynamicTest> transcriptCases_matchTheirHandComputedExpectations() {
    return CASES.stream().map(file -> dynamicTest(file, () -> check(file)));
  }

  static ConversationAnalysis analyse(String file) {
    JsonNode expected = TestTrackers.yaml(expectedName(file));
    Conversation c = Transcripts.read(file, TestTrackers.bytes(file));
    if (expected.has("date")) {
      c = c.withStartedAt(OffsetDateTime.parse(expected.get("date").asText()));
    }
    return ANALYZER.analyze(c, Attribution.of(c, deal(expected), mapping(expected)));
  }

  static String expectedName(String file) {
    return file.substring(0, file.lastIndexOf('.')) + ".expected.yaml";
  }

  static Deal deal(JsonNode expected) {
    Deal.Builder b = Deal.builder("d-1", "discovery").owner(expected.get("owner").asText());
    expected
        .get("contacts")
        .fields()
        .forEachRemaining(
            e -> b.addContact(Contact.builder(e.getKey()).name(e.getValue().asText()).build()));
    return b.build();
  }

  static Map<String, String> mapping(JsonNode expected) {
    Map<String, String> m = new LinkedHashMap<>();
    if (expected.has("mapping")) {
      expected
          .get("mapping")
          .fields()
          .forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    }
    return m;
  }

  private static void check(String file) {
    JsonNode expected = TestTrackers.yaml(expectedName(file));
    ConversationAnalysis a = analyse(file);
    assertThat(a.conversation().segments()).hasSize(expected.get("segments").asInt());
    if (expected.has("text")) {
      assertThat(a.conversation().segments().get(0).text())
          .isEqualTo(expected.get("text").asText());
    }
    JsonNode m = expected.get("metrics");
    Metrics got = a.metrics();
    seconds(m, "rep_seconds", got.repTalkTime());
    seconds(m, "buyer_seconds", got.buyerTalkTime());
    number(m, "talk_ratio", got.talkRatio());
    seconds(m, "longest_rep_monologue", got.longestRepMonologue());
    seconds(m, "longest_buyer_story", got.longestBuyerStory());
    number(m, "interactivity", got.interactivity());
    seconds(m, "patience", got.patience());
    assertThat(got.repQuestions()).as("rep_questions").isEqualTo(m.get("rep_questions").asInt());
    assertThat(got.buyerQuestions())
        .as("buyer_questions")
        .isEqualTo(m.get("buyer_questions").asInt());
    assertThat(got.repWords()).as("rep_words").isEqualTo(m.get("rep_words").asInt());
    assertThat(got.repFillers()).as("rep_fillers").isEqualTo(m.get("rep_fillers").asInt());
    number(m, "filler_rate", got.fillerRate());

    List<String> hits = new ArrayList<>();
    for (TrackerHit h : a.hits()) {
      hits.add(
          h.concept()
              + " @"
              + h.segment()
              + " "
              + h.speaker()
              + " "
              + (h.offset() == null ? "null" : h.offset().toMillis() / 1000.0)
              + " \""
              + h.quote()
              + "\"");
    }
    List<String> wanted = new ArrayList<>();
    for (JsonNode h : expected.get("hits")) {
      wanted.add(
          h.get("tracker").asText()
              + " @"
              + h.get("segment").asInt()
              + " "
              + h.get("speaker").asText()
              + " "
              + (h.get("offset").isNull() ? "null" : h.get("offset").asDouble())
              + " \""
              + h.get("quote").asText()
              + "\"");
    }
    assertThat(hits).as("hits").containsExactlyInAnyOrderElementsOf(wanted);

    List<String> steps = new ArrayList<>();
    for (ProposedNextStep s : a.nextSteps()) {
      steps.add(
          s.due()
              + " ["
              + s.datePhrase()
              + "] "
              + s.speaker()
              + " committed="
              + s.buyerCommitment()
              + " \""
              + s.quote()
              + "\" reply="
              + s.reply());
    }
    List<String> wantedSteps = new ArrayList<>();
    for (JsonNode s : expected.get("next_steps")) {
      wantedSteps.add(
          s.get("due").asText()
              + " ["
              + s.get("phrase").asText()
              + "] "
              + s.get("speaker").asText()
              + " committed="
              + s.get("buyer_commitment").asBoolean()
              + " \""
              + s.get("quote").asText()
              + "\" reply="
              + (s.get("reply").isNull() ? "null" : s.get("reply").asText()));
    }
    assertThat(steps).as("next steps").containsExactlyElementsOf(wantedSteps);

    List<String> problems = a.warnings().stream().map(Problem::render).toList();
    List<String> wantedProblems = new ArrayList<>();
    expected.get("problems").forEach(p -> wantedProblems.add(p.asText()));
    assertThat(problems).as("problems").containsExactlyElementsOf(wantedProblems);
  }

  private static void seconds(JsonNode m, String field, Duration actual) {
    if (m.get(field).isNull()) {
      assertThat(actual).as(field).isNull();
    } else {
      assertThat(actual).as(field).isNotNull();
      assertThat(actual.toMillis() / 1000.0)
          .as(field)
          .isCloseTo(m.get(field).asDouble(), within(0.001));
    }
  }

  private static void number(JsonNode m, String field, Double actual) {
    if (m.get(field).isNull()) {
      assertThat(actual).as(field).isNull();
    } else {
      assertThat(actual).as(field).isNotNull();
      assertThat(actual).as(field).isCloseTo(m.get(field).asDouble(), within(0.0001));
    }
  }
}
