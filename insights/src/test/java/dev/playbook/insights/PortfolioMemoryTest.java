package dev.playbook.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.Playbook;
import dev.playbook.model.CustomValue;
import dev.playbook.model.Deal;
import dev.playbook.model.StageChange;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The running totals of a report grow with what is distinct in the book (reps, segments, days,
 * strata, profile values), never with its number of deals: a book four times as long, made of the
 * same 120 kinds of deal under new ids, leaves every worker holding exactly as many counts.
 */
class PortfolioMemoryTest {

  static final Instant AS_OF = Instant.parse("2026-01-01T00:00:00Z");
  static final int KINDS = 120;
  static Playbook tiny;

  @BeforeAll
  static void load() {
    tiny = Playbook.load(Path.of("src/test/resources/tiny/tiny.yaml"));
  }

  static Instant day(int offset) {
    return LocalDate.of(2025, 1, 1).plusDays(offset).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** Deal {@code i}: a new id, everything else one of {@value #KINDS} kinds. */
  static Deal deal(int i) {
    int k = i % KINDS;
    String stage = k % 3 == 0 ? "closed_won" : k % 3 == 1 ? "closed_lost" : "qualify";
    Deal.Builder b =
        Deal.builder("D" + i, stage)
            .owner("rep-" + k % 5)
            .team("team-" + k % 2)
            .segment(List.of("smb", "mid", "enterprise").get(k % 3))
            .leadSource(k % 4 == 0 ? "web" : "event")
            .amount(k % 2 == 0 ? new BigDecimal(5000 + 1000 * (k % 7)) : null)
            .createdAt(day(k))
            .custom(Map.of("sector", new CustomValue.Text("s" + k % 4)));
    List<StageChange> history = new ArrayList<>();
    history.add(new StageChange("qualify", day(k + 3)));
    if (!stage.equals("qualify")) {
      int cycle = 20 + k % 100;
      history.add(new StageChange(stage, day(k + cycle)));
      b.closeDate(LocalDate.ofInstant(day(k + cycle), ZoneOffset.UTC));
    }
    return b.stageHistory(history).build();
  }

  static Accumulator run(int deals, List<Integer> landmarks) {
    Context ctx =
        new Context(
            tiny.ruleIds(),
            tiny.stages(),
            Set.of("closed_won"),
            Set.of("closed_lost"),
            "product",
            "sector",
            new Buckets(Buckets.DEFAULT_CYCLE, Buckets.DEFAULT_AMOUNT),
            landmarks,
            Portfolio.DEFAULT_WON_WITHIN,
            List.of("lead_source"),
            30,
            AS_OF);
    Accumulator acc = new Accumulator(ctx);
    List<Deal> batch = new ArrayList<>();
    for (int i = 0; i < deals; i++) {
      batch.add(deal(i));
      if (batch.size() == 256 || i == deals - 1) {
        Portfolio.evaluateBatch(batch, tiny, AS_OF, Locale.ROOT, ctx, acc);
        batch = new ArrayList<>();
      }
    }
    return acc;
  }

  @Test
  void evaluateBatch_fourTimesTheDealsOfTheSameKinds_holdsTheSameCounts() {
    // given one book of 600 deals and one of 2,400, both of the same 120 kinds
    // when each runs through one worker, landmark backtest on
    Accumulator small = run(5 * KINDS, Portfolio.DEFAULT_LANDMARKS);
    Accumulator large = run(20 * KINDS, Portfolio.DEFAULT_LANDMARKS);

    // then the counts held are the same, and more than without the landmark backtest
    assertThat(large.cells()).isEqualTo(small.cells());
    assertThat(small.cells()).isGreaterThan(run(5 * KINDS, List.of()).cells());
  }

  @Test
  void evaluateBatch_withoutLandmarks_fourTimesTheDeals_holdsTheSameCounts() {
    assertThat(run(20 * KINDS, List.of()).cells()).isEqualTo(run(5 * KINDS, List.of()).cells());
  }
}
