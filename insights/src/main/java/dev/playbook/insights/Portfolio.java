package dev.playbook.insights;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.playbook.Playbook;
import dev.playbook.model.Deal;
import dev.playbook.model.ForecastCategory;
import dev.playbook.model.StageChange;
import dev.playbook.problem.Problem;
import dev.playbook.result.DealError;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Evaluations;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Evaluates a whole book of deals against one playbook and aggregates what a sales manager needs:
 * compliance per rep, team, stage and rule, the key-node funnel, win rates from closed deals, and a
 * backtest of every rule against won/lost history.
 *
 * <pre>{@code
 * Playbook playbook = Playbook.builtIn("standard-b2b");
 * try (DealSource deals = DealSource.open(Path.of("sales_pipeline.csv"), CsvMapping.builtIn("maven-crm"))) {
 *   PortfolioReport report = Portfolio.evaluate(deals, playbook, Instant.parse("2018-01-01T00:00:00Z"),
 *       Portfolio.Options.builder().progress(System.err).build());
 *   Files.writeString(Path.of("report.json"), report.toJson());
 *   report.winRateByCycle().forEach(b -> System.out.println(b.key() + " " + b.winRate()));
 * }
 * }</pre>
 *
 * <p>Deals are read as a stream on the calling thread and handed in batches, through a bounded
 * queue, to worker threads that evaluate them with {@link Playbook#evaluateEach} and fold each
 * result into running totals; no list of deals or evaluations is kept, so memory stays bounded
 * whatever the size of the book. Open deals are evaluated as of {@code asOf}; closed deals are
 * backtested as of the day before they closed (see {@link #AS_OF_METHOD}).
 */
public final class Portfolio {

  /**
   * How closed deals are evaluated for the backtest; also written to the JSON as {@code
   * as_of_method}.
   */
  public static final String AS_OF_METHOD =
      "Each closed deal is evaluated as of 00:00 UTC on the day before"
          + " its close date (close_date - 1 day; without a close date, 1 day before it entered its won or lost"
          + " stage), with its stage set to the last open stage in its stage_history entered by then, else to the"
          + " playbook's last open stage (the stage just before closing). Stage changes, activities and close"
          + " date changes dated after that moment are removed and a forecast category of 'closed' is cleared;"
          + " everything else is kept as exported. Closed deals with no close date at all are skipped.";

  /** The default ages of the landmark backtest, in days since creation. */
  public static final List<Integer> DEFAULT_LANDMARKS = List.of(14, 30, 60, 90);

  /** The default days N of "won within N days". */
  public static final List<Integer> DEFAULT_WON_WITHIN = List.of(30, 60, 90);

  /** How the landmark backtest evaluates deals; also written to the JSON as its {@code method}. */
  public static final String LANDMARK_METHOD =
      "At each landmark age L (days since creation), the deals still open at 00:00 UTC on day L"
          + " (created before the report date minus L days, closed after that moment) are evaluated"
          + " as they stood then: the stage is the last stage of stage_history entered by that moment"
          + " (else the first open stage the deal entered, else the playbook's first stage); stage"
          + " changes, activities, evidence and close-date changes dated after it are removed, the"
          + " close date is the last one set by then (none without close-date history), and a"
          + " forecast category of 'closed' is cleared. Among those of them that have closed by the"
          + " report date, the win rate of the deals a rule flagged is compared with that of the"
          + " deals it did not flag, within strata of stage at the landmark and segment"
          + " (Mantel-Haenszel risk difference, Sato's 95% interval); the pooled figure combines the"
          + " strata of every landmark. Deals still open on the report date are counted as"
          + " unresolved and left out.";

  private Portfolio() {}

  /** Evaluates the deals of an iterator; each one counts as a row. */
  public static PortfolioReport evaluate(
      Iterator<Deal> deals, Playbook playbook, Instant asOf, Options options) {
    return evaluate(DealSource.of(deals), playbook, asOf, options);
  }

  /** Evaluates the deals of a stream; each one counts as a row. */
  public static PortfolioReport evaluate(
      Stream<Deal> deals, Playbook playbook, Instant asOf, Options options) {
    requireNonNull(deals, "deals");
    return evaluate(deals.iterator(), playbook, asOf, options);
  }

  /**
   * Evaluates the deals read from files. A deal whose stage is not one of the playbook's stages is
   * reported as a bad row ({@code unknown-stage}) and left out; the rest are evaluated. A deal that
   * cannot be evaluated (such as one that takes more steps than the playbook's {@link
   * dev.playbook.EvaluationLimits}) is counted in {@link PortfolioReport#failedDeals()}, with its
   * error among {@link PortfolioReport#failures()}, and left out of every other figure; the other
   * deals are evaluated as usual.
   */
  public static PortfolioReport evaluate(
      DealSource source, Playbook playbook, Instant asOf, Options options) {
    requireNonNull(source, "source");
    requireNonNull(playbook, "playbook");
    requireNonNull(asOf, "asOf");
    requireNonNull(options, "options");
    long startNanos = System.nanoTime();
    Instant generatedAt = options.clock.instant();
    List<String> stages = playbook.stages();
    Set<String> won = options.wonStages != null ? options.wonStages : matching(stages, "won");
    Set<String> lost = options.lostStages != null ? options.lostStages : matching(stages, "lost");
    Context ctx =
        new Context(
            playbook.ruleIds(),
            stages,
            won,
            lost,
            options.productField,
            options.sectorField,
            new Buckets(options.cycleBuckets, options.amountBuckets),
            options.landmarks,
            options.wonWithin,
            options.by,
            options.profileMinSupport,
            asOf);
    Set<String> known = new HashSet<>(stages);

    int threads = options.threads;
    BlockingQueue<List<Deal>> queue = new ArrayBlockingQueue<>(options.queueBatches);
    List<Deal> poison = List.of();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicLong inFlight = new AtomicLong();
    AtomicLong maxInFlight = new AtomicLong();
    PrintStream progressOut = options.progress;
    boolean bar = options.progressBar != null ? options.progressBar : System.console() != null;
    Progress progress =
        new Progress(
            progressOut,
            bar,
            progressOut == null ? -1 : source.expectedRows(),
            options.progressEvery);

    List<Accumulator> accumulators = new ArrayList<>();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Accumulator acc = new Accumulator(ctx);
      accumulators.add(acc);
      Thread w =
          new Thread(
              () ->
                  work(
                      queue,
                      poison,
                      playbook,
                      asOf,
                      options.locale,
                      ctx,
                      acc,
                      failure,
                      inFlight,
                      progress),
              "portfolio-" + t);
      w.setDaemon(true);
      workers.add(w);
      w.start();
    }

    LeftOut left = new LeftOut();
    try {
      List<Deal> batch = new ArrayList<>(options.batchSize);
      while (failure.get() == null && source.hasNext()) {
        Deal d = source.next();
        if (!known.contains(d.stage())) {
          left.add(
              new Problem(
                  "unknown-stage",
                  source.lastFile(),
                  source.lastLine(),
                  source.lastLine() == 0 ? 0 : 1,
                  "deal '"
                      + d.id()
                      + "' is at stage '"
                      + d.stage()
                      + "', which is not a stage of playbook '"
                      + playbook.id()
                      + "'; its stages are: "
                      + String.join(", ", stages)));
          continue;
        }
        batch.add(d);
        if (batch.size() == options.batchSize) {
          put(queue, batch, failure, inFlight, maxInFlight);
          batch = new ArrayList<>(options.batchSize);
        }
      }
      if (!batch.isEmpty()) {
        put(queue, batch, failure, inFlight, maxInFlight);
      }
    } finally {
      for (int t = 0; t < threads; t++) {
        put(queue, poison, failure, inFlight, maxInFlight);
      }
      for (Thread w : workers) {
        try {
          w.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while evaluating the portfolio", e);
        }
      }
      progress.finish();
    }
    Throwable f = failure.get();
    if (f instanceof RuntimeException re) {
      throw re;
    } else if (f instanceof Error err) {
      throw err;
    } else if (f != null) {
      throw new IllegalStateException(f);
    }
    Accumulator all = accumulators.get(0);
    for (int i = 1; i < accumulators.size(); i++) {
      all.merge(accumulators.get(i));
    }
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    long evaluated = source.deals() - left.count;
    PortfolioReport.Run runtime =
        new PortfolioReport.Run(
            Math.round(seconds * 1000) / 1000d,
            Math.round(evaluated / Math.max(seconds, 1e-9)),
            threads,
            maxInFlight.get());
    return all.report(
        generatedAt,
        asOf,
        new PortfolioReport.PlaybookSummary(
            playbook.id(), playbook.title(), playbook.ruleIds().size()),
        playbook.describe(),
        options.locale,
        input(source, left),
        runtime);
  }

  /**
   * What was read, as the report counts it: the source's rows and problems, with the deals the
   * source handed out but this evaluation left out (a stage the playbook does not have) counted as
   * bad rows. The source's own counters are only read.
   */
  private static PortfolioReport.Input input(DealSource source, LeftOut left) {
    List<Problem> problems = new ArrayList<>(source.problems());
    for (Problem p : left.kept) {
      if (problems.size() < DealSource.MAX_PROBLEMS_KEPT) {
        problems.add(p);
      }
    }
    return new PortfolioReport.Input(
            source.files(),
            source.rows(),
            source.deals() - left.count,
            source.badRows() + left.count,
            problems,
            source.problemCount() + left.count)
        .withChildTables(source.skippedRows(), source.childRows());
  }

  /** Deals read but left out of the evaluation, with the first problems. */
  private static final class LeftOut {
    long count;
    final List<Problem> kept = new ArrayList<>();

    void add(Problem p) {
      count++;
      if (kept.size() < DealSource.MAX_PROBLEMS_KEPT) {
        kept.add(p);
      }
    }
  }

  private static void put(
      BlockingQueue<List<Deal>> queue,
      List<Deal> batch,
      AtomicReference<Throwable> failure,
      AtomicLong inFlight,
      AtomicLong maxInFlight) {
    long now = inFlight.addAndGet(batch.size());
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      while (!queue.offer(batch, 50, TimeUnit.MILLISECONDS)) {
        if (failure.get() != null && !batch.isEmpty()) {
          return; // a worker failed: no more deals; the workers drain the queue, so end markers get
          // in
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while evaluating the portfolio", e);
    }
  }

  private static void work(
      BlockingQueue<List<Deal>> queue,
      List<Deal> poison,
      Playbook playbook,
      Instant asOf,
      Locale locale,
      Context ctx,
      Accumulator acc,
      AtomicReference<Throwable> failure,
      AtomicLong inFlight,
      Progress progress) {
    while (true) {
      List<Deal> batch;
      try {
        batch = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (batch == poison) {
        return;
      }
      if (failure.get() != null) {
        inFlight.addAndGet(-batch.size());
        continue;
      }
      try {
        evaluateBatch(batch, playbook, asOf, locale, ctx, acc);
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      }
      inFlight.addAndGet(-batch.size());
      progress.advance(batch.size());
    }
  }

  /**
   * Evaluates one batch: open deals as of the report date, closed ones as of the day before closing
   * and, for the landmark backtest, at each landmark age they were still open at.
   */
  static void evaluateBatch(
      List<Deal> batch,
      Playbook playbook,
      Instant asOf,
      Locale locale,
      Context ctx,
      Accumulator acc) {
    List<Deal> open = new ArrayList<>();
    Map<Instant, List<Deal>> closedByAsOf = new LinkedHashMap<>();
    Map<Deal, Deal> closedOriginal =
        new java.util.IdentityHashMap<>(); // the deal as backtested -> as read
    // landmark evaluations: the deal as it stood then -> (deal as read, landmark index)
    Map<Instant, List<Deal>> landmarkByAsOf = new LinkedHashMap<>();
    Map<Deal, Object[]> landmarkOriginal = new java.util.IdentityHashMap<>();
    for (Deal d : batch) {
      if (!ctx.closed(d.stage())) {
        open.add(d);
      } else {
        Instant at = backtestAsOf(d, ctx);
        if (at != null) {
          Deal asOpen = asOpen(d, at, ctx);
          closedOriginal.put(asOpen, d);
          closedByAsOf.computeIfAbsent(at, k -> new ArrayList<>()).add(asOpen);
        }
        for (int i = 0; i < ctx.landmarks.size(); i++) {
          Instant landmark = landmarkAt(d, ctx.landmarks.get(i), asOf);
          if (landmark != null) {
            Deal then = atLandmark(d, landmark, ctx);
            landmarkOriginal.put(then, new Object[] {d, i});
            landmarkByAsOf.computeIfAbsent(landmark, k -> new ArrayList<>()).add(then);
          }
        }
      }
    }
    Evaluation[] current = evaluate(playbook, open, asOf, locale, acc);
    Map<Deal, Evaluation> backtests = new java.util.IdentityHashMap<>();
    Map<Deal, Boolean> failed = new java.util.IdentityHashMap<>();
    for (Map.Entry<Instant, List<Deal>> e : closedByAsOf.entrySet()) {
      Evaluation[] at = evaluate(playbook, e.getValue(), e.getKey(), locale, acc);
      for (int i = 0; i < at.length; i++) {
        Deal original = closedOriginal.get(e.getValue().get(i));
        if (at[i] == null) {
          failed.put(original, true);
        } else {
          backtests.put(original, at[i]);
        }
      }
    }
    Map<Deal, List<FindingsTally.LandmarkEval>> landmarks = new java.util.IdentityHashMap<>();
    for (Map.Entry<Instant, List<Deal>> e : landmarkByAsOf.entrySet()) {
      List<Deal> deals = e.getValue();
      Evaluations result = playbook.evaluateEach(deals, e.getKey(), locale);
      boolean[] bad = new boolean[deals.size()];
      for (DealError error : result.failed()) {
        // counted once, among the deals that could not be evaluated, when it also fails closing
        bad[error.index()] = true;
      }
      int k = 0;
      for (int i = 0; i < deals.size(); i++) {
        if (bad[i]) {
          continue;
        }
        Object[] origin = landmarkOriginal.get(deals.get(i));
        landmarks
            .computeIfAbsent((Deal) origin[0], x -> new ArrayList<>())
            .add(
                new FindingsTally.LandmarkEval(
                    (Integer) origin[1], deals.get(i).stage(), result.evaluated().get(k++)));
      }
    }
    int o = 0;
    for (Deal d : batch) {
      if (!ctx.closed(d.stage())) {
        Evaluation ev = current[o++];
        if (ev != null) {
          acc.add(d, ev, null);
        }
      } else if (!failed.containsKey(d)) {
        acc.add(d, null, backtests.get(d), landmarks.getOrDefault(d, List.of()));
      }
    }
  }

  /**
   * The moment a closed deal reaches the age of {@code days} days (00:00 UTC, counted from the day
   * it was created), or null when it was no longer open then, the moment is not before {@code
   * asOf}, or the deal lacks a creation or close day (see {@link #LANDMARK_METHOD}).
   */
  static Instant landmarkAt(Deal deal, int days, Instant asOf) {
    Instant start = FindingsTally.start(deal);
    java.time.LocalDate end = FindingsTally.closeDay(deal);
    if (start == null || end == null) {
      return null;
    }
    java.time.LocalDate day = java.time.LocalDate.ofInstant(start, ZoneOffset.UTC).plusDays(days);
    Instant at = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    return at.isBefore(asOf) && end.isAfter(day) ? at : null;
  }

  /** The deal as it stood, open, at a landmark {@code at} (see {@link #LANDMARK_METHOD}). */
  static Deal atLandmark(Deal deal, Instant at, Context ctx) {
    List<StageChange> history =
        deal.stageHistory().stream()
            .filter(c -> ctx.stages.contains(c.stage()) && !c.enteredAt().isAfter(at))
            .sorted(Comparator.comparing(StageChange::enteredAt))
            .toList();
    List<StageChange> openHistory = history.stream().filter(c -> !ctx.closed(c.stage())).toList();
    String stage;
    if (!openHistory.isEmpty()) {
      stage = openHistory.get(openHistory.size() - 1).stage();
    } else {
      stage =
          deal.stageHistory().stream()
              .filter(c -> ctx.stages.contains(c.stage()) && !ctx.closed(c.stage()))
              .min(Comparator.comparing(StageChange::enteredAt))
              .map(StageChange::stage)
              .orElse(null);
      if (stage == null) {
        stage = ctx.stages.stream().filter(s -> !ctx.closed(s)).findFirst().orElse(null);
      }
      checkArgument(
          stage != null,
          "deal %s: no open stage to backtest it at; every stage of the playbook is won or lost",
          deal.id());
    }
    List<dev.playbook.model.CloseDateChange> closeChanges =
        deal.closeDateHistory().stream().filter(c -> !c.changedAt().isAfter(at)).toList();
    java.time.LocalDate closeDate =
        closeChanges.stream()
            .max(Comparator.comparing(dev.playbook.model.CloseDateChange::changedAt))
            .map(dev.playbook.model.CloseDateChange::to)
            .orElse(null);
    Map<String, dev.playbook.model.Evidence> evidence = new LinkedHashMap<>();
    deal.evidence()
        .forEach(
            (k, v) -> {
              if (v.updatedAt() == null || !v.updatedAt().isAfter(at)) {
                evidence.put(k, v);
              }
            });
    return deal.toBuilder()
        .stage(stage)
        .stageHistory(openHistory)
        .activities(deal.activities().stream().filter(a -> !a.occurredAt().isAfter(at)).toList())
        .closeDateHistory(closeChanges)
        .closeDate(closeDate)
        .evidence(evidence)
        .forecastCategory(
            deal.forecastCategory() == ForecastCategory.CLOSED ? null : deal.forecastCategory())
        .build();
  }

  /**
   * Evaluates the deals, each result at the deal's position; a deal that failed is null there and
   * is counted, with its error, as a failed deal (left out of every other figure).
   */
  private static Evaluation[] evaluate(
      Playbook playbook, List<Deal> deals, Instant asOf, Locale locale, Accumulator acc) {
    Evaluation[] out = new Evaluation[deals.size()];
    if (deals.isEmpty()) {
      return out;
    }
    Evaluations result = playbook.evaluateEach(deals, asOf, locale);
    boolean[] failed = new boolean[deals.size()];
    for (DealError error : result.failed()) {
      failed[error.index()] = true;
      acc.failed(error);
    }
    int e = 0;
    for (int i = 0; i < out.length; i++) {
      if (!failed[i]) {
        out[i] = result.evaluated().get(e++);
      }
    }
    return out;
  }

  /**
   * The moment a closed deal is backtested at (see {@link #AS_OF_METHOD}), or null without any
   * close date.
   */
  static Instant backtestAsOf(Deal deal, Context ctx) {
    Instant closed = null;
    if (deal.closeDate() != null) {
      closed = deal.closeDate().atStartOfDay(ZoneOffset.UTC).toInstant();
    } else {
      for (StageChange c : deal.stageHistory()) {
        if (ctx.closed(c.stage())) {
          closed =
              c.enteredAt()
                  .atOffset(ZoneOffset.UTC)
                  .toLocalDate()
                  .atStartOfDay(ZoneOffset.UTC)
                  .toInstant();
        }
      }
    }
    return closed == null ? null : closed.minus(Duration.ofDays(1));
  }

  /** The deal as it stood, open, at {@code at} (see {@link #AS_OF_METHOD}). */
  static Deal asOpen(Deal deal, Instant at, Context ctx) {
    List<StageChange> history =
        deal.stageHistory().stream()
            .filter(
                c ->
                    !ctx.closed(c.stage())
                        && ctx.stages.contains(c.stage())
                        && !c.enteredAt().isAfter(at))
            .sorted(Comparator.comparing(StageChange::enteredAt))
            .toList();
    String stage;
    if (!history.isEmpty()) {
      stage = history.get(history.size() - 1).stage();
    } else {
      stage = null;
      for (String s : ctx.stages) {
        if (!ctx.closed(s)) {
          stage = s;
        }
      }
      checkArgument(
          stage != null,
          "deal %s: no open stage to backtest it at; every stage of the playbook is won or lost",
          deal.id());
    }
    return deal.toBuilder()
        .stage(stage)
        .stageHistory(history)
        .activities(deal.activities().stream().filter(a -> !a.occurredAt().isAfter(at)).toList())
        .closeDateHistory(
            deal.closeDateHistory().stream().filter(c -> !c.changedAt().isAfter(at)).toList())
        .forecastCategory(
            deal.forecastCategory() == ForecastCategory.CLOSED ? null : deal.forecastCategory())
        .build();
  }

  private static Set<String> matching(List<String> stages, String word) {
    Set<String> out = new LinkedHashSet<>();
    for (String s : stages) {
      for (String part : s.split("[_-]")) {
        if (part.equals(word)) {
          out.add(s);
        }
      }
    }
    return out;
  }

  /** How a portfolio is evaluated. Immutable; {@link #defaults()} or {@link #builder()}. */
  public static final class Options {
    final int threads;
    final int batchSize;
    final int queueBatches;
    final PrintStream progress;
    final Boolean progressBar;
    final long progressEvery;
    final Set<String> wonStages;
    final Set<String> lostStages;
    final String productField;
    final String sectorField;
    final Locale locale;
    final Clock clock;
    final List<Integer> landmarks;
    final List<Integer> wonWithin;
    final List<String> by;
    final List<Long> cycleBuckets;
    final List<Long> amountBuckets;
    final int profileMinSupport;

    private Options(Builder b) {
      this.threads = b.threads;
      this.batchSize = b.batchSize;
      this.queueBatches = b.queueBatches;
      this.progress = b.progress;
      this.progressBar = b.progressBar;
      this.progressEvery = b.progressEvery;
      this.wonStages = b.wonStages;
      this.lostStages = b.lostStages;
      this.productField = b.productField;
      this.sectorField = b.sectorField;
      this.locale = b.locale;
      this.clock = b.clock;
      this.landmarks = b.landmarks;
      this.wonWithin = b.wonWithin;
      this.by = b.by;
      this.cycleBuckets = b.cycleBuckets;
      this.amountBuckets = b.amountBuckets;
      this.profileMinSupport = b.profileMinSupport;
    }

    /** The ages in days of the landmark backtest; empty when it is switched off. */
    public List<Integer> landmarks() {
      return landmarks;
    }

    /** The days N of "won within N days". */
    public List<Integer> wonWithin() {
      return wonWithin;
    }

    /** The fields of the breakdowns, by their own names. */
    public List<String> by() {
      return by;
    }

    /** All cores, batches of 256 deals, no progress output. */
    public static Options defaults() {
      return builder().build();
    }

    public static Builder builder() {
      return new Builder();
    }

    /** The number of worker threads. */
    public int threads() {
      return threads;
    }

    /** Deals per batch handed to a worker. */
    public int batchSize() {
      return batchSize;
    }

    /**
     * Batches that may wait in the queue; with the threads' batches, the most deals held at once.
     */
    public int queueBatches() {
      return queueBatches;
    }

    /** Builds {@link Options}. */
    public static final class Builder {
      private int threads = Runtime.getRuntime().availableProcessors();
      private int batchSize = 256;
      private int queueBatches = -1;
      private PrintStream progress;
      private Boolean progressBar;
      private long progressEvery = 10_000;
      private Set<String> wonStages;
      private Set<String> lostStages;
      private String productField = "product";
      private String sectorField = "sector";
      private Locale locale = Locale.ENGLISH;
      private Clock clock = Clock.systemUTC();
      private List<Integer> landmarks = DEFAULT_LANDMARKS;
      private List<Integer> wonWithin = DEFAULT_WON_WITHIN;
      private List<String> by = List.of();
      private List<Long> cycleBuckets = Buckets.DEFAULT_CYCLE;
      private List<Long> amountBuckets = Buckets.DEFAULT_AMOUNT;
      private int profileMinSupport = 30;

      private Builder() {}

      /**
       * The ages, in days since creation, at which the landmark backtest evaluates the deals still
       * open then (default 14, 30, 60, 90); each 1 to 3650, increasing. An empty list switches the
       * landmark backtest off (it costs up to one evaluation per closed deal and landmark).
       */
      public Builder landmarks(List<Integer> days) {
        this.landmarks = increasing("landmarks", days, 1, 3650, true);
        return this;
      }

      /** The days N of "won within N days" (default 30, 60, 90); each 1 to 3650, increasing. */
      public Builder wonWithin(List<Integer> days) {
        this.wonWithin = increasing("wonWithin", days, 1, 3650, true);
        return this;
      }

      /**
       * Fields to break win rates and time to win down by, each labelled by its own name: a deal
       * field ({@code owner}, {@code team}, {@code segment}, {@code lead_source}, {@code stage},
       * {@code account}, {@code currency}, {@code forecast_category}), {@code deal_size}, {@code
       * cohort} (creation quarter) or {@code custom.<name>}. At most 10.
       */
      public Builder by(List<String> fields) {
        checkArgument(
            fields.size() <= 10, "by has %s fields, at most 10 are allowed", fields.size());
        List<String> out = new ArrayList<>();
        for (String f : fields) {
          requireNonNull(f, "by field");
          checkArgument(
              Fields.known(f),
              "by field '%s' is not a deal field; use one of %s or custom.<name>",
              f,
              String.join(", ", Fields.NAMES));
          checkArgument(!out.contains(f), "by field '%s' is given twice", f);
          out.add(f);
        }
        this.by = List.copyOf(out);
        return this;
      }

      /**
       * The upper ends, in days, of the cycle-length buckets (default 15, 30, 60, 90, 120: buckets
       * 0-15, 16-30, ..., 121+); increasing, each 1 to 3650.
       */
      public Builder cycleBuckets(List<Integer> upperDays) {
        this.cycleBuckets =
            increasing("cycleBuckets", upperDays, 1, 3650, false).stream()
                .map(Integer::longValue)
                .toList();
        return this;
      }

      /**
       * The bounds of the deal-size buckets, in the deal's currency (default 1000, 5000, 10000,
       * 50000, 100000: buckets under 1k, 1k-5k, ..., 100k+); increasing, each at least 1.
       */
      public Builder amountBuckets(List<Long> bounds) {
        checkArgument(!bounds.isEmpty(), "amountBuckets must not be empty");
        checkArgument(
            bounds.size() <= 20, "amountBuckets has %s bounds, at most 20", bounds.size());
        long previous = 0;
        for (Long b : bounds) {
          requireNonNull(b, "amount bound");
          checkArgument(b > previous, "amountBuckets %s must be increasing and at least 1", bounds);
          previous = b;
        }
        this.amountBuckets = List.copyOf(bounds);
        return this;
      }

      /** The fewest closed deals a customer profile needs to be ranked; default 30. */
      public Builder profileMinSupport(int deals) {
        checkArgument(deals >= 1, "profileMinSupport was set to %s, must be at least 1", deals);
        this.profileMinSupport = deals;
        return this;
      }

      private static List<Integer> increasing(
          String name, List<Integer> days, int min, int max, boolean emptyOk) {
        checkArgument(emptyOk || !days.isEmpty(), "%s must not be empty", name);
        checkArgument(days.size() <= 20, "%s has %s values, at most 20", name, days.size());
        int previous = min - 1;
        for (Integer d : days) {
          requireNonNull(d, name);
          checkArgument(
              d > previous && d <= max,
              "%s %s must be increasing whole days from %s to %s",
              name,
              days,
              min,
              max);
          previous = d;
        }
        return List.copyOf(days);
      }

      /** Worker threads; default the number of cores. */
      public Builder threads(int threads) {
        checkArgument(
            threads >= 1 && threads <= 1024, "threads was set to %s, must be 1 to 1024", threads);
        this.threads = threads;
        return this;
      }

      /** Deals per batch; default 256. */
      public Builder batchSize(int batchSize) {
        checkArgument(
            batchSize >= 1 && batchSize <= 100_000,
            "batchSize was set to %s, must be 1 to 100000",
            batchSize);
        this.batchSize = batchSize;
        return this;
      }

      /** Batches the queue holds; default twice the threads. */
      public Builder queueBatches(int queueBatches) {
        checkArgument(
            queueBatches >= 1, "queueBatches was set to %s, must be at least 1", queueBatches);
        this.queueBatches = queueBatches;
        return this;
      }

      /**
       * Where progress goes (usually {@code System.err}); null for none (the default). A bar when a
       * terminal is attached ({@code System.console() != null}), else plain lines.
       */
      public Builder progress(PrintStream progress) {
        this.progress = progress;
        return this;
      }

      /**
       * Forces the bar (true) or plain lines (false) instead of asking {@code System.console()}.
       */
      public Builder progressBar(boolean bar) {
        this.progressBar = bar;
        return this;
      }

      /**
       * Plain progress lines: one per this many deals (default 10,000), and at least every 5
       * seconds.
       */
      public Builder progressEvery(long deals) {
        checkArgument(deals >= 1, "progressEvery was set to %s, must be at least 1", deals);
        this.progressEvery = deals;
        return this;
      }

      /**
       * The stages that mean won; default the playbook's stages with the word {@code won}, such as
       * closed_won.
       */
      public Builder wonStages(Set<String> stages) {
        this.wonStages = Set.copyOf(stages);
        return this;
      }

      /** The stages that mean lost; default the playbook's stages with the word {@code lost}. */
      public Builder lostStages(Set<String> stages) {
        this.lostStages = Set.copyOf(stages);
        return this;
      }

      /** The custom field that names the product; default {@code product}. */
      public Builder productField(String name) {
        this.productField = requireNonNull(name, "productField");
        return this;
      }

      /** The custom field that names the account's sector; default {@code sector}. */
      public Builder sectorField(String name) {
        this.sectorField = requireNonNull(name, "sectorField");
        return this;
      }

      /** The locale of rule and key node titles, and of evaluation texts; default English. */
      public Builder locale(Locale locale) {
        this.locale = requireNonNull(locale, "locale");
        return this;
      }

      /** The clock for {@code generated_at}; default the system clock. */
      public Builder clock(Clock clock) {
        this.clock = requireNonNull(clock, "clock");
        return this;
      }

      public Options build() {
        if (queueBatches < 0) {
          queueBatches = 2 * threads;
        }
        return new Options(this);
      }
    }
  }
}
