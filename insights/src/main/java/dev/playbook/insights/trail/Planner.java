package dev.playbook.insights.trail;

import dev.playbook.insights.trail.Trail.Activity;
import dev.playbook.insights.trail.Trail.CloseChange;
import dev.playbook.insights.trail.Trail.Contact;
import dev.playbook.insights.trail.Trail.Evidence;
import dev.playbook.insights.trail.Trail.NextStep;
import dev.playbook.insights.trail.Trail.StageStep;
import dev.playbook.insights.trail.Trail.Truth;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws one deal's trail from the seed and the deal's index alone (see {@link TrailGenerator} for
 * the planted effects). A deal is planned from creation to closing; a deal whose closing falls
 * after the export moment is cut there and exported as open.
 */
final class Planner {

  static final List<String> OPEN_STAGES =
      List.of("prospecting", "qualification", "discovery", "proposal", "negotiation");
  static final List<String> EVIDENCE_KEYS =
      List.of(
          "meddic.metrics",
          "meddic.decision_criteria",
          "meddic.decision_process",
          "meddic.paper_process",
          "meddic.identify_pain",
          "meddic.competition",
          "bant.budget",
          "bant.authority",
          "bant.need",
          "bant.timeline",
          "challenger.value_drivers",
          "challenger.pricing",
          "challenger.insight",
          "miller_heiman.single_sales_objective",
          "miller_heiman.red_flags",
          "spin.explicit_need");
  static final List<String> PRODUCTS = List.of("Analytics", "Platform", "Services");

  private static final List<String> FIRST_NAMES =
      List.of(
          "Ana", "Ben", "Carla", "David", "Eva", "Felix", "Gina", "Hugo", "Iris", "Jack", "Kara",
          "Leo", "Maya", "Nils", "Olga", "Paul", "Rosa", "Sven", "Tara", "Umar", "Vera", "Will",
          "Xena", "Yara", "Zoe", "Arjun", "Bianca", "Chen", "Dmitri", "Emma");
  private static final List<String> LAST_NAMES =
      List.of(
          "Diaz",
          "Ode",
          "Fischer",
          "Tanaka",
          "Rossi",
          "Dubois",
          "Smith",
          "Jensen",
          "Kowalski",
          "Moreno",
          "Nguyen",
          "Patel",
          "Schmidt",
          "Lopez",
          "Brown",
          "Wagner",
          "Costa",
          "Ivanova",
          "Murphy",
          "Yilmaz",
          "Ali",
          "Khan",
          "Hughes",
          "Meyer",
          "Santos");
  private static final Map<String, List<String>> TITLES =
      Map.of(
          "economic_buyer", List.of("CFO", "VP Finance", "COO", "Chief Revenue Officer"),
          "champion",
              List.of(
                  "Head of Operations",
                  "Director of Sales Operations",
                  "Head of Analytics",
                  "IT Manager"),
          "technical", List.of("Enterprise Architect", "Head of IT", "Data Engineer"),
          "user", List.of("Sales Operations Analyst", "Team Lead", "Operations Specialist"),
          "influencer", List.of("Procurement Manager", "Finance Manager"),
          "coach", List.of("Project Manager", "Business Analyst"),
          "decision_maker", List.of("VP Operations", "Managing Director"),
          "blocker", List.of("Information Security Officer", "Legal Counsel"));
  private static final List<String> LOST_REASONS =
      List.of(
          "Lost to a competitor",
          "No budget this year",
          "No decision",
          "Chose to build in-house",
          "Price");

  static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  private static final int DAY_MINUTES = 24 * 60;

  private final long seed;
  private final Accounts accounts;
  private final Instant exportedAt;

  Planner(long seed, Accounts accounts, Instant exportedAt) {
    this.seed = seed;
    this.accounts = accounts;
    this.exportedAt = exportedAt;
  }

  /** The deal of number {@code index} (0-based); a pure function of the seed and the index. */
  Trail plan(int index) {
    Rng r = Rng.of(seed, 2, index);
    Accounts.Account account = accounts.get(r.nextInt(accounts.count()));
    Roster.User rep = r.pick(Roster.REP_USERS);
    String segment = account.segment();

    // the planted attributes, each drawn on its own
    boolean longLived = r.chance(0.20);
    boolean silent = r.chance(0.20);
    boolean singleThreaded = segment.equals("enterprise") && r.chance(0.40);
    boolean ebMet = r.chance(0.50);
    String responseMode = r.pick(List.of("growth", "trouble", "even_keel", "overconfident"));
    double p =
        TrailGenerator.BASE_WIN_RATE
            + (ebMet
                ? TrailGenerator.ECONOMIC_BUYER_MET / 2
                : -TrailGenerator.ECONOMIC_BUYER_MET / 2)
            - (silent ? TrailGenerator.SILENCE : 0)
            + (longLived ? TrailGenerator.LONG_LIVED : 0)
            - (singleThreaded ? TrailGenerator.SINGLE_THREADED_ENTERPRISE : 0)
            - (rep.neverLogsNextSteps() ? TrailGenerator.NO_NEXT_STEPS : 0);
    p = Math.min(0.98, Math.max(0.02, p));
    boolean won = r.nextDouble() < p;

    // the path through the stages and its timing
    String last =
        won
            ? r.weighted(List.of("proposal", "negotiation"), 15, 85)
            : r.weighted(
                List.of("qualification", "discovery", "proposal", "negotiation"), 10, 20, 30, 40);
    int lastIndex = OPEN_STAGES.indexOf(last);
    int first = lastIndex >= 2 && r.chance(0.4) ? 1 : 0;
    List<String> path = OPEN_STAGES.subList(first, lastIndex + 1);
    int silenceDays = silent ? r.between(25, 45) : 0;
    int lastStageDays = longLived ? r.between(50, 75) : r.between(3, 19);
    int cycleDays = longLived ? r.between(95, 170) : r.between(21, 75);
    cycleDays =
        Math.max(cycleDays, Math.max(silenceDays + 10, lastStageDays + 2 * (path.size() - 1) + 1));

    Instant createdAt =
        START.plus(Duration.ofMinutes(r.nextInt(730) * DAY_MINUTES + r.between(8 * 60, 17 * 60)));
    LocalDate closeDate = createdAt.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(cycleDays);
    Instant closedAt =
        closeDate
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant()
            .plus(Duration.ofMinutes(r.between(600, 1020)));
    Instant backtestNow = closeDate.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant lastEntered =
        closedAt.minus(Duration.ofDays(lastStageDays)).minus(Duration.ofMinutes(r.nextInt(600)));

    List<StageStep> stages = new ArrayList<>();
    stages.add(new StageStep(path.get(0), createdAt));
    if (path.size() > 1) {
      long span = Duration.between(createdAt, lastEntered).toMinutes();
      List<Long> cuts = new ArrayList<>();
      for (int i = 0; i < path.size() - 2; i++) {
        cuts.add(DAY_MINUTES + (long) (r.nextDouble() * Math.max(1, span - 2 * DAY_MINUTES)));
      }
      Collections.sort(cuts);
      for (int i = 0; i < cuts.size(); i++) {
        stages.add(new StageStep(path.get(i + 1), createdAt.plus(Duration.ofMinutes(cuts.get(i)))));
      }
      stages.add(new StageStep(last, lastEntered));
    }
    stages.add(new StageStep(won ? "closed_won" : "closed_lost", closedAt));
    Instant proposalAt =
        stages.stream()
            .filter(s -> s.stage().equals("proposal"))
            .map(StageStep::enteredAt)
            .findFirst()
            .orElse(null);

    // the buying team
    List<Contact> contacts = contacts(r, segment, singleThreaded, responseMode);
    Instant mqlAt =
        r.chance(0.6) ? createdAt.minus(Duration.ofMinutes(r.between(60, 20 * DAY_MINUTES))) : null;
    Instant sqlAt = r.chance(0.85) ? createdAt.plus(Duration.ofMinutes(r.between(0, 180))) : null;

    // the activities
    Context c = new Context(r, account, rep, contacts, stages, ebMet, proposalAt);
    Instant firstTouch =
        (sqlAt != null ? sqlAt : createdAt)
            .plus(
                Duration.ofMinutes(
                    r.chance(0.9)
                        ? r.between(20, 20 * 60)
                        : r.between(2 * DAY_MINUTES, 4 * DAY_MINUTES)));
    Instant regularEnd =
        silent
            ? closedAt.minus(Duration.ofDays(silenceDays))
            : backtestNow.minus(Duration.ofDays(12));
    List<Instant> times = new ArrayList<>();
    times.add(firstTouch);
    Instant t = firstTouch;
    while (true) {
      t = t.plus(Duration.ofMinutes(r.between(DAY_MINUTES, 11 * DAY_MINUTES)));
      if (t.isAfter(regularEnd)) {
        break;
      }
      times.add(t);
    }
    for (Instant at : times) {
      c.add(at, at == firstTouch ? r.pick(List.of("call", "email")) : regularType(r), -2);
    }
    if (!silent) {
      // the closing push: the last touches reach several people, the last one within four days
      List<Contact> order = new ArrayList<>(contacts);
      shuffle(order, r);
      int k = Math.max(2, Math.min(contacts.size(), 4));
      for (int j = 0; j < k; j++) {
        Instant at =
            j == k - 1
                ? backtestNow.minus(Duration.ofMinutes(r.between(60, 3 * DAY_MINUTES)))
                : backtestNow
                    .minus(Duration.ofDays(12))
                    .plus(
                        Duration.ofMinutes(
                            (long) (j * 9.0 * DAY_MINUTES / k) + r.nextInt(DAY_MINUTES)));
        c.add(at, r.pick(List.of("call", "email", "meeting")), order.get(j % order.size()).index());
      }
    }
    if (ebMet) {
      c.meetEconomicBuyer(regularEnd);
    }
    if (!won) {
      c.note(closedAt, "Closed lost: " + r.pick(LOST_REASONS));
    }
    c.tagDeal();

    // next steps: one done per stage entered, the last one still open
    List<NextStep> nextSteps = new ArrayList<>();
    if (!rep.neverLogsNextSteps()) {
      for (int i = 1; i < stages.size() - 1; i++) {
        Instant at = stages.get(i).enteredAt();
        nextSteps.add(
            new NextStep(
                stepTitle(stages.get(i - 1).stage()),
                day(at).plusDays(r.between(3, 10)),
                true,
                r.chance(0.5),
                at));
      }
      Instant at = maxOf(lastEntered, backtestNow.minus(Duration.ofDays(r.between(2, 10))));
      nextSteps.add(
          new NextStep(
              stepTitle(last),
              day(backtestNow).plusDays(r.between(-6, 14)),
              false,
              r.chance(0.5),
              at));
    }

    // close-date pushes; long-lived deals push more often
    int pushes = longLived ? r.between(1, 4) : r.weighted(List.of(0, 1, 2), 50, 35, 15);
    List<LocalDate> dates = new ArrayList<>();
    dates.add(closeDate);
    for (int i = 0; i < pushes; i++) {
      dates.add(0, dates.get(0).minusDays(r.between(7, 30)));
    }
    List<Instant> changes = new ArrayList<>();
    long window =
        Math.max(1, Duration.between(createdAt, backtestNow).toMinutes() - 2 * DAY_MINUTES);
    for (int i = 0; i < pushes; i++) {
      changes.add(
          createdAt.plus(Duration.ofMinutes(DAY_MINUTES + (long) (r.nextDouble() * window))));
    }
    Collections.sort(changes);
    List<CloseChange> closeChanges = new ArrayList<>();
    closeChanges.add(new CloseChange(null, dates.get(0), createdAt));
    for (int i = 0; i < pushes; i++) {
      closeChanges.add(new CloseChange(dates.get(i), dates.get(i + 1), changes.get(i)));
    }

    // qualification evidence, drawn independently of the outcome
    Map<String, Evidence> evidence = new LinkedHashMap<>();
    for (String key : EVIDENCE_KEYS) {
      String status = r.weighted(List.of("unknown", "partial", "confirmed"), 30, 30, 40);
      Instant at =
          createdAt.plus(
              Duration.ofMinutes(
                  (long)
                      (r.nextDouble()
                          * Math.max(1, Duration.between(createdAt, backtestNow).toMinutes()))));
      evidence.put(
          key,
          new Evidence(status, status.equals("unknown") ? null : evidenceText(key, account), at));
    }

    String currency = account.currency();
    BigDecimal amount = amount(r, segment, currency);
    String product = r.pick(PRODUCTS);
    String leadSource =
        r.weighted(
            List.of("Web", "Partner Referral", "Outbound", "Trade Show", "Advertisement"),
            30,
            15,
            35,
            10,
            10);
    String type = r.chance(0.7) ? "New Business" : "Existing Business";
    String name =
        account.name() + ": " + product + (type.equals("New Business") ? "" : " expansion");
    Truth truth =
        new Truth(ebMet, silent, singleThreaded, longLived, rep.neverLogsNextSteps(), p, won);
    String id = String.format("D-%07d", index + 1);

    List<Activity> activities = c.activities();
    if (!closedAt.isAfter(exportedAt)) {
      return build(
          index,
          id,
          name,
          rep,
          account,
          segment,
          stages,
          amount,
          currency,
          createdAt,
          mqlAt,
          sqlAt,
          closeDate,
          closedAt,
          closeChanges,
          leadSource,
          type,
          product,
          contacts,
          activities,
          nextSteps,
          evidence,
          truth);
    }
    // still open at the export: cut everything there
    Instant cut = exportedAt;
    if (createdAt.isAfter(cut)) {
      throw new IllegalStateException("deal created after the export");
    }
    List<StageStep> seen = stages.stream().filter(s -> !s.enteredAt().isAfter(cut)).toList();
    List<Activity> logged = activities.stream().filter(a -> !a.occurredAt().isAfter(cut)).toList();
    List<NextStep> steps =
        new ArrayList<>(nextSteps.stream().filter(s -> !s.createdAt().isAfter(cut)).toList());
    if (!steps.isEmpty()) {
      NextStep lastStep = steps.remove(steps.size() - 1);
      steps.add(
          new NextStep(
              lastStep.title(),
              lastStep.due(),
              false,
              lastStep.buyerCommitment(),
              lastStep.createdAt()));
    }
    List<CloseChange> moved =
        closeChanges.stream().filter(x -> !x.changedAt().isAfter(cut)).toList();
    Map<String, Evidence> known = new LinkedHashMap<>();
    evidence.forEach(
        (k, v) ->
            known.put(k, v.updatedAt().isAfter(cut) ? new Evidence("unknown", null, null) : v));
    return build(
        index,
        id,
        name,
        rep,
        account,
        segment,
        seen,
        amount,
        currency,
        createdAt,
        mqlAt,
        sqlAt != null && sqlAt.isAfter(cut) ? null : sqlAt,
        moved.get(moved.size() - 1).to(),
        null,
        moved,
        leadSource,
        type,
        product,
        contacts,
        logged,
        steps,
        known,
        truth);
  }

  private Trail build(
      int index,
      String id,
      String name,
      Roster.User rep,
      Accounts.Account account,
      String segment,
      List<StageStep> stages,
      BigDecimal amount,
      String currency,
      Instant createdAt,
      Instant mqlAt,
      Instant sqlAt,
      LocalDate closeDate,
      Instant closedAt,
      List<CloseChange> closeChanges,
      String leadSource,
      String type,
      String product,
      List<Contact> contacts,
      List<Activity> activities,
      List<NextStep> nextSteps,
      Map<String, Evidence> evidence,
      Truth truth) {
    String stage = stages.get(stages.size() - 1).stage();
    List<Contact> engaged = new ArrayList<>();
    for (Contact k : contacts) {
      Instant lastSeen = null;
      for (Activity a : activities) {
        if (a.contact() == k.index() && (lastSeen == null || a.occurredAt().isAfter(lastSeen))) {
          lastSeen = a.occurredAt();
        }
      }
      engaged.add(
          new Contact(
              k.index(),
              k.firstName(),
              k.lastName(),
              k.title(),
              k.roles(),
              k.power(),
              k.responseMode(),
              k.primary(),
              lastSeen));
    }
    int probability =
        switch (stage) {
          case "prospecting" -> 10;
          case "qualification" -> 20;
          case "discovery" -> 40;
          case "proposal" -> 60;
          case "negotiation" -> 80;
          case "closed_won" -> 100;
          default -> 0;
        };
    String forecast =
        switch (stage) {
          case "proposal" -> "best_case";
          case "negotiation" -> "commit";
          case "closed_won" -> "closed";
          case "closed_lost" -> "omitted";
          default -> "pipeline";
        };
    return new Trail(
        index,
        id,
        name,
        rep,
        account,
        segment,
        stage,
        List.copyOf(stages),
        amount,
        currency,
        createdAt,
        mqlAt,
        sqlAt,
        closeDate,
        closedAt,
        List.copyOf(closeChanges),
        leadSource,
        type,
        probability,
        forecast,
        product,
        List.copyOf(engaged),
        List.copyOf(activities),
        List.copyOf(nextSteps),
        Collections.unmodifiableMap(evidence),
        truth);
  }

  private static List<Contact> contacts(
      Rng r, String segment, boolean singleThreaded, String responseMode) {
    int n =
        switch (segment) {
          case "smb" -> r.weighted(List.of(1, 2, 3), 40, 40, 20);
          case "mid_market" -> r.between(2, 4);
          default -> singleThreaded ? 1 : r.between(3, 6);
        };
    List<Contact> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<String> roles;
      String power;
      if (n == 1) {
        // the one contact holds the budget
        roles =
            segment.equals("smb")
                ? List.of("economic_buyer", "decision_maker")
                : List.of("economic_buyer", "champion");
        power = "high";
      } else if (i == 0) {
        roles = List.of("champion");
        power = r.chance(0.7) ? "high" : "medium";
      } else if (i == 1) {
        roles = List.of("economic_buyer");
        power = "high";
      } else {
        String role =
            r.weighted(
                List.of("technical", "user", "influencer", "coach", "decision_maker", "blocker"),
                30,
                25,
                15,
                12,
                12,
                6);
        roles = List.of(role);
        power =
            switch (role) {
              case "user" -> "low";
              case "decision_maker" -> "high";
              default -> r.chance(0.5) ? "medium" : "low";
            };
      }
      String first = r.pick(FIRST_NAMES);
      String last = r.pick(LAST_NAMES);
      out.add(
          new Contact(
              i,
              first,
              last,
              r.pick(TITLES.get(roles.get(roles.size() - 1))),
              roles,
              power,
              i == 0 ? responseMode : null,
              i == 0,
              null));
    }
    return out;
  }

  private static String regularType(Rng r) {
    return r.weighted(
        List.of("email", "call", "meeting", "demo", "note", "task"), 40, 30, 14, 4, 6, 6);
  }

  private static BigDecimal amount(Rng r, String segment, String currency) {
    double usd =
        switch (segment) {
          case "smb" -> r.between(50, 250) * 100.0;
          case "mid_market" -> r.between(200, 900) * 100.0;
          default -> r.between(40, 400) * 1000.0;
        };
    double rate =
        switch (currency) {
          case "EUR" -> 0.92;
          case "GBP" -> 0.79;
          case "JPY" -> 150;
          case "BRL" -> 5.0;
          default -> 1;
        };
    return BigDecimal.valueOf(usd * rate).setScale(2, RoundingMode.HALF_UP);
  }

  private static String stepTitle(String stage) {
    return switch (stage) {
      case "prospecting" -> "Book the first meeting";
      case "qualification" -> "Confirm budget and timeline";
      case "discovery" -> "Run the technical deep-dive";
      case "proposal" -> "Review the proposal with the buying team";
      default -> "Sign the order form";
    };
  }

  private static String evidenceText(String key, Accounts.Account account) {
    return switch (key) {
      case "meddic.metrics" -> "Cuts month-end reporting at " + account.name() + " by 3 days";
      case "meddic.identify_pain" -> "Forecast misses of 20% last two quarters";
      case "bant.budget" -> "Budget set aside in the next planning cycle";
      case "bant.timeline" -> "Go-live wanted before the next fiscal year";
      default -> "Discussed with the buying team";
    };
  }

  static LocalDate day(Instant at) {
    return at.atOffset(ZoneOffset.UTC).toLocalDate();
  }

  private static Instant maxOf(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  static <T> void shuffle(List<T> list, Rng r) {
    for (int i = list.size() - 1; i > 0; i--) {
      Collections.swap(list, i, r.nextInt(i + 1));
    }
  }

  /** Builds a deal's activities in time order, with their subjects, bodies and tags. */
  private static final class Context {
    private final Rng r;
    private final Accounts.Account account;
    private final Roster.User rep;
    private final List<Contact> contacts;
    private final List<StageStep> stages;
    private final boolean ebMet;
    private final Instant proposalAt;
    private final List<Draft> drafts = new ArrayList<>();

    Context(
        Rng r,
        Accounts.Account account,
        Roster.User rep,
        List<Contact> contacts,
        List<StageStep> stages,
        boolean ebMet,
        Instant proposalAt) {
      this.r = r;
      this.account = account;
      this.rep = rep;
      this.contacts = contacts;
      this.stages = stages;
      this.ebMet = ebMet;
      this.proposalAt = proposalAt;
    }

    /** An activity being drawn; mutable until {@link #activities()}. */
    private static final class Draft {
      Instant at;
      String type;
      String direction;
      int contact;
      String outcome;
      String disposition;
      List<String> tags = new ArrayList<>();
      Map<String, Integer> counts = new LinkedHashMap<>();
      Integer duration;
      String subject;
      String body;
      String transcript;
    }

    String stageAt(Instant at) {
      String s = stages.get(0).stage();
      for (StageStep step : stages) {
        if (!step.enteredAt().isAfter(at)) {
          s = step.stage();
        }
      }
      return s;
    }

    /** Adds an activity of {@code type} at {@code at}; {@code contact} -2 picks one. */
    void add(Instant at, String type, int contact) {
      String stage = stageAt(at);
      if (type.equals("demo") && !(stage.equals("discovery") || stage.equals("proposal"))) {
        type = "meeting";
      }
      boolean spoken = type.equals("call") || type.equals("meeting") || type.equals("demo");
      if (contact == -2) {
        List<Contact> eligible = new ArrayList<>();
        for (Contact k : contacts) {
          if (!(spoken && !ebMet && k.has("economic_buyer"))) {
            eligible.add(k);
          }
        }
        if (type.equals("note") || (type.equals("task") && r.chance(0.5))) {
          contact = -1;
        } else if (eligible.isEmpty()) {
          type = "email";
          contact = r.pick(contacts).index();
        } else {
          contact = r.pick(eligible).index();
        }
      } else if (spoken && !ebMet && contacts.get(contact).has("economic_buyer")) {
        type = "email";
      }
      Draft d = new Draft();
      d.at = at;
      d.type = type;
      d.contact = contact;
      Contact who = contact >= 0 ? contacts.get(contact) : null;
      String whoName = who == null ? "the buying team" : who.name();
      switch (type) {
        case "email" -> {
          boolean inbound = r.chance(0.35);
          d.direction = inbound ? "inbound" : "outbound";
          d.outcome = inbound ? "replied" : null;
          String topic =
              r.pick(
                  List.of(
                      "Following up on our conversation",
                      "Next steps for " + account.name(),
                      "Case study: " + account.industry(),
                      "Agenda for our next meeting",
                      "Questions from the team",
                      "Proposal draft"));
          d.subject = inbound ? "Re: " + topic : topic;
          d.body =
              inbound
                  ? "Thanks "
                      + rep.firstName()
                      + ", we reviewed it internally. "
                      + r.pick(
                          List.of(
                              "Can we find time next week?",
                              "Our finance lead asked: \"what does year two cost, and who"
                                  + " signs?\"",
                              "We need a bit more time.",
                              "Please send the security documentation."))
                  : "Hi "
                      + (who == null ? "all" : who.firstName())
                      + ", "
                      + r.pick(
                          List.of(
                              "as promised, here is the summary of our call.",
                              "I attached the material we discussed.",
                              "could we schedule thirty minutes to go through the open points?",
                              "following up on the proposal I sent."))
                      + " Best, "
                      + rep.firstName();
        }
        case "call" -> {
          d.direction = r.chance(0.88) ? "outbound" : "inbound";
          d.disposition =
              d.direction.equals("inbound")
                  ? "Connected"
                  : r.weighted(
                      List.of("Connected", "No answer", "Left voicemail", "Busy"), 55, 25, 15, 5);
          boolean connected = d.disposition.equals("Connected");
          d.outcome = connected ? (r.chance(0.3) ? "advance" : "continuation") : "no_answer";
          d.duration = connected ? r.between(5, 45) : r.between(0, 1);
          d.subject = "Call with " + whoName;
          d.body =
              connected
                  ? "Spoke with "
                      + whoName
                      + " about "
                      + r.pick(
                          List.of(
                              "timeline",
                              "budget",
                              "the rollout plan",
                              "the security review",
                              "pricing"))
                      + "."
                  : d.disposition + ".";
          if (connected && who != null && r.chance(0.25)) {
            d.transcript =
                rep.name()
                    + ": Thanks for taking the time today. How is the evaluation going?\n"
                    + who.name()
                    + ": "
                    + r.pick(
                        List.of(
                            "Busy, but we are still comparing options.",
                            "Good. The team liked the demo.",
                            "Slower than planned; the budget review is next month."))
                    + "\n"
                    + rep.name()
                    + ": Understood. Who else should join the next conversation?\n"
                    + who.name()
                    + ": "
                    + r.pick(
                        List.of(
                            "Our finance lead will want to see the numbers.",
                            "IT needs the security details first.",
                            "Let me check and come back to you."));
          }
        }
        case "meeting", "demo" -> {
          d.direction = "outbound";
          d.outcome =
              r.weighted(List.of("completed", "advance", "no_show", "rescheduled"), 80, 8, 6, 6);
          d.duration = type.equals("demo") ? r.between(45, 90) : r.between(30, 60);
          d.subject =
              type.equals("demo")
                  ? "Product demo for " + account.name()
                  : r.pick(
                          List.of(
                              "Discovery meeting",
                              "Working session",
                              "Business review",
                              "Requirements workshop"))
                      + " with "
                      + whoName;
          d.body =
              "Agenda: goals, current process, open questions. Attendees: "
                  + whoName
                  + ", "
                  + rep.name()
                  + ".";
        }
        case "task" -> {
          d.outcome = "completed";
          d.subject =
              r.pick(
                  List.of(
                      "Send follow-up materials",
                      "Prepare the business case",
                      "Update the account plan",
                      "Research the account"));
          d.body = "Done.";
        }
        default -> {
          d.subject = "Internal note";
          d.body =
              r.pick(
                  List.of(
                      "Champion is positive; procurement is slow.",
                      "Competitor is in the deal.",
                      "Budget owner not yet engaged.",
                      "Legal review expected next month."));
        }
      }
      if ((type.equals("call") || type.equals("meeting"))
          && d.outcome != null
          && !d.outcome.equals("no_answer")) {
        if (stage.equals("discovery")) {
          if (r.chance(0.5)) {
            d.tags.add("discovery");
          }
          d.counts.put("situation_questions", r.between(1, 8));
          d.counts.put("problem_questions", r.between(0, 5));
          d.counts.put("implication_questions", r.chance(0.4) ? 0 : r.between(1, 4));
          d.counts.put("need_payoff_questions", r.between(0, 3));
          if (r.chance(0.3)) {
            d.tags.add("implied_need");
          }
          if (r.chance(0.25)) {
            d.tags.add("explicit_need");
          }
        } else if (stage.equals("qualification") && r.chance(0.2)) {
          d.tags.add("implied_need");
        }
        if ((stage.equals("proposal") || stage.equals("negotiation")) && r.chance(0.35)) {
          d.tags.add("pricing");
        }
        if (stage.equals("negotiation") && r.chance(0.12)) {
          d.tags.add("red_flag");
        }
      }
      if (type.equals("demo") && r.chance(0.5)) {
        d.tags.add("solution");
      }
      drafts.add(d);
    }

    /**
     * Turns one activity before proposal (or, without one, a new one) into a meeting with the
     * economic buyer.
     */
    void meetEconomicBuyer(Instant before) {
      Instant limit = proposalAt != null && proposalAt.isBefore(before) ? proposalAt : before;
      List<Draft> candidates =
          drafts.stream()
              .filter(d -> d.at.isBefore(limit) && d.at.isAfter(stages.get(0).enteredAt()))
              .toList();
      Contact eb = contacts.stream().filter(k -> k.has("economic_buyer")).findFirst().orElseThrow();
      Draft d;
      if (candidates.isEmpty()) {
        d = new Draft();
        Instant start = stages.get(0).enteredAt();
        d.at = start.plus(Duration.between(start, limit).dividedBy(2));
        drafts.add(d);
      } else {
        d = candidates.get(r.nextInt(candidates.size()));
        d.tags.clear();
        d.counts.clear();
      }
      d.type = "meeting";
      d.direction = "outbound";
      d.contact = eb.index();
      d.outcome = "completed";
      d.disposition = null;
      d.transcript = null;
      d.duration = r.between(30, 60);
      d.subject = "Business case review with " + eb.name();
      d.body = "Walked " + eb.name() + " through the business case and the expected return.";
    }

    void note(Instant at, String text) {
      Draft d = new Draft();
      d.at = at;
      d.type = "note";
      d.contact = -1;
      d.subject = "Closed lost";
      d.body = text;
      drafts.add(d);
    }

    /** Deal-wide labels: the first meeting, reframes, tailored messages, delays, mutual actions. */
    void tagDeal() {
      drafts.sort(Comparator.comparing(d -> d.at));
      Draft firstMeeting =
          drafts.stream().filter(d -> d.type.equals("meeting")).findFirst().orElse(null);
      if (firstMeeting != null) {
        firstMeeting.tags.add("first_meeting");
        if (r.chance(0.4)) {
          firstMeeting.tags.add("reframe");
        }
      }
      List<Draft> emails = drafts.stream().filter(d -> d.type.equals("email")).toList();
      if (!emails.isEmpty() && r.chance(0.3)) {
        r.pick(emails).tags.add("tailored");
      }
      List<Draft> inbound = drafts.stream().filter(d -> "inbound".equals(d.direction)).toList();
      if (!inbound.isEmpty() && r.chance(0.2)) {
        Draft delay = inbound.get(r.nextInt((inbound.size() + 1) / 2));
        delay.tags.add("buyer_delay");
        List<Draft> later =
            drafts.stream()
                .filter(d -> d.at.isAfter(delay.at) && "outbound".equals(d.direction))
                .toList();
        if (!later.isEmpty() && r.chance(0.5)) {
          r.pick(later).tags.add("counter_proposal");
        }
      }
      List<Draft> spoken =
          drafts.stream().filter(d -> d.type.equals("call") || d.type.equals("meeting")).toList();
      if (!spoken.isEmpty() && r.chance(0.4)) {
        spoken.get(spoken.size() - 1).tags.add("min_acceptable_action");
      }
    }

    List<Activity> activities() {
      drafts.sort(Comparator.comparing(d -> d.at));
      List<Activity> out = new ArrayList<>();
      for (Draft d : drafts) {
        out.add(
            new Activity(
                out.size() + 1,
                d.type,
                d.direction,
                d.at,
                d.contact,
                d.outcome,
                d.disposition,
                List.copyOf(d.tags),
                Collections.unmodifiableMap(new LinkedHashMap<>(d.counts)),
                d.duration,
                d.subject,
                d.body,
                d.transcript));
      }
      return out;
    }
  }
}
