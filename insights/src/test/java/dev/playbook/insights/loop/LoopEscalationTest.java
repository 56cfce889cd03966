package dev.playbook.insights.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.playbook.Playbook;
import dev.playbook.insights.loop.Decision.Escalation;
import dev.playbook.insights.loop.Decision.Level;
import dev.playbook.model.Deal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A rule's escalation ladder over four days: to the manager, then a reassign suggestion. */
class LoopEscalationTest {

  static final String POLICY =
      """
      capacity: 30
      min_closed: 5
      teams:
        west: { manager: maria, reps: [ana, ben, chen, dan, eve] }
      rules:
        deal-risk.no-activity:
          escalate:
            manager_after: 2d
            reassign_after: 3d
            talk_track: Ask what is blocking the next call, and offer to join it.
      """;

  /**
   * {@code won} won and {@code lost} lost mid-market deals and {@code open} open ones for a rep.
   */
  static void record(List<Deal> book, String rep, int won, int lost, int open) {
    for (int i = 0; i < won + lost + open; i++) {
      String stage = i < won ? "closed_won" : i < won + lost ? "closed_lost" : "discovery";
      book.add(Deal.builder(rep + "-" + i, stage).owner(rep).segment("mid_market").build());
    }
  }

  @Test
  void
      fourDays_unresolvedFinding_goesToTheManagerThenSuggestsTheRepWithCapacityAndABetterWinRate() {
    Playbook playbook = Playbook.builtIn("deal-risk");
    Loop loop = Loop.of(playbook, LoopPolicy.parse("loop.yaml", POLICY, playbook));
    List<Deal> deals = new ArrayList<>();
    record(deals, "ana", 2, 4, 3); // the owner: 33 % won
    record(deals, "ben", 4, 2, 2); // 67 %, room for more: the candidate
    record(deals, "chen", 5, 1, 30); // 83 %, but 30 open deals: no capacity
    record(deals, "dan", 2, 0, 0); // 100 %, but only 2 closed: too few to compare
    record(deals, "eve", 1, 5, 0); // 17 %: not better than the owner
    Book book = Book.of(deals, Set.of("closed_won"), Set.of("closed_lost"));
    Deal deal = LoopFourDaysTest.deal("E", "2026-10-20", 1000);
    String finding = Finding.id("E", Finding.Kind.ACTION, "deal-risk.no-activity", "c1");

    List<Decision> history = new ArrayList<>();
    List<List<Escalation>> byDay = new ArrayList<>();
    for (int day = 1; day <= 4; day++) {
      Instant asOf = LoopFourDaysTest.day(day);
      Decision d = loop.decide(deal, asOf, List.of(), history, book, asOf);
      history.add(d);
      byDay.add(d.escalations().stream().filter(e -> e.finding().equals(finding)).toList());
    }

    assertThat(byDay.get(0)).isEmpty();
    assertThat(byDay.get(1)).isEmpty();
    assertThat(byDay.get(2))
        .extracting(
            Escalation::level,
            Escalation::owner,
            Escalation::manager,
            Escalation::since,
            Escalation::days,
            Escalation::message,
            Escalation::candidates)
        .containsExactly(
            tuple(
                Level.MANAGER,
                "ana",
                "maria",
                LocalDate.parse("2026-11-16"),
                2,
                "ana has left 'Re-engage E: nothing logged for 28 days' on deal E unresolved for 2 days",
                List.of()));
    assertThat(byDay.get(3))
        .extracting(
            Escalation::level,
            Escalation::manager,
            Escalation::days,
            Escalation::message,
            Escalation::talkTrack,
            Escalation::candidates)
        .containsExactly(
            tuple(
                Level.REASSIGN,
                "maria",
                3,
                "'Re-engage E: nothing logged for 29 days' on deal E has been unresolved for 3 days under ana: reassign it or back ana up",
                "Ask what is blocking the next call, and offer to join it.",
                List.of("ben")));
  }
}
