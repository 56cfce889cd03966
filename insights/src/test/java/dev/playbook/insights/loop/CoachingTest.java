package dev.playbook.insights.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.Deals;
import dev.playbook.Playbook;
import dev.playbook.insights.stats.Estimate;
import dev.playbook.insights.stats.Proportions;
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
            "maria",
            policy,
            deals,
            Set.of("closed_won"),
            Set.of("closed_lost"),
            decisions,
            feedback);

    assertThat(plan.reps())
        .extracting(Coaching.RepPlan::rep)
        .containsExactly("ana", "ben", "chen", "dan");
    assertThat(plan.digest())
        .isEqualTo(
            """
            Coaching plan for maria: 4 reps, 16 rep-and-rule comparisons (intervals Bonferroni-adjusted for all of them)

            ana (10 open deals): findings shown 80, done 1, dismissed 1, snoozed 0, no answer 78
              deal-risk.no-activity: 10 of 10 deals (100%) vs team 3 of 30 (10%), +90 points (adjusted 37 to 98)

            ben (10 open deals): findings shown 62, done 0, dismissed 0, snoozed 0, no answer 62
              nothing stands out from the team

            chen (10 open deals): findings shown 62, done 0, dismissed 0, snoozed 0, no answer 62
              nothing stands out from the team

            dan (10 open deals): findings shown 62, done 0, dismissed 0, snoozed 0, no answer 62
              nothing stands out from the team

            Which actions work (closed deals; done = marked done or success met):
              4 actions were suggested only on deals that have not closed yet
            """);
  }

  @Test
  void plan_differenceSignificantOnlyBeforeTheCorrection_isNotCoached() {
    Playbook playbook = Playbook.builtIn("deal-risk");
    LoopPolicy policy = LoopPolicy.parse("loop.yaml", POLICY, playbook);
    Loop loop = Loop.of(playbook, policy);
    Instant asOf = Instant.parse("2026-11-16T08:00:00Z");
    List<Deal> deals = new ArrayList<>();
    for (String rep : List.of("ana", "ben", "chen", "dan")) {
      for (int i = 0; i < 10; i++) {
        // four of ana's ten deals went quiet, one of each other rep's ten
        boolean quiet = i == 0 || (rep.equals("ana") && i < 4);
        deals.add(deal(rep + "-" + i, rep, quiet ? "2026-10-20" : "2026-11-13"));
      }
    }
    List<Decision> decisions = new ArrayList<>();
    for (Deal d : deals) {
      decisions.add(loop.decide(d, asOf, List.of(), List.of(), asOf));
    }

    Coaching plan =
        Coaching.plan(
            "maria",
            policy,
            deals,
            Set.of("closed_won"),
            Set.of("closed_lost"),
            decisions,
            List.of());

    // 4 of 10 against 3 of 30 passes a single 95 % test ...
    assertThat(Proportions.newcombeDifference(4, 10, 3, 30).low()).isPositive();
    // ... but not once every rep is compared on every rule
    assertThat(plan.comparisons()).isEqualTo(16);
    assertThat(plan.reps()).allSatisfy(r -> assertThat(r.points()).isEmpty());
  }

  static Coaching small() {
    Estimate d = Estimate.of(0.5, 0.25, 0.75);
    Estimate a = Estimate.of(0.5, 0.125, 0.875);
    ActionEffects.Row row =
        new ActionEffects.Row(
            "r.<x>",
            10,
            4,
            1,
            3,
            5,
            1,
            5,
            Proportions.wilson(3, 5),
            Proportions.wilson(1, 5),
            Estimate.of(0.4, -0.1, 0.7),
            Estimate.of(0.4, -0.2, 0.8),
            1,
            0);
    return new Coaching(
        "m<&>",
        2,
        List.of(
            new Coaching.RepPlan(
                "a\"b", 4, List.of(new Coaching.Point("r.<x>", 4, 4, 0, 4, d, a)), 3, 1, 1, 0, 1)),
        new ActionEffects(List.of(row)));
  }

  @Test
  void json_plan_writesEveryFigureUnderItsDocumentedName() {
    assertThat(small().json())
        .isEqualTo(
            """
            {
              "schema" : "playbook-coaching/1",
              "manager" : "m<&>",
              "correction" : {
                "method" : "bonferroni",
                "comparisons" : 2,
                "family_error" : 0.05
              },
              "reps" : [ {
                "rep" : "a\\"b",
                "open_deals" : 4,
                "responses" : {
                  "shown" : 3,
                  "done" : 1,
                  "dismissed" : 1,
                  "snoozed" : 0,
                  "no_answer" : 1
                },
                "points" : [ {
                  "rule" : "r.<x>",
                  "rep_deals" : 4,
                  "rep_total" : 4,
                  "team_deals" : 0,
                  "team_total" : 4,
                  "difference" : {
                    "value" : 0.5,
                    "low" : 0.25,
                    "high" : 0.75
                  },
                  "adjusted" : {
                    "value" : 0.5,
                    "low" : 0.125,
                    "high" : 0.875
                  }
                } ]
              } ],
              "actions" : [ {
                "rule" : "r.<x>",
                "suggested" : 10,
                "marked_done" : 4,
                "success_met" : 1,
                "done" : {
                  "won" : 3,
                  "closed" : 5
                },
                "not_done" : {
                  "won" : 1,
                  "closed" : 5
                },
                "crude" : {
                  "value" : 0.4,
                  "low" : -0.1,
                  "high" : 0.7
                },
                "stratified" : {
                  "value" : 0.4,
                  "low" : -0.2,
                  "high" : 0.8
                },
                "strata" : 1,
                "strata_skipped" : 0,
                "verdict" : "unclear"
              } ]
            }
            """);
  }

  @Test
  void html_plan_isOneSectionWithEveryTextEscaped() {
    assertThat(small().html())
        .isEqualTo(
            """
            <section class="coaching">
            <h2>Coaching plan for m&lt;&amp;&gt;</h2>
            <p>1 reps; intervals Bonferroni-adjusted for 2 rep-and-rule comparisons.</p>
            <table>
            <thead><tr><th>Rep</th><th>Open deals</th><th>Shown</th><th>Done</th><th>Dismissed</th><th>Snoozed</th><th>No answer</th><th>Coach on</th></tr></thead>
            <tbody>
            <tr><td>a&quot;b</td><td>4</td><td>3</td><td>1</td><td>1</td><td>0</td><td>1</td><td>r.&lt;x&gt;: 4 of 4 vs team 0 of 4, +50 points (adjusted 13 to 88)</td></tr>
            </tbody>
            </table>
            <h3>Which actions work</h3>
            <table>
            <thead><tr><th>Action of rule</th><th>Suggested</th><th>Marked done</th><th>Success met</th><th>Won when done</th><th>Won when not</th><th>Difference (stratified)</th><th>Verdict</th></tr></thead>
            <tbody>
            <tr><td>r.&lt;x&gt;</td><td>10</td><td>4</td><td>1</td><td>3 of 5 (60%)</td><td>1 of 5 (20%)</td><td>+40 points (95% -20 to 80)</td><td>unclear</td></tr>
            </tbody>
            </table>
            </section>
            """);
  }
}
