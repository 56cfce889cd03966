package dev.playbook.insights.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.Deals;
import dev.playbook.Playbook;
import dev.playbook.model.Deal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A manager's coaching plan from a day's decisions and the reps' feedback. */
class CoachingTest {

  static final String POLICY =
      """
      dismiss_reasons: [not-relevant]
      teams:
        west: { manager: maria, reps: [ana, ben, chen, dan] }
        east: { manager: omar, reps: [eve] }
      """;

  static Deal deal(String id, String owner, String lastTouch) {
    String json =
        """
        {"id": "%s", "name": "%s", "account": "%s", "owner": "%s", "segment": "mid_market",
         "stage": "discovery", "amount": 1000, "currency": "EUR", "created_at": "2026-09-01T09:00:00Z",
         "contacts": [{"id": "c1", "name": "Lena Fischer", "roles": ["champion"], "power": "medium"}],
         "activities": [{"id": "a1", "type": "call", "direction": "outbound", "occurred_at": "%sT10:00:00Z"}]}
        """
            .formatted(id, id, id, owner, lastTouch)
            .replace("\n", " ");
    return Deals.parse(id + ".jsonl", json).get(0);
  }

  @Test
  void plan_repWhoLetsDealsGoQuiet_isCoachedOnThatRuleAndNobodyElseIs() {
    Playbook playbook = Playbook.builtIn("deal-risk");
    LoopPolicy policy = LoopPolicy.parse("loop.yaml", POLICY, playbook);
    Loop loop = Loop.of(playbook, policy);
    Instant asOf = Instant.parse("2026-11-16T08:00:00Z");
    List<Deal> deals = new ArrayList<>();
    for (String rep : List.of("ana", "ben", "chen", "dan", "eve")) {
      for (int i = 0; i < 10; i++) {
        // ana's deals all went quiet; of the others' only one in ten did
        boolean quiet = rep.equals("ana") || i == 0;
        deals.add(deal(rep + "-" + i, rep, quiet ? "2026-10-20" : "2026-11-13"));
      }
    }
    List<Decision> decisions = new ArrayList<>();
    for (Deal d : deals) {
      decisions.add(loop.decide(d, asOf, List.of(), List.of(), asOf));
    }
    String quiet0 = Finding.id("ana-0", Finding.Kind.ACTION, "deal-risk.no-activity", "c1");
    String quiet1 = Finding.id("ana-1", Finding.Kind.ACTION, "deal-risk.no-activity", "c1");
    List<Feedback> feedback =
        FeedbackFile.parse(
            "feedback.jsonl",
            """
            {"finding":"%s","deal":"ana-0","response":"dismissed","reason":"not-relevant","by":"ana","at":"2026-11-16T09:00:00Z"}
            {"finding":"%s","deal":"ana-1","response":"done","by":"ana","at":"2026-11-16T09:00:00Z"}
            """
                .formatted(quiet0, quiet1),
            policy);

    Coaching plan =
        Coaching.plan(
            "maria", policy, deals, Set.of("closed_won", "closed_lost"), decisions, feedback);

    assertThat(plan.reps())
        .extracting(Coaching.RepPlan::rep)
        .containsExactly("ana", "ben", "chen", "dan");
    assertThat(plan.digest())
        .isEqualTo(
            """
            Coaching plan for maria: 4 reps

            ana (10 open deals): findings shown 80, done 1, dismissed 1, snoozed 0, no answer 78
              deal-risk.no-activity: 10 of 10 deals (100%) vs team 3 of 30 (10%), +90 points (95% 58 to 97)

            ben (10 open deals): findings shown 62, done 0, dismissed 0, snoozed 0, no answer 62
              nothing stands out from the team

            chen (10 open deals): findings shown 62, done 0, dismissed 0, snoozed 0, no answer 62
              nothing stands out from the team

            dan (10 open deals): findings shown 62, done 0, dismissed 0, snoozed 0, no answer 62
              nothing stands out from the team
            """);
  }
}
