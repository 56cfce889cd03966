package dev.playbook.insights.stats;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Data-sufficiency checks: pure functions over simple counts that say when a figure cannot mean
 * what it seems to, each as a {@link Warning} with the numbers behind it.
 *
 * <table>
 *   <caption>Codes</caption>
 *   <tr><th>code</th><th>when</th></tr>
 *   <tr><td>{@value #OUTCOME_ONLY_FIELD}</td><td>a grouping field is set on won deals and on no
 *       lost deal, or the other way round: its groups' win rates are 0% or 100% by
 *       construction</td></tr>
 *   <tr><td>{@value #NO_OPEN_DEALS}</td><td>the book has closed deals and no open one</td></tr>
 *   <tr><td>{@value #MISSING_CLOSE_DATE}</td><td>closed deals without a close date</td></tr>
 *   <tr><td>{@value #IMPOSSIBLE_CYCLE}</td><td>closed deals that close before they were
 *       created</td></tr>
 *   <tr><td>{@value #RIGHT_CENSORING}</td><td>the latest creation cohorts are far more open than
 *       the earlier ones (see {@link #rightCensoring(List, int)})</td></tr>
 *   <tr><td>{@value #NO_CLOSED_DEALS}, {@value #NO_LOST_DEALS}, {@value #NO_WON_DEALS}</td><td>a
 *       backtest without both outcomes</td></tr>
 *   <tr><td>{@value #RULE_FIRES_ON_ALL}, {@value #RULE_FIRES_ON_NONE}</td><td>a rule that leaves
 *       no group to compare with</td></tr>
 * </table>
 */
public final class DataChecks {

  public static final String OUTCOME_ONLY_FIELD = "outcome-only-field";
  public static final String NO_OPEN_DEALS = "no-open-deals";
  public static final String MISSING_CLOSE_DATE = "missing-close-date";
  public static final String IMPOSSIBLE_CYCLE = "impossible-cycle";
  public static final String RIGHT_CENSORING = "right-censoring";
  public static final String NO_CLOSED_DEALS = "no-closed-deals";
  public static final String NO_LOST_DEALS = "no-lost-deals";
  public static final String NO_WON_DEALS = "no-won-deals";
  public static final String RULE_FIRES_ON_ALL = "rule-fires-on-all";
  public static final String RULE_FIRES_ON_NONE = "rule-fires-on-none";

  /** How many of the last creation cohorts {@link #rightCensoring(List)} compares. */
  public static final int LATEST_COHORTS = 3;

  /** The smallest gap in open share, latest cohorts against earlier, that is reported. */
  public static final double CENSORING_GAP = 0.10;

  private DataChecks() {}

  /**
   * How often a grouping field is set, by outcome.
   *
   * @param field the field's name as the reader knows it, such as {@code owner}
   * @param groups what its values are, for the message, such as {@code rep}
   * @param wonWith won deals with the field set
   * @param won won deals
   * @param lostWith lost deals with the field set
   * @param lost lost deals
   */
  public record FieldCoverage(
      String field, String groups, long wonWith, long won, long lostWith, long lost) {
    public FieldCoverage {
      requireNonNull(field, "field");
      requireNonNull(groups, "groups");
      Proportions.checkCounts(wonWith, won);
      Proportions.checkCounts(lostWith, lost);
    }
  }

  /**
   * One creation cohort (a month, say).
   *
   * @param label such as {@code 2024-06}
   * @param deals deals created in it
   * @param open of those, still open on the report date
   */
  public record Cohort(String label, long deals, long open) {
    public Cohort {
      requireNonNull(label, "label");
      Proportions.checkCounts(open, deals);
    }
  }

  /**
   * How often a rule fired in a backtest. A backtest at landmarks evaluates a deal once at each
   * landmark it was open at, so it has more evaluations than deals.
   *
   * @param rule the rule's id
   * @param fired evaluations it flagged the deal in
   * @param evaluated evaluations
   * @param deals the deals evaluated: at most {@code evaluated}, and none only with no evaluation
   */
  public record RuleFiring(String rule, long fired, long evaluated, long deals) {
    public RuleFiring {
      requireNonNull(rule, "rule");
      Proportions.checkCounts(fired, evaluated);
      checkArgument(
          deals <= evaluated && (deals > 0 || evaluated == 0),
          "%s deals cannot have %s evaluations",
          deals,
          evaluated);
    }

    /**
     * A backtest that evaluates each deal once.
     *
     * @param rule the rule's id
     * @param fired deals it flagged
     * @param evaluated deals evaluated
     */
    public RuleFiring(String rule, long fired, long evaluated) {
      this(rule, fired, evaluated, evaluated);
    }
  }

  /**
   * What the book checks need to know of a book.
   *
   * @param won won deals
   * @param lost lost deals
   * @param open open deals
   * @param closedWithoutCloseDate closed deals without a close date
   * @param wonBeforeCreation won deals whose close date is before their creation
   * @param lostBeforeCreation lost deals whose close date is before their creation
   * @param fields coverage of each grouping field
   * @param cohorts creation cohorts, oldest first
   */
  public record Book(
      long won,
      long lost,
      long open,
      long closedWithoutCloseDate,
      long wonBeforeCreation,
      long lostBeforeCreation,
      List<FieldCoverage> fields,
      List<Cohort> cohorts) {
    public Book {
      checkArgument(won >= 0 && lost >= 0 && open >= 0, "deal counts must not be negative");
      Proportions.checkCounts(closedWithoutCloseDate, won + lost);
      Proportions.checkCounts(wonBeforeCreation, won);
      Proportions.checkCounts(lostBeforeCreation, lost);
      fields = List.copyOf(fields);
      cohorts = List.copyOf(cohorts);
    }

    /** A builder, all counts 0 and lists empty. */
    public static Builder builder() {
      return new Builder();
    }

    /** Builds a {@link Book}. */
    public static final class Builder {
      private long won;
      private long lost;
      private long open;
      private long closedWithoutCloseDate;
      private long wonBeforeCreation;
      private long lostBeforeCreation;
      private final List<FieldCoverage> fields = new ArrayList<>();
      private final List<Cohort> cohorts = new ArrayList<>();

      private Builder() {}

      public Builder outcomes(long won, long lost, long open) {
        this.won = won;
        this.lost = lost;
        this.open = open;
        return this;
      }

      public Builder closedWithoutCloseDate(long count) {
        this.closedWithoutCloseDate = count;
        return this;
      }

      public Builder closedBeforeCreation(long won, long lost) {
        this.wonBeforeCreation = won;
        this.lostBeforeCreation = lost;
        return this;
      }

      public Builder field(FieldCoverage coverage) {
        fields.add(requireNonNull(coverage, "coverage"));
        return this;
      }

      public Builder cohort(Cohort cohort) {
        cohorts.add(requireNonNull(cohort, "cohort"));
        return this;
      }

      public Book build() {
        return new Book(
            won,
            lost,
            open,
            closedWithoutCloseDate,
            wonBeforeCreation,
            lostBeforeCreation,
            fields,
            cohorts);
      }
    }
  }

  /**
   * What the backtest checks need to know of a backtest.
   *
   * @param won won deals evaluated
   * @param lost lost deals evaluated
   * @param rules how often each rule fired
   */
  public record Backtest(long won, long lost, List<RuleFiring> rules) {
    public Backtest {
      checkArgument(won >= 0 && lost >= 0, "deal counts must not be negative");
      rules = List.copyOf(rules);
    }
  }

  /** Every book check, in the order of the table above; empty for a clean book. */
  public static List<Warning> book(Book book) {
    List<Warning> out = new ArrayList<>();
    for (FieldCoverage f : book.fields()) {
      outcomeOnlyField(f).ifPresent(out::add);
    }
    noOpenDeals(book.won(), book.lost(), book.open()).ifPresent(out::add);
    missingCloseDates(book.closedWithoutCloseDate(), book.won() + book.lost()).ifPresent(out::add);
    impossibleCycles(book.wonBeforeCreation(), book.won(), book.lostBeforeCreation(), book.lost())
        .ifPresent(out::add);
    rightCensoring(book.cohorts()).ifPresent(out::add);
    return List.copyOf(out);
  }

  /** Every backtest check: outcomes first, then each rule in order; empty for a sound backtest. */
  public static List<Warning> backtest(Backtest backtest) {
    List<Warning> out = new ArrayList<>();
    backtestOutcomes(backtest.won(), backtest.lost()).ifPresent(out::add);
    for (RuleFiring r : backtest.rules()) {
      ruleFiring(r).ifPresent(out::add);
    }
    return List.copyOf(out);
  }

  /**
   * {@value #OUTCOME_ONLY_FIELD}: the field is set on some deals of one outcome and on none of the
   * other (both outcomes having deals). A field set on few deals of both outcomes is not flagged.
   * The article before the field's name is "an" before a vowel, else "a".
   */
  public static Optional<Warning> outcomeOnlyField(FieldCoverage f) {
    if (f.won() == 0 || f.lost() == 0) {
      return Optional.empty();
    }
    String missingOn;
    if (f.wonWith() > 0 && f.lostWith() == 0) {
      missingOn = "lost";
    } else if (f.lostWith() > 0 && f.wonWith() == 0) {
      missingOn = "won";
    } else {
      return Optional.empty();
    }
    String message =
        String.format(
            Locale.ROOT,
            "no %s deal has %s %s: %s win rates are not comparable (%s present on %d of %d won"
                + " deals, %d of %d lost)",
            missingOn,
            article(f.field()),
            f.field(),
            f.groups(),
            f.field(),
            f.wonWith(),
            f.won(),
            f.lostWith(),
            f.lost());
    return Optional.of(
        Warning.of(
            OUTCOME_ONLY_FIELD,
            message,
            "wonWith",
            f.wonWith(),
            "won",
            f.won(),
            "lostWith",
            f.lostWith(),
            "lost",
            f.lost()));
  }

  /** {@value #NO_OPEN_DEALS}: closed deals and no open one. */
  public static Optional<Warning> noOpenDeals(long won, long lost, long open) {
    if (open > 0 || won + lost == 0) {
      return Optional.empty();
    }
    String message =
        String.format(
            Locale.ROOT,
            "no open deals in this book (%d won, %d lost): there is nothing to follow up, and no"
                + " rule can flag an open deal",
            won,
            lost);
    return Optional.of(Warning.of(NO_OPEN_DEALS, message, "won", won, "lost", lost, "open", open));
  }

  /** {@value #MISSING_CLOSE_DATE}: closed deals without a close date. */
  public static Optional<Warning> missingCloseDates(long withoutCloseDate, long closed) {
    Proportions.checkCounts(withoutCloseDate, closed);
    if (withoutCloseDate == 0) {
      return Optional.empty();
    }
    String message =
        String.format(
            Locale.ROOT,
            "%d of %d closed deals have no close date: they are left out of cycle times and time"
                + " to win",
            withoutCloseDate,
            closed);
    return Optional.of(
        Warning.of(
            MISSING_CLOSE_DATE, message, "withoutCloseDate", withoutCloseDate, "closed", closed));
  }

  /** {@value #IMPOSSIBLE_CYCLE}: closed deals that close before they were created. */
  public static Optional<Warning> impossibleCycles(
      long wonBeforeCreation, long won, long lostBeforeCreation, long lost) {
    Proportions.checkCounts(wonBeforeCreation, won);
    Proportions.checkCounts(lostBeforeCreation, lost);
    long count = wonBeforeCreation + lostBeforeCreation;
    if (count == 0) {
      return Optional.empty();
    }
    String message =
        String.format(
            Locale.ROOT,
            "%d closed %s before %s created (%d of %d won, %d of %d lost): a negative cycle is"
                + " impossible, so %s left out of cycle times and time to win",
            count,
            count == 1 ? "deal closes" : "deals close",
            count == 1 ? "it was" : "they were",
            wonBeforeCreation,
            won,
            lostBeforeCreation,
            lost,
            count == 1 ? "it is" : "they are");
    return Optional.of(
        Warning.of(
            IMPOSSIBLE_CYCLE,
            message,
            "wonBeforeCreation",
            wonBeforeCreation,
            "won",
            won,
            "lostBeforeCreation",
            lostBeforeCreation,
            "lost",
            lost));
  }

  /** {@link #rightCensoring(List, int)} over the last {@value #LATEST_COHORTS} cohorts. */
  public static Optional<Warning> rightCensoring(List<Cohort> cohorts) {
    return rightCensoring(cohorts, LATEST_COHORTS);
  }

  /**
   * {@value #RIGHT_CENSORING}: deals created lately have not had time to close, so outcome shares
   * and cycle times by cohort favour the deals that closed fast.
   *
   * <p>The test: pool the last {@code latest} cohorts and the earlier ones; with {@code p1} and
   * {@code p0} their open shares, warn when {@code p1 - p0} is at least {@value #CENSORING_GAP} and
   * the lower limit of Newcombe's 95% interval for {@code p1 - p0} is above 0. Needs at least one
   * earlier cohort and deals on both sides.
   */
  public static Optional<Warning> rightCensoring(List<Cohort> cohorts, int latest) {
    checkArgument(latest >= 1, "latest cohorts %s must be at least 1", latest);
    if (cohorts.size() <= latest) {
      return Optional.empty();
    }
    List<Cohort> recent = cohorts.subList(cohorts.size() - latest, cohorts.size());
    List<Cohort> earlier = cohorts.subList(0, cohorts.size() - latest);
    long recentDeals = recent.stream().mapToLong(Cohort::deals).sum();
    long recentOpen = recent.stream().mapToLong(Cohort::open).sum();
    long earlierDeals = earlier.stream().mapToLong(Cohort::deals).sum();
    long earlierOpen = earlier.stream().mapToLong(Cohort::open).sum();
    if (recentDeals == 0 || earlierDeals == 0) {
      return Optional.empty();
    }
    Estimate gap =
        Proportions.newcombeDifference(recentOpen, recentDeals, earlierOpen, earlierDeals);
    if (gap.value() < CENSORING_GAP || !(gap.low() > 0)) {
      return Optional.empty();
    }
    double p1 = (double) recentOpen / recentDeals;
    double p0 = (double) earlierOpen / earlierDeals;
    String which =
        latest == 1
            ? String.format(
                Locale.ROOT, "the latest creation cohort (%s) is", recent.get(0).label())
            : String.format(
                Locale.ROOT,
                "the latest %d creation cohorts (%s to %s) are",
                latest,
                recent.get(0).label(),
                recent.get(latest - 1).label());
    String message =
        String.format(
            Locale.ROOT,
            "%s %.1f%% open, against %.1f%% in the %d earlier %s: their deals have not had time to"
                + " close, so win rates and cycle times by cohort favour deals that closed fast"
                + " (difference %.1f points, 95%% CI %.1f to %.1f)",
            which,
            100 * p1,
            100 * p0,
            earlier.size(),
            earlier.size() == 1 ? "one" : "ones",
            100 * gap.value(),
            100 * gap.low(),
            100 * gap.high());
    return Optional.of(
        Warning.of(
            RIGHT_CENSORING,
            message,
            "recentCohorts",
            latest,
            "recentDeals",
            recentDeals,
            "recentOpen",
            recentOpen,
            "earlierCohorts",
            earlier.size(),
            "earlierDeals",
            earlierDeals,
            "earlierOpen",
            earlierOpen,
            "difference",
            gap.value(),
            "differenceLow",
            gap.low(),
            "differenceHigh",
            gap.high()));
  }

  /**
   * {@value #NO_CLOSED_DEALS}, {@value #NO_LOST_DEALS} or {@value #NO_WON_DEALS} for a backtest.
   */
  public static Optional<Warning> backtestOutcomes(long won, long lost) {
    checkArgument(won >= 0 && lost >= 0, "deal counts must not be negative");
    if (won == 0 && lost == 0) {
      return Optional.of(
          Warning.of(
              NO_CLOSED_DEALS,
              "the backtest has no closed deals: no rule's effect on winning can be measured",
              "won",
              won,
              "lost",
              lost));
    }
    if (won > 0 && lost > 0) {
      return Optional.empty();
    }
    boolean noLost = lost == 0;
    String message =
        String.format(
            Locale.ROOT,
            "the backtest has no %s deals (%d won, %d lost): every closed deal was %s, so no rule's"
                + " effect on winning can be measured",
            noLost ? "lost" : "won",
            won,
            lost,
            noLost ? "won" : "lost");
    return Optional.of(
        Warning.of(noLost ? NO_LOST_DEALS : NO_WON_DEALS, message, "won", won, "lost", lost));
  }

  /**
   * {@value #RULE_FIRES_ON_ALL} or {@value #RULE_FIRES_ON_NONE}. The message counts deals; when a
   * deal was evaluated more than once, it gives the evaluations beside them.
   */
  public static Optional<Warning> ruleFiring(RuleFiring r) {
    if (r.evaluated() == 0 || (r.fired() > 0 && r.fired() < r.evaluated())) {
      return Optional.empty();
    }
    boolean all = r.fired() == r.evaluated();
    String evaluations =
        r.deals() == r.evaluated()
            ? ""
            : String.format(
                Locale.ROOT,
                " (%d evaluations: a deal at each landmark it was open at)",
                r.evaluated());
    String message =
        all
            ? String.format(
                Locale.ROOT,
                "rule %s fires on all %d deals evaluated%s%s: with no deal left unflagged there is"
                    + " nothing to compare with",
                r.rule(),
                r.deals(),
                r.deals() == r.evaluated() ? "" : ", at every evaluation",
                evaluations)
            : String.format(
                Locale.ROOT,
                "rule %s fires on none of the %d deals evaluated%s: with no deal flagged there is"
                    + " nothing to compare",
                r.rule(),
                r.deals(),
                evaluations);
    return Optional.of(
        Warning.of(
            all ? RULE_FIRES_ON_ALL : RULE_FIRES_ON_NONE,
            message,
            "fired",
            r.fired(),
            "evaluated",
            r.evaluated(),
            "deals",
            r.deals()));
  }

  private static String article(String word) {
    return !word.isEmpty() && "aeiouAEIOU".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
  }
}
