package dev.playbook.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.playbook.Playbook;
import dev.playbook.ReloadingPlaybook;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading keeps to the playbook's folder and says what it could not read: a symbolic link out of
 * the folder was followed and its keys quoted in problems, named pipes and devices were skipped
 * silently, a folder removed during loading escaped as an {@code UncheckedIOException}, and there
 * was no limit on the number of files.
 */
class FilesystemHygieneTest {

  static final String PLAYBOOK = "playbook: acme\nstages: [lead, proposal, won, lost]\n";
  static final String RULES =
      """
      rules:
        - id: acme.lead
          when: stage == lead
          action: { title: Qualify }
      """;

  @TempDir Path dir;
  Path acme;

  @BeforeEach
  void playbook() throws IOException {
    acme = dir.resolve("acme");
    Files.createDirectories(acme.resolve("rules"));
    Files.writeString(acme.resolve("playbook.yaml"), PLAYBOOK);
    Files.writeString(acme.resolve("rules/lead.yaml"), RULES);
  }

  static List<String> problems(Runnable load) {
    ProblemException e = catchThrowableOfType(ProblemException.class, load::run);
    assertThat(e).as("a ProblemException").isNotNull();
    return e.problems().stream().map(Problem::render).toList();
  }

  @Test
  void load_ruleFileSymlinkedOutsideThePlaybook_isRefusedAndNothingOfItIsQuoted()
      throws IOException {
    Path secret =
        Files.writeString(dir.resolve("secret.yaml"), "database_password: hunter2\nrules: 7\n");
    Files.createSymbolicLink(acme.resolve("rules/shared.yaml"), secret);

    List<String> problems = problems(() -> Playbook.load(acme));

    assertThat(problems)
        .containsExactly(
            acme.resolve("rules/shared.yaml")
                + ": file-outside-playbook: this is a"
                + " symbolic link to a file outside the playbook folder; files outside it are not read");
    assertThat(String.join("\n", problems)).doesNotContain("database_password", "hunter2");
  }

  @Test
  void load_playbookFileSymlinkedToADevice_isRefused() throws IOException {
    Files.delete(acme.resolve("playbook.yaml"));
    Files.createSymbolicLink(acme.resolve("playbook.yaml"), Path.of("/dev/zero"));

    assertThat(problems(() -> Playbook.load(acme)))
        .containsExactly(
            acme.resolve("playbook.yaml")
                + ": file-outside-playbook: this is a symbolic link to a file outside the playbook folder; files outside it"
                + " are not read");
  }

  @Test
  void load_symlinkWithinThePlaybook_isRead() throws IOException {
    Files.createDirectories(acme.resolve("shared"));
    // not a .yaml name, so the folder's walk does not load it a second time
    Path target =
        Files.writeString(
            acme.resolve("shared/common.rules"), RULES.replace("acme.lead", "acme.common"));
    Files.createSymbolicLink(acme.resolve("rules/common.yaml"), target);

    assertThat(Playbook.load(acme).ruleIds()).containsExactly("acme.common", "acme.lead");
  }

  @Test
  void load_namedPipeAsRuleFile_isAProblemNotSkippedOrBlocking() throws Exception {
    Path pipe = acme.resolve("rules/pipe.yaml");
    Process p = new ProcessBuilder("mkfifo", pipe.toString()).start();
    assertThat(p.waitFor()).as("mkfifo exit code").isZero();

    assertThat(problems(() -> Playbook.load(acme)))
        .containsExactly(
            pipe
                + ": file-unreadable: cannot read file: it is a named pipe, socket or device, not a regular file");
  }

  @Test
  void load_danglingSymlinkSuchAsAnEditorLock_isNotAFileOfThePlaybook() throws IOException {
    Files.createSymbolicLink(
        acme.resolve("rules/.#lead.yaml"), Path.of("root@host.1234:1700000000"));

    assertThat(Playbook.load(acme).ruleIds()).containsExactly("acme.lead");
  }

  @Test
  void load_folderRemovedWhileLoading_isAProblemNeverAnUncheckedIoException() throws Exception {
    int folders = 40;
    for (int i = 0; i < folders; i++) {
      Files.createDirectories(acme.resolve("rules/f" + i + "/deeper"));
    }
    Set<String> allowed = new HashSet<>();
    for (int i = 0; i < folders; i++) {
      Path f = acme.resolve("rules/f" + i);
      allowed.add(
          acme
              + ": file-unreadable: cannot list the playbook folder: "
              + f
              + " was removed while the playbook was loading");
      allowed.add(
          acme
              + ": file-unreadable: cannot list the playbook folder: "
              + f.resolve("deeper")
              + " was removed while the playbook was loading");
      allowed.add(f.resolve("r.yaml") + ": file-unreadable: cannot read file: no such file");
      allowed.add(f.resolve("deeper/r.yaml") + ": file-unreadable: cannot read file: no such file");
    }
    AtomicBoolean stop = new AtomicBoolean();
    Thread churn =
        new Thread(
            () -> {
              for (int round = 0; !stop.get(); round++) {
                Path f = acme.resolve("rules/f" + (round % folders));
                try {
                  deleteTree(f);
                  Files.createDirectories(f.resolve("deeper"));
                  Files.writeString(f.resolve("r.yaml"), "# nothing\n");
                  Files.writeString(f.resolve("deeper/r.yaml"), "# nothing\n");
                } catch (IOException | RuntimeException e) {
                  // the loader may hold a listing; the next round tries again
                }
              }
            },
            "churn");
    churn.start();
    int loaded = 0;
    int removedSeen = 0;
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    try {
      while (System.nanoTime() < end && removedSeen < 3) {
        try {
          Playbook.load(acme);
          loaded++;
        } catch (ProblemException e) {
          List<String> rendered = e.problems().stream().map(Problem::render).toList();
          assertThat(allowed)
              .as("the problems of a folder changing while it loads")
              .containsAll(rendered);
          removedSeen += (int) rendered.stream().filter(r -> r.contains("was removed")).count();
        }
      }
    } finally {
      stop.set(true);
      churn.join();
    }
    assertThat(removedSeen)
        .as("loads that saw a folder vanish (%s loaded whole)", loaded)
        .isPositive();
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }

  @Test
  void load_moreFilesThanTheLimit_isTooManyFiles_andTheLimitItselfLoads() throws IOException {
    Path many = dir.resolve("many");
    Files.createDirectories(many.resolve("rules"));
    Files.writeString(many.resolve("playbook.yaml"), PLAYBOOK);
    for (int i = 1; i < 10_000; i++) {
      Files.writeString(many.resolve("rules/r" + i + ".yaml"), "# empty\n");
    }
    assertThat(Playbook.load(many).files()).hasSize(10_000);

    Files.writeString(many.resolve("rules/one-more.yaml"), "# empty\n");

    assertThat(problems(() -> Playbook.load(many)))
        .containsExactly(
            many
                + ": too-many-files: the playbook folder"
                + " holds more than 10000 playbook files, the limit; split it into playbooks that extend each other");
  }

  @Test
  void watch_symlinkOutsideThePlaybook_isRefusedAsByLoad() throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.yaml"), RULES);
    Files.createSymbolicLink(acme.resolve("rules/shared.yaml"), secret);

    assertThat(problems(() -> ReloadingPlaybook.watch(acme, Duration.ZERO, p -> {}).close()))
        .containsExactly(
            acme.resolve("rules/shared.yaml")
                + ": file-outside-playbook: this is a"
                + " symbolic link to a file outside the playbook folder; files outside it are not read");
  }
}
