package dev.playbook.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs the tests beside the built-in playbooks' tracker files, one dynamic test per case. */
class BuiltInTrackersTest {

  static final PlaybookTrackers BUILT_IN = PlaybookTrackers.builtin();

  @TestFactory
  Stream<DynamicTest> builtInTrackerCases_allPass() {
    List<TrackerTests.Case> cases = TrackerTests.builtin();
    return TrackerTests.run(BUILT_IN, cases).stream()
        .map(
            r ->
                DynamicTest.dynamicTest(
                    r.testCase().where(), () -> assertThat(r.failures()).isEmpty()));
  }

  @Test
  void builtin_everyPlaybookWithTrackersHasTestsInBothLanguages() {
    // given the built-in tracker files and their cases
    List<TrackerTests.Case> cases = TrackerTests.builtin();

    // then every built-in tracker file is tested in English and in Chinese
    assertThat(cases.stream().map(TrackerTests.Case::file).distinct())
        .containsExactlyInAnyOrder(
            "playbooks/meddic/meddic.trackers.test.yaml",
            "playbooks/bant/bant.trackers.test.yaml",
            "playbooks/spin/spin.trackers.test.yaml",
            "playbooks/challenger/challenger.trackers.test.yaml",
            "playbooks/deal-risk/deal-risk.trackers.test.yaml");
    for (String file : cases.stream().map(TrackerTests.Case::file).distinct().toList()) {
      assertThat(cases.stream().filter(c -> c.file().equals(file)).map(TrackerTests.Case::text))
          .as(file)
          .anyMatch(t -> t.codePoints().anyMatch(cp -> cp >= 0x4E00 && cp <= 0x9FFF))
          .anyMatch(t -> t.chars().allMatch(ch -> ch < 0x80));
    }
  }

  @Test
  void run_wrongExpectation_failsWithTheQuoteAndPhrase() {
    // given a case that expects pricing not to hit a pricing question
    List<TrackerTests.Case> cases =
        TrackerTests.read(
            "x.trackers.test.yaml",
            """
            cases:
              - name: wrong
                by: buyer
                text: What does it cost?
                hits: [competitor, no_such]
                not_hits: [pricing]
            """);

    // when it runs
    List<TrackerTests.Result> results = TrackerTests.run(BUILT_IN, cases);

    // then every wrong expectation is reported, located
    assertThat(results.get(0).failures())
        .containsExactly(
            "x.trackers.test.yaml:2:5: case 'wrong': expected a hit of 'competitor', found hits"
                + " of [pricing]",
            "x.trackers.test.yaml:2:5: case 'wrong': there is no tracker 'no_such'",
            "x.trackers.test.yaml:2:5: case 'wrong': expected no hit of 'pricing', but the"
                + " phrase 'cost' hit \"What does it cost?\"");
  }
}
