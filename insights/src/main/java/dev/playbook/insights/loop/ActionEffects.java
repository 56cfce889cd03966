package dev.playbook.insights.loop;

import static java.util.Objects.requireNonNull;

import dev.playbook.insights.loop.Decision.Status;
import dev.playbook.insights.loop.Feedback.Response;
import dev.playbook.insights.stats.Estimate;
import dev.playbook.insights.stats.MantelHaenszel;
import dev.playbook.insights.stats.Proportions;
import dev.playbook.model.Deal;
import dev.playbook.model.StageChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which suggested actions work: for each rule whose action was suggested on deals that have since
 * closed, the win rate of the deals where the rep did it against the deals where it was suggested
 * and not done.
 *
 * <p>An action counts as <b>done</b> on a deal when the rep marked one of the rule's actions there
 * {@code done}, or when its success indicator was met; otherwise, once suggested (shown or hidden),
 * it counts as <b>not done</b>. Only deals whose current stage is won or lost count. The comparison
 * is stratified by the deal's segment and its stage on the day the action was first suggested (when
 * the deal's stage history tells it), and pooled with the Mantel–Haenszel risk difference (Sato's
 * variance), so that an action done more often in segments that win more anyway is not credited for
 * the segment; the crude difference (one table, Newcombe's interval) is given beside it.
 *
 * <p>This measures association, not cause: reps choose which actions they do, and a rep who does
 * them may differ in other ways from one who does not.
 *
 * @param rows one row per rule, by rule id
 */
public record ActionEffects(List<Row> rows) {

  public ActionEffects {
    rows = List.copyOf(rows);
  }

  /**
   * One action's comparison.
   *
   * @param rule the rule
   * @param suggested the deals it was suggested on, open or closed
   * @param markedDone of those, the deals where the rep marked it done
   * @param successMet of those, the deals where its success indicator was met
   * @param doneWon closed deals where it was done, won
   * @param doneClosed closed deals where it was done
   * @param notDoneWon closed deals where it was suggested and not done, won
   * @param notDoneClosed closed deals where it was suggested and not done
   * @param doneRate the win rate when done, with its Wilson interval
   * @param notDoneRate the win rate when not done, with its Wilson interval
   * @param crude the difference of the two, with Newcombe's 95 % interval
   * @param stratified the Mantel–Haenszel risk difference over the strata, with its 95 % interval
   * @param strata the strata used for it
   * @param skipped the strata skipped for having no done or no not-done deal
   */
  public record Row(
      String rule,
      int suggested,
      int markedDone,
      int successMet,
      long doneWon,
      long doneClosed,
      long notDoneWon,
      long notDoneClosed,
      Estimate doneRate,
      Estimate notDoneRate,
      Estimate crude,
      Estimate stratified,
      int strata,
      int skipped) {
    public Row {
      requireNonNull(rule, "rule");
    }

    /**
     * Whether the stratified interval lies wholly above 0 ({@code "works"}), wholly below it
     * ({@code "harms"}), or neither ({@code "unclear"}).
     */
    public String verdict() {
      if (!stratified.excludes(0)) {
        return "unclear";
      }
      return stratified.low() > 0 ? "works" : "harms";
    }
  }

  /** One deal's record for one rule. */
  private static final class Seen {
    Instant first;
    boolean markedDone;
    boolean successMet;
  }

  /**
   * The table from the decision log, the feedback and the deals as they are now.
   *
   * @param decisions the logged decisions, any order
   * @param feedback the reps' responses
   * @param deals the deals as they are now, for their outcome, segment and stage history
   * @param wonStages the stages of won deals
   * @param lostStages the stages of lost deals
   */
  public static ActionEffects measure(
      Collection<Decision> decisions,
      Collection<Feedback> feedback,
      Collection<Deal> deals,
      Set<String> wonStages,
      Set<String> lostStages) {
    requireNonNull(decisions, "decisions");
    requireNonNull(feedback, "feedback");
    requireNonNull(deals, "deals");
    requireNonNull(wonStages, "wonStages");
    requireNonNull(lostStages, "lostStages");
    // rule -> deal -> what was seen; finding id -> rule, for the feedback
    Map<String, Map<String, Seen>> byRule = new TreeMap<>();
    Map<String, String> ruleOf = new HashMap<>();
    for (Decision d : decisions) {
      Set<String> rules = new HashSet<>();
      for (Finding f : d.allFindings()) {
        if (f.kind() == Finding.Kind.ACTION) {
          ruleOf.put(f.id(), f.rule());
          rules.add(f.rule());
        }
      }
      for (String r : rules) {
        Seen s =
            byRule
                .computeIfAbsent(r, k -> new HashMap<>())
                .computeIfAbsent(d.dealId(), k -> new Seen());
        if (s.first == null || d.asOf().isBefore(s.first)) {
          s.first = d.asOf();
        }
      }
      for (Decision.Indicator i : d.indicators()) {
        if (i.status() == Status.MET) {
          Seen s = byRule.computeIfAbsent(i.rule(), k -> new HashMap<>()).get(d.dealId());
          if (s != null) {
            s.successMet = true;
          }
        }
      }
    }
    for (Feedback f : feedback) {
      String rule = ruleOf.get(f.finding());
      if (f.response() == Response.DONE && rule != null) {
        Seen s = byRule.get(rule).get(f.dealId());
        if (s != null) {
          s.markedDone = true;
        }
      }
    }
    Map<String, Deal> dealById = new HashMap<>();
    for (Deal d : deals) {
      dealById.put(d.id(), d);
    }
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, Map<String, Seen>> e : byRule.entrySet()) {
      int marked = 0;
      int met = 0;
      // stratum -> doneWon, done, notDoneWon, notDone
      Map<String, long[]> strata = new TreeMap<>();
      for (Map.Entry<String, Seen> de : e.getValue().entrySet()) {
        Seen s = de.getValue();
        marked += s.markedDone ? 1 : 0;
        met += s.successMet ? 1 : 0;
        Deal deal = dealById.get(de.getKey());
        if (deal == null) {
          continue;
        }
        boolean won = wonStages.contains(deal.stage());
        if (!won && !lostStages.contains(deal.stage())) {
          continue;
        }
        long[] c = strata.computeIfAbsent(stratum(deal, s.first), k -> new long[4]);
        int at = s.markedDone || s.successMet ? 0 : 2;
        c[at] += won ? 1 : 0;
        c[at + 1]++;
      }
      List<MantelHaenszel.Stratum> list = new ArrayList<>();
      long[] total = new long[4];
      for (Map.Entry<String, long[]> s : strata.entrySet()) {
        long[] c = s.getValue();
        list.add(new MantelHaenszel.Stratum(s.getKey(), c[0], c[1], c[2], c[3]));
        for (int i = 0; i < 4; i++) {
          total[i] += c[i];
        }
      }
      MantelHaenszel mh = MantelHaenszel.of(list);
      rows.add(
          new Row(
              e.getKey(),
              e.getValue().size(),
              marked,
              met,
              total[0],
              total[1],
              total[2],
              total[3],
              Proportions.wilson(total[0], total[1]),
              Proportions.wilson(total[2], total[3]),
              Proportions.newcombeDifference(total[0], total[1], total[2], total[3]),
              mh.used() == 0 ? Estimate.undefined() : mh.pooled().riskDifference(),
              mh.used(),
              mh.skipped()));
    }
    return new ActionEffects(rows);
  }

  /** The deal's segment and its stage when the action was first suggested, if the history says. */
  private static String stratum(Deal deal, Instant first) {
    String stage = null;
    for (StageChange c : deal.stageHistory()) {
      if (!c.enteredAt().isAfter(first)) {
        stage = c.stage();
      }
    }
    return (stage == null ? "(none)" : stage)
        + " / "
        + (deal.segment() == null ? "(none)" : deal.segment());
  }

  /** The table as text, one line per action. */
  public String digest() {
    StringBuilder out = new StringBuilder();
    out.append("Which actions work (closed deals; done = marked done or success met):\n");
    if (rows.isEmpty()) {
      out.append("  no action was suggested in the decisions\n");
    }
    int waiting = 0;
    for (Row r : rows) {
      if (r.doneClosed() + r.notDoneClosed() == 0) {
        waiting++;
        continue;
      }
      out.append(
          String.format(
              Locale.ROOT,
              "  %s: suggested on %d deals, marked done %d, success met %d; won %s when done vs %s"
                  + " when not; difference %s (stratified, %d strata): %s%n",
              r.rule(),
              r.suggested(),
              r.markedDone(),
              r.successMet(),
              rate(r.doneWon(), r.doneClosed()),
              rate(r.notDoneWon(), r.notDoneClosed()),
              points(r.stratified()),
              r.strata(),
              r.verdict()));
    }
    if (waiting > 0) {
      out.append("  ")
          .append(waiting)
          .append(waiting == 1 ? " action was" : " actions were")
          .append(" suggested only on deals that have not closed yet\n");
    }
    return out.toString();
  }

  static String rate(long k, long n) {
    return n == 0 ? "0 of 0" : String.format(Locale.ROOT, "%d of %d (%.0f%%)", k, n, 100.0 * k / n);
  }

  /** A difference in points with its 95 % interval, or "not available". */
  static String points(Estimate e) {
    return points(e, "95%");
  }

  /** A difference in points with its interval, named {@code level}, or "not available". */
  static String points(Estimate e, String level) {
    if (!e.isDefined()) {
      return "not available";
    }
    if (!e.hasInterval()) {
      return String.format(Locale.ROOT, "%+.0f points (no interval)", 100 * e.value());
    }
    return String.format(
        Locale.ROOT,
        "%+.0f points (%s %.0f to %.0f)",
        100 * e.value(),
        level,
        100 * e.low(),
        100 * e.high());
  }
}
