package dev.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.problem.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleTestsTest {

  @TempDir Path dir;
  Path rules;

  @BeforeEach
  void playbook() throws IOException {
    Files.writeString(
        dir.resolve("playbook.yaml"),
        """
        playbook: t
        stages: [lead, proposal, won, lost]
        """);
    rules = dir.resolve("rules");
    Files.createDirectories(rules);
    Files.writeString(
        rules.resolve("size.yaml"),
        """
        rules:
          - id: t.big
            when: amount >= 100000
            gap: { severity: high, message: "big: {amount}" }
          - id: t.proposal
            when: stage == proposal
            action: { title: Send it }
        """);
  }

  Path testFile(String yaml) throws IOException {
    Path f = rules.resolve("size.test.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void run_passingFailingAndTodoCases_areReportedWithReasons() throws IOException {
    Path f =
        testFile(
            """
        as_of: 2026-11-20
        base_deal: { stage: lead, amount: 5000 }
        cases:
          - name: big deal fires
            deal: { amount: 200000 }
            fires: [t.big]
            not_fires: [t.proposal]
          - name: wrong expectation
            deal: { stage: proposal, amount: 200000 }
            fires: [t.big]
            not_fires: [t.proposal, t.big]
          - name: later
            todo: true
            fires: [t.proposal]
        """);

    RuleTestReport r = RuleTests.run(f);

    assertThat(r.problems()).isEmpty();
    assertThat(r.playbook()).isEqualTo("t");
    assertThat(r.cases())
        .extracting(
            RuleTestReport.Case::name, RuleTestReport.Case::status, RuleTestReport.Case::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("big deal fires", RuleTestReport.Status.PASSED, 4),
            org.assertj.core.groups.Tuple.tuple(
                "wrong expectation", RuleTestReport.Status.FAILED, 8),
            org.assertj.core.groups.Tuple.tuple("later", RuleTestReport.Status.SKIPPED, 12));
    assertThat(r.cases().get(1).failures())
        .containsExactly(
            "expected t.proposal not to fire, but it did",
            "expected t.big not to fire, but it did: big: 200,000 (amount >= 100000: true (amount = 200000))");
    assertThat(r.ok()).isFalse();
  }

  @Test
  void runText_casesOfAnEditorBuffer_runAgainstTheGivenPlaybook() {
    // given: a playbook and a test file that exist only as text
    Playbook playbook =
        Playbook.parse(
            "edited.yaml",
            """
            playbook: e
            stages: [lead, proposal]
            rules:
              - id: e.big
                when: amount >= 100000
                gap: { severity: high, message: big }
            """);

    // when
    RuleTestReport r =
        RuleTests.run(
            playbook,
            "edited.test.yaml",
            """
            as_of: 2026-11-20
            cases:
              - name: big fires
                deal: { stage: lead, amount: 200000 }
                fires: [e.big]
              - name: small fires too
                deal: { stage: lead, amount: 5 }
                fires: [e.big]
            """);

    // then
    assertThat(r.file()).isEqualTo("edited.test.yaml");
    assertThat(r.playbook()).isEqualTo("e");
    assertThat(r.problems()).isEmpty();
    assertThat(r.cases())
        .extracting(RuleTestReport.Case::name, RuleTestReport.Case::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("big fires", RuleTestReport.Status.PASSED),
            org.assertj.core.groups.Tuple.tuple("small fires too", RuleTestReport.Status.FAILED));
    assertThat(r.cases().get(1).failures())
        .containsExactly("expected e.big to fire, but it did not (no rule fired)");
  }

  @Test
  void runText_unknownRuleAndBrokenYaml_areProblemsInTheNamedFile() {
    Playbook playbook = Playbook.parse("edited.yaml", "playbook: e\nstages: [lead]\n");

    RuleTestReport unknown =
        RuleTests.run(
            playbook,
            "edited.test.yaml",
            "as_of: 2026-11-20\ncases:\n  - name: x\n    deal: { stage: lead }\n"
                + "    fires: [e.nope]\n");
    RuleTestReport broken = RuleTests.run(playbook, "edited.test.yaml", "cases: [\n");

    assertThat(unknown.cases()).isEmpty();
    assertThat(unknown.problems())
        .extracting(Problem::render)
        .containsExactly("edited.test.yaml:5:13: unknown-rule: playbook 'e' has no rule 'e.nope'");
    assertThat(broken.playbook()).isNull();
    assertThat(broken.problems())
        .extracting(Problem::render)
        .containsExactly(
            "edited.test.yaml:2:1: yaml-syntax: the file ends before the value is complete");
  }

  /** The playbook of {@link #playbook()} with a methodology and a key node at proposal. */
  void checkedPlaybook() throws IOException {
    Files.writeString(
        dir.resolve("playbook.yaml"),
        """
        playbook: t
        stages: [lead, proposal, won, lost]
        methodologies:
          meddic:
            title: MEDDIC
            elements:
              - { id: metrics, title: Metrics }
              - { id: champion, title: Champion, confirmed_when: "any(contacts, role == champion)" }
        key_nodes:
          - id: ready
            stage: proposal
            title: Ready to propose
            exit_criteria:
              - { id: champion, title: Champion, when: "any(contacts, role == champion)" }
              - { id: sized, title: Sized, when: "amount is present" }
        """);
  }

  @Test
  void run_readinessCriteriaAndScorecardExpectations_passOrFailWithReasons() throws IOException {
    checkedPlaybook();
    Path f =
        testFile(
            """
        as_of: 2026-11-20
        cases:
          - name: champion and amount make it ready
            deal:
              stage: proposal
              amount: 5
              contacts: [{ id: c1, roles: [champion] }]
              evidence: { meddic.metrics: { status: partial } }
            ready: true
            met: [ready.champion, ready.sized]
            scorecard: { meddic.champion: confirmed, meddic.metrics: partial }
          - name: wrong expectations
            deal: { stage: proposal }
            ready: true
            met: [ready.champion]
            not_met: [ready.sized]
            scorecard: { meddic.champion: confirmed }
          - name: a criterion of another stage
            deal: { stage: lead }
            met: [ready.sized]
        """);

    RuleTestReport r = RuleTests.run(f);

    assertThat(r.problems()).isEmpty();
    assertThat(r.cases())
        .extracting(RuleTestReport.Case::name, RuleTestReport.Case::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "champion and amount make it ready", RuleTestReport.Status.PASSED),
            org.assertj.core.groups.Tuple.tuple("wrong expectations", RuleTestReport.Status.FAILED),
            org.assertj.core.groups.Tuple.tuple(
                "a criterion of another stage", RuleTestReport.Status.FAILED));
    assertThat(r.cases().get(1).failures())
        .containsExactly(
            "expected stage proposal to be ready, but it is not ready"
                + " (not met: ready.champion, ready.sized)",
            "expected ready.champion to be met, but it is not",
            "expected meddic.champion to be confirmed, but it is unknown");
    assertThat(r.cases().get(2).failures())
        .containsExactly("expected ready.sized to be met, but it is not a criterion of stage lead");
  }

  @Test
  void run_badReadinessAndScorecardExpectations_areProblemsWithTheirPositions() throws IOException {
    checkedPlaybook();
    Path f =
        testFile(
            """
        as_of: 2026-11-20
        cases:
          - name: typos
            deal: { stage: proposal }
            ready: yes
            met: [ready.champoin]
            not_met: [sized]
            scorecard: { meddic.metric: confirmed, meddic.champion: confirmd }
        """);

    RuleTestReport r = RuleTests.run(f);

    assertThat(r.cases()).isEmpty();
    assertThat(r.problems())
        .extracting(Problem::render)
        .containsExactly(
            f + ":5:12: wrong-type: 'ready' must be true or false, not a string",
            f
                + ":6:11: unknown-criterion: playbook 't' has no exit criterion 'ready.champoin'"
                + " (write key_node.criterion) (did you mean 'ready.champion'?)",
            f
                + ":7:15: unknown-criterion: playbook 't' has no exit criterion 'sized'"
                + " (write key_node.criterion)",
            f
                + ":8:18: unknown-element: playbook 't' has no scorecard element 'meddic.metric'"
                + " (did you mean 'meddic.metrics'?)",
            f
                + ":8:61: invalid-value: the status of meddic.champion must be confirmed, partial"
                + " or unknown, not 'confirmd' (did you mean 'confirmed'?)");
  }

  @Test
  void run_unknownRule_isAProblemWithItsPosition() throws IOException {
    Path f =
        testFile(
            """
        as_of: 2026-11-20
        cases:
          - name: typo
            deal: { stage: lead, amount: 5 }
            fires: [t.bigg]
        """);

    RuleTestReport r = RuleTests.run(f);

    assertThat(r.cases()).isEmpty();
    assertThat(r.problems())
        .extracting(Problem::render)
        .containsExactly(
            f + ":5:13: unknown-rule: playbook 't' has no rule 't.bigg' (did you mean 't.big'?)");
  }

  @Test
  void run_caseWithAnInvalidDeal_failsThatCaseOnly() throws IOException {
    Path f =
        testFile(
            """
        as_of: 2026-11-20
        cases:
          - name: bad amount
            deal: { stage: lead, amount: lots }
            fires: [t.big]
          - name: fine
            deal: { stage: proposal }
            fires: [t.proposal]
        """);

    RuleTestReport r = RuleTests.run(f);

    assertThat(r.problems()).isEmpty();
    assertThat(r.cases())
        .extracting(RuleTestReport.Case::status)
        .containsExactly(RuleTestReport.Status.FAILED, RuleTestReport.Status.PASSED);
    assertThat(r.cases().get(0).failures())
        .containsExactly(
            "the case's deal is not valid: "
                + f
                + ":4:34: wrong-type: 'amount' must be a number, not a string");
  }

  @Test
  void uncovered_listsRulesWithoutAFiringOrAQuietCase() throws IOException {
    testFile(
        """
        as_of: 2026-11-20
        cases:
          - name: big
            deal: { stage: lead, amount: 200000 }
            fires: [t.big]
            not_fires: [t.proposal]
        """);

    List<RuleTestReport> reports = RuleTests.runAll(dir);

    assertThat(reports).hasSize(1);
    assertThat(RuleTests.uncovered(reports, dir))
        .containsExactly(
            "t.big: no passing case expects it not to fire",
            "t.proposal: no passing case expects it to fire");
  }

  @Test
  void find_dotTestDotYml_isFoundAndRunAsATestAndNotLoadedAsRules() throws IOException {
    // a .test.yml file was neither run as a test nor loaded: now it is a test like .test.yaml
    Path yml = rules.resolve("proposal.test.yml");
    Files.writeString(
        yml,
        """
        as_of: 2026-11-20
        cases:
          - name: proposal fires
            deal: { stage: proposal }
            fires: [t.proposal]
        """);
    Path yaml =
        testFile(
            """
        as_of: 2026-11-20
        cases:
          - name: big fires
            deal: { stage: lead, amount: 200000 }
            fires: [t.big]
        """);

    List<Path> found = RuleTests.find(dir);
    List<RuleTestReport> reports = RuleTests.runAll(dir);

    assertThat(found).containsExactly(yml, yaml);
    assertThat(reports)
        .extracting(RuleTestReport::file)
        .containsExactly(yml.toString(), yaml.toString());
    assertThat(reports).allSatisfy(r -> assertThat(r.ok()).isTrue());
    assertThat(Playbook.load(dir).files())
        .containsExactly(
            dir.resolve("playbook.yaml").toString(), rules.resolve("size.yaml").toString());
    assertThat(RuleTests.uncovered(reports, dir))
        .containsExactly(
            "t.big: no passing case expects it not to fire",
            "t.proposal: no passing case expects it not to fire");
  }

  @Test
  void find_testFileBelowTheWalkDepth_isNotFound_likeRuleFiles() throws IOException {
    Path deep = dir.resolve("a/b/c/d/e/f/g/h/deep.test.yaml");
    Files.createDirectories(deep.getParent());
    Files.writeString(deep, "cases: []\n");
    Path shallow = dir.resolve("a/b/c/d/e/f/g/shallow.test.yaml");
    Files.writeString(shallow, "cases: []\n");

    assertThat(RuleTests.find(dir)).containsExactly(shallow);
  }
}
