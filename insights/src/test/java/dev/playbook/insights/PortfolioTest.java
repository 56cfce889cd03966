package dev.playbook.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playbook.Playbook;
import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import dev.playbook.result.Severity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A hand-made book of six deals, each figure worked out by hand (see the comments). */
class PortfolioTest {

  static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
  static Playbook tiny;

  @BeforeAll
  static void load() {
    tiny = Playbook.load(Path.of("src/test/resources/tiny/tiny.yaml"));
  }

  static Instant at(String date) {
    return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /**
   * D1 ann/east qualify since 05-20, 5000: nothing fires. D2 ann/east propose since 03-01, no
   * amount: stalled (high) + no-amount (low). D3 bob/west lead, no history, 20000: big (action
   * only). D4 bob/west won, 01-01 to 01-20, 12000. D5 ann/east lost, 01-01 to 04-10, qualify since
   * 01-05, no amount. D6 ann/east won, 02-01 to 02-10, no history, 3000.
   */
  static List<Deal> book() {
    return List.of(
        Deal.builder("D1", "qualify")
            .owner("ann")
            .team("east")
            .amount(new BigDecimal(5000))
            .addStageChange("lead", at("2026-01-01"))
            .addStageChange("qualify", at("2026-05-20"))
            .build(),
        Deal.builder("D2", "propose")
            .owner("ann")
            .team("east")
            .addStageChange("lead", at("2026-01-01"))
            .addStageChange("qualify", at("2026-02-01"))
            .addStageChange("propose", at("2026-03-01"))
            .build(),
        Deal.builder("D3", "lead")
            .owner("bob")
            .team("west")
            .amount(new BigDecimal(20000))
            .createdAt(at("2026-05-15"))
            .build(),
        Deal.builder("D4", "closed_won")
            .owner("bob")
            .team("west")
            .amount(new BigDecimal(12000))
            .createdAt(at("2026-01-01"))
            .closeDate(LocalDate.parse("2026-01-20"))
            .addStageChange("lead", at("2026-01-01"))
            .addStageChange("propose", at("2026-01-10"))
            .addStageChange("closed_won", at("2026-01-20"))
            .build(),
        Deal.builder("D5", "closed_lost")
            .owner("ann")
            .team("east")
            .createdAt(at("2026-01-01"))
            .closeDate(LocalDate.parse("2026-04-10"))
            .addStageChange("lead", at("2026-01-01"))
            .addStageChange("qualify", at("2026-01-05"))
            .addStageChange("closed_lost", at("2026-04-10"))
            .build(),
        Deal.builder("D6", "closed_won")
            .owner("ann")
            .team("east")
            .amount(new BigDecimal(3000))
            .createdAt(at("2026-02-01"))
            .closeDate(LocalDate.parse("2026-02-10"))
            .build());
  }

  static PortfolioReport run(int threads, int batch) {
    return Portfolio.evaluate(
        book().stream(),
        tiny,
        AS_OF,
        Portfolio.Options.builder()
            .threads(threads)
            .batchSize(batch)
            .clock(Clock.fixed(AS_OF, ZoneOffset.UTC))
            .build());
  }

  @Test
  void evaluate_handMadeBook_totalsAndGroups() {
    PortfolioReport r = run(2, 2);

    PortfolioReport.Group t = r.totals();
    assertThat(List.of(t.deals(), t.open(), t.won(), t.lost(), t.openActions(), t.stalled()))
        .containsExactly(6L, 3L, 2L, 1L, 2L, 1L);
    assertThat(t.winRate()).isEqualTo(0.6667);
    assertThat(t.complianceRate()).isEqualTo(0.6667); // D1 and D3 have no gap of medium or above
    assertThat(t.gapsBySeverity())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                Severity.CRITICAL,
                0L,
                Severity.HIGH,
                1L,
                Severity.MEDIUM,
                0L,
                Severity.LOW,
                1L,
                Severity.INFO,
                0L));

    assertThat(r.byRep())
        .extracting(
            g -> g.key(),
            g -> g.team(),
            g -> g.deals(),
            g -> g.open(),
            g -> g.won(),
            g -> g.lost(),
            g -> g.winRate(),
            g -> g.complianceRate(),
            g -> g.openActions(),
            g -> g.stalled())
        .containsExactly(
            tuple("ann", "east", 4L, 2L, 1L, 1L, 0.5, 0.5, 1L, 1L),
            tuple("bob", "west", 2L, 1L, 1L, 0L, 1.0, 1.0, 1L, 0L));
    assertThat(r.byTeam()).extracting(PortfolioReport.Group::key).containsExactly("east", "west");
    assertThat(r.byStage())
        .extracting(PortfolioReport.Group::key, PortfolioReport.Group::deals)
        .containsExactly(
            tuple("lead", 1L),
            tuple("qualify", 1L),
            tuple("propose", 1L),
            tuple("closed_won", 2L),
            tuple("closed_lost", 1L));

    assertThat(r.byRule())
        .extracting(f -> f.rule(), f -> f.title(), f -> f.flaggedDeals(), f -> f.flaggedShare())
        .containsExactly(
            tuple("tiny.stalled", "Stalled in stage", 1L, 0.3333),
            tuple("tiny.no-amount", "Amount missing", 1L, 0.3333),
            tuple("tiny.big", "Big deal", 1L, 0.3333));
    assertThat(r.repRuleCompliance().reps()).containsExactly("ann", "bob");
    assertThat(r.repRuleCompliance().rules())
        .containsExactly("tiny.stalled", "tiny.no-amount", "tiny.big");
    assertThat(r.repRuleCompliance().rates())
        .containsExactly(List.of(0.5, 0.5, 1.0), List.of(1.0, 1.0, 0.0));
  }

  @Test
  void evaluate_handMadeBook_funnel() {
    PortfolioReport r = run(1, 100);

    // reached: every deal reached lead; qualify: D1 D2 D4 D5 D6; propose: D2 D4 D6; won: D4 D6.
    // days from the previous dated node: qualify 139 (D1), 31 (D2), 4 (D5) -> 31; propose 28 (D2),
    // 9 (D4, from lead) -> 18.5; closed_won 10 (D4).
    assertThat(r.funnel())
        .extracting(
            n -> n.id(),
            n -> n.title(),
            n -> n.reached(),
            n -> n.observed(),
            n -> n.conversionFromPrevious(),
            n -> n.medianDaysFromPrevious())
        .containsExactly(
            tuple("lead", "Lead ready", 6L, 5L, null, null),
            tuple("qualify", "qualify", 5L, 3L, 0.8333, 31.0),
            tuple("propose", "propose", 3L, 2L, 0.6, 18.5),
            tuple("closed_won", "closed_won", 2L, 2L, 0.6667, 10.0));
  }

  @Test
  void evaluate_ruleThatNeverFires_stillHasItsTitleAndMethodology() {
    // titles came from explaining a made-up deal and methodologies from gaps that fired, so a rule
    // that never fired had none in the report, and a key node no deal stood at had no title
    Playbook p =
        Playbook.parse(
            "m.yaml",
            """
        playbook: m
        stages: [lead, proposal, won, lost]
        methodologies:
          meddic:
            elements: [{ id: metrics }]
        key_nodes:
          - id: proposal_ready
            stage: proposal
            title: { en: Ready to propose, zh-CN: 可以出方案 }
            exit_criteria:
              - { id: amount, when: "amount is present" }
        rules:
          - id: m.never
            title: { en: Never fires, zh-CN: 从不触发 }
            methodology: meddic
            element: metrics
            when: amount > 1000000000
            gap: { severity: low, message: never }
        """);

    PortfolioReport r =
        Portfolio.evaluate(
            Stream.of(Deal.builder("D1", "lead").build()),
            p,
            AS_OF,
            Portfolio.Options.builder()
                .threads(1)
                .locale(java.util.Locale.forLanguageTag("zh-CN"))
                .build());

    assertThat(r.byRule())
        .extracting(
            f -> f.rule(),
            f -> f.title(),
            f -> f.methodology(),
            f -> f.element(),
            f -> f.flaggedDeals())
        .containsExactly(tuple("m.never", "从不触发", "meddic", "metrics", 0L));
    assertThat(r.backtest().rules())
        .extracting(b -> b.rule(), b -> b.title())
        .containsExactly(tuple("m.never", "从不触发"));
    assertThat(r.funnel())
        .extracting(n -> n.id(), n -> n.title())
        .containsExactly(tuple("lead", "lead"), tuple("proposal", "可以出方案"), tuple("won", "won"));
  }

  @Test
  void evaluate_handMadeBook_winRatesAndBacktest() {
    PortfolioReport r = run(2, 1);

    // cycles: D6 9 days, D4 19, D5 99
    assertThat(r.winRateByCycle())
        .extracting(w -> w.key(), w -> w.closed(), w -> w.won(), w -> w.smallSample())
        .containsExactly(
            tuple("0-15", 1L, 1L, true),
            tuple("16-30", 1L, 1L, true),
            tuple("31-60", 0L, 0L, true),
            tuple("61-90", 0L, 0L, true),
            tuple("91-120", 1L, 0L, true),
            tuple("121+", 0L, 0L, true));
    assertThat(r.winRateBy().rep())
        .extracting(w -> w.key(), w -> w.closed(), w -> w.won(), w -> w.winRate())
        .containsExactly(tuple("ann", 2L, 1L, 0.5), tuple("bob", 1L, 1L, 1.0));
    assertThat(r.winRateBy().dealSize())
        .extracting(w -> w.key(), w -> w.closed())
        .containsExactly(
            tuple("under 1k", 0L),
            tuple("1k-5k", 1L),
            tuple("5k-10k", 0L),
            tuple("10k-50k", 1L),
            tuple("50k-100k", 0L),
            tuple("100k+", 0L),
            tuple("unknown", 1L));
    assertThat(r.winRateBy().product()).extracting(w -> w.key()).containsExactly("(none)");

    // backtest as of the day before closing: D5 in qualify since 01-05 is stalled on 04-09 and has
    // no
    // amount (lost); D4 in propose since 01-10 is big (won); D6 at the last open stage, nothing
    // fires.
    assertThat(r.backtest().deals()).isEqualTo(3);
    assertThat(r.backtest().rules())
        .extracting(
            b -> b.rule(),
            b -> b.fired().closed(),
            b -> b.fired().won(),
            b -> b.notFired().closed(),
            b -> b.notFired().won(),
            b -> b.lift(),
            b -> b.smallSample())
        .containsExactly(
            tuple("tiny.stalled", 1L, 0L, 2L, 2L, 0.0, true),
            tuple("tiny.no-amount", 1L, 0L, 2L, 2L, 0.0, true),
            tuple("tiny.big", 1L, 1L, 2L, 1L, 2.0, true));
    double[] ci = Stats.newcombeDiff(1, 1, 1, 2);
    PortfolioReport.RuleBacktest big = r.backtest().rules().get(2);
    assertThat(big.diffCiLow()).isEqualTo(Math.round(ci[0] * 1e4) / 1e4);
    assertThat(big.diffCiHigh()).isEqualTo(Math.round(ci[1] * 1e4) / 1e4);
  }

  @Test
  void evaluate_sameBookAnyThreadsOrBatch_sameJson() {
    String one = strip(run(1, 100).toJson());
    assertThat(strip(run(2, 1).toJson())).isEqualTo(one);
    assertThat(strip(run(3, 4).toJson())).isEqualTo(one);
  }

  private static String strip(String json) {
    return json.substring(0, json.indexOf("\"runtime\""));
  }

  @Test
  void toJson_followsTheContract() throws Exception {
    JsonNode j = new ObjectMapper().readTree(run(2, 2).toJson());

    List<String> keys = new ArrayList<>();
    j.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly(
            "schema_version",
            "generated_at",
            "as_of",
            "playbook",
            "input",
            "warnings",
            "unreadable",
            "totals",
            "by_rep",
            "by_team",
            "by_stage",
            "by_rule",
            "rep_rule_compliance",
            "funnel",
            "win_rate_by_cycle",
            "win_rate_by",
            "backtest",
            "time_to_win",
            "landmark_backtest",
            "breakdowns",
            "customer_profile",
            "coaching",
            "runtime");
    assertThat(j.get("as_of").asText()).isEqualTo("2026-06-01T00:00:00Z");
    assertThat(j.get("playbook").toString())
        .isEqualTo("{\"id\":\"tiny\",\"title\":\"Tiny test playbook\",\"rules\":3}");
    assertThat(j.get("totals").toString())
        .isEqualTo(
            "{\"deals\":6,\"open\":3,\"won\":2,\"lost\":1,"
                + "\"win_rate\":0.6667,\"gaps_by_severity\":{\"critical\":0,\"high\":1,\"medium\":0,\"low\":1,\"info\":0},"
                + "\"open_actions\":2,\"stalled\":1,\"compliance_rate\":0.6667}");
    assertThat(j.get("by_rep").get(0).toString())
        .isEqualTo(
            "{\"key\":\"ann\",\"team\":\"east\",\"deals\":4,"
                + "\"open\":2,\"won\":1,\"lost\":1,\"win_rate\":0.5,\"compliance_rate\":0.5,\"gaps_by_severity\":"
                + "{\"critical\":0,\"high\":1,\"medium\":0,\"low\":1,\"info\":0},\"open_actions\":1,\"stalled\":1}");
    assertThat(j.get("rep_rule_compliance").toString())
        .isEqualTo(
            "{\"reps\":[\"ann\",\"bob\"],\"rules\":"
                + "[\"tiny.stalled\",\"tiny.no-amount\",\"tiny.big\"],\"rates\":[[0.5,0.5,1.0],[1.0,1.0,0.0]]}");
    assertThat(j.get("win_rate_by_cycle").get(0).toString())
        .isEqualTo(
            "{\"bucket\":\"0-15\",\"closed\":1,"
                + "\"won\":1,\"win_rate\":1.0,\"ci_low\":0.2065,\"ci_high\":1.0,\"small_sample\":true}");
    assertThat(j.get("win_rate_by").fieldNames())
        .toIterable()
        .containsExactly("rep", "team", "product", "sector", "deal_size");
    assertThat(j.get("backtest").get("as_of_method").asText()).isEqualTo(Portfolio.AS_OF_METHOD);
    assertThat(j.get("backtest").get("rules").get(2).toString())
        .startsWith(
            "{\"rule\":\"tiny.big\","
                + "\"title\":\"Big deal\",\"fired\":{\"closed\":1,\"won\":1,\"win_rate\":1.0},\"not_fired\":{\"closed\":2,"
                + "\"won\":1,\"win_rate\":0.5},\"lift\":2.0,\"diff_ci_low\":");
    assertThat(j.get("runtime").get("threads").asInt())
        .isEqualTo(Runtime.getRuntime().availableProcessors() > 0 ? 2 : 0);
  }

  @Test
  void evaluate_dealAtUnknownStage_isABadRowAndTheRestIsEvaluated() throws Exception {
    Path file = Files.createTempFile("book", ".jsonl");
    try {
      Files.writeString(
          file,
          "{\"id\": \"A\", \"stage\": \"lead\"}\n{\"id\": \"B\", \"stage\": \"negotiation\"}\n");
      try (DealSource source = DealSource.open(file)) {
        PortfolioReport r = Portfolio.evaluate(source, tiny, AS_OF, Portfolio.Options.defaults());

        assertThat(r.input().rows()).isEqualTo(2);
        assertThat(r.input().deals()).isEqualTo(1);
        assertThat(r.input().badRows()).isEqualTo(1);
        assertThat(r.input().problems())
            .extracting(Problem::render)
            .containsExactly(
                file
                    + ":2:1: unknown-stage:"
                    + " deal 'B' is at stage 'negotiation', which is not a stage of playbook 'tiny'; its stages are: lead,"
                    + " qualify, propose, closed_won, closed_lost");
        assertThat(r.totals().deals()).isEqualTo(1);
      }
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void evaluate_withProgressOffTerminal_printsPlainLines() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Portfolio.evaluate(
        book().iterator(),
        tiny,
        AS_OF,
        Portfolio.Options.builder()
            .threads(1)
            .batchSize(2)
            .progress(new PrintStream(bytes, true, StandardCharsets.UTF_8))
            .progressBar(false)
            .progressEvery(4)
            .build());

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .matches("4 deals, [0-9,]+ deals/s\n6 deals, [0-9,]+ deals/s\n");
  }

  @Test
  void evaluate_withProgressOnTerminal_redrawsABar() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Path file = Files.createTempFile("book", ".jsonl");
    try {
      Files.writeString(
          file, "{\"id\": \"A\", \"stage\": \"lead\"}\n{\"id\": \"B\", \"stage\": \"lead\"}\n");
      try (DealSource source = DealSource.open(file)) {
        Portfolio.evaluate(
            source,
            tiny,
            AS_OF,
            Portfolio.Options.builder()
                .progress(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .progressBar(true)
                .build());
      }
    } finally {
      Files.delete(file);
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .matches("(?s).*\r\\[#{30}\\] 100% 2/2 deals, [0-9,]+ deals/s\n");
  }

  /**
   * 200,000 generated deals, never held in a list: the generator makes each on demand, and the
   * report says how many were in memory at most (queue and workers), which must stay within the
   * queue's bound whatever the size of the book.
   */
  @Test
  void evaluate_200kGeneratedDeals_streamsWithBoundedMemory() {
    int n = 200_000;
    Iterator<Deal> generated =
        new Iterator<>() {
          int i;

          @Override
          public boolean hasNext() {
            return i < n;
          }

          @Override
          public Deal next() {
            int k = i++;
            Deal.Builder b =
                Deal.builder(
                        "G" + k,
                        k % 10 == 0 ? (k % 20 == 0 ? "closed_won" : "closed_lost") : "qualify")
                    .owner("rep" + (k % 50))
                    .team("team" + (k % 5))
                    .createdAt(at("2026-01-01").plusSeconds(k))
                    .addStageChange("qualify", at(k % 10 == 0 ? "2026-02-20" : "2026-05-20"))
                    .amount(BigDecimal.valueOf(k % 9_000));
            if (k % 10 == 0) {
              b.closeDate(LocalDate.parse("2026-03-01").plusDays(k % 7));
            }
            return b.build();
          }
        };
    Portfolio.Options options = Portfolio.Options.builder().threads(2).batchSize(500).build();

    PortfolioReport r = Portfolio.evaluate(generated, tiny, AS_OF, options);

    assertThat(r.totals().deals()).isEqualTo(n);
    assertThat(r.totals().won()).isEqualTo(n / 20);
    assertThat(r.totals().lost()).isEqualTo(n / 20);
    assertThat(r.backtest().deals()).isEqualTo(n / 10);
    long bound = (long) (options.queueBatches() + options.threads() + 1) * options.batchSize();
    assertThat(r.runtime().maxDealsInFlight()).isPositive().isLessThanOrEqualTo(bound);
  }

  @Test
  void evaluate_readerFails_throwsItsExceptionAndStopsTheWorkers() {
    Iterator<Deal> failing =
        new Iterator<>() {
          int i;

          @Override
          public boolean hasNext() {
            return true;
          }

          @Override
          public Deal next() {
            if (i++ == 1000) {
              throw new java.io.UncheckedIOException(new java.io.IOException("disk gone"));
            }
            return Deal.builder("F" + i, "lead").build();
          }
        };

    assertThatThrownBy(
            () ->
                Portfolio.evaluate(
                    failing,
                    tiny,
                    AS_OF,
                    Portfolio.Options.builder().threads(2).batchSize(10).build()))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageContaining("disk gone");
  }

  @Test
  void evaluate_workerFails_throwsItsException() {
    // every stage but closed_lost declared won: a closed deal has no open stage to be backtested at
    Portfolio.Options options =
        Portfolio.Options.builder()
            .threads(2)
            .batchSize(1)
            .wonStages(java.util.Set.of("lead", "qualify", "propose", "closed_won"))
            .build();

    assertThatThrownBy(() -> Portfolio.evaluate(book().stream(), tiny, AS_OF, options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith(
            ": no open stage to backtest it at; every stage of the playbook is won or lost");
  }

  @Test
  void evaluate_emptyBook_givesNullRates() {
    PortfolioReport r =
        Portfolio.evaluate(Stream.<Deal>empty(), tiny, AS_OF, Portfolio.Options.defaults());
    assertThat(r.totals().deals()).isZero();
    assertThat(r.totals().winRate()).isNull();
    assertThat(r.totals().complianceRate()).isNull();
    assertThat(r.funnel()).allSatisfy(f -> assertThat(f.reached()).isZero());
  }
}
