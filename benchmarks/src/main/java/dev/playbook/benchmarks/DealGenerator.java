package dev.playbook.benchmarks;

import dev.playbook.model.Activity;
import dev.playbook.model.ActivityType;
import dev.playbook.model.BuyingRole;
import dev.playbook.model.Contact;
import dev.playbook.model.Deal;
import dev.playbook.model.Direction;
import dev.playbook.model.Evidence;
import dev.playbook.model.EvidenceStatus;
import dev.playbook.model.ForecastCategory;
import dev.playbook.model.NextStep;
import dev.playbook.model.NextStepStatus;
import dev.playbook.model.Outcome;
import dev.playbook.model.Power;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded generator of deals whose stage mix, amounts, cycle lengths and reps follow the Maven
 * Analytics "CRM Sales Opportunities" data ({@code ../shared/data/maven-crm/}, 8,800 deals), with
 * contacts, activities, next steps and qualification evidence added (the data set has none).
 *
 * <p>From the data: 48% won, 28% lost, 18% engaging, 6% prospecting; won values and engage-to-close
 * days by their 5% quantiles (interpolated in between); the 30 reps who own deals, weighted by how
 * many they own. The same seed gives the same deals.
 */
public final class DealGenerator {

  /** The moment every benchmark evaluates at. */
  public static final Instant AS_OF = Instant.parse("2026-11-20T00:00:00Z");

  public static final List<String> STAGES =
      List.of(
          "prospecting",
          "qualification",
          "discovery",
          "proposal",
          "negotiation",
          "closed_won",
          "closed_lost");

  // 5% quantiles (0%, 5%, ..., 100%) of close_value of won deals and of engage-to-close days
  private static final double[] AMOUNT_Q = {
    38, 52, 56, 60, 458, 518, 550, 583, 661, 1029, 1117, 1251, 3203, 3464, 3822, 4430, 4759, 5026,
    5285, 5702, 30288
  };
  private static final double[] CYCLE_Q = {
    1, 2, 4, 6, 7, 8, 9, 11, 13, 18, 45, 59, 67, 73, 79, 85, 91, 97, 104, 115, 138
  };

  private record Rep(String name, String office, int deals) {}

  private static final List<Rep> REPS =
      List.of(
          new Rep("Darcel Schlecht", "Central", 747), new Rep("Vicki Laflamme", "West", 451),
          new Rep("Anna Snelling", "Central", 448), new Rep("Kary Hendrixson", "West", 438),
          new Rep("Kami Bicknell", "West", 362), new Rep("Versie Hillebrand", "Central", 361),
          new Rep("Zane Levy", "West", 349), new Rep("Cassey Cress", "East", 346),
          new Rep("Jonathan Berthelot", "Central", 345),
              new Rep("Gladys Colclough", "Central", 317),
          new Rep("Lajuana Vencill", "Central", 311), new Rep("Corliss Cosme", "East", 310),
          new Rep("Markita Hansen", "West", 306), new Rep("Maureen Marcano", "West", 285),
          new Rep("Marty Freudenburg", "Central", 281), new Rep("Donn Cantrell", "East", 275),
          new Rep("James Ascencio", "West", 267), new Rep("Violet Mclelland", "East", 261),
          new Rep("Moses Frase", "Central", 260), new Rep("Daniell Hammack", "East", 259),
          new Rep("Niesha Huffines", "Central", 239), new Rep("Reed Clapper", "East", 237),
          new Rep("Boris Faz", "East", 210), new Rep("Cecily Lampkin", "Central", 203),
          new Rep("Hayden Neloms", "West", 202), new Rep("Elease Gluck", "West", 177),
          new Rep("Rosalina Dieter", "West", 160), new Rep("Rosie Papadopoulos", "East", 160),
          new Rep("Garret Kinder", "East", 123), new Rep("Wilburn Farren", "East", 110));
  private static final int REP_TOTAL = REPS.stream().mapToInt(Rep::deals).sum();

  private static final List<String> ACCOUNTS =
      List.of(
          "Acme Corporation",
          "Betasoloin",
          "Betatech",
          "Bioholding",
          "Bioplex",
          "Blackzim",
          "Bluth Company",
          "Bubba Gump",
          "Cancity",
          "Cheers",
          "Codehow",
          "Condax",
          "Conecom",
          "Dalttechnology",
          "dambase",
          "Domzoom",
          "Doncon",
          "Donquadtech",
          "Dontechi",
          "Donware");

  private static final String[] EVIDENCE_KEYS = {
    "meddic.metrics",
    "meddic.economic_buyer",
    "meddic.decision_criteria",
    "meddic.decision_process",
    "meddic.identify_pain",
    "meddic.champion",
    "meddic.paper_process",
    "meddic.competition",
    "bant.budget",
    "bant.authority",
    "bant.need",
    "bant.timeline",
    "spin.explicit_need",
    "spin.need_payoff",
    "challenger.insight",
    "challenger.value_drivers",
    "challenger.pricing",
    "miller_heiman.single_sales_objective",
    "miller_heiman.red_flags"
  };

  private static final ActivityType[] ACTIVITY_TYPES = {
    ActivityType.EMAIL,
    ActivityType.EMAIL,
    ActivityType.CALL,
    ActivityType.CALL,
    ActivityType.MEETING,
    ActivityType.DEMO,
    ActivityType.NOTE,
    ActivityType.TASK
  };
  private static final String[] TAGS = {
    "pricing", "reframe", "insight", "roi", "competitor", "security"
  };

  private final Random random;
  private int next;

  public DealGenerator(long seed) {
    this.random = new Random(seed);
  }

  /** {@code n} deals from a fresh generator with this seed. */
  public static List<Deal> deals(long seed, int n) {
    DealGenerator g = new DealGenerator(seed);
    List<Deal> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(g.next());
    }
    return out;
  }

  public Deal next() {
    int n = next++;
    int stage = stage();
    boolean closed = stage >= 5;
    double cycle = quantile(CYCLE_Q, random.nextDouble());
    // closed deals closed some time ago; open ones are somewhere inside their cycle
    double age =
        closed ? cycle + random.nextInt(90) : Math.max(1, cycle * (0.3 + random.nextDouble()));
    Instant created = AS_OF.minus(Duration.ofMinutes((long) (age * 1440)));
    double amount = Math.round(quantile(AMOUNT_Q, random.nextDouble()));
    Rep rep = rep();
    Deal.Builder b =
        Deal.builder("D-" + n, STAGES.get(stage))
            .name(ACCOUNTS.get(n % ACCOUNTS.size()) + " " + n)
            .account(ACCOUNTS.get(random.nextInt(ACCOUNTS.size())))
            .owner(rep.name())
            .team(rep.office())
            .segment(amount < 600 ? "smb" : amount < 4000 ? "mid_market" : "enterprise")
            .currency("USD")
            .createdAt(created);
    if (random.nextInt(20) != 0) {
      b.amount(BigDecimal.valueOf(amount));
    }
    // stage history: one entry per stage reached, spread over the deal's age
    int reached = closed ? random.nextInt(5) : stage;
    double step = age / (reached + 2);
    for (int s = 0; s <= reached; s++) {
      b.addStageChange(STAGES.get(s), created.plus(Duration.ofMinutes((long) (s * step * 1440))));
    }
    if (closed) {
      b.addStageChange(STAGES.get(stage), AS_OF.minus(Duration.ofDays((long) (age - cycle))));
    }
    LocalDate close =
        created.plus(Duration.ofDays((long) cycle)).atZone(ZoneOffset.UTC).toLocalDate();
    int pushes = pick(new double[] {0.7, 0.2, 0.07, 0.03});
    LocalDate from = close;
    for (int p = 0; p < pushes; p++) {
      LocalDate to = from.plusDays(7 + random.nextInt(30));
      b.addCloseDateChange(from, to, created.plus(Duration.ofDays(p + 1)));
      from = to;
    }
    b.closeDate(from);
    if (random.nextInt(10) != 0) {
      b.probability(
          BigDecimal.valueOf(
              closed
                  ? (stage == 5 ? 100 : 0)
                  : Math.min(95, 10 + stage * 18 + random.nextInt(15))));
    }
    b.forecastCategory(
        closed
            ? ForecastCategory.CLOSED
            : switch (stage) {
              case 4 -> random.nextBoolean() ? ForecastCategory.COMMIT : ForecastCategory.BEST_CASE;
              case 3 ->
                  random.nextInt(4) == 0 ? ForecastCategory.COMMIT : ForecastCategory.BEST_CASE;
              default -> ForecastCategory.PIPELINE;
            });

    List<Contact> contacts = contacts(stage);
    b.contacts(contacts);
    b.activities(activities(created, age, contacts));
    int steps = random.nextInt(4);
    for (int i = 0; i < steps; i++) {
      LocalDate due =
          random.nextInt(6) == 0
              ? null
              : AS_OF.atZone(ZoneOffset.UTC).toLocalDate().plusDays(random.nextInt(41) - 20);
      b.addNextStep(
          new NextStep(
              "step " + i,
              due,
              rep.name(),
              random.nextInt(3) == 0 ? NextStepStatus.DONE : NextStepStatus.OPEN,
              random.nextInt(3) == 0));
    }
    double known = Math.min(0.9, 0.15 + stage * 0.12);
    for (String key : EVIDENCE_KEYS) {
      double u = random.nextDouble();
      if (u < known) {
        b.putEvidence(
            key,
            new Evidence(
                u < known * 0.6 ? EvidenceStatus.CONFIRMED : EvidenceStatus.PARTIAL,
                null,
                created.plus(Duration.ofDays(1))));
      }
    }
    return b.build();
  }

  private List<Contact> contacts(int stage) {
    int n = random.nextInt(2 + Math.min(stage, 4));
    List<Contact> out = new ArrayList<>(n);
    BuyingRole[] roles = BuyingRole.values();
    Power[] powers = Power.values();
    for (int i = 0; i < n; i++) {
      Contact.Builder c =
          Contact.builder("c-" + i).name("Contact " + i).title(i == 0 ? "VP" : "Manager");
      int k = random.nextInt(3);
      List<BuyingRole> rs = new ArrayList<>();
      for (int j = 0; j < k; j++) {
        rs.add(roles[random.nextInt(roles.length)]);
      }
      c.roles(rs.toArray(new BuyingRole[0]));
      if (random.nextInt(5) != 0) {
        c.power(powers[random.nextInt(powers.length)]);
      }
      out.add(c.build());
    }
    return out;
  }

  private List<Activity> activities(Instant created, double age, List<Contact> contacts) {
    int n = random.nextInt(3 + (int) Math.min(20, age / 5));
    List<Activity> out = new ArrayList<>(n);
    Outcome[] outcomes = Outcome.values();
    for (int i = 0; i < n; i++) {
      // a few are planned: dated after the evaluation time
      double at = random.nextInt(15) == 0 ? age + random.nextInt(10) : random.nextDouble() * age;
      ActivityType type = ACTIVITY_TYPES[random.nextInt(ACTIVITY_TYPES.length)];
      Activity.Builder a =
          Activity.builder("A-" + i, type, created.plus(Duration.ofMinutes((long) (at * 1440))))
              .direction(random.nextInt(3) == 0 ? Direction.INBOUND : Direction.OUTBOUND);
      if (!contacts.isEmpty() && random.nextBoolean()) {
        a.contactIds(contacts.get(random.nextInt(contacts.size())).id());
      }
      if (random.nextBoolean()) {
        a.outcome(outcomes[random.nextInt(outcomes.length)]);
      }
      if (random.nextInt(6) == 0) {
        a.tags(TAGS[random.nextInt(TAGS.length)]);
      }
      if (type == ActivityType.MEETING || type == ActivityType.CALL) {
        a.durationMinutes(15 + random.nextInt(60));
        if (random.nextBoolean()) {
          a.count("implication_questions", random.nextInt(5));
        }
      }
      out.add(a.build());
    }
    return out;
  }

  private int stage() {
    double u = random.nextDouble();
    if (u < 0.4816) {
      return 5;
    }
    if (u < 0.7626) {
      return 6;
    }
    if (u < 0.9432) {
      return 1 + pick(new double[] {0.3, 0.3, 0.25, 0.15});
    }
    return 0;
  }

  private Rep rep() {
    int k = random.nextInt(REP_TOTAL);
    for (Rep r : REPS) {
      k -= r.deals();
      if (k < 0) {
        return r;
      }
    }
    return REPS.get(0);
  }

  private int pick(double[] weights) {
    double u = random.nextDouble();
    for (int i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  private static double quantile(double[] q, double u) {
    double x = u * (q.length - 1);
    int i = Math.min(q.length - 2, (int) x);
    return q[i] + (q[i + 1] - q[i]) * (x - i);
  }
}
