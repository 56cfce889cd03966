package dev.playbook.reliability;

import dev.playbook.internal.lang.Env;
import dev.playbook.internal.lang.Span;
import dev.playbook.internal.lang.Type;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fixed world the fuzz targets, properties and the differential oracle share: one playbook
 * header (stages, segments, parameters of every type, custom fields, a methodology) and the same
 * declarations as an {@link Env} for the condition compiler.
 */
final class Fixtures {

  private Fixtures() {}

  /** A Wednesday, mid-morning, so that business-day arithmetic crosses weekends both ways. */
  static final Instant AS_OF = Instant.parse("2026-03-04T10:30:00Z");

  /**
   * What {@code load} returns with the back end named {@code backend} chosen ({@code
   * playbook.backend}), the property as it was again afterwards.
   */
  static <T> T withBackend(String backend, java.util.function.Supplier<T> load) {
    String before = System.getProperty(dev.playbook.internal.lang.gen.CodeGen.PROPERTY);
    System.setProperty(dev.playbook.internal.lang.gen.CodeGen.PROPERTY, backend);
    try {
      return load.get();
    } finally {
      if (before == null) {
        System.clearProperty(dev.playbook.internal.lang.gen.CodeGen.PROPERTY);
      } else {
        System.setProperty(dev.playbook.internal.lang.gen.CodeGen.PROPERTY, before);
      }
    }
  }

  static final List<String> STAGES =
      List.of(
          "prospecting",
          "qualification",
          "discovery",
          "proposal",
          "negotiation",
          "closed_won",
          "closed_lost");
  static final List<String> SEGMENTS = List.of("smb", "mid_market", "enterprise");
  static final List<String> ELEMENTS =
      List.of("meddic.metrics", "meddic.economic_buyer", "meddic.champion", "meddic.identify_pain");

  /** Custom fields by name and declared type (as written in the playbook). */
  static final Map<String, String> CUSTOM_FIELDS =
      orderedMap("renewal", "boolean", "seats", "number", "go_live", "date", "region", "text");

  /**
   * The playbook header every generated playbook starts with; rules follow under {@code rules:}.
   * Parameters: a number with per-segment and per-stage values, calendar spans, a business-day
   * span, text and a flag.
   */
  static final String HEADER =
      """
      playbook: gen
      title: Generated playbook
      stages: [prospecting, qualification, discovery, proposal, negotiation, closed_won, closed_lost]
      segments: [smb, mid_market, enterprise]
      custom_fields: { renewal: boolean, seats: number, go_live: date, region: text }
      parameters:
        stale_days: { default: 14, by_segment: { enterprise: 21, smb: 7 }, by_stage: { negotiation: 5 } }
        big_deal: { default: 100000, by_segment: { smb: 20000 } }
        window: { default: 30d, by_stage: { negotiation: 2w }, by_segment: { mid_market: 36h } }
        follow_up: { default: 2bd, by_segment: { enterprise: 3bd } }
        label: { default: standard, by_stage: { proposal: priced } }
        strict: { default: false, by_segment: { enterprise: true } }
      methodologies:
        meddic:
          title: MEDDIC
          elements:
            - { id: metrics, title: Metrics }
            - { id: economic_buyer, title: Economic buyer }
            - { id: champion, title: Champion }
            - { id: identify_pain, title: Identify pain }
      talk_tracks:
        intro: { en: "Who else signs?", zh-CN: "还有谁签字？" }
      """;

  /** The header's declarations as the condition compiler sees them. */
  static final Env ENV =
      new Env(
          STAGES,
          Set.copyOf(SEGMENTS),
          List.of(
              new Env.Parameter(
                  "stale_days",
                  Type.Basic.NUMBER,
                  14.0,
                  Map.of("enterprise", 21.0, "smb", 7.0),
                  Map.of("negotiation", 5.0)),
              new Env.Parameter(
                  "big_deal", Type.Basic.NUMBER, 100000.0, Map.of("smb", 20000.0), Map.of()),
              new Env.Parameter(
                  "window",
                  Type.Basic.SPAN,
                  Span.parse("30d"),
                  Map.of("mid_market", Span.parse("36h")),
                  Map.of("negotiation", Span.parse("2w"))),
              new Env.Parameter(
                  "follow_up",
                  Type.Basic.SPAN,
                  Span.parse("2bd"),
                  Map.of("enterprise", Span.parse("3bd")),
                  Map.of()),
              new Env.Parameter(
                  "label", Type.Basic.TEXT, "standard", Map.of(), Map.of("proposal", "priced")),
              new Env.Parameter(
                  "strict", Type.Basic.BOOLEAN, false, Map.of("enterprise", true), Map.of())),
          Map.of(
              "renewal",
              Type.Basic.BOOLEAN,
              "seats",
              Type.Basic.NUMBER,
              "go_live",
              Type.Basic.DATE,
              "region",
              Type.Basic.TEXT),
          Set.copyOf(ELEMENTS));

  /** A few realistic deals: a rich one, an empty one, one at a weekend with odd values. */
  static final List<Deal> SAMPLE_DEALS =
      List.of(richDeal(), Deal.builder("empty", "prospecting").build(), weekendDeal());

  static Deal richDeal() {
    Contact eb =
        Contact.builder("c1")
            .name("Ana Diaz")
            .title("CFO")
            .roles(BuyingRole.ECONOMIC_BUYER)
            .power(Power.HIGH)
            .responseMode(ResponseMode.EVEN_KEEL)
            .lastEngagedAt(Instant.parse("2026-02-20T14:00:00Z"))
            .build();
    Contact champion =
        Contact.builder("c2")
            .name("Ben Ode")
            .roles(BuyingRole.CHAMPION, BuyingRole.TECHNICAL)
            .power(Power.MEDIUM)
            .build();
    Contact none = Contact.builder("c3").build();
    return Deal.builder("rich", "proposal")
        .name("Acme renewal")
        .account("Acme")
        .owner("dana")
        .team("east")
        .segment("enterprise")
        .amount(new BigDecimal("120000.50"))
        .currency("EUR")
        .probability(new BigDecimal("60"))
        .forecastCategory(ForecastCategory.BEST_CASE)
        .leadSource("web")
        .createdAt(Instant.parse("2025-11-01T09:00:00Z"))
        .closeDate(LocalDate.parse("2026-03-31"))
        .mqlAt(Instant.parse("2025-10-30T09:00:00Z"))
        .sqlAt(Instant.parse("2025-10-31T16:45:00Z"))
        .assignedAt(Instant.parse("2025-11-01T09:00:00Z"))
        .addStageChange("discovery", Instant.parse("2026-01-05T09:00:00Z"))
        .addStageChange("proposal", Instant.parse("2026-02-14T09:00:00Z"))
        .addCloseDateChange(
            LocalDate.parse("2026-02-28"),
            LocalDate.parse("2026-03-31"),
            Instant.parse("2026-02-01T08:00:00Z"))
        .addCloseDateChange(
            LocalDate.parse("2026-03-31"),
            LocalDate.parse("2026-03-15"),
            Instant.parse("2026-02-10T08:00:00Z"))
        .addContact(eb)
        .addContact(champion)
        .addContact(none)
        .addActivity(
            Activity.builder("a1", ActivityType.MEETING, Instant.parse("2026-02-20T14:00:00Z"))
                .direction(Direction.OUTBOUND)
                .contactIds("c1", "c2")
                .outcome(Outcome.ADVANCE)
                .tags("reframe", "pricing")
                .count("implication_questions", 3)
                .durationMinutes(45)
                .build())
        .addActivity(
            Activity.builder("a2", ActivityType.EMAIL, Instant.parse("2026-02-28T23:30:00Z"))
                .direction(Direction.INBOUND)
                .contactIds("c2")
                .outcome(Outcome.REPLIED)
                .build())
        .addNextStep(
            new NextStep(
                "Security review", LocalDate.parse("2026-03-02"), "Ben", NextStepStatus.OPEN, true))
        .addNextStep(new NextStep("Send quote", null, null, NextStepStatus.DONE, false))
        .putEvidence(
            "meddic.metrics",
            new Evidence(
                EvidenceStatus.CONFIRMED, "3 days saved", Instant.parse("2026-01-10T00:00:00Z")))
        .putEvidence("meddic.champion", Evidence.of(EvidenceStatus.PARTIAL))
        .putCustom("renewal", CustomValue.of(true))
        .putCustom("seats", CustomValue.of(new BigDecimal(250)))
        .putCustom("go_live", CustomValue.of(LocalDate.parse("2026-06-01")))
        .putCustom("region", CustomValue.of("EMEA"))
        .build();
  }

  static Deal weekendDeal() {
    return Deal.builder("weekend", "negotiation")
        .segment("smb")
        .amount(BigDecimal.ZERO)
        .createdAt(Instant.parse("2026-02-28T23:59:59Z"))
        .closeDate(LocalDate.parse("2026-03-01"))
        .addStageChange("negotiation", Instant.parse("2026-03-01T12:00:00Z"))
        .addContact(
            Contact.builder("x")
                .roles(BuyingRole.BLOCKER, BuyingRole.USER)
                .power(Power.LOW)
                .build())
        .addActivity(
            Activity.builder("n", ActivityType.NOTE, Instant.parse("2026-03-07T08:00:00Z")).build())
        .putCustom("seats", CustomValue.of("many"))
        .build();
  }

  static <K, V> Map<K, V> orderedMap(Object... kv) {
    Map<K, V> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      @SuppressWarnings("unchecked")
      K k = (K) kv[i];
      @SuppressWarnings("unchecked")
      V v = (V) kv[i + 1];
      m.put(k, v);
    }
    return m;
  }
}
