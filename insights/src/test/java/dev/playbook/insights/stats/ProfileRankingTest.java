package dev.playbook.insights.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.playbook.insights.stats.ProfileRanking.Deal;
import dev.playbook.insights.stats.ProfileRanking.Options;
import dev.playbook.insights.stats.ProfileRanking.Profile;
import dev.playbook.insights.stats.ProfileRanking.Standing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

class ProfileRankingTest {

  private static final String[] SECTORS = {"retail", "finance", "health", "industry"};
  private static final String[] SIZES = {"1-49", "50-249", "250+"};
  private static final String[] REGIONS = {"north", "south", "west"};
  private static final String[] SOURCES = {"web", "referral", "event", "outbound"};

  /**
   * Ten deals: sector a wins 4 of 5, sector b 1 of 5; baseline 5/10. By hand, Wilson 95%: 4/5 is
   * (0.3755, 0.9638), 1/5 is (0.0362, 0.6245); both contain 0.5. Two profiles are tested, so the
   * adjusted level is 1 - 0.05/2 = 97.5% (z = 2.2414) and 4/5 is (0.3290, 0.9703).
   */
  @Test
  void of_smallBook_ranksByLowerLimitWithHandComputedIntervals() {
    List<Deal> deals = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      deals.add(new Deal(Map.of("sector", "a"), i < 4));
      deals.add(new Deal(Map.of("sector", "b"), i < 1));
    }

    ProfileRanking r = ProfileRanking.of(deals, new Options(2, false, 50));

    assertThat(r.closed()).isEqualTo(10);
    assertThat(r.won()).isEqualTo(5);
    assertThat(r.baseline().value()).isEqualTo(0.5);
    assertThat(r.profiles()).extracting(Profile::label).containsExactly("sector = a", "sector = b");
    Profile a = r.profiles().get(0);
    assertThat(a.won()).isEqualTo(4);
    assertThat(a.closed()).isEqualTo(5);
    assertThat(a.winRate().low()).isCloseTo(0.3755, within(1e-4));
    assertThat(a.winRate().high()).isCloseTo(0.9638, within(1e-4));
    assertThat(a.lift()).isCloseTo(1.6, within(1e-12));
    assertThat(a.standing()).isEqualTo(Standing.WITHIN);
    assertThat(a.adjusted().low()).isCloseTo(0.3290, within(1e-4));
    assertThat(a.adjusted().high()).isCloseTo(0.9703, within(1e-4));
    assertThat(r.profiles().get(1).winRate().low()).isCloseTo(0.0362, within(1e-4));
    assertThat(r.above()).isEmpty();
  }

  @Test
  void of_plantedSectorAndSize_ranksThePlantedPairFirst() {
    // given 6000 deals winning 20% of the time, except retail × 50-249 which wins 40%
    List<Deal> deals =
        synthetic(
            6000,
            7,
            (sector, size) -> sector.equals("retail") && size.equals("50-249") ? 0.4 : 0.2);

    // when
    ProfileRanking r = ProfileRanking.of(deals, Options.defaults());

    // then
    Profile top = r.profiles().get(0);
    assertThat(top.label()).isEqualTo("sector = retail and size = 50-249");
    assertThat(top.standing()).isEqualTo(Standing.ABOVE);
    assertThat(top.significant(r.baseline().value())).isTrue();
    assertThat(top.lift()).isGreaterThan(1.6);
    // the planted pair's own single values are diluted by the other sizes and sectors
    assertThat(indexOf(r, "sector = retail")).isGreaterThan(0);
    assertThat(indexOf(r, "size = 50-249")).isGreaterThan(0);
    assertThat(r.significant().get(0)).isEqualTo(top);
  }

  /**
   * With nothing planted each 95% interval misses the true rate about 5% of the time. The
   * criterion: the number of profiles whose interval excludes the baseline is at most the 99th
   * percentile of Binomial(m, 0.05) for the m profiles tested (profiles overlap, so this is a guide
   * rather than an exact law), and no profile survives the Bonferroni adjustment.
   */
  @Test
  void of_nothingPlanted_flagsNoMoreProfilesThanChanceAllows() {
    for (long seed = 1; seed <= 5; seed++) {
      List<Deal> deals = synthetic(6000, seed, (sector, size) -> 0.2);

      ProfileRanking r = ProfileRanking.of(deals, Options.defaults());

      int m = r.profiles().size();
      long outside = r.profiles().stream().filter(p -> p.standing() != Standing.WITHIN).count();
      int bound = new BinomialDistribution(null, m, 0.05).inverseCumulativeProbability(0.99);
      assertThat(m)
          .as("profiles tested, seed %s", seed)
          .isEqualTo((4 + 3 + 3 + 4) + (12 + 12 + 16 + 9 + 12 + 12));
      assertThat(outside)
          .as("profiles outside the baseline, seed %s", seed)
          .isLessThanOrEqualTo(bound);
      assertThat(r.significant()).as("significant profiles, seed %s", seed).isEmpty();
    }
  }

  @Test
  void tally_dealsAddedOneByOne_rankLikeTheListFactory() {
    List<Deal> deals = synthetic(2000, 3, (sector, size) -> sector.equals("health") ? 0.35 : 0.2);
    ProfileRanking.Tally tally = ProfileRanking.tally(Options.defaults());
    deals.forEach(tally::add);

    ProfileRanking streamed = tally.rank();
    ProfileRanking listed = ProfileRanking.of(deals, Options.defaults());

    assertThat(streamed.profiles()).isEqualTo(listed.profiles());
    assertThat(streamed.baseline()).isEqualTo(listed.baseline());
    assertThat(streamed.profiles().get(0).label()).isEqualTo("sector = health");
  }

  @Test
  void of_minimumSupport_leavesSmallProfilesOut() {
    List<Deal> deals = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      deals.add(new Deal(Map.of("sector", "big"), i % 2 == 0));
    }
    for (int i = 0; i < 29; i++) {
      deals.add(new Deal(Map.of("sector", "small"), true));
    }

    ProfileRanking r = ProfileRanking.of(deals, Options.defaults());

    assertThat(r.profiles()).extracting(Profile::label).containsExactly("sector = big");
    assertThat(r.closed()).isEqualTo(59);
  }

  @Test
  void of_attributeWithTooManyValues_isLeftOutAndNamed() {
    // given an id on every deal besides a real attribute
    List<Deal> deals = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Map<String, String> attrs = new HashMap<>();
      attrs.put("deal_id", "d" + i);
      attrs.put("sector", i % 2 == 0 ? "retail" : "finance");
      attrs.put("region", i % 3 == 0 ? " " : null); // blank and missing values count as absent
      deals.add(new Deal(attrs, i % 4 == 0));
    }

    ProfileRanking r = ProfileRanking.of(deals, new Options(10, true, 50));

    assertThat(r.leftOut()).containsExactly("deal_id");
    assertThat(r.profiles())
        .extracting(Profile::label)
        .containsExactlyInAnyOrder("sector = retail", "sector = finance");
  }

  @Test
  void of_noDeals_givesAnUndefinedBaselineAndNoProfile() {
    ProfileRanking r = ProfileRanking.of(List.of(), Options.defaults());

    assertThat(r.baseline().isDefined()).isFalse();
    assertThat(r.profiles()).isEmpty();
  }

  @Test
  void options_invalid_areRejectedWithTheValue() {
    assertThatThrownBy(() -> new Options(0, true, 50))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minimum support 0 must be at least 1");
    assertThatThrownBy(() -> new Options(1, true, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maximum values 0 must be at least 1");
  }

  private interface WinChance {
    double of(String sector, String size);
  }

  @Test
  void fastest_plantedFastPair_ranksFirstByTimeToWinThoughNotByWinRate() {
    // given 6000 deals, every profile winning 40% of closed deals; retail × 50-249 wins in 5 to 30
    // days, everyone else in 60 to 150; losses come in 10 to 150 days, and one deal in ten is
    // still open at 20 to 200 days
    SplittableRandom random = new SplittableRandom(3);
    ProfileRanking.Tally tally = ProfileRanking.tally(new Options(30, true, 50, 90));
    for (int i = 0; i < 6000; i++) {
      String sector = SECTORS[random.nextInt(SECTORS.length)];
      String size = SIZES[random.nextInt(SIZES.length)];
      Map<String, String> attributes =
          Map.of("sector", sector, "size", size, "region", REGIONS[random.nextInt(3)]);
      boolean fast = sector.equals("retail") && size.equals("50-249");
      if (random.nextDouble() < 0.1) {
        tally.addTime(attributes, random.nextInt(20, 201), CumulativeIncidence.Outcome.OPEN);
        continue;
      }
      boolean won = random.nextDouble() < 0.4;
      long days =
          won ? (fast ? random.nextInt(5, 31) : random.nextInt(60, 151)) : random.nextInt(10, 151);
      tally.add(new Deal(attributes, won));
      tally.addTime(
          attributes,
          days,
          won ? CumulativeIncidence.Outcome.WON : CumulativeIncidence.Outcome.LOST);
    }

    // when
    ProfileRanking r = tally.rank();

    // then by time to win the planted pair is first and above the book
    ProfileRanking.Speed top = r.fastest().get(0);
    assertThat(top.label()).isEqualTo("sector = retail and size = 50-249");
    assertThat(top.standing()).isEqualTo(Standing.ABOVE);
    assertThat(top.median().day()).isEmpty(); // 40% won, never half
    assertThat(top.wonWithin().low()).isGreaterThan(r.baselineWonWithin().high());
    assertThat(r.fastest().get(1).label()).doesNotContain("retail and size = 50-249");
    // while by win rate it is no better than the book
    Profile byRate =
        r.profiles().stream().filter(p -> p.label().equals(top.label())).findFirst().orElseThrow();
    assertThat(byRate.standing()).isEqualTo(Standing.WITHIN);
    assertThat(r.profiles().get(0).label()).isNotEqualTo(top.label());
  }

  /**
   * Five deals of sector a, by hand: a win on day 2, a loss on day 3, a win on day 4, one open at
   * day 5 and one won on day 200. With a horizon of 10 the last one counts as open at day 11, so
   * F_w(10) = 1/5 + (3/5)·(1/3) = 0.4, the same as without the horizon at day 10.
   */
  @Test
  void addTime_dealsBeyondTheHorizon_leaveTheShareWonWithinItAsItIs() {
    Map<String, String> a = Map.of("sector", "a");
    ProfileRanking.Tally tally = ProfileRanking.tally(new Options(5, false, 50, 10));
    CumulativeIncidence.Tally full = CumulativeIncidence.tally();
    long[] days = {2, 3, 4, 5, 200};
    CumulativeIncidence.Outcome[] outcomes = {
      CumulativeIncidence.Outcome.WON,
      CumulativeIncidence.Outcome.LOST,
      CumulativeIncidence.Outcome.WON,
      CumulativeIncidence.Outcome.OPEN,
      CumulativeIncidence.Outcome.WON
    };
    for (int i = 0; i < days.length; i++) {
      tally.addTime(a, days[i], outcomes[i]);
      full.add(days[i], outcomes[i], 1);
    }

    ProfileRanking r = tally.rank();

    ProfileRanking.Speed speed = r.fastest().get(0);
    assertThat(speed.label()).isEqualTo("sector = a");
    assertThat(speed.deals()).isEqualTo(5);
    assertThat(speed.wonWithin().value()).isCloseTo(0.4, within(1e-12));
    assertThat(speed.wonWithin()).isEqualTo(full.estimate().wonWithin(10).orElseThrow());
    assertThat(r.baselineWonWithin()).isEqualTo(speed.wonWithin());
  }

  @Test
  void fastest_withoutHorizon_isEmptyAndNegativeHorizonIsRejected() {
    ProfileRanking.Tally tally = ProfileRanking.tally(new Options(1, false, 50));
    tally.addTime(Map.of("sector", "a"), 3, CumulativeIncidence.Outcome.WON);

    assertThat(tally.rank().fastest()).isEmpty();
    assertThat(tally.rank().baselineWonWithin().isDefined()).isFalse();
    assertThatThrownBy(() -> new Options(1, false, 50, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("horizon -1 days must not be negative");
  }

  private static List<Deal> synthetic(int n, long seed, WinChance chance) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Deal> deals = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String sector = SECTORS[random.nextInt(SECTORS.length)];
      String size = SIZES[random.nextInt(SIZES.length)];
      String region = REGIONS[random.nextInt(REGIONS.length)];
      String source = SOURCES[random.nextInt(SOURCES.length)];
      boolean won = random.nextDouble() < chance.of(sector, size);
      deals.add(
          new Deal(
              Map.of("sector", sector, "size", size, "region", region, "lead_source", source),
              won));
    }
    return deals;
  }

  private static int indexOf(ProfileRanking r, String label) {
    for (int i = 0; i < r.profiles().size(); i++) {
      if (r.profiles().get(i).label().equals(label)) {
        return i;
      }
    }
    return -1;
  }
}
