package dev.playbook.insights.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.playbook.Deals;
import dev.playbook.Playbook;
import dev.playbook.insights.loop.Decision.Because;
import dev.playbook.insights.loop.Decision.Hidden;
import dev.playbook.insights.loop.Decision.Level;
import dev.playbook.insights.loop.Decision.Status;
import dev.playbook.model.Deal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The success, re-offer and escalation settings a rule's action declares take effect. */
class RuleLoopSettingsTest {

  static final Playbook PLAYBOOK =
      Playbook.parse(
          "t.yaml",
          """
          playbook: t
          stages: [discovery, won, lost]
          rules:
            - id: t.silent
              when: days_since(last_activity) > 14
              action:
                title: Re-engage
                success: { when: "days_since(last_activity) < 2", within: 1bd }
                reoffer: { after_dismissals: 1, pause: 10d }
                escalate: { manager_after: 1d }
          """);

  static final String DEAL_ID = "D-1";

  static Deal deal(String lastTouch, int amount) {
    String json =
        """
        {"id": "D-1", "name": "D-1", "account": "Acme", "owner": "ana", "stage": "discovery",
         "amount": %d, "currency": "EUR", "created_at": "2026-09-01T09:00:00Z",
         "activities": [{"id": "a1", "type": "call", "occurred_at": "%sT10:00:00Z"}]}
        """
            .formatted(amount, lastTouch)
            .replace("\\n", " ");
    return Deals.parse("d.jsonl", json.replace("\n", " ")).get(0);
  }

  static final Instant MONDAY = Instant.parse("2026-11-16T08:00:00Z");
  static final Instant TUESDAY = Instant.parse("2026-11-17T08:00:00Z");

  static String finding() {
    return Finding.id(DEAL_ID, Finding.Kind.ACTION, "t.silent", null);
  }

  static List<Feedback> dismissedOnMonday(LoopPolicy policy) {
    return FeedbackFile.parse(
        "feedback.jsonl",
        "{\"finding\":\"%s\",\"deal\":\"D-1\",\"response\":\"dismissed\",\"reason\":\"customer said no\",\"by\":\"ana\",\"at\":\"2026-11-16T12:00:00Z\"}"
            .formatted(finding()),
        policy);
  }

  @Test
  void rulesAlone_reofferLimitOnTheRule_keepsADismissedFindingPausedAfterTheDealChanges() {
    LoopPolicy policy = LoopPolicy.of(PLAYBOOK);
    Loop loop = Loop.of(PLAYBOOK, policy);
    Decision monday = loop.decide(deal("2026-10-20", 1000), MONDAY, List.of(), List.of(), MONDAY);

    Decision tuesday =
        loop.decide(
            deal("2026-10-20", 2000), TUESDAY, dismissedOnMonday(policy), List.of(monday), TUESDAY);

    assertThat(tuesday.findings()).isEmpty();
    assertThat(tuesday.hidden())
        .extracting(h -> h.finding().id(), Hidden::because, Hidden::reason, Hidden::until)
        .containsExactly(
            tuple(
                finding(),
                Because.PAUSED,
                "dismissed 1 time on this deal",
                LocalDate.parse("2026-11-26")));
  }

  @Test
  void rulesAlone_successIndicatorOnTheRule_isPendingUntilItsOwnWindow() {
    Loop loop = Loop.of(PLAYBOOK, LoopPolicy.of(PLAYBOOK));

    Decision monday = loop.decide(deal("2026-10-20", 1000), MONDAY, List.of(), List.of(), MONDAY);

    assertThat(monday.indicators())
        .extracting(i -> i.finding(), i -> i.by(), i -> i.status())
        .containsExactly(tuple(finding(), LocalDate.parse("2026-11-17"), Status.PENDING));
  }

  @Test
  void policyFile_sameRuleWithOtherSettings_theRuleOwnSettingsWin() {
    LoopPolicy policy =
        LoopPolicy.parse(
            "loop.yaml",
            """
            teams:
              west: { manager: maria, reps: [ana] }
            rules:
              t.silent:
                reoffer: { after: 5, pause: 90d }
                success: { when: "stage == won", within: 4w }
                escalate: { manager_after: 30d, message: "Call the account today" }
            """,
            PLAYBOOK);
    Loop loop = Loop.of(PLAYBOOK, policy);
    Decision monday = loop.decide(deal("2026-10-20", 1000), MONDAY, List.of(), List.of(), MONDAY);

    Decision tuesday =
        loop.decide(deal("2026-10-20", 1000), TUESDAY, List.of(), List.of(monday), TUESDAY);

    assertThat(monday.indicators())
        .extracting(i -> i.by())
        .containsExactly(LocalDate.parse("2026-11-17"));
    assertThat(policy.reoffer("t.silent")).isEqualTo(new LoopPolicy.Reoffer(1, Span.parse("10d")));
    assertThat(tuesday.escalations())
        .extracting(
            e -> e.finding(), e -> e.level(), e -> e.manager(), e -> e.days(), e -> e.message())
        .containsExactly(tuple(finding(), Level.MANAGER, "maria", 1, "Call the account today"));
  }

  @Test
  void rulesAlone_successConditionReadingParameters_usesThePlaybooksValues() {
    Playbook withParameters =
        Playbook.parse(
            "p.yaml",
            """
            playbook: p
            stages: [discovery, won, lost]
            segments: [smb, enterprise]
            parameters:
              quiet_days: { default: 2, by_segment: { enterprise: 40 } }
              quiet: { default: 1w }
            rules:
              - id: p.silent
                when: days_since(last_activity) > 14
                action:
                  title: Re-engage
                  success:
                    when: "days_since(last_activity) < param(quiet_days) and param(quiet) > 2d"
                    within: 1bd
            """);
    LoopPolicy policy = LoopPolicy.of(withParameters);

    boolean smb =
        policy.succeeded(
            "p.silent", deal("2026-10-20", 1000).toBuilder().segment("smb").build(), MONDAY);
    boolean enterprise =
        policy.succeeded(
            "p.silent", deal("2026-10-20", 1000).toBuilder().segment("enterprise").build(), MONDAY);

    assertThat(smb).isFalse();
    assertThat(enterprise).isTrue();
  }
}
