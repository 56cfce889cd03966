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
            "expected t.big not to fire, but it did: big: 200000 (amount >= 100000: true (amount = 200000))");
    assertThat(r.ok()).isFalse();
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
