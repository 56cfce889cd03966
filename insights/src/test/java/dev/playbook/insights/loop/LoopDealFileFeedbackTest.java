package dev.playbook.insights.loop;

import static dev.playbook.insights.loop.LoopFourDaysTest.RULE;
import static dev.playbook.insights.loop.LoopFourDaysTest.action;
import static dev.playbook.insights.loop.LoopFourDaysTest.day;
import static dev.playbook.insights.loop.LoopFourDaysTest.hidden;
import static dev.playbook.insights.loop.LoopFourDaysTest.shows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.Deals;
import dev.playbook.Playbook;
import dev.playbook.insights.loop.Decision.Because;
import dev.playbook.insights.loop.Decision.Hidden;
import dev.playbook.model.Deal;
import dev.playbook.model.WatchedField;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four days of the pipeline with the reps' feedback written in the deal files ({@code feedback[]})
 * beside the feedback file: a snooze until the stage changes, a dismissal given in both places, and
 * the deal's fingerprint unmoved by the feedback written into it.
 */
class LoopDealFileFeedbackTest {

  static final String POLICY =
      """
      dismiss_reasons: [not-relevant, wrong-data]
      rules:
        deal-risk.no-activity:
          reoffer: { after: 2, pause: 30d }
      """;

  static LoopPolicy policy;
  static Loop loop;

  @TempDir Path dir;

  @BeforeAll
  static void load() {
    Playbook playbook = Playbook.builtIn("deal-risk");
    policy = LoopPolicy.parse("loop.yaml", POLICY, playbook);
    loop = Loop.of(playbook, policy);
  }

  /** A silent mid-market deal; {@code feedback} is the JSON of its feedback list, or empty. */
  static Deal deal(String id, String stage, int amount, String feedback) {
    String json =
        """
        {"id": "%s", "owner": "ana", "segment": "mid_market", "stage": "%s", "amount": %d,
         "contacts": [{"id": "c1", "name": "Lena Fischer", "roles": ["champion"]}],
         "activities": [{"id": "a1", "type": "call", "occurred_at": "2026-10-20T10:00:00Z"}]%s}
        """
            .formatted(id, stage, amount, feedback.isEmpty() ? "" : ", \"feedback\": " + feedback)
            .replace("\n", " ");
    return Deals.parse(id + ".jsonl", json).get(0);
  }

  List<Decision> run(List<Deal> deals, Instant asOf, String feedbackFile) {
    Path logFile = dir.resolve("decisions.jsonl");
    List<Decision> history = Files.exists(logFile) ? JsonlDecisionLog.read(logFile) : List.of();
    List<Feedback> fb = FeedbackFile.parse("feedback.jsonl", feedbackFile, policy);
    List<Decision> out = new ArrayList<>();
    try (DecisionLog log = JsonlDecisionLog.open(logFile)) {
      for (Deal d : deals) {
        Decision decision = loop.decide(d, asOf, fb, history, asOf.plusSeconds(60));
        log.record(decision);
        out.add(decision);
      }
    }
    return out;
  }

  @Test
  void fourDays_dealFileFeedback_snoozesUntilTheStageChangesAndMergesWithTheFeedbackFile() {
    String snooze =
        "[{\"rule\": \""
            + RULE
            + "\", \"target\": \"c1\", \"response\": \"snoozed\","
            + " \"until_changed\": \"stage\", \"note\": \"waiting for the board\","
            + " \"by\": \"ana\", \"at\": \"2026-11-16T12:00:00Z\"}]";
    String dismissInDeal =
        "[{\"finding\": \""
            + action("D")
            + "\", \"response\": \"dismissed\","
            + " \"reason\": \"wrong-data\", \"by\": \"ana\", \"at\": \"2026-11-16T12:00:00Z\"}]";
    String dismissInFile =
        "{\"finding\":\"%s\",\"deal\":\"D\",\"response\":\"dismissed\",\"reason\":\"wrong-data\",\"by\":\"ana\",\"at\":\"2026-11-16T12:00:00Z\"}\n"
            .formatted(action("D"));

    // day 1: both deals show the re-engage action
    List<Decision> d1 =
        run(
            List.of(deal("U", "discovery", 1000, ""), deal("D", "discovery", 1000, "")),
            day(1),
            "");
    assertThat(d1).allMatch(d -> shows(d, action(d.dealId())));

    // day 2: U snoozed in its deal file until its stage changes; D dismissed in its deal file and
    // the same dismissal in the feedback file
    List<Decision> d2 =
        run(
            List.of(
                deal("U", "discovery", 1000, snooze), deal("D", "discovery", 1000, dismissInDeal)),
            day(2),
            dismissInFile);
    assertThat(hidden(d2.get(0), action("U")))
        .extracting(Hidden::because, Hidden::by, Hidden::note, Hidden::until, Hidden::untilChanged)
        .containsExactly(Because.SNOOZED, "ana", "waiting for the board", null, WatchedField.STAGE);
    assertThat(hidden(d2.get(1), action("D")))
        .extracting(Hidden::because, Hidden::reason)
        .containsExactly(Because.DISMISSED, "wrong-data");
    // writing feedback into the deal file is not a change of the deal
    assertThat(d2.get(0).dealFingerprint()).isEqualTo(d1.get(0).dealFingerprint());
    assertThat(d2.get(0).fieldFingerprints()).isEqualTo(d1.get(0).fieldFingerprints());

    // day 3: U's amount changed, its stage did not: still snoozed. D changed: the dismissal,
    // given twice but once, lapses (two would have paused it under the re-offer limit)
    List<Decision> d3 =
        run(
            List.of(
                deal("U", "discovery", 5000, snooze), deal("D", "discovery", 2000, dismissInDeal)),
            day(3),
            dismissInFile);
    assertThat(hidden(d3.get(0), action("U")).because()).isEqualTo(Because.SNOOZED);
    assertThat(d3.get(0).fieldFingerprints().get("amount"))
        .isNotEqualTo(d2.get(0).fieldFingerprints().get("amount"));
    assertThat(shows(d3.get(1), action("D"))).isTrue();

    // day 4: U moved to proposal: the snooze ends the day the stage changes
    List<Decision> d4 = run(List.of(deal("U", "proposal", 5000, snooze)), day(4), dismissInFile);
    assertThat(shows(d4.get(0), action("U"))).isTrue();
    assertThat(d4.get(0).hidden()).isEmpty();
  }

  @Test
  void untilChanged_withAnOldLogWithoutFieldFingerprints_anyChangeOfTheDealBringsItBack() {
    String snooze =
        "{\"finding\":\"%s\",\"deal\":\"U\",\"response\":\"snoozed\",\"until_changed\":\"stage\",\"by\":\"ana\",\"at\":\"2026-11-16T12:00:00Z\"}\n"
            .formatted(action("U"));
    List<Feedback> fb = FeedbackFile.parse("feedback.jsonl", snooze, policy);
    Decision day1 = loop.decide(deal("U", "discovery", 1000, ""), day(1), fb, List.of(), day(1));
    Decision old =
        DecisionJson.read(
            DecisionJson.write(day1).replaceFirst(",\"field_fingerprints\":\\{[^}]*\\}", ""));
    assertThat(old.fieldFingerprints()).isEmpty();

    Decision same = loop.decide(deal("U", "discovery", 1000, ""), day(2), fb, List.of(old), day(2));
    Decision otherField =
        loop.decide(deal("U", "discovery", 2000, ""), day(2), fb, List.of(old), day(2));

    assertThat(hidden(same, action("U")).because()).isEqualTo(Because.SNOOZED);
    assertThat(shows(otherField, action("U"))).isTrue();
  }

  @Test
  void feedbackFile_untilChangedProblems_areLocated() {
    String text =
        """
        {"finding":"a-0123456789abcdef","deal":"D1","response":"snoozed","until_changed":"colour","by":"ana","at":"2026-11-20T09:12:00Z"}
        {"finding":"a-0123456789abcdef","deal":"D1","response":"done","until_changed":"stage","by":"ana","at":"2026-11-20T09:12:00Z"}
        {"finding":"a-0123456789abcdef","deal":"D1","response":"snoozed","until":"2026-12-01","until_changed":"stage","by":"ana","at":"2026-11-20T09:12:00Z"}
        """;

    assertThat(LoopFilesTest.problems(() -> FeedbackFile.parse("feedback.jsonl", text, policy)))
        .containsExactly(
            "feedback.jsonl:1:82: unknown-value: until_changed 'colour' is not one of stage,"
                + " close_date, amount, probability, forecast_category, owner, contacts,"
                + " activities, next_steps, evidence",
            "feedback.jsonl:2:79: invalid-value: until_changed is only for a snoozed finding, not a"
                + " done one",
            "feedback.jsonl:3:103: invalid-value: a snooze gives until or until_changed, not both");
  }
}
