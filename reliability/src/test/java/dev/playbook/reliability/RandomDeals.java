package dev.playbook.reliability;

import dev.playbook.model.Activity;
import dev.playbook.model.ActivityType;
import dev.playbook.model.BuyingRole;
import dev.playbook.model.Contact;
import dev.playbook.model.CustomValue;
import dev.playbook.model.Deal;
import dev.playbook.model.Direction;
import dev.playbook.model.Evidence;
import dev.playbook.model.EvidenceStatus;
import dev.playbook.model.ForecastCategory;
import dev.playbook.model.NextStep;
import dev.playbook.model.NextStepStatus;
import dev.playbook.model.Outcome;
import dev.playbook.model.Power;
import dev.playbook.model.ResponseMode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random deals for the differential oracle and the determinism properties: contacts with roles and
 * power, activities with types, dates, tags and counts, next steps, stage and close-date history,
 * evidence and custom fields, each value missing now and then. Dates fall within a few months of
 * {@link Fixtures#AS_OF}, at any time of day (midnight and weekends included), both sides of it.
 */
final class RandomDeals {

  private static final List<String> NAMES =
      List.of(
          "Acme",
          "acme renewal",
          "Acme Renewal",
          "EMEA",
          "Ana Diaz",
          "CFO",
          "x",
          "",
          "it's",
          "dana",
          "web",
          "standard",
          "priced",
          "Review",
          "Reframe");
  private static final List<String> TAGS =
      List.of("reframe", "pricing", "Reframe", "x", "standard", "priced", "");

  private final Random r;
  private int serial;

  RandomDeals(long seed) {
    this.r = new Random(seed);
  }

  private <T> T maybe(T value) {
    return r.nextInt(4) == 0 ? null : value;
  }

  private String pick(List<String> l) {
    return l.get(r.nextInt(l.size()));
  }

  private <E> E pick(E[] values) {
    return values[r.nextInt(values.length)];
  }

  /** An instant within about 150 days of the evaluation time, on a whole minute or at midnight. */
  Instant instant() {
    long minutes = (long) (r.nextGaussian() * 60 * 24 * 50);
    Instant t = Fixtures.AS_OF.plusSeconds(minutes * 60);
    return r.nextInt(4) == 0
        ? t.atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant()
        : t;
  }

  LocalDate day() {
    return instant().atZone(ZoneOffset.UTC).toLocalDate();
  }

  private BigDecimal number(int max) {
    return switch (r.nextInt(5)) {
      case 0 -> BigDecimal.ZERO;
      case 1 -> BigDecimal.valueOf(r.nextInt(max + 1));
      case 2 -> BigDecimal.valueOf(r.nextInt(max * 100 + 1), 2);
      default -> BigDecimal.valueOf(r.nextInt(max + 1));
    };
  }

  Deal deal() {
    String stage = pick(Fixtures.STAGES);
    Deal.Builder b =
        Deal.builder("D-" + (++serial), stage)
            .name(maybe(pick(NAMES)))
            .account(maybe(pick(NAMES)))
            .owner(maybe(pick(NAMES)))
            .team(maybe(pick(NAMES)))
            .segment(maybe(r.nextInt(8) == 0 ? "government" : pick(Fixtures.SEGMENTS)))
            .amount(
                maybe(
                    r.nextBoolean()
                        ? pick(
                            new BigDecimal[] {
                              new BigDecimal("100000"),
                              new BigDecimal("20000"),
                              new BigDecimal("120000.5"),
                              new BigDecimal("50000")
                            })
                        : number(200000)))
            .currency(maybe(pick(List.of("EUR", "USD", "CNY"))))
            .leadSource(maybe(pick(NAMES)))
            .createdAt(maybe(instant()))
            .closeDate(maybe(day()))
            .mqlAt(maybe(instant()))
            .sqlAt(maybe(instant()))
            .assignedAt(maybe(instant()))
            .probability(maybe(number(100)))
            .forecastCategory(maybe(pick(ForecastCategory.values())));
    int stages = r.nextInt(4);
    for (int i = 0; i < stages; i++) {
      String s =
          r.nextInt(6) == 0 ? "legacy_stage" : r.nextInt(3) == 0 ? stage : pick(Fixtures.STAGES);
      b.addStageChange(s, instant());
    }
    int changes = r.nextInt(4);
    for (int i = 0; i < changes; i++) {
      b.addCloseDateChange(maybe(day()), day(), instant());
    }
    List<String> contactIds = new ArrayList<>();
    int contacts = r.nextInt(5);
    for (int i = 0; i < contacts; i++) {
      String id = "c" + (i + 1);
      contactIds.add(id);
      Set<BuyingRole> roles = EnumSet.noneOf(BuyingRole.class);
      int n = r.nextInt(3);
      for (int k = 0; k < n; k++) {
        roles.add(pick(BuyingRole.values()));
      }
      b.addContact(
          Contact.builder(id)
              .name(maybe(pick(NAMES)))
              .title(maybe(pick(NAMES)))
              .roles(roles)
              .power(maybe(pick(Power.values())))
              .responseMode(maybe(pick(ResponseMode.values())))
              .lastEngagedAt(maybe(instant()))
              .build());
    }
    int activities = r.nextInt(6);
    for (int i = 0; i < activities; i++) {
      Activity.Builder a =
          Activity.builder("a" + (i + 1), pick(ActivityType.values()), instant())
              .direction(maybe(pick(Direction.values())))
              .outcome(maybe(pick(Outcome.values())))
              .durationMinutes(maybe(r.nextInt(120)));
      List<String> named = new ArrayList<>();
      for (String id : contactIds) {
        if (r.nextInt(3) == 0) {
          named.add(id);
        }
      }
      a.contactIds(named);
      Set<String> tags = new LinkedHashSet<>();
      int t = r.nextInt(3);
      for (int k = 0; k < t; k++) {
        tags.add(pick(TAGS));
      }
      a.tags(tags);
      int c = r.nextInt(3);
      for (int k = 0; k < c; k++) {
        a.count(pick(RandomConditions.COUNT_NAMES), r.nextInt(5));
      }
      b.addActivity(a.build());
    }
    int steps = r.nextInt(4);
    for (int i = 0; i < steps; i++) {
      b.addNextStep(
          new NextStep(
              pick(List.of("Review", "Send quote", "x")),
              maybe(day()),
              maybe(pick(NAMES)),
              pick(NextStepStatus.values()),
              r.nextBoolean()));
    }
    for (String e : Fixtures.ELEMENTS) {
      if (r.nextInt(3) == 0) {
        b.putEvidence(
            e, new Evidence(pick(EvidenceStatus.values()), maybe("text"), maybe(instant())));
      }
    }
    if (r.nextInt(3) != 0) {
      b.putCustom("renewal", CustomValue.of(r.nextBoolean()));
    }
    if (r.nextInt(3) != 0) {
      b.putCustom(
          "seats", r.nextInt(6) == 0 ? CustomValue.of("many") : CustomValue.of(number(500)));
    }
    if (r.nextInt(3) != 0) {
      b.putCustom("go_live", CustomValue.of(day()));
    }
    if (r.nextInt(3) != 0) {
      b.putCustom("region", CustomValue.of(pick(NAMES)));
    }
    return b.build();
  }
}
