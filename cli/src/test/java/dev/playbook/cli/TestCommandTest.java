package dev.playbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCommandTest {

  /** Cases for the ACME playbook: two that pass and one to do. */
  static final String PASSING =
      """
      as_of: 2026-11-20
      base_deal:
        name: Globex renewal
        stage: negotiation
        segment: smb
      cases:
        - name: no economic buyer at negotiation
          deal:
            contacts:
              - { id: c1, name: Li Wei, roles: [champion] }
          fires: [acme.eb-before-proposal]
        - name: economic buyer known
          deal:
            contacts:
              - { id: c1, name: Li Wei, roles: [economic_buyer] }
          not_fires: [acme.eb-before-proposal]
        - name: quiet for three weeks
          todo: true
          fires: [acme.stale]
      """;

  /** Cases that expect the opposite of what happens. */
  static final String FAILING =
      """
      as_of: 2026-11-20
      base_deal:
        name: Globex renewal
        stage: negotiation
        segment: smb
      cases:
        - name: economic buyer known
          deal:
            contacts:
              - { id: c1, name: Li Wei, roles: [economic_buyer] }
          fires: [acme.eb-before-proposal]
        - name: champion only
          deal:
            contacts:
              - { id: c1, name: Li Wei, roles: [champion] }
          not_fires: [acme.eb-before-proposal]
      """;

  @TempDir Path dir;
  CliRunner cli;
  Path acme;

  @BeforeEach
  void setUp() {
    cli = new CliRunner(dir);
    acme = TestFiles.write(dir, "acme/playbook.yaml", EvaluateCommandTest.ACME).getParent();
  }

  @Test
  void test_passingAndSkippedCases_printsTheSummaryAndExits0() {
    TestFiles.write(acme, "rules/eb.test.yaml", PASSING);

    CliRunner.Run run = cli.run("test", acme.toString());

    assertThat(run.out()).isEqualTo("2 passed, 0 failed, 1 skipped\n");
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void test_verbose_printsEveryCaseWithItsStatus() {
    Path file = TestFiles.write(acme, "rules/eb.test.yaml", PASSING);

    CliRunner.Run run = cli.run("test", acme.toString(), "--verbose");

    assertThat(run.out())
        .isEqualTo(
            "PASS "
                + file
                + ":7: no economic buyer at negotiation\n"
                + "PASS "
                + file
                + ":12: economic buyer known\n"
                + "SKIP "
                + file
                + ":17: quiet for three weeks\n"
                + "2 passed, 0 failed, 1 skipped\n");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void test_failingCases_printWhatWasExpectedAndWhatHappenedAndExit3() {
    TestFiles.write(acme, "rules/eb.test.yaml", PASSING);
    Path failing = TestFiles.write(acme, "rules/wrong.test.yaml", FAILING);

    CliRunner.Run run = cli.run("test", acme.toString());

    assertThat(run.out())
        .isEqualTo(
            failing
                + ":7: economic buyer known\n"
                + "  expected acme.eb-before-proposal to fire, but it did not (no rule fired)\n"
                + failing
                + ":12: champion only\n"
                + "  expected acme.eb-before-proposal not to fire, but it did: Globex renewal is at negotiation with no"
                + " economic buyer (stage >= proposal: true (stage = negotiation); none(contacts, role == economic_buyer):"
                + " true (none of 1 contacts match: Li Wei))\n"
                + "2 passed, 2 failed, 1 skipped\n");
    assertThat(run.exitCode()).isEqualTo(3);
  }

  @Test
  void test_coverage_listsTheRulesNoCaseCoversAndExits3() {
    TestFiles.write(acme, "rules/eb.test.yaml", PASSING);

    CliRunner.Run run = cli.run("test", acme.toString(), "--coverage");

    assertThat(run.out())
        .isEqualTo(
            "coverage of "
                + acme
                + ": 1 rule not covered\n"
                + "  acme.stale: no passing case expects it to fire\n"
                + "  acme.stale: no passing case expects it not to fire\n"
                + "2 passed, 0 failed, 1 skipped\n");
    assertThat(run.exitCode()).isEqualTo(3);
  }

  @Test
  void test_coverageOfEveryRule_exits0() {
    TestFiles.write(acme, "rules/eb.test.yaml", PASSING);
    TestFiles.write(
        acme,
        "rules/stale.test.yaml",
        """
        as_of: 2026-11-20
        base_deal: { stage: discovery, activities: [{ id: a1, type: call, occurred_at: 2026-11-01 }] }
        cases:
          - { name: quiet for 19 days, fires: [acme.stale] }
          - { name: called yesterday, deal: { activities: [{ id: a1, type: call, occurred_at: 2026-11-19 }] },
              not_fires: [acme.stale] }
        """);

    CliRunner.Run run = cli.run("test", acme.toString(), "--coverage");

    assertThat(run.out())
        .isEqualTo(
            "coverage of "
                + acme
                + ": every rule is covered\n"
                + "4 passed, 0 failed, 1 skipped\n");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void test_testFileWithProblems_printsTheProblemsAndExits1() {
    TestFiles.write(acme, "rules/eb.test.yaml", PASSING);
    Path typo =
        TestFiles.write(
            acme,
            "rules/typo.test.yaml",
            """
        as_of: 2026-11-20
        cases:
          - name: typo
            deal: { stage: proposal }
            fires: [acme.eb-before-proposl]
        """);

    CliRunner.Run run = cli.run("test", acme.toString());

    assertThat(run.out())
        .isEqualTo(
            typo
                + ":5:13: unknown-rule: playbook 'acme' has no rule 'acme.eb-before-proposl'"
                + " (did you mean 'acme.eb-before-proposal'?)\n"
                + "1 problem found\n"
                + "2 passed, 0 failed, 1 skipped\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void test_brokenPlaybook_printsItsProblemsOnceAndExits1() {
    Path broken = TestFiles.write(dir, "broken/playbook.yaml", ValidateCommandTest.BROKEN);
    TestFiles.write(dir, "broken/rules/a.test.yaml", PASSING);
    TestFiles.write(dir, "broken/rules/b.test.yaml", FAILING);

    CliRunner.Run run = cli.run("test", broken.getParent().toString(), "--coverage");

    assertThat(run.out())
        .isEqualTo(
            ValidateCommandTest.brokenProblems(broken)
                + "coverage of "
                + broken.getParent()
                + ": not known, as the playbook or a test file has problems\n"
                + "0 passed, 0 failed, 0 skipped\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void test_jsonFormat_writesFilesCasesTotalsAndUncovered() {
    Path passing = TestFiles.write(acme, "rules/eb.test.yaml", PASSING);
    String firstCaseOnly = FAILING.substring(0, FAILING.indexOf("  - name: champion"));
    Path failing = TestFiles.write(acme, "rules/wrong.test.yaml", firstCaseOnly);

    CliRunner.Run run =
        cli.run("test", passing.toString(), failing.toString(), "--format", "json", "--coverage");

    assertThat(run.out())
        .isEqualTo(
            """
        {
          "files": [
            {
              "file": "%s",
              "playbook": "acme",
              "problems": [],
              "cases": [
                {
                  "name": "no economic buyer at negotiation",
                  "line": 7,
                  "status": "passed",
                  "failures": []
                },
                {
                  "name": "economic buyer known",
                  "line": 12,
                  "status": "passed",
                  "failures": []
                },
                {
                  "name": "quiet for three weeks",
                  "line": 17,
                  "status": "skipped",
                  "failures": []
                }
              ]
            },
            {
              "file": "%s",
              "playbook": "acme",
              "problems": [],
              "cases": [
                {
                  "name": "economic buyer known",
                  "line": 7,
                  "status": "failed",
                  "failures": [
                    "expected acme.eb-before-proposal to fire, but it did not (no rule fired)"
                  ]
                }
              ]
            }
          ],
          "totals": {
            "files": 2,
            "passed": 2,
            "failed": 1,
            "skipped": 1,
            "problems": 0
          },
          "uncovered": [
            {
              "folder": "%s",
              "rule": "acme.stale",
              "message": "no passing case expects it to fire"
            },
            {
              "folder": "%s",
              "rule": "acme.stale",
              "message": "no passing case expects it not to fire"
            }
          ]
        }
        """
                .formatted(passing, failing, acme, acme));
    assertThat(run.exitCode()).isEqualTo(3);
  }

  @Test
  void test_jsonFormatWithProblems_listsThemUnderTheirFile() {
    Path broken =
        TestFiles.write(
            dir,
            "broken/playbook.yaml",
            """
        playbook: broken
        stages: [open, won]
        rulez: []
        """);
    Path file = TestFiles.write(dir, "broken/a.test.yaml", PASSING);

    CliRunner.Run run = cli.run("test", file.toString(), "--format", "json");

    assertThat(run.out())
        .isEqualTo(
            """
        {
          "files": [
            {
              "file": "%s",
              "playbook": null,
              "problems": [
                {
                  "code": "unknown-field",
                  "file": "%s",
                  "line": 3,
                  "column": 1,
                  "message": "'rulez' is not a field of a playbook (did you mean 'rules'?)"
                }
              ],
              "cases": []
            }
          ],
          "totals": {
            "files": 1,
            "passed": 0,
            "failed": 0,
            "skipped": 0,
            "problems": 1
          }
        }
        """
                .formatted(file, broken));
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void test_noTestFiles_saysSoAndExits1() {
    CliRunner.Run run = cli.run("test", acme.toString());

    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("no rule test files found under " + acme + "\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void test_pathThatDoesNotExist_isAUsageError() {
    String missing = dir.resolve("nowhere").toString();

    cli.assertUsageError(
        "Invalid value for PATH: '" + missing + "' is neither a folder nor a file",
        "test",
        missing);
  }

  @Test
  void test_badFormat_isAUsageError() {
    cli.assertUsageError(
        "Invalid value for option '--format': 'xml' is not an output format; use text or json",
        "test",
        acme.toString(),
        "--format",
        "xml");
  }

  @Test
  void test_help_listsTheOptionsAndExitCodes() {
    assertThat(cli.assertHelp("test"))
        .contains("--verbose", "--coverage", "--format=FORMAT", "  3  a case failed");
  }
}
