package dev.playbook.insights.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.playbook.Deals;
import dev.playbook.Playbook;
import dev.playbook.insights.loop.Decision.Because;
import dev.playbook.insights.loop.Decision.Escalation;
import dev.playbook.insights.loop.Decision.Hidden;
import dev.playbook.insights.loop.Decision.Level;
import dev.playbook.insights.loop.Decision.Status;
import dev.playbook.model.Deal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline evaluated on four days in a row, Monday 2026-11-16 to Thursday 2026-11-19, with the
 * reps' feedback between the days; every decision goes through the JSON Lines decision log and is
 * read back from it as the next day's history.
 */
class LoopFourDaysTest {

  static final String RULE = "deal-risk.no-activity";
  static final String POLICY =
      """
      dismiss_reasons: [not-relevant, wrong-data]
      teams:
        west: { manager: maria, reps: [ana, ben, chen, dan, eve] }
      rules:
        deal-risk.no-activity:
          reoffer: { after: 2, pause: 30d }
          success: { when: "days_since(last_activity) < 2", within: 2bd }
          escalate: { manager_after: 2d, reassign_after: 3d }
      """;

  static Playbook playbook;
  static Loop loop;
  static LoopPolicy policy;
  static Book book;

  @BeforeAll
  static void load() {
    playbook = Playbook.builtIn("deal-risk");
    policy = LoopPolicy.parse("loop.yaml", POLICY, playbook);
    loop = Loop.of(playbook, policy);
    // the team's record, as in LoopEscalationTest: ben is the one rep with capacity and a better
    // mid-market win rate than ana
    List<Deal> closed = new ArrayList<>();
    LoopEscalationTest.record(closed, "ana", 2, 4, 3);
    LoopEscalationTest.record(closed, "ben", 4, 2, 2);
    LoopEscalationTest.record(closed, "chen", 5, 1, 30);
    LoopEscalationTest.record(closed, "dan", 2, 0, 0);
    LoopEscalationTest.record(closed, "eve", 1, 5, 0);
    book = Book.of(closed, Set.of("closed_won"), Set.of("closed_lost"));
  }

  /**
   * A mid-market discovery deal last touched on {@code lastTouch}; {@code amount} tells versions
   * apart.
   */
  static Deal deal(String id, String lastTouch, int amount) {
    String json =
        """
        {"id": "%s", "name": "%s deal", "account": "%s", "owner": "ana", "segment": "mid_market",
         "stage": "discovery", "amount": %d, "currency": "EUR", "created_at": "2026-09-01T09:00:00Z",
         "contacts": [{"id": "c1", "name": "Lena Fischer", "roles": ["champion"], "power": "medium"}],
         "activities": [{"id": "a1", "type": "call", "direction": "outbound", "occurred_at": "%sT10:00:00Z"}]}
        """
            .formatted(id, id, id, amount, lastTouch)
            .replace("\n", " ");
    return Deals.parse(id + ".jsonl", json).get(0);
  }

  static Instant day(int n) {
    return Instant.parse("2026-11-1" + (5 + n) + "T08:00:00Z");
  }

  static String action(String deal) {
    return Finding.id(deal, Finding.Kind.ACTION, RULE, "c1");
  }

  @TempDir Path dir;

  List<Decision> run(List<Deal> deals, Instant asOf, String feedback) {
    Path logFile = dir.resolve("decisions.jsonl");
    List<Decision> history = Files.exists(logFile) ? JsonlDecisionLog.read(logFile) : List.of();
    List<Feedback> fb = FeedbackFile.parse("feedback.jsonl", feedback, policy);
    List<Decision> out = new ArrayList<>();
    try (DecisionLog log = JsonlDecisionLog.open(logFile)) {
      for (Deal d : deals) {
        Decision decision = loop.decide(d, asOf, fb, history, book, asOf.plusSeconds(60));
        log.record(decision);
        out.add(decision);
      }
    }
    return out;
  }

  static boolean shows(Decision d, String findingId) {
    return d.findings().stream().anyMatch(f -> f.id().equals(findingId));
  }

  static Hidden hidden(Decision d, String findingId) {
    return d.hidden().stream()
        .filter(h -> h.finding().id().equals(findingId))
        .findFirst()
        .orElse(null);
  }

  static List<Escalation> escalations(Decision d, String findingId) {
    return d.escalations().stream().filter(e -> e.finding().equals(findingId)).toList();
  }

  @Test
  void
      fourDays_feedbackBetweenDays_hidesSnoozedDismissedAndPausedFindingsChecksSuccessAndEscalates() {
    String snoozeFb =
        "{\"finding\":\"%s\",\"deal\":\"S\",\"response\":\"snoozed\",\"until\":\"2026-11-18\",\"by\":\"ana\",\"at\":\"2026-11-16T12:00:00Z\",\"note\":\"customer on holiday\"}"
            .formatted(action("S"));
    String dismiss1 =
        "{\"finding\":\"%s\",\"deal\":\"X\",\"response\":\"dismissed\",\"reason\":\"wrong-data\",\"by\":\"ana\",\"at\":\"2026-11-16T12:00:00Z\"}"
            .formatted(action("X"));
    String dismiss2 =
        "{\"finding\":\"%s\",\"deal\":\"X\",\"response\":\"dismissed\",\"reason\":\"not-relevant\",\"by\":\"ana\",\"at\":\"2026-11-18T12:00:00Z\"}"
            .formatted(action("X"));

    // day 1: all three silent deals get the re-engage action
    List<Decision> d1 =
        run(
            List.of(
                deal("S", "2026-10-20", 1000),
                deal("X", "2026-10-20", 1000),
                deal("M", "2026-10-20", 1000),
                deal("E", "2026-10-20", 1000)),
            day(1),
            "");
    assertThat(d1).allMatch(d -> shows(d, action(d.dealId())));
    assertThat(d1.get(2).indicators())
        .extracting(i -> i.finding(), i -> i.since(), i -> i.by(), i -> i.status())
        .containsExactly(
            tuple(
                action("M"),
                LocalDate.parse("2026-11-16"),
                LocalDate.parse("2026-11-18"),
                Status.PENDING));

    // day 2: S snoozed until Wednesday, X dismissed and unchanged; M's rep called on Tuesday
    // morning
    String fb2 = snoozeFb + "\n" + dismiss1 + "\n";
    List<Decision> d2 =
        run(
            List.of(
                deal("S", "2026-10-20", 1000),
                deal("X", "2026-10-20", 1000),
                deal("M", "2026-11-17", 1000),
                deal("E", "2026-10-20", 1000)),
            day(2).plusSeconds(7200),
            fb2);
    assertThat(hidden(d2.get(0), action("S")))
        .extracting(Hidden::because, Hidden::by, Hidden::note, Hidden::until)
        .containsExactly(
            Because.SNOOZED, "ana", "customer on holiday", LocalDate.parse("2026-11-18"));
    assertThat(hidden(d2.get(1), action("X")))
        .extracting(Hidden::because, Hidden::by, Hidden::reason, Hidden::until)
        .containsExactly(Because.DISMISSED, "ana", "wrong-data", null);
    assertThat(shows(d2.get(2), action("M"))).isFalse();
    assertThat(d2.get(2).indicators())
        .extracting(i -> i.finding(), i -> i.status(), i -> i.resolvedOn())
        .containsExactly(tuple(action("M"), Status.MET, LocalDate.parse("2026-11-17")));

    // day 3: S is back on its date; X changed (amount), so the dismissal lapses and it is back
    List<Decision> d3 =
        run(
            List.of(
                deal("S", "2026-10-20", 1000),
                deal("X", "2026-10-20", 2000),
                deal("E", "2026-10-20", 1000)),
            day(3),
            fb2);
    assertThat(shows(d3.get(0), action("S"))).isTrue();
    assertThat(shows(d3.get(1), action("X"))).isTrue();

    // day 4: X dismissed a second time, then changed again: the re-offer limit (2 dismissals,
    // 30 days) keeps it paused although the deal changed
    String fb4 = fb2 + dismiss2 + "\n";
    List<Decision> d4 =
        run(List.of(deal("X", "2026-10-20", 3000), deal("E", "2026-10-20", 1000)), day(4), fb4);
    assertThat(hidden(d4.get(0), action("X")))
        .extracting(Hidden::because, Hidden::by, Hidden::reason, Hidden::until)
        .containsExactly(
            Because.PAUSED, "ana", "dismissed 2 times on this deal", LocalDate.parse("2026-12-18"));
    // the gap of the same rule was never dismissed and stays shown
    assertThat(shows(d4.get(0), Finding.id("X", Finding.Kind.GAP, RULE, null))).isTrue();

    // E is left alone all week: the ladder (manager after 2 days, reassign after 3) is climbed on
    // Wednesday and Thursday, and the reassign suggestion names ben (same team, fewer than 30 open
    // deals, at least 5 closed mid-market deals, a better mid-market win rate than ana's)
    assertThat(escalations(d1.get(3), action("E"))).isEmpty();
    assertThat(escalations(d2.get(3), action("E"))).isEmpty();
    assertThat(escalations(d3.get(2), action("E")))
        .extracting(Escalation::level, Escalation::manager, Escalation::days, Escalation::message)
        .containsExactly(
            tuple(
                Level.MANAGER,
                "maria",
                2,
                "ana has left 'Re-engage E: nothing logged for 28 days' on deal E unresolved for 2 days"));
    assertThat(escalations(d4.get(1), action("E")))
        .extracting(
            Escalation::level, Escalation::manager, Escalation::days, Escalation::candidates)
        .containsExactly(tuple(Level.REASSIGN, "maria", 3, List.of("ben")));
    // the snoozed finding's run was broken by the snooze: S does not escalate on Wednesday
    assertThat(escalations(d3.get(0), action("S"))).isEmpty();
  }

  @Test
  void decide_successWindowPassesWithoutTheCondition_reportsMissed() {
    Decision monday =
        loop.decide(deal("Q", "2026-10-20", 1000), day(1), List.of(), List.of(), day(1));
    Decision thursday =
        loop.decide(deal("Q", "2026-10-20", 1000), day(4), List.of(), List.of(monday), day(4));

    assertThat(thursday.indicators())
        .extracting(i -> i.status(), i -> i.by(), i -> i.resolvedOn())
        .containsExactly(
            tuple(Status.MISSED, LocalDate.parse("2026-11-18"), LocalDate.parse("2026-11-19")));
  }

  @Test
  void decisionLog_replayed_givesTheLoggedFindings() {
    Path logFile = dir.resolve("decisions.jsonl");
    List<Deal> deals = new ArrayList<>();
    for (Deal d : Deals.read(Path.of("../examples/deals/deals.jsonl"))) {
      deals.add(d);
    }
    try (DecisionLog log = JsonlDecisionLog.open(logFile)) {
      for (Deal d : deals) {
        log.record(loop.decide(d, day(1), List.of(), List.of(), day(1)));
      }
    }

    List<Decision> logged = JsonlDecisionLog.read(logFile);

    assertThat(logged).hasSize(deals.size());
    Playbook again = Playbook.builtIn("deal-risk");
    for (int i = 0; i < logged.size(); i++) {
      Decision l = logged.get(i);
      Deal deal = deals.get(i);
      assertThat(l.revision()).isEqualTo(again.revision());
      assertThat(l.dealFingerprint()).isEqualTo(Loop.fingerprint(deal));
      assertThat(Finding.of(again.evaluate(deal, l.asOf()))).isEqualTo(l.allFindings());
    }
    assertThat(logged.stream().mapToInt(d -> d.findings().size()).sum()).isPositive();
  }
}
