package dev.playbook.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.Playbook;
import dev.playbook.ReloadingPlaybook;
import dev.playbook.model.Deal;
import dev.playbook.result.Action;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Gap;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot reload under load: evaluating threads never see a result mixed from two versions, nothing
 * fails, and memory stays flat over many reloads. Writes {@code target/reload-report.md}.
 *
 * <p>Short form by default; {@code -Dreliability.long=true} (or {@code -Dreload.seconds=N}, {@code
 * -Dreload.reloads=N}) for the long form.
 */
class ReloadStressTest {

  static final boolean LONG = Boolean.getBoolean("reliability.long");
  static final Duration RUN = Duration.ofSeconds(Long.getLong("reload.seconds", LONG ? 60 : 3));
  static final int RELOADS = Integer.getInteger("reload.reloads", LONG ? 10_000 : 1_000);
  static final int THREADS = 8;
  // a version must stay unchanged for ReloadingPlaybook.QUIET and one poll before it is served
  static final Duration WRITE_EVERY = Duration.ofMillis(300);
  static final Duration POLL = Duration.ofMillis(20);
  static final long ALLOWED_GROWTH = 16L * 1024 * 1024;
  static final Instant AS_OF = Instant.parse("2026-11-20T09:00:00Z");
  static final Deal DEAL = Deal.builder("D-1", "proposal").name("Acme").build();
  static final Pattern MARKER = Pattern.compile("^v(\\d+) ");
  static final Map<String, String> REPORT = new ConcurrentHashMap<>();

  @TempDir Path dir;

  /** Version {@code v}: every text carries "v{v} "; odd versions have one rule more. */
  static String playbook(int v) {
    StringBuilder sb =
        new StringBuilder(
            """
        playbook: stress
        stages: [prospecting, proposal, closed_won]
        methodologies:
          meddic:
            title: "v%1$d method"
            elements: [{ id: metrics, title: "v%1$d metrics" }]
        talk_tracks:
          tt: "v%1$d talk"
        rules:
        """
                .formatted(v));
    for (int i = 0; i < rulesOf(v); i++) {
      sb.append(
          """
            - id: stress.r%2$d
              methodology: meddic
              element: metrics
              when: stage == proposal
              gap: { severity: high, message: "v%1$d gap %2$d on {deal.name}" }
              action: { title: "v%1$d act %2$d", talk_track: tt, priority: %3$d }
          """
              .formatted(v, i, 90 - i));
    }
    return sb.toString();
  }

  static int rulesOf(int v) {
    return 3 + v % 2;
  }

  static final String STATIC_RULES =
      """
      rules:
        - id: stress.static
          when: stage >= proposal
          action: { title: "static", priority: 10 }
      """;

  Path folder(int v) throws IOException {
    Path p = dir.resolve("stress");
    Files.createDirectories(p.resolve("rules"));
    Files.writeString(p.resolve("playbook.yaml"), playbook(v));
    Files.writeString(p.resolve("rules/static.yaml"), STATIC_RULES);
    return p;
  }

  /** The version a result comes from, or a description of why it does not come from one. */
  static String versionOf(Evaluation e) {
    List<String> texts = new ArrayList<>();
    e.gaps().stream().map(Gap::message).forEach(texts::add);
    for (Action a : e.actions()) {
      if (!a.rule().equals("stress.static")) {
        texts.add(a.title());
        texts.add(a.talkTrack());
      }
    }
    texts.add(e.scorecards().get(0).title());
    texts.add(e.scorecards().get(0).elements().get(0).title());
    Set<String> versions = new java.util.TreeSet<>();
    for (String t : texts) {
      Matcher m = MARKER.matcher(String.valueOf(t));
      versions.add(m.find() ? m.group(1) : "none in '" + t + "'");
    }
    if (versions.size() != 1) {
      return "torn: " + versions;
    }
    String v = versions.iterator().next();
    if (v.startsWith("none")) {
      return "torn: " + v;
    }
    int n = rulesOf(Integer.parseInt(v));
    if (e.gaps().size() != n || e.actions().size() != n + 1) {
      return "torn: version "
          + v
          + " with "
          + e.gaps().size()
          + " gaps and "
          + e.actions().size()
          + " actions";
    }
    return v;
  }

  @Test
  void eightThreadsEvaluating_whileTheFilesChangeEvery300ms_seeNoTornResultsAndNoErrors()
      throws Exception {
    Path stress = folder(1);
    AtomicInteger problemReports = new AtomicInteger();
    try (ReloadingPlaybook handle =
        ReloadingPlaybook.watch(stress, POLL, p -> problemReports.incrementAndGet())) {
      AtomicLong evaluations = new AtomicLong();
      AtomicLong torn = new AtomicLong();
      AtomicLong errors = new AtomicLong();
      AtomicReference<String> firstProblem = new AtomicReference<>();
      Set<String> seen = ConcurrentHashMap.newKeySet();
      long end = System.nanoTime() + RUN.toNanos();
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Thread th =
            new Thread(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    return;
                  }
                  while (System.nanoTime() < end) {
                    try {
                      Playbook p = handle.current();
                      String v = versionOf(p.evaluate(DEAL, AS_OF));
                      if (v.startsWith("torn")) {
                        torn.incrementAndGet();
                        firstProblem.compareAndSet(null, v);
                      } else {
                        seen.add(v);
                      }
                      evaluations.incrementAndGet();
                    } catch (RuntimeException | Error e) {
                      errors.incrementAndGet();
                      firstProblem.compareAndSet(null, e.toString());
                    }
                  }
                },
                "evaluator-" + t);
        threads.add(th);
        th.start();
      }
      start.countDown();
      int written = 1;
      long started = System.nanoTime();
      while (System.nanoTime() < end) {
        Thread.sleep(WRITE_EVERY.toMillis());
        written++;
        Files.writeString(
            stress.resolve("playbook.yaml"), playbook(written)); // in place, not atomic
      }
      for (Thread th : threads) {
        th.join();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      int last = written;
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!versionOf(handle.current().evaluate(DEAL, AS_OF)).equals(String.valueOf(last))
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }

      REPORT.put(
          "1 stress",
          String.format(
              Locale.ROOT,
              """
          ## Evaluating while the files change

          %d threads evaluated for %.1f s while `playbook.yaml` was rewritten in place every %d ms (polling every %d ms).

          | | |
          |---|---:|
          | evaluations | %,d |
          | file versions written | %d |
          | versions served (reloads) | %d |
          | distinct versions seen by evaluations | %d |
          | torn results | %d |
          | errors | %d |
          | problem reports (a file caught mid-write) | %d |
          """,
              THREADS,
              seconds,
              WRITE_EVERY.toMillis(),
              POLL.toMillis(),
              evaluations.get(),
              written,
              handle.version(),
              seen.size(),
              torn.get(),
              errors.get(),
              problemReports.get()));

      assertThat(torn.get()).as("torn results (first: %s)", firstProblem.get()).isZero();
      assertThat(errors.get()).as("errors (first: %s)", firstProblem.get()).isZero();
      assertThat(evaluations.get()).as("evaluations").isGreaterThan((long) (100 * seconds));
      assertThat(seen.size())
          .as("distinct versions the evaluations saw")
          .isGreaterThanOrEqualTo(written / 4);
      assertThat(versionOf(handle.current().evaluate(DEAL, AS_OF)))
          .as("the last version is served in the end")
          .isEqualTo(String.valueOf(last));
    }
  }

  @Test
  void memoryStaysFlat_overManyReloads() throws Exception {
    Path stress = folder(1);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    try (ReloadingPlaybook handle =
        ReloadingPlaybook.builder(stress).pollInterval(Duration.ZERO).build()) {
      WeakReference<Playbook> firstVersion = new WeakReference<>(handle.current());
      int warmUp = Math.min(50, RELOADS / 5);
      for (int i = 0; i < warmUp; i++) {
        reloadAndEvaluate(handle);
      }
      long before = usedHeapAfterGc(memory);
      long started = System.nanoTime();
      for (int i = 0; i < RELOADS; i++) {
        reloadAndEvaluate(handle);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      long after = usedHeapAfterGc(memory);

      REPORT.put(
          "2 memory",
          String.format(
              Locale.ROOT,
              """
          ## Memory over many reloads

          After %d warm-up reloads, %,d forced reloads (each followed by one evaluation) took %.1f s (%.1f ms each).

          | used heap after a full GC | MiB |
          |---|---:|
          | before | %.1f |
          | after | %.1f |
          | growth | %+.1f (allowed: %d) |

          The first version was garbage-collected: %s. Version number at the end: %d.
          """,
              warmUp,
              RELOADS,
              seconds,
              seconds * 1000 / RELOADS,
              before / 1048576.0,
              after / 1048576.0,
              (after - before) / 1048576.0,
              ALLOWED_GROWTH / (1024 * 1024),
              firstVersion.get() == null,
              handle.version()));

      assertThat(handle.version()).isEqualTo(1 + warmUp + RELOADS);
      assertThat(firstVersion.get())
          .as("the first version is collected once no one holds it")
          .isNull();
      assertThat(after - before)
          .as("heap growth in bytes over %s reloads", RELOADS)
          .isLessThan(ALLOWED_GROWTH);
    }
  }

  private static void reloadAndEvaluate(ReloadingPlaybook handle) {
    assertThat(handle.reload()).isTrue();
    assertThat(versionOf(handle.current().evaluate(DEAL, AS_OF))).isEqualTo("1");
  }

  private static long usedHeapAfterGc(MemoryMXBean memory) throws InterruptedException {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(50);
      least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
    }
    return least;
  }

  @AfterAll
  static void writeReport() throws IOException {
    StringBuilder md = new StringBuilder("# Hot reload report\n\n");
    new TreeMap<>(REPORT).values().forEach(s -> md.append(s).append('\n'));
    Path target = Path.of(System.getProperty("basedir", "."), "target");
    Files.createDirectories(target);
    Files.writeString(target.resolve("reload-report.md"), md.toString());
  }
}
