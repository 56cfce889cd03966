package dev.playbook.insights.loop;

import dev.playbook.Deals;
import dev.playbook.Playbook;
import dev.playbook.model.Deal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A book with a planted loop effect: reps who do the re-engage action win more of their stale
 * deals; nothing else they do matters.
 *
 * <ul>
 *   <li>{@code 3 × perSegment} open discovery deals (smb, mid-market, enterprise), each with one
 *       champion and nothing logged for 35 days on Monday 2026-11-16, so {@code
 *       deal-risk.no-activity} ("Re-engage …") suggests its action on every deal, {@code
 *       deal-risk.few-contacts} ("Multi-thread …") on the mid-market and enterprise ones (an smb
 *       deal may have one contact).
 *   <li>Monday's decisions are logged, and Tuesday's of the deals with a call. Reps do the
 *       re-engage action on 30 % of smb, 50 % of mid-market and 70 % of enterprise deals: half of
 *       them mark it {@code done}, the other half log a call on Tuesday, which meets its success
 *       indicator ({@code days_since(last_activity) < 2} within 5 business days).
 *   <li>Independently, reps mark the multi-thread action done on half the deals.
 *   <li>Every deal closes by 2026-12-15: won with a chance of 20 % (smb), 35 % (mid-market) or 50 %
 *       (enterprise), plus {@value #REENGAGE_EFFECT} when the re-engage action was done. The
 *       multi-thread action has no effect.
 * </ul>
 *
 * Since reps re-engage more often where deals win more anyway, the crude difference overstates the
 * planted 20 points; the comparison stratified by segment recovers it. Deterministic for a seed.
 */
final class PlantedLoopBook {

  static final double REENGAGE_EFFECT = 0.20;
  static final String REENGAGE = "deal-risk.no-activity";
  static final String MULTI_THREAD = "deal-risk.few-contacts";
  static final String POLICY =
      """
      dismiss_reasons: [not-relevant]
      rules:
        deal-risk.no-activity:
          success: { when: "days_since(last_activity) < 2", within: 5bd }
      """;
  static final Instant MONDAY = Instant.parse("2026-11-16T08:00:00Z");
  static final Instant TUESDAY = Instant.parse("2026-11-17T16:00:00Z");

  private static final String[] SEGMENTS = {"smb", "mid_market", "enterprise"};
  private static final double[] DO_RATE = {0.3, 0.5, 0.7};
  private static final double[] BASE_WIN = {0.2, 0.35, 0.5};

  final List<Deal> closedDeals = new ArrayList<>();
  final List<Decision> decisions = new ArrayList<>();
  final List<Feedback> feedback = new ArrayList<>();
  final LoopPolicy policy;

  private static final java.util.Map<List<Long>, PlantedLoopBook> MADE =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The book of {@code seed} and {@code perSegment}, made once for all the tests that read it. */
  static PlantedLoopBook of(long seed, int perSegment) {
    return MADE.computeIfAbsent(
        List.of(seed, (long) perSegment), k -> new PlantedLoopBook(seed, perSegment));
  }

  PlantedLoopBook(long seed, int perSegment) {
    Playbook playbook = Playbook.builtIn("deal-risk");
    policy = LoopPolicy.parse("loop.yaml", POLICY, playbook);
    Loop loop = Loop.of(playbook, policy);
    Random rng = new Random(seed);
    for (int s = 0; s < SEGMENTS.length; s++) {
      for (int i = 0; i < perSegment; i++) {
        String id = SEGMENTS[s] + "-" + i;
        String owner = "rep" + (i % 6);
        Deal monday = deal(id, owner, SEGMENTS[s], "discovery", false, null);
        Decision d1 = loop.decide(monday, MONDAY, List.of(), List.of(), MONDAY);
        decisions.add(d1);
        boolean reengaged = rng.nextDouble() < DO_RATE[s];
        boolean byCall = reengaged && rng.nextBoolean();
        boolean multiThreaded = rng.nextBoolean();
        Instant answered = MONDAY.plusSeconds(3600);
        for (Finding f : d1.findings()) {
          boolean done =
              (f.rule().equals(REENGAGE) && reengaged && !byCall)
                  || (f.rule().equals(MULTI_THREAD) && multiThreaded);
          if (f.kind() == Finding.Kind.ACTION && done) {
            feedback.add(
                new Feedback(
                    f.id(), id, Feedback.Response.DONE, null, null, null, owner, answered));
          }
        }
        if (byCall) {
          Deal tuesday = deal(id, owner, SEGMENTS[s], "discovery", true, null);
          decisions.add(loop.decide(tuesday, TUESDAY, feedback, List.of(d1), TUESDAY));
        }
        boolean won = rng.nextDouble() < BASE_WIN[s] + (reengaged ? REENGAGE_EFFECT : 0);
        closedDeals.add(
            deal(id, owner, SEGMENTS[s], won ? "closed_won" : "closed_lost", byCall, won));
      }
    }
  }

  private static Deal deal(
      String id, String owner, String segment, String stage, boolean called, Boolean won) {
    String calls =
        called
            ? ", {\"id\": \"a2\", \"type\": \"call\", \"direction\": \"outbound\","
                + " \"occurred_at\": \"2026-11-17T10:00:00Z\"}"
            : "";
    String closed =
        won == null
            ? ""
            : ", {\"stage\": \"%s\", \"entered_at\": \"2026-12-15T09:00:00Z\"}".formatted(stage);
    String json =
        """
        {"id": "%s", "name": "%s", "account": "%s", "owner": "%s", "segment": "%s",
         "stage": "%s", "amount": 1000, "currency": "EUR", "created_at": "2026-09-01T09:00:00Z",
         "stage_history": [{"stage": "discovery", "entered_at": "2026-10-01T09:00:00Z"}%s],
         "contacts": [{"id": "c1", "name": "Lena Fischer", "roles": ["champion"], "power": "medium"}],
         "activities": [{"id": "a1", "type": "call", "direction": "outbound", "occurred_at": "2026-10-12T10:00:00Z"}%s]}
        """
            .formatted(id, id, id, owner, segment, stage, closed, calls)
            .replace("\n", " ");
    return Deals.parse(id + ".jsonl", json).get(0);
  }
}
