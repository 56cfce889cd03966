package dev.playbook.insights.loop;

import static java.util.Objects.requireNonNull;

import dev.playbook.insights.loop.Feedback.Response;
import dev.playbook.insights.stats.Estimate;
import dev.playbook.insights.stats.Proportions;
import dev.playbook.model.Deal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A manager's coaching plan from the decision log: for each rep of the manager's teams, the rules
 * they break on a larger share of their open deals than the rest of the team does (only where the
 * 95 % interval of the difference excludes 0, so that noise is not coached), and how they answer
 * findings.
 *
 * @param manager the manager
 * @param reps one plan per rep, by name
 */
public record Coaching(String manager, List<RepPlan> reps) {

  /** The most coaching points listed for one rep. */
  public static final int MAX_POINTS = 3;

  public Coaching {
    requireNonNull(manager, "manager");
    reps = List.copyOf(reps);
  }

  /**
   * One rep's plan.
   *
   * @param rep the rep
   * @param deals how many of their open deals have a decision
   * @param points the rules to coach, largest difference first, at most {@link #MAX_POINTS}
   * @param shown how many findings were shown to them (once per finding)
   * @param done how many of those they marked done
   * @param dismissed how many they dismissed
   * @param snoozed how many they snoozed
   * @param ignored how many got no answer
   */
  public record RepPlan(
      String rep,
      int deals,
      List<Point> points,
      int shown,
      int done,
      int dismissed,
      int snoozed,
      int ignored) {
    public RepPlan {
      requireNonNull(rep, "rep");
      points = List.copyOf(points);
    }
  }

  /**
   * A rule a rep breaks more often than the rest of their team.
   *
   * @param rule the rule
   * @param repDeals the rep's deals it fired on
   * @param repTotal the rep's deals
   * @param teamDeals the rest of the team's deals it fired on
   * @param teamTotal the rest of the team's deals
   * @param difference the rep's rate minus the team's, with its 95 % interval (Newcombe)
   */
  public record Point(
      String rule, int repDeals, int repTotal, int teamDeals, int teamTotal, Estimate difference) {}

  /**
   * The plan for {@code manager}, from the latest decision on each open deal (a deal in one of
   * {@code closedStages} is left out), the deals' owners and the feedback.
   */
  public static Coaching plan(
      String manager,
      LoopPolicy policy,
      Collection<Deal> deals,
      Set<String> closedStages,
      Collection<Decision> decisions,
      Collection<Feedback> feedback) {
    requireNonNull(manager, "manager");
    requireNonNull(closedStages, "closedStages");
    Map<String, String> owner = new HashMap<>();
    Map<String, String> team = new HashMap<>();
    for (Deal d : deals) {
      if (d.owner() != null && !closedStages.contains(d.stage())) {
        owner.put(d.id(), d.owner());
        team.put(d.id(), d.team());
      }
    }
    Map<String, Decision> latest = new HashMap<>();
    Map<String, Set<String>> shownBy = new HashMap<>();
    for (Decision d : decisions) {
      latest.merge(d.dealId(), d, (a, b) -> a.asOf().isAfter(b.asOf()) ? a : b);
      String rep = owner.get(d.dealId());
      if (rep != null) {
        d.findings().forEach(f -> shownBy.computeIfAbsent(rep, k -> new HashSet<>()).add(f.id()));
      }
    }
    // the reps of the manager's teams that own a deal with a decision
    Map<String, Set<String>> rules = new HashMap<>();
    Map<String, Integer> total = new HashMap<>();
    Set<String> reps = new TreeSet<>();
    for (Decision d : latest.values()) {
      String rep = owner.get(d.dealId());
      LoopPolicy.Team t = rep == null ? null : policy.team(team.get(d.dealId()), rep);
      if (t == null || !manager.equals(t.manager())) {
        continue;
      }
      reps.add(rep);
      total.merge(rep, 1, Integer::sum);
      Set<String> fired = new TreeSet<>();
      d.allFindings().forEach(f -> fired.add(f.rule()));
      for (String r : fired) {
        rules.computeIfAbsent(rep + '\u0000' + r, k -> new HashSet<>()).add(d.dealId());
      }
    }
    Set<String> allRules = new TreeSet<>();
    rules.keySet().forEach(k -> allRules.add(k.substring(k.indexOf('\u0000') + 1)));
    Map<String, Response> answer = new LinkedHashMap<>();
    feedback.stream()
        .sorted(Comparator.comparing(Feedback::at))
        .forEach(f -> answer.put(f.finding(), f.response()));
    List<RepPlan> plans = new ArrayList<>();
    int teamTotal = total.values().stream().mapToInt(Integer::intValue).sum();
    for (String rep : reps) {
      int n = total.get(rep);
      List<Point> points = new ArrayList<>();
      for (String rule : allRules) {
        int k = size(rules.get(rep + '\u0000' + rule));
        int teamK = 0;
        for (String other : reps) {
          if (!other.equals(rep)) {
            teamK += size(rules.get(other + '\u0000' + rule));
          }
        }
        int teamN = teamTotal - n;
        Estimate diff = Proportions.newcombeDifference(k, n, teamK, teamN);
        if (diff.hasInterval() && diff.low() > 0) {
          points.add(new Point(rule, k, n, teamK, teamN, diff));
        }
      }
      points.sort(
          Comparator.comparingDouble((Point p) -> -p.difference().value())
              .thenComparing(Point::rule));
      Set<String> shown = shownBy.getOrDefault(rep, Set.of());
      int done = 0;
      int dismissed = 0;
      int snoozed = 0;
      int ignored = 0;
      for (String f : shown) {
        Response r = answer.get(f);
        if (r == Response.DONE) {
          done++;
        } else if (r == Response.DISMISSED) {
          dismissed++;
        } else if (r == Response.SNOOZED) {
          snoozed++;
        } else if (r == null) {
          ignored++;
        }
      }
      plans.add(
          new RepPlan(
              rep,
              n,
              points.subList(0, Math.min(MAX_POINTS, points.size())),
              shown.size(),
              done,
              dismissed,
              snoozed,
              ignored));
    }
    return new Coaching(manager, plans);
  }

  private static int size(Set<String> s) {
    return s == null ? 0 : s.size();
  }

  /** A plain-text digest a manager can read in a minute. */
  public String digest() {
    StringBuilder out = new StringBuilder();
    out.append("Coaching plan for ")
        .append(manager)
        .append(": ")
        .append(reps.size())
        .append(" reps\n");
    for (RepPlan p : reps) {
      out.append('\n')
          .append(p.rep())
          .append(" (")
          .append(p.deals())
          .append(" open deals): findings shown ")
          .append(p.shown())
          .append(", done ")
          .append(p.done())
          .append(", dismissed ")
          .append(p.dismissed())
          .append(", snoozed ")
          .append(p.snoozed())
          .append(", no answer ")
          .append(p.ignored())
          .append('\n');
      if (p.points().isEmpty()) {
        out.append("  nothing stands out from the team\n");
      }
      for (Point pt : p.points()) {
        out.append(
            String.format(
                Locale.ROOT,
                "  %s: %d of %d deals (%.0f%%) vs team %d of %d (%.0f%%), +%.0f points (95%% %.0f to %.0f)%n",
                pt.rule(),
                pt.repDeals(),
                pt.repTotal(),
                100.0 * pt.repDeals() / pt.repTotal(),
                pt.teamDeals(),
                pt.teamTotal(),
                100.0 * pt.teamDeals() / pt.teamTotal(),
                100 * pt.difference().value(),
                100 * pt.difference().low(),
                100 * pt.difference().high()));
      }
    }
    return out.toString();
  }
}
