package dev.playbook.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.Playbook;
import dev.playbook.ReloadingPlaybook;
import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Gap;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A rule file truncated and rewritten in place, with partial writes flushed to disk between, while
 * eight threads evaluate: no evaluation may run on a version with some of the file's rules missing
 * or from two versions at once. Polling read the files after deciding they were stable and loaded
 * whatever it caught, so 16% of evaluations ran on a version with 0 or 36 of its 40 rules.
 */
class ReloadTearTest {

  static final int RULES = 40;
  static final int THREADS = 8;
  static final Instant AS_OF = Instant.parse("2026-11-20T09:00:00Z");
  static final Deal DEAL = Deal.builder("D-1", "proposal").name("Acme").build();

  @TempDir Path dir;

  /** Version {@code v} of the rule file: 40 rules, each message marked with the version. */
  static String rules(int v) {
    StringBuilder sb = new StringBuilder("rules:\n");
    for (int i = 0; i < RULES; i++) {
      sb.append(
          """
            - id: tear.r%2$02d
              when: stage == proposal
              gap: { severity: high, message: "v%1$d r%2$02d" }
              action: { title: "v%1$d act %2$02d" }
          """
              .formatted(v, i));
    }
    return sb.toString();
  }

  /** Why a result does not come wholly from one whole version, or null if it does. */
  static String partial(Evaluation e) {
    Set<String> versions = new TreeSet<>();
    e.gaps().stream().map(Gap::message).forEach(m -> versions.add(m.substring(0, m.indexOf(' '))));
    e.actions().forEach(a -> versions.add(a.title().substring(0, a.title().indexOf(' '))));
    if (e.gaps().size() != RULES || e.actions().size() != RULES || versions.size() != 1) {
      return e.gaps().size() + " gaps, " + e.actions().size() + " actions, versions " + versions;
    }
    return null;
  }

  /**
   * Rewrites the file in place the way an editor or a copy does: truncate, write a part (nothing, a
   * rule boundary such as 36 of 40 rules, or anywhere), flush it to disk, then the rest.
   */
  static void rewrite(Path file, String text, Random random, long pauseMicros)
      throws IOException, InterruptedException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int cut =
        switch (random.nextInt(3)) {
          case 0 -> 0;
          case 1 -> text.indexOf("  - id: tear.r36");
          default -> random.nextInt(bytes.length);
        };
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(ByteBuffer.wrap(bytes, 0, cut));
      ch.force(false);
      if (pauseMicros > 0) {
        Thread.sleep(pauseMicros / 1000, (int) (pauseMicros % 1000) * 1000);
      }
      ByteBuffer rest = ByteBuffer.wrap(bytes, cut, bytes.length - cut);
      while (rest.hasRemaining()) {
        ch.write(rest);
      }
      ch.force(false);
    }
  }

  @ParameterizedTest(name = "poll every {0} ms")
  @ValueSource(ints = {10, 50, 200, 1000})
  void truncatedAndRewrittenRuleFile_whileEightThreadsEvaluate_noEvaluationRunsOnAPartialVersion(
      int pollMillis) throws Exception {
    Path folder = dir.resolve("tear");
    Files.createDirectories(folder.resolve("rules"));
    Files.writeString(
        folder.resolve("playbook.yaml"),
        "playbook: tear\nstages: [prospecting, proposal, closed_won]\n");
    Path ruleFile = folder.resolve("rules/tear.yaml");
    Files.writeString(ruleFile, rules(1));
    Duration run = Duration.ofMillis(Math.max(3_000, 8L * pollMillis));
    // each whole version stays long enough to be loaded (three quiet periods and a poll); the
    // partial state for up to half a poll
    long wholeFor = 3 * Math.max(pollMillis, ReloadingPlaybook.QUIET.toMillis()) + pollMillis;
    long partialMicros = pollMillis * 500L;
    List<List<Problem>> reported = new CopyOnWriteArrayList<>();

    try (ReloadingPlaybook handle =
        ReloadingPlaybook.watch(folder, Duration.ofMillis(pollMillis), reported::add)) {
      AtomicLong evaluations = new AtomicLong();
      AtomicLong partials = new AtomicLong();
      AtomicReference<String> first = new AtomicReference<>();
      Set<Long> versionsSeen = ConcurrentHashMap.newKeySet();
      long end = System.nanoTime() + run.toNanos();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Thread th =
            new Thread(
                () -> {
                  while (System.nanoTime() < end) {
                    long version = handle.version();
                    Playbook p = handle.current();
                    String why = partial(p.evaluate(DEAL, AS_OF));
                    evaluations.incrementAndGet();
                    versionsSeen.add(version);
                    if (why != null) {
                      partials.incrementAndGet();
                      first.compareAndSet(null, why);
                    }
                  }
                },
                "tear-evaluator-" + t);
        threads.add(th);
        th.start();
      }
      Random random = new Random(pollMillis);
      int v = 1;
      while (System.nanoTime() < end) {
        Thread.sleep(wholeFor);
        rewrite(ruleFile, rules(++v), random, random.nextLong(partialMicros + 1));
      }
      for (Thread th : threads) {
        th.join();
      }

      System.out.printf(
          java.util.Locale.ROOT,
          "poll %d ms: %d evaluations, %d partial, %d rewrites, %d versions served%n",
          pollMillis,
          evaluations.get(),
          partials.get(),
          v - 1,
          handle.version());
      assertThat(partials.get())
          .as("evaluations on a partial version of %s (first: %s)", evaluations.get(), first.get())
          .isZero();
      assertThat(evaluations.get()).isPositive();
      assertThat(handle.version())
          .as("versions swapped in while %s rewrites ran", v - 1)
          .isGreaterThan(1);
      assertThat(reported).as("problems of half-written files reported to the listener").isEmpty();
      assertThat(handle.current().ruleIds()).hasSize(RULES);
    }
  }
}
