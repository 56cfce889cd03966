package dev.playbook.insights.trail;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Generates a book of deals with their whole selling trail (accounts, reps with teams and managers,
 * contacts with buying roles, calls, emails, meetings, demos, notes, tasks, next steps, stage
 * history and close-date pushes) and writes it as a CRM export: {@link TrailFormat#SALESFORCE},
 * {@link TrailFormat#HUBSPOT} or the project's own {@link TrailFormat#JSONL}.
 *
 * <pre>{@code
 * TrailSummary s = TrailGenerator.withSeed(7).generate(20_000, TrailFormat.JSONL, Path.of("book"), n -> {});
 * }</pre>
 *
 * <p><b>Deterministic.</b> The same seed and number of deals give byte-identical files. Each deal
 * is drawn from its own random stream, derived from the seed and its number, so deal 12,345 is the
 * same whatever else is generated.
 *
 * <p><b>Bounded memory.</b> Deals are drawn and written one at a time; accounts are derived from
 * the seed and their number when needed. What is held at once is one deal's trail, the 29 users and
 * the writers' buffers, whatever the number of deals.
 *
 * <p><b>The book.</b> Deals are created on a business day between 2024-01-01 and 2025-12-31 and the
 * export is taken at {@link #EXPORTED_AT}; a deal whose closing falls after it is exported open,
 * cut at that moment. Accounts (max(20, deals / 3)) are 45% smb, 35% mid-market and 20% enterprise,
 * priced in USD, EUR, GBP, JPY or BRL. A won deal closes from negotiation (85%) or proposal (15%);
 * a lost one from qualification (10%), discovery (20%), proposal (30%) or negotiation (40%).
 * Evidence statuses, activity tags and counts are drawn independently of the outcome.
 *
 * <p><b>Planted effects.</b> Each deal's attributes are drawn independently, and its chance to be
 * won is {@value #BASE_WIN_RATE} plus the sum of these effects, clipped to 2% to 98% (which only
 * the rare deal with every negative attribute reaches):
 *
 * <ol type="a">
 *   <li>Economic buyer met by proposal (50% of deals): a meeting with the contact who has the
 *       {@code economic_buyer} role before the deal entered proposal. Met deals win {@value
 *       #ECONOMIC_BUYER_MET} (20 points) more often than unmet ones (+10 and -10 around the base);
 *       an unmet deal has no meeting, demo or call with its economic buyer at all. Read by {@code
 *       meddic.eb-met}.
 *   <li>Silence (20%): no activity for the last 25 to 45 days before closing; every other deal has
 *       no gap of 14 days or more and a touch within four days of closing. Silent deals win {@value
 *       #SILENCE} (15 points) less. Read by {@code deal-risk.no-activity}.
 *   <li>Single-threaded enterprise (40% of enterprise deals): one contact, against three to six.
 *       They win {@value #SINGLE_THREADED_ENTERPRISE} (15 points) less. Read by {@code
 *       meddic.single-threaded} (and {@code deal-risk.few-contacts}).
 *   <li>The rep {@value Roster#NO_NEXT_STEPS_REP} never logs a next step (everyone else logs one
 *       per stage, the last one open); that rep's deals win {@value #NO_NEXT_STEPS} (10 points)
 *       less. Read by {@code standard-b2b.next-step}.
 *   <li>Confounder, long-lived deals (20%): a cycle of 95 to 170 days with 50 to 75 of them in the
 *       last open stage (other deals spend 3 to 19 days there) and one to four close-date pushes.
 *       They win {@value #LONG_LIVED} (15 points) more, and they are exactly the deals that {@code
 *       deal-risk.stalled} flags, so a naive backtest reads the stall rule as raising the win rate
 *       although stalling itself has no planted effect.
 * </ol>
 *
 * No effect: the primary contact's Miller Heiman response mode (growth, trouble, even keel,
 * overconfident, a quarter each) has no effect on winning. Read by {@code
 * miller-heiman.key-influence-timing-off}.
 */
public final class TrailGenerator {

  /** The moment the export is taken: deals still open then are exported open. */
  public static final Instant EXPORTED_AT = Instant.parse("2026-01-01T00:00:00Z");

  /** The most deals one book may have. */
  public static final int MAX_DEALS = 10_000_000;

  /** The chance to win before the planted effects. */
  public static final double BASE_WIN_RATE = 0.42;

  /** Effect (a): met minus unmet economic buyer, in win probability. */
  public static final double ECONOMIC_BUYER_MET = 0.20;

  /** Effect (b): what a 25-to-45-day silence before closing takes off the win probability. */
  public static final double SILENCE = 0.15;

  /** Effect (c): what a single contact takes off an enterprise deal's win probability. */
  public static final double SINGLE_THREADED_ENTERPRISE = 0.15;

  /** Effect (d): what the rep who never logs next steps loses on each deal's win probability. */
  public static final double NO_NEXT_STEPS = 0.10;

  /** Effect (e), the confounder: what a long-lived deal adds to the win probability. */
  public static final double LONG_LIVED = 0.15;

  /** The rep who never logs a next step. */
  public static final String NO_NEXT_STEPS_REP = Roster.NO_NEXT_STEPS_REP;

  private final long seed;

  private TrailGenerator(long seed) {
    this.seed = seed;
  }

  /** A generator of the books of {@code seed}. */
  public static TrailGenerator withSeed(long seed) {
    return new TrailGenerator(seed);
  }

  /**
   * Writes a book of {@code deals} deals in {@code format} into {@code folder} (created if missing;
   * it must be empty). {@code progress} is told the number of deals written after every 10,000 and
   * at the end.
   *
   * @throws IllegalArgumentException if {@code deals} is not 1 to {@value #MAX_DEALS} or the folder
   *     is not empty or is a file
   * @throws IOException if a file cannot be written
   */
  public TrailSummary generate(int deals, TrailFormat format, Path folder, LongConsumer progress)
      throws IOException {
    checkArgument(
        deals >= 1 && deals <= MAX_DEALS, "deals was set to %s, must be 1 to %s", deals, MAX_DEALS);
    requireNonNull(format, "format");
    requireNonNull(folder, "folder");
    requireNonNull(progress, "progress");
    checkArgument(
        !Files.exists(folder) || Files.isDirectory(folder), "%s is a file, not a folder", folder);
    if (Files.isDirectory(folder)) {
      try (Stream<Path> entries = Files.list(folder)) {
        checkArgument(
            entries.findAny().isEmpty(),
            "%s is not empty; the book is written into a new or empty folder",
            folder);
      }
    }
    Files.createDirectories(folder);
    Accounts accounts = new Accounts(seed, deals);
    Planner planner = new Planner(seed, accounts, EXPORTED_AT);
    long won = 0;
    long lost = 0;
    long activities = 0;
    try (TrailWriter writer = writer(format, folder)) {
      writer.begin(accounts);
      for (int i = 0; i < deals; i++) {
        Trail d = planner.plan(i);
        writer.write(d);
        if (d.closed()) {
          if (d.won()) {
            won++;
          } else {
            lost++;
          }
        }
        activities += d.activities().size();
        if ((i + 1) % 10_000 == 0 && i + 1 < deals) {
          progress.accept(i + 1);
        }
      }
      writer.close();
      progress.accept(deals);
      return new TrailSummary(deals, won, lost, deals - won - lost, activities, writer.rows());
    }
  }

  /** Deal {@code index} (0-based) of a book of {@code deals} deals, as it is written. */
  Trail plan(int deals, int index) {
    return new Planner(seed, new Accounts(seed, deals), EXPORTED_AT).plan(index);
  }

  private static TrailWriter writer(TrailFormat format, Path folder) throws IOException {
    return switch (format) {
      case JSONL -> new JsonlWriter(folder);
      case SALESFORCE -> new SalesforceWriter(folder);
      case HUBSPOT -> new HubspotWriter(folder);
    };
  }
}
