package dev.playbook.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.playbook.Playbook;
import dev.playbook.ReloadingPlaybook;
import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import dev.playbook.result.Evaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A reloading playbook follows its files, keeps the last good version, and stops when closed. */
class ReloadingPlaybookTest {

  static final Instant AS_OF = Instant.parse("2026-11-20T09:00:00Z");
  static final Duration POLL = Duration.ofMillis(20);
  static final Deal DEAL = Deal.builder("D-1", "proposal").name("Acme").build();

  @TempDir Path dir;

  final List<List<Problem>> reported = new CopyOnWriteArrayList<>();

  static String playbook(String marker) {
    return """
        playbook: acme
        stages: [prospecting, proposal, closed_won]
        rules:
          - id: acme.marker
            when: stage == proposal
            gap: { severity: high, message: "%s" }
        """
        .formatted(marker);
  }

  static String rules(String marker) {
    return """
        rules:
          - id: acme.extra
            when: stage >= proposal
            action: { title: "%s" }
        """
        .formatted(marker);
  }

  Path folder(String marker) throws IOException {
    Files.createDirectories(dir.resolve("acme/rules"));
    write(dir.resolve("acme/playbook.yaml"), playbook(marker));
    write(dir.resolve("acme/rules/extra.yaml"), rules(marker));
    return dir.resolve("acme");
  }

  /**
   * Writes a file and moves its modification time on, so that even a coarse clock shows the change.
   */
  static void write(Path file, String text) throws IOException {
    FileTime before = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
    Files.writeString(file, text);
    if (before != null
        && !Files.getLastModifiedTime(file).toInstant().isAfter(before.toInstant())) {
      Files.setLastModifiedTime(file, FileTime.from(before.toInstant().plusMillis(10)));
    }
  }

  static String message(Playbook p) {
    return p.evaluate(DEAL, AS_OF).gaps().get(0).message();
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(5);
    }
  }

  ReloadingPlaybook watch(Path path) {
    return ReloadingPlaybook.watch(path, POLL, reported::add);
  }

  @Test
  void watch_loadsTheFilesNow_asVersionOne() throws Exception {
    try (ReloadingPlaybook r = watch(folder("v1"))) {
      assertThat(r.version()).isEqualTo(1);
      assertThat(message(r.current())).isEqualTo("v1");
      assertThat(r.current().ruleIds()).containsExactly("acme.marker", "acme.extra");
      assertThat(r.path()).isEqualTo(dir.resolve("acme").toAbsolutePath());
    }
  }

  @Test
  void watch_filesWithProblems_throwsAndStartsNoThread() throws Exception {
    Path acme = folder("v1");
    write(acme.resolve("playbook.yaml"), "playbook: acme\nstages: [proposal\n");
    int threads = reloadThreads();

    ProblemException e = catchThrowableOfType(ProblemException.class, () -> watch(acme));

    assertThat(e.problems()).extracting(Problem::code).containsExactly("yaml-syntax");
    assertThat(reloadThreads()).isEqualTo(threads);
  }

  @Test
  void edit_isPickedUpByPolling_andCountsAVersion() throws Exception {
    Path acme = folder("v1");
    try (ReloadingPlaybook r = watch(acme)) {
      Playbook first = r.current();

      write(acme.resolve("rules/extra.yaml"), rules("v2"));
      write(acme.resolve("playbook.yaml"), playbook("v2"));
      await(() -> message(r.current()).equals("v2"), "the edit is served");

      assertThat(r.version()).isGreaterThanOrEqualTo(2);
      assertThat(r.current().evaluate(DEAL, AS_OF).actions().get(0).title()).isEqualTo("v2");
      assertThat(message(first)).as("a version in use is never changed").isEqualTo("v1");
      assertThat(reported).isEmpty();
    }
  }

  @Test
  void invalidEdit_keepsTheLastGoodVersion_andReportsItsProblems() throws Exception {
    Path acme = folder("v1");
    try (ReloadingPlaybook r = watch(acme)) {
      write(
          acme.resolve("rules/extra.yaml"),
          "rules:\n  - id: acme.extra\n    when: stage >= proposl\n    action: { title: x }\n");
      await(() -> !reported.isEmpty(), "the problems are reported");

      assertThat(reported.get(0))
          .extracting(Problem::render)
          .containsExactly(
              acme.resolve("rules/extra.yaml")
                  + ":3:20: unknown-stage: 'proposl' is not a stage of this playbook (did you mean 'proposal'?); "
                  + "its stages are: prospecting, proposal, closed_won");
      assertThat(r.version()).isEqualTo(1);
      assertThat(message(r.current())).isEqualTo("v1");

      Thread.sleep(POLL.toMillis() * 5);
      assertThat(reported).as("the same broken files are reported once").hasSize(1);

      write(acme.resolve("rules/extra.yaml"), rules("v3"));
      await(() -> r.version() == 2, "the fix is served");
      assertThat(r.current().evaluate(DEAL, AS_OF).actions().get(0).title()).isEqualTo("v3");
    }
  }

  @Test
  void deletedFiles_keepTheLastGoodVersion() throws Exception {
    Path acme = folder("v1");
    try (ReloadingPlaybook r = watch(acme)) {
      Files.delete(acme.resolve("rules/extra.yaml"));
      Files.delete(acme.resolve("playbook.yaml"));
      await(() -> !reported.isEmpty(), "the problem is reported");

      assertThat(reported.get(0)).extracting(Problem::code).containsExactly("file-unreadable");
      assertThat(message(r.current())).isEqualTo("v1");
    }
  }

  @Test
  void reload_loadsNowWithoutAChange_andSaysWhetherItServes() throws Exception {
    Path acme = folder("v1");
    try (ReloadingPlaybook r =
        ReloadingPlaybook.builder(acme)
            .pollInterval(Duration.ZERO)
            .onProblems(reported::add)
            .build()) {
      assertThat(r.reload()).isTrue();
      assertThat(r.version()).isEqualTo(2);

      write(acme.resolve("playbook.yaml"), playbook("v3"));
      Thread.sleep(POLL.toMillis() * 5);
      assertThat(r.version()).as("no polling with a zero interval").isEqualTo(2);
      assertThat(r.reload()).isTrue();
      assertThat(message(r.current())).isEqualTo("v3");

      write(acme.resolve("playbook.yaml"), "playbook: acme\n");
      assertThat(r.reload()).isFalse();
      assertThat(r.version()).isEqualTo(3);
      assertThat(reported).hasSize(1);
    }
  }

  @Test
  void singleFile_isWatched_withTheFolderItExtends() throws Exception {
    Path base = folder("base");
    Path child = dir.resolve("child.yaml");
    write(
        child,
        """
        playbook: child
        extends: [./acme]
        rules:
          - id: child.own
            when: stage == proposal
            action: { title: own }
        """);
    try (ReloadingPlaybook r = watch(child)) {
      assertThat(r.current().ruleIds()).containsExactly("acme.marker", "acme.extra", "child.own");

      write(base.resolve("playbook.yaml"), playbook("parent edited"));
      await(() -> message(r.current()).equals("parent edited"), "the parent's edit is served");

      write(child, Files.readString(child).replace("title: own", "title: own edited"));
      await(
          () ->
              r.current().evaluate(DEAL, AS_OF).actions().stream()
                  .anyMatch(a -> a.title().equals("own edited")),
          "the child's edit is served");
    }
  }

  @Test
  void alsoWatch_followsAFileTheLoaderCannotSee() throws Exception {
    Path acme = folder("v1");
    Path flag = dir.resolve("deploy.yaml");
    write(flag, "n: 1\n");
    try (ReloadingPlaybook r =
        ReloadingPlaybook.builder(acme).pollInterval(POLL).alsoWatch(flag).build()) {
      write(flag, "n: 22\n");
      await(() -> r.version() == 2, "a change of the extra file reloads");
    }
  }

  @Test
  void listenerThatThrows_doesNotStopTheReloading() throws Exception {
    Path acme = folder("v1");
    try (ReloadingPlaybook r =
        ReloadingPlaybook.builder(acme)
            .pollInterval(POLL)
            .onProblems(
                p -> {
                  reported.add(p);
                  throw new IllegalStateException("listener failed");
                })
            .build()) {
      write(acme.resolve("playbook.yaml"), "playbook: acme\n");
      await(() -> !reported.isEmpty(), "the listener is told");

      write(acme.resolve("playbook.yaml"), playbook("v2"));
      await(() -> message(r.current()).equals("v2"), "the next edit is still served");
    }
  }

  @Test
  void close_stopsTheThread_keepsServing_andRefusesReload() throws Exception {
    Path acme = folder("v1");
    int before = reloadThreads();
    ReloadingPlaybook r = watch(acme);
    await(() -> reloadThreads() == before + 1, "the reload thread runs");

    r.close();
    r.close();

    await(() -> reloadThreads() == before, "the reload thread has ended");
    assertThat(message(r.current())).isEqualTo("v1");
    assertThatThrownBy(r::reload)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("this reloading playbook is closed");
    write(acme.resolve("playbook.yaml"), playbook("v2"));
    Thread.sleep(POLL.toMillis() * 5);
    assertThat(r.version()).isEqualTo(1);
  }

  @Test
  void listenerThatCloses_endsTheThreadWithoutWaitingForItself() throws Exception {
    Path acme = folder("v1");
    int before = reloadThreads();
    java.util.concurrent.atomic.AtomicReference<ReloadingPlaybook> self =
        new java.util.concurrent.atomic.AtomicReference<>();
    ReloadingPlaybook r =
        ReloadingPlaybook.builder(acme)
            .pollInterval(POLL)
            .onProblems(
                p -> {
                  reported.add(p);
                  self.get().close();
                })
            .build();
    self.set(r);

    write(acme.resolve("playbook.yaml"), "playbook: acme\n");
    await(() -> !reported.isEmpty(), "the listener is told");

    await(() -> reloadThreads() == before, "the reload thread has ended");
    assertThatThrownBy(r::reload).isInstanceOf(IllegalStateException.class);
    assertThat(message(r.current())).isEqualTo("v1");
  }

  @Test
  void current_isOneVersionForAWholeEvaluation() throws Exception {
    Path acme = folder("v1");
    try (ReloadingPlaybook r = watch(acme)) {
      Playbook inUse = r.current();
      write(acme.resolve("playbook.yaml"), playbook("v2"));
      write(acme.resolve("rules/extra.yaml"), rules("v2"));
      await(() -> r.version() >= 2 && message(r.current()).equals("v2"), "v2 is served");

      Evaluation e = inUse.evaluate(DEAL, AS_OF);
      assertThat(e.gaps().get(0).message()).isEqualTo("v1");
      assertThat(e.actions().get(0).title()).isEqualTo("v1");
    }
  }

  @Test
  void embeddingDocsSample_runsAsWritten() throws Exception {
    String doc =
        Files.readString(Path.of(System.getProperty("basedir", "."), "..", "docs", "embedding.md"));
    assertThat(doc)
        .contains(
            """
        ReloadingPlaybook playbooks = ReloadingPlaybook.watch(Path.of("playbooks/acme"),
            Duration.ofSeconds(2), problems -> problems.forEach(p -> log.warn("{}", p)));

        Playbook playbook = playbooks.current();           // one version for one whole unit of work
        Evaluation result = playbook.evaluate(deal, Instant.now());

        playbooks.close();""");
    Logger log = LoggerFactory.getLogger(ReloadingPlaybookTest.class);
    Deal deal = DEAL;

    ReloadingPlaybook playbooks =
        ReloadingPlaybook.watch(
            folder("v1"),
            Duration.ofSeconds(2),
            problems -> problems.forEach(p -> log.warn("{}", p)));

    Playbook playbook = playbooks.current(); // one version for one whole unit of work
    Evaluation result = playbook.evaluate(deal, Instant.now());

    playbooks.close();

    assertThat(result.gaps()).extracting(dev.playbook.result.Gap::message).containsExactly("v1");
  }

  static int reloadThreads() {
    return (int)
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.isAlive() && t.getName().startsWith("playbook-reload-"))
            .count();
  }
}
