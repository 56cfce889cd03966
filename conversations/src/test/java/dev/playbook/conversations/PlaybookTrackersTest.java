package dev.playbook.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.playbook.Playbook;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybookTrackersTest {

  @Test
  void read_validFile_keepsEveryOption() {
    // given a tracker with every option
    PlaybookTrackers t =
        PlaybookTrackers.read(
            "acme.trackers.yaml",
            """
            trackers:
              - concept: pricing
                by: buyer
                question: true
                last_minutes: 10
                tag: pricing
                count: pricing_questions
                evidence: bant.budget
                phrases: { en: [cost], zh-CN: [多少钱] }
            """);

    // then it is read as written
    TrackerSpec s = t.spec("pricing");
    assertThat(s.tag()).isEqualTo("pricing");
    assertThat(s.count()).isEqualTo("pricing_questions");
    assertThat(s.evidence()).isEqualTo("bant.budget");
    assertThat(s.tracker().by()).isEqualTo(By.BUYER);
    assertThat(s.tracker().question()).isTrue();
    assertThat(s.tracker().window()).isEqualTo(Window.lastMinutes(10));
    assertThat(s.tracker().phrases()).containsOnlyKeys("en", "zh-CN");
    assertThat(s.tracker().origin()).isEqualTo(new Tracker.Origin("acme.trackers.yaml", 2, 5));
  }

  @Test
  void read_badTrackers_reportsEveryProblemLocated() {
    // given a file with several mistakes
    String yaml =
        """
        trackers:
          - concept: pricing
            by: everyone
            phrase: { en: [cost] }
          - concept: Bad Name
            phrases: { en: [cost], fr: [prix] }
            first_minutes: 5
            last_minutes: 0
            evidence: budget
        """;

    // then every problem is reported at its place
    assertThatThrownBy(() -> PlaybookTrackers.read("acme.trackers.yaml", yaml))
        .isInstanceOf(ProblemException.class)
        .extracting(e -> ((ProblemException) e).problems().stream().map(Problem::render).toList())
        .asList()
        .containsExactly(
            "acme.trackers.yaml:2:5: missing-field: tracker 'pricing' has no 'phrases'",
            "acme.trackers.yaml:3:9: invalid-value: 'by' is rep, buyer or anyone, not 'everyone'",
            "acme.trackers.yaml:4:5: unknown-field: 'phrase' is not a tracker field (did you mean"
                + " 'phrases'?)",
            "acme.trackers.yaml:8:19: invalid-value: 'last_minutes' is a whole number of minutes"
                + " from 1 to 1440, not '0'",
            "acme.trackers.yaml:9:15: invalid-value: 'evidence' is a methodology element written"
                + " methodology.element, such as meddic.metrics, not 'budget'");
  }

  @Test
  void read_badConceptAndLanguage_reportedByTheCompiler() {
    // given a tracker the YAML reader accepts but the compiler refuses
    String yaml =
        """
        trackers:
          - concept: Bad Name
            phrases: { fr: [prix] }
        """;

    // then the compiler's problems point at the tracker
    assertThatThrownBy(() -> PlaybookTrackers.read("acme.trackers.yaml", yaml))
        .isInstanceOf(ProblemException.class)
        .extracting(e -> ((ProblemException) e).problems().stream().map(Problem::code).toList())
        .asList()
        .containsExactly("invalid-value", "unknown-language");
  }

  @Test
  void load_playbookFolder_trackerFilesAreNotPlaybookParts(@TempDir Path dir) throws Exception {
    // given a playbook folder with a tracker file and its test beside the rules
    Files.writeString(
        dir.resolve("playbook.yaml"),
        "playbook: acme\ntitle: { en: Acme }\nstages: [discovery, closed_won, closed_lost]\n");
    Files.createDirectories(dir.resolve("rules"));
    Files.writeString(
        dir.resolve("rules/acme.trackers.yaml"),
        "trackers:\n  - concept: pricing\n    phrases: { en: [cost] }\n");
    Files.writeString(
        dir.resolve("rules/acme.trackers.test.yaml"),
        "cases:\n  - { name: cost, by: buyer, text: What does it cost?, hits: [pricing] }\n");

    // when the playbook and its trackers are loaded
    Playbook playbook = Playbook.load(dir);
    PlaybookTrackers trackers = PlaybookTrackers.load(dir);

    // then the loader leaves the tracker files alone and the trackers pass their test
    assertThat(playbook.files()).noneMatch(f -> f.contains("trackers"));
    assertThat(trackers.specs()).extracting(TrackerSpec::concept).containsExactly("pricing");
    assertThat(TrackerTests.run(trackers, TrackerTests.load(dir)))
        .allMatch(TrackerTests.Result::passed)
        .hasSize(1);
  }
}
