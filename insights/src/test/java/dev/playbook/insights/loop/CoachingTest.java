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
            playbook,
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
            Coaching plan for maria: 4 reps, 16 rep-and-rule and 4 rep-and-stage comparisons (intervals Bonferroni-adjusted for each family)

            ana (10 open deals): 80 findings shown; done 1 (1%), dismissed 1 (1%), snoozed 0 (0%), no answer 78 (98%)
              deal-risk.no-activity: 10 of 10 deals (100%) vs team 3 of 30 (10%), +90 points (adjusted 37 to 98)
                practise: When we last spoke you were aiming to have this solved by the date we discussed. Is that still the plan, or has something moved up or down your list that I should know about?

            ben (10 open deals): 62 findings shown; done 0 (0%), dismissed 0 (0%), snoozed 0 (0%), no answer 62 (100%)
              nothing stands out from the team

            chen (10 open deals): 62 findings shown; done 0 (0%), dismissed 0 (0%), snoozed 0 (0%), no answer 62 (100%)
              nothing stands out from the team

            dan (10 open deals): 62 findings shown; done 0 (0%), dismissed 0 (0%), snoozed 0 (0%), no answer 62 (100%)
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

  static Deal staged(String id, String owner, String stage, String history) {
    String json =
        """
        {"id": "%s", "name": "%s", "account": "%s", "owner": "%s", "segment": "mid_market",
         "stage": "%s", "amount": 1000, "currency": "EUR", "created_at": "2026-09-01T09:00:00Z",
         "stage_history": [{"stage": "prospecting", "entered_at": "2026-10-01T09:00:00Z"},
           {"stage": "qualification", "entered_at": "2026-11-10T09:00:00Z"}%s],
         "contacts": [{"id": "c1", "name": "Lena Fischer", "roles": ["champion"], "power": "medium"}],
         "activities": [{"id": "a1", "type": "call", "direction": "outbound", "occurred_at": "2026-11-13T10:00:00Z"}]}
        """
            .formatted(id, id, id, owner, stage, history)
            .replace("\n", " ");
    return Deals.parse(id + ".jsonl", json).get(0);
  }

  @Test
  void plan_repWhoseDealsAreLostAtQualification_stallsThereWithTheStagesKeyNodeToPractise() {
    Playbook playbook = Playbook.builtIn("standard-b2b");
    LoopPolicy policy = LoopPolicy.parse("loop.yaml", POLICY, playbook);
    Loop loop = Loop.of(playbook, policy);
    Instant asOf = Instant.parse("2026-11-16T08:00:00Z");
    List<Deal> deals = new ArrayList<>();
    for (String rep : List.of("ana", "ben", "chen", "dan")) {
      for (int i = 0; i < 10; i++) {
        // four open deals each; ana lost her six others at qualification, the others won theirs
        String closing = rep.equals("ana") ? "closed_lost" : "closed_won";
        deals.add(
            i < 4
                ? staged(rep + "-" + i, rep, "qualification", "")
                : staged(
                    rep + "-" + i,
                    rep,
                    closing,
                    ", {\"stage\": \"%s\", \"entered_at\": \"2026-11-12T09:00:00Z\"}"
                        .formatted(closing)));
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
            playbook,
            deals,
            Set.of("closed_won"),
            Set.of("closed_lost"),
            decisions,
            List.of());

    assertThat(plan.stallComparisons()).isEqualTo(8);
    assertThat(plan.digest())
        .isEqualTo(
            """
            Coaching plan for maria: 4 reps, 8 rep-and-rule and 8 rep-and-stage comparisons (intervals Bonferroni-adjusted for each family)

            ana (4 open deals): 12 findings shown; done 0 (0%), dismissed 0 (0%), snoozed 0 (0%), no answer 12 (100%)
              deals stall at qualification: 6 of 10 (60%) vs team 0 of 30 (0%), +60 points (adjusted 18 to 88)
                practise: Qualification done: BANT: at most one of budget, authority, need and timeline unknown; SQL hand-off accepted: the owner has spoken with the buyer

            ben (4 open deals): 12 findings shown; done 0 (0%), dismissed 0 (0%), snoozed 0 (0%), no answer 12 (100%)
              nothing stands out from the team

            chen (4 open deals): 12 findings shown; done 0 (0%), dismissed 0 (0%), snoozed 0 (0%), no answer 12 (100%)
              nothing stands out from the team

            dan (4 open deals): 12 findings shown; done 0 (0%), dismissed 0 (0%), snoozed 0 (0%), no answer 12 (100%)
              nothing stands out from the team

            Which actions work (closed deals; done = marked done or success met):
              2 actions were suggested only on deals that have not closed yet
            """);
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
    Coaching.Stall stall =
        new Coaching.Stall("proposal", 3, 4, 1, 8, d, a, List.of("Budget <set>: amount named"));
    return new Coaching(
        "m<&>",
        2,
        3,
        List.of(
            new Coaching.RepPlan(
                "a\"b",
                4,
                stall,
                List.of(new Coaching.Point("r.<x>", 4, 4, 0, 4, d, a, "Ask & <listen>")),
                3,
                1,
                1,
                0,
                1)),
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
                "stall_comparisons" : 3,
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
                "stall" : {
                  "stage" : "proposal",
                  "rep_stalled" : 3,
                  "rep_reached" : 4,
                  "team_stalled" : 1,
                  "team_reached" : 8,
                  "difference" : {
                    "value" : 0.5,
                    "low" : 0.25,
                    "high" : 0.75
                  },
                  "adjusted" : {
                    "value" : 0.5,
                    "low" : 0.125,
                    "high" : 0.875
                  },
                  "sop" : [ "Budget <set>: amount named" ]
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
                  },
                  "practise" : "Ask & <listen>"
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
            <p>1 reps; intervals Bonferroni-adjusted for 2 rep-and-rule and 3 rep-and-stage comparisons.</p>
            <table>
            <thead><tr><th>Rep</th><th>Open deals</th><th>Shown</th><th>Done</th><th>Dismissed</th><th>Snoozed</th><th>No answer</th><th>Deals stall at</th><th>Coach on</th></tr></thead>
            <tbody>
            <tr><td>a&quot;b</td><td>4</td><td>3</td><td>1</td><td>1</td><td>0</td><td>1</td><td>proposal: 3 of 4 vs team 1 of 8, +50 points (adjusted 13 to 88)<br>practise: Budget &lt;set&gt;: amount named</td><td>r.&lt;x&gt;: 4 of 4 vs team 0 of 4, +50 points (adjusted 13 to 88)<br>practise: Ask &amp; &lt;listen&gt;</td></tr>
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
