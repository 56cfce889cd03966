package dev.playbook.insights.loop;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.playbook.Playbook;
import dev.playbook.descriptor.KeyNodeDescriptor;
import dev.playbook.insights.loop.Feedback.Response;
import dev.playbook.insights.stats.Estimate;
import dev.playbook.insights.stats.Proportions;
import dev.playbook.model.Deal;
import dev.playbook.model.StageChange;
import dev.playbook.result.Action;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
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
 * they break on a larger share of their open deals than the rest of the team does, and how they
 * answer findings; and for the team's deals, which suggested actions work ({@link ActionEffects}).
 *
 * <p>Every rule is compared for every rep at once, so some differences would pass a plain 95 % test
 * by chance (about one in twenty when nothing is going on). A rule is coached only where the
 * <b>Bonferroni</b>-adjusted interval of the difference, at the level {@code 1 - 0.05/m} for the
 * {@code m} comparisons of the plan (every rep against every rule that fired in the team), lies
 * above 0: the chance that any coaching point of the plan is noise is then at most 5 %.
 *
 * <p>The <b>key node where a rep's deals stall</b> is found the same way, as a second family of
 * comparisons. A deal <i>reached</i> a stage when its stage history or its current stage names it;
 * it <i>stalled</i> there when it was lost from that stage (the last stage before the lost one) or
 * is still open in it more than {@value #STALL_DAYS} days after entering it, as of the latest
 * decision. For every rep and every stage (other than won and lost) reached in the team, the rep's
 * share of stalled deals among their deals that reached it is compared with the rest of the team's,
 * with the Bonferroni-adjusted interval over those {@code reps × stages} comparisons; the stall
 * point is the stage with the largest difference whose adjusted interval lies above 0, if any.
 *
 * @param manager the manager
 * @param comparisons the number of rep-and-rule comparisons made, {@code m}
 * @param stallComparisons the number of rep-and-stage comparisons made for the stall points
 * @param reps one plan per rep, by name
 * @param actions which actions work, over the deals of the manager's teams
 */
public record Coaching(
    String manager,
    int comparisons,
    int stallComparisons,
    List<RepPlan> reps,
    ActionEffects actions) {

  /** The most coaching points listed for one rep. */
  public static final int MAX_POINTS = 3;

  /** The chance, over the whole plan, that a coaching point is noise. */
  public static final double FAMILY_ERROR = 0.05;

  /** The days in its current stage after which an open deal counts as stalled there. */
  public static final int STALL_DAYS = 30;

  public Coaching {
    requireNonNull(manager, "manager");
    reps = List.copyOf(reps);
    requireNonNull(actions, "actions");
  }

  /**
   * One rep's plan.
   *
   * @param rep the rep
   * @param deals how many of their open deals have a decision
   * @param stall the key node where their deals stall more than the team's, or null when none does
   *     significantly
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
      Stall stall,
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

    /** The share of the findings shown to them that got {@code count}, such as {@link #done()}. */
    public double share(int count) {
      return shown == 0 ? 0 : (double) count / shown;
    }
  }

  /**
   * The stage where a rep's deals stall more often than the rest of the team's.
   *
   * @param stage the stage
   * @param repStalled the rep's deals that stalled there
   * @param repReached the rep's deals that reached it
   * @param teamStalled the rest of the team's deals that stalled there
   * @param teamReached the rest of the team's deals that reached it
   * @param difference the rep's share minus the team's, with its 95 % interval (Newcombe)
   * @param adjusted the same difference with its Bonferroni-adjusted interval, which lies above 0
   * @param sop the stage's key nodes and their exit criteria to practise, in the playbook's locale,
   *     such as {@code "Budget confirmed: economic buyer named; budget approved"}; empty when the
   *     playbook has none for the stage
   */
  public record Stall(
      String stage,
      int repStalled,
      int repReached,
      int teamStalled,
      int teamReached,
      Estimate difference,
      Estimate adjusted,
      List<String> sop) {
    public Stall {
      requireNonNull(stage, "stage");
      requireNonNull(difference, "difference");
      requireNonNull(adjusted, "adjusted");
      sop = List.copyOf(sop);
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
   * @param adjusted the same difference with its Bonferroni-adjusted interval, which lies above 0
   * @param practise what to practise: the talk track of the rule's action in the playbook's locale
   *     (rendered for one of the rep's deals it fired on), else the action's text, else null
   */
  public record Point(
      String rule,
      int repDeals,
      int repTotal,
      int teamDeals,
      int teamTotal,
      Estimate difference,
      Estimate adjusted,
      String practise) {}

  /**
   * The plan for {@code manager}, from the latest decision on each open deal (a deal in one of
   * {@code wonStages} or {@code lostStages} is closed and left out of the reps' plans), the deals'
   * owners and the feedback; the actions' effects are measured on the closed deals of the manager's
   * teams.
   */
  public static Coaching plan(
      String manager,
      LoopPolicy policy,
      Collection<Deal> deals,
      Set<String> wonStages,
      Set<String> lostStages,
      Collection<Decision> decisions,
      Collection<Feedback> feedback) {
    return plan(manager, policy, null, deals, wonStages, lostStages, decisions, feedback);
  }

  /**
   * The plan as {@link #plan(String, LoopPolicy, Collection, Set, Set, Collection, Collection)}
   * makes it, with what to practise taken from {@code playbook}: for each coaching point the talk
   * track of the rule's action (rendered for one of the rep's deals), for each stall point the
   * stage's key nodes and exit criteria, in the playbook's locale (the first language its title is
   * written in). Without a playbook (null) a point names the action's text from the decision log.
   */
  public static Coaching plan(
      String manager,
      LoopPolicy policy,
      Playbook playbook,
      Collection<Deal> deals,
      Set<String> wonStages,
      Set<String> lostStages,
      Collection<Decision> decisions,
      Collection<Feedback> feedback) {
    requireNonNull(manager, "manager");
    requireNonNull(wonStages, "wonStages");
    requireNonNull(lostStages, "lostStages");
    Map<String, String> owner = new HashMap<>();
    Map<String, String> team = new HashMap<>();
    List<Deal> managed = new ArrayList<>();
    for (Deal d : deals) {
      LoopPolicy.Team t = d.owner() == null ? null : policy.team(d.team(), d.owner());
      if (t != null && manager.equals(t.manager())) {
        managed.add(d);
      }
      if (d.owner() != null && !wonStages.contains(d.stage()) && !lostStages.contains(d.stage())) {
        owner.put(d.id(), d.owner());
        team.put(d.id(), d.team());
      }
    }
    Set<String> managedIds = new HashSet<>();
    managed.forEach(d -> managedIds.add(d.id()));
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
    Locale locale = playbook == null ? Locale.ENGLISH : locale(playbook);
    Map<String, Deal> dealById = new HashMap<>();
    deals.forEach(d -> dealById.put(d.id(), d));
    Instant planDate =
        decisions.stream().map(Decision::asOf).max(Comparator.naturalOrder()).orElse(null);
    // rep -> stage -> {stalled, reached}, over every deal of the manager's teams
    Map<String, Map<String, int[]>> stalls = new HashMap<>();
    Set<String> stages = new TreeSet<>();
    for (Deal d : managed) {
      if (planDate == null || d.owner() == null) {
        continue;
      }
      String at = stalledAt(d, wonStages, lostStages, planDate);
      for (String stage : reached(d, wonStages, lostStages)) {
        stages.add(stage);
        int[] c =
            stalls
                .computeIfAbsent(d.owner(), k -> new HashMap<>())
                .computeIfAbsent(stage, k -> new int[2]);
        c[0] += stage.equals(at) ? 1 : 0;
        c[1]++;
      }
    }
    int stallComparisons = reps.size() > 1 ? reps.size() * stages.size() : 0;
    double stallLevel = stallComparisons == 0 ? 0.95 : 1 - FAMILY_ERROR / stallComparisons;
    List<RepPlan> plans = new ArrayList<>();
    int teamTotal = total.values().stream().mapToInt(Integer::intValue).sum();
    // every rep is compared with the rest of the team on every rule: m comparisons in all
    int comparisons = teamTotal > 0 && reps.size() > 1 ? reps.size() * allRules.size() : 0;
    double level = comparisons == 0 ? 0.95 : 1 - FAMILY_ERROR / comparisons;
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
        Estimate adjusted = newcombe(k, n, teamK, teamN, level);
        if (adjusted.hasInterval() && adjusted.low() > 0) {
          String practise =
              practise(playbook, locale, rule, rules.get(rep + '\u0000' + rule), latest, dealById);
          points.add(new Point(rule, k, n, teamK, teamN, diff, adjusted, practise));
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
      Stall stall = null;
      for (String stage : stages) {
        int[] mine = stalls.getOrDefault(rep, Map.of()).getOrDefault(stage, new int[2]);
        int teamStalled = 0;
        int teamReached = 0;
        for (Map.Entry<String, Map<String, int[]>> e : stalls.entrySet()) {
          int[] c = e.getValue().get(stage);
          if (!e.getKey().equals(rep) && c != null) {
            teamStalled += c[0];
            teamReached += c[1];
          }
        }
        Estimate adjusted = newcombe(mine[0], mine[1], teamStalled, teamReached, stallLevel);
        if (adjusted.hasInterval()
            && adjusted.low() > 0
            && (stall == null || adjusted.value() > stall.adjusted().value())) {
          stall =
              new Stall(
                  stage,
                  mine[0],
                  mine[1],
                  teamStalled,
                  teamReached,
                  Proportions.newcombeDifference(mine[0], mine[1], teamStalled, teamReached),
                  adjusted,
                  sop(playbook, locale, stage));
        }
      }
      plans.add(
          new RepPlan(
              rep,
              n,
              stall,
              points.subList(0, Math.min(MAX_POINTS, points.size())),
              shown.size(),
              done,
              dismissed,
              snoozed,
              ignored));
    }
    List<Decision> managedDecisions =
        decisions.stream().filter(d -> managedIds.contains(d.dealId())).toList();
    List<Feedback> managedFeedback =
        feedback.stream().filter(f -> managedIds.contains(f.dealId())).toList();
    ActionEffects actions =
        ActionEffects.measure(managedDecisions, managedFeedback, managed, wonStages, lostStages);
    return new Coaching(manager, comparisons, stallComparisons, plans, actions);
  }

  /** The playbook's locale: the first language its title is written in. */
  private static Locale locale(Playbook playbook) {
    String tag = playbook.describe().title().variants().keySet().iterator().next();
    return Locale.forLanguageTag(tag);
  }

  /** The stages other than won and lost that {@code deal}'s history or current stage names. */
  private static Set<String> reached(Deal deal, Set<String> won, Set<String> lost) {
    Set<String> out = new TreeSet<>();
    for (StageChange c : deal.stageHistory()) {
      out.add(c.stage());
    }
    out.add(deal.stage());
    out.removeAll(won);
    out.removeAll(lost);
    return out;
  }

  /**
   * The stage {@code deal} stalled at: the last stage before a lost one, or its current stage when
   * it has been open there more than {@value #STALL_DAYS} days on {@code date}; null otherwise.
   */
  static String stalledAt(Deal deal, Set<String> won, Set<String> lost, Instant date) {
    List<StageChange> history = new ArrayList<>(deal.stageHistory());
    history.sort(Comparator.comparing(StageChange::enteredAt));
    if (lost.contains(deal.stage())) {
      String before = null;
      for (StageChange c : history) {
        if (!won.contains(c.stage()) && !lost.contains(c.stage())) {
          before = c.stage();
        }
      }
      return before;
    }
    if (won.contains(deal.stage())) {
      return null;
    }
    Instant entered = null;
    for (StageChange c : history) {
      if (c.stage().equals(deal.stage())) {
        entered = c.enteredAt();
      }
    }
    return entered != null && entered.plus(Duration.ofDays(STALL_DAYS)).isBefore(date)
        ? deal.stage()
        : null;
  }

  /**
   * The talk track of {@code rule}'s action on the first of {@code dealIds} (by id), evaluated as
   * its latest decision was, else the action's text in that decision; null without either.
   */
  private static String practise(
      Playbook playbook,
      Locale locale,
      String rule,
      Set<String> dealIds,
      Map<String, Decision> latest,
      Map<String, Deal> dealById) {
    if (dealIds == null || dealIds.isEmpty()) {
      return null;
    }
    String id = new TreeSet<>(dealIds).first();
    Decision decision = latest.get(id);
    Deal deal = dealById.get(id);
    if (playbook != null && deal != null && decision != null) {
      for (Action a : playbook.evaluate(deal, decision.asOf(), locale).actions()) {
        if (a.rule().equals(rule)) {
          return a.talkTrack() != null ? a.talkTrack() : a.title();
        }
      }
    }
    if (decision != null) {
      for (Finding f : decision.allFindings()) {
        if (f.kind() == Finding.Kind.ACTION && f.rule().equals(rule)) {
          return f.text();
        }
      }
    }
    return null;
  }

  /** The key nodes of {@code stage} with their exit criteria, one line each. */
  private static List<String> sop(Playbook playbook, Locale locale, String stage) {
    if (playbook == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (KeyNodeDescriptor k : playbook.describe().keyNodes(stage)) {
      StringBuilder b = new StringBuilder(k.title().get(locale));
      for (int i = 0; i < k.criteria().size(); i++) {
        b.append(i == 0 ? ": " : "; ").append(k.criteria().get(i).title().get(locale));
      }
      out.add(b.toString());
    }
    return out;
  }

  /**
   * Newcombe's hybrid score interval for {@code k1/n1 - k2/n2} at {@code confidence} (see {@link
   * Proportions#newcombeDifference}); undefined when either sample is empty.
   */
  static Estimate newcombe(long k1, long n1, long k2, long n2, double confidence) {
    if (n1 == 0 || n2 == 0) {
      return Estimate.undefined();
    }
    Estimate w1 = Proportions.wilson(k1, n1, confidence);
    Estimate w2 = Proportions.wilson(k2, n2, confidence);
    double p1 = w1.value();
    double p2 = w2.value();
    double d = p1 - p2;
    double low = d - Math.hypot(p1 - w1.low(), w2.high() - p2);
    double high = d + Math.hypot(w1.high() - p1, p2 - w2.low());
    return Estimate.of(d, low, high);
  }

  private static int size(Set<String> s) {
    return s == null ? 0 : s.size();
  }

  /**
   * A plain-text digest a manager can read in a minute: per rep, how they answer findings, the
   * stage where their deals stall and the rules to coach, each with what to practise; then which
   * actions work.
   */
  public String digest() {
    StringBuilder out = new StringBuilder();
    out.append("Coaching plan for ")
        .append(manager)
        .append(": ")
        .append(reps.size())
        .append(" reps, ")
        .append(comparisons)
        .append(" rep-and-rule and ")
        .append(stallComparisons)
        .append(" rep-and-stage comparisons (intervals Bonferroni-adjusted for each family)\n");
    for (RepPlan p : reps) {
      out.append('\n')
          .append(p.rep())
          .append(" (")
          .append(p.deals())
          .append(" open deals): ")
          .append(p.shown())
          .append(" findings shown; done ")
          .append(share(p, p.done()))
          .append(", dismissed ")
          .append(share(p, p.dismissed()))
          .append(", snoozed ")
          .append(share(p, p.snoozed()))
          .append(", no answer ")
          .append(share(p, p.ignored()))
          .append('\n');
      if (p.points().isEmpty() && p.stall() == null) {
        out.append("  nothing stands out from the team\n");
      }
      Stall st = p.stall();
      if (st != null) {
        out.append(
            String.format(
                Locale.ROOT,
                "  deals stall at %s: %d of %d (%.0f%%) vs team %d of %d (%.0f%%), %s%n",
                st.stage(),
                st.repStalled(),
                st.repReached(),
                100.0 * st.repStalled() / st.repReached(),
                st.teamStalled(),
                st.teamReached(),
                100.0 * st.teamStalled() / st.teamReached(),
                ActionEffects.points(st.adjusted(), "adjusted")));
        for (String step : st.sop()) {
          out.append("    practise: ").append(step).append('\n');
        }
      }
      for (Point pt : p.points()) {
        out.append(
            String.format(
                Locale.ROOT,
                "  %s: %d of %d deals (%.0f%%) vs team %d of %d (%.0f%%), %s%n",
                pt.rule(),
                pt.repDeals(),
                pt.repTotal(),
                100.0 * pt.repDeals() / pt.repTotal(),
                pt.teamDeals(),
                pt.teamTotal(),
                100.0 * pt.teamDeals() / pt.teamTotal(),
                ActionEffects.points(pt.adjusted(), "adjusted")));
        if (pt.practise() != null) {
          out.append("    practise: ").append(pt.practise()).append('\n');
        }
      }
    }
    out.append('\n').append(actions.digest());
    return out.toString();
  }

  private static String share(RepPlan p, int count) {
    return String.format(Locale.ROOT, "%d (%.0f%%)", count, 100 * p.share(count));
  }

  /** The schema name of {@link #json()}. */
  public static final String JSON_SCHEMA = "playbook-coaching/1";

  /**
   * The plan as one pretty-printed JSON document, schema {@value #JSON_SCHEMA} (see
   * docs/feedback-and-coaching.md); a figure that cannot be computed is null.
   */
  public String json() {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("schema", JSON_SCHEMA);
      g.writeStringField("manager", manager);
      g.writeObjectFieldStart("correction");
      g.writeStringField("method", "bonferroni");
      g.writeNumberField("comparisons", comparisons);
      g.writeNumberField("stall_comparisons", stallComparisons);
      g.writeNumberField("family_error", FAMILY_ERROR);
      g.writeEndObject();
      g.writeArrayFieldStart("reps");
      for (RepPlan p : reps) {
        g.writeStartObject();
        g.writeStringField("rep", p.rep());
        g.writeNumberField("open_deals", p.deals());
        g.writeObjectFieldStart("responses");
        g.writeNumberField("shown", p.shown());
        g.writeNumberField("done", p.done());
        g.writeNumberField("dismissed", p.dismissed());
        g.writeNumberField("snoozed", p.snoozed());
        g.writeNumberField("no_answer", p.ignored());
        g.writeEndObject();
        Stall st = p.stall();
        if (st == null) {
          g.writeNullField("stall");
        } else {
          g.writeObjectFieldStart("stall");
          g.writeStringField("stage", st.stage());
          g.writeNumberField("rep_stalled", st.repStalled());
          g.writeNumberField("rep_reached", st.repReached());
          g.writeNumberField("team_stalled", st.teamStalled());
          g.writeNumberField("team_reached", st.teamReached());
          estimate(g, "difference", st.difference());
          estimate(g, "adjusted", st.adjusted());
          g.writeArrayFieldStart("sop");
          for (String step : st.sop()) {
            g.writeString(step);
          }
          g.writeEndArray();
          g.writeEndObject();
        }
        g.writeArrayFieldStart("points");
        for (Point pt : p.points()) {
          g.writeStartObject();
          g.writeStringField("rule", pt.rule());
          g.writeNumberField("rep_deals", pt.repDeals());
          g.writeNumberField("rep_total", pt.repTotal());
          g.writeNumberField("team_deals", pt.teamDeals());
          g.writeNumberField("team_total", pt.teamTotal());
          estimate(g, "difference", pt.difference());
          estimate(g, "adjusted", pt.adjusted());
          g.writeStringField("practise", pt.practise());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("actions");
      for (ActionEffects.Row r : actions.rows()) {
        g.writeStartObject();
        g.writeStringField("rule", r.rule());
        g.writeNumberField("suggested", r.suggested());
        g.writeNumberField("marked_done", r.markedDone());
        g.writeNumberField("success_met", r.successMet());
        g.writeObjectFieldStart("done");
        g.writeNumberField("won", r.doneWon());
        g.writeNumberField("closed", r.doneClosed());
        g.writeEndObject();
        g.writeObjectFieldStart("not_done");
        g.writeNumberField("won", r.notDoneWon());
        g.writeNumberField("closed", r.notDoneClosed());
        g.writeEndObject();
        estimate(g, "crude", r.crude());
        estimate(g, "stratified", r.stratified());
        g.writeNumberField("strata", r.strata());
        g.writeNumberField("strata_skipped", r.skipped());
        g.writeStringField("verdict", r.verdict());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out + "\n";
  }

  private static void estimate(JsonGenerator g, String name, Estimate e) throws IOException {
    g.writeObjectFieldStart(name);
    number(g, "value", e.value());
    number(g, "low", e.low());
    number(g, "high", e.high());
    g.writeEndObject();
  }

  private static void number(JsonGenerator g, String name, double x) throws IOException {
    if (Double.isFinite(x)) {
      g.writeNumberField(name, Math.round(x * 10_000) / 10_000.0);
    } else {
      g.writeNullField(name);
    }
  }

  /**
   * The plan as a section of an HTML page ({@code <section class="coaching">}): a table of each
   * rep's coaching points and answers, then the table of which actions work. All text is escaped.
   */
  public String html() {
    StringBuilder out = new StringBuilder();
    out.append("<section class=\"coaching\">\n<h2>Coaching plan for ")
        .append(esc(manager))
        .append("</h2>\n<p>")
        .append(reps.size())
        .append(" reps; intervals Bonferroni-adjusted for ")
        .append(comparisons)
        .append(" rep-and-rule and ")
        .append(stallComparisons)
        .append(" rep-and-stage comparisons.</p>\n");
    out.append(
        "<table>\n<thead><tr><th>Rep</th><th>Open deals</th><th>Shown</th><th>Done</th>"
            + "<th>Dismissed</th><th>Snoozed</th><th>No answer</th><th>Deals stall at</th>"
            + "<th>Coach on</th></tr></thead>\n"
            + "<tbody>\n");
    for (RepPlan p : reps) {
      out.append("<tr><td>")
          .append(esc(p.rep()))
          .append("</td><td>")
          .append(p.deals())
          .append("</td><td>")
          .append(p.shown())
          .append("</td><td>")
          .append(p.done())
          .append("</td><td>")
          .append(p.dismissed())
          .append("</td><td>")
          .append(p.snoozed())
          .append("</td><td>")
          .append(p.ignored())
          .append("</td><td>");
      Stall st = p.stall();
      if (st == null) {
        out.append("no stage stands out");
      } else {
        out.append(esc(st.stage()))
            .append(": ")
            .append(
                String.format(
                    Locale.ROOT,
                    "%d of %d vs team %d of %d, %s",
                    st.repStalled(),
                    st.repReached(),
                    st.teamStalled(),
                    st.teamReached(),
                    esc(ActionEffects.points(st.adjusted(), "adjusted"))));
        for (String step : st.sop()) {
          out.append("<br>practise: ").append(esc(step));
        }
      }
      out.append("</td><td>");
      if (p.points().isEmpty()) {
        out.append("nothing stands out");
      }
      for (int i = 0; i < p.points().size(); i++) {
        Point pt = p.points().get(i);
        out.append(i == 0 ? "" : "<br>")
            .append(esc(pt.rule()))
            .append(": ")
            .append(
                String.format(
                    Locale.ROOT,
                    "%d of %d vs team %d of %d, %s",
                    pt.repDeals(),
                    pt.repTotal(),
                    pt.teamDeals(),
                    pt.teamTotal(),
                    esc(ActionEffects.points(pt.adjusted(), "adjusted"))));
        if (pt.practise() != null) {
          out.append("<br>practise: ").append(esc(pt.practise()));
        }
      }
      out.append("</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n<h3>Which actions work</h3>\n");
    out.append(
        "<table>\n<thead><tr><th>Action of rule</th><th>Suggested</th><th>Marked done</th>"
            + "<th>Success met</th><th>Won when done</th><th>Won when not</th>"
            + "<th>Difference (stratified)</th><th>Verdict</th></tr></thead>\n<tbody>\n");
    for (ActionEffects.Row r : actions.rows()) {
      out.append("<tr><td>")
          .append(esc(r.rule()))
          .append("</td><td>")
          .append(r.suggested())
          .append("</td><td>")
          .append(r.markedDone())
          .append("</td><td>")
          .append(r.successMet())
          .append("</td><td>")
          .append(esc(ActionEffects.rate(r.doneWon(), r.doneClosed())))
          .append("</td><td>")
          .append(esc(ActionEffects.rate(r.notDoneWon(), r.notDoneClosed())))
          .append("</td><td>")
          .append(esc(ActionEffects.points(r.stratified())))
          .append("</td><td>")
          .append(r.verdict())
          .append("</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n</section>\n");
    return out.toString();
  }

  private static String esc(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
