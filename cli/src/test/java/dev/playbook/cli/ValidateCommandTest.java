package dev.playbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

  /** Two mistakes an author makes: a misspelt playbook key and a misspelt action key. */
  static final String BROKEN =
      """
      playbook: broken
      titel: Broken playbook
      stages: [open, won]
      rules:
        - id: broken.first
          when: stage == open
          action: { title: Call them, priorty: 50, due: 1d }
      """;

  /** What loading {@link #BROKEN} written to {@code file} reports. */
  static String brokenProblems(Path file) {
    return file
        + ":2:1: unknown-field: 'titel' is not a field of a playbook (did you mean 'title'?)\n"
        + file
        + ":7:33: unknown-field: 'priorty' is not a field of an action (did you mean 'priority'?)\n"
        + "2 problems found\n";
  }

  @TempDir Path dir;
  CliRunner cli;
  String acme;

  @BeforeEach
  void setUp() {
    cli = new CliRunner(dir);
    acme =
        TestFiles.write(dir, "acme/playbook.yaml", EvaluateCommandTest.ACME).getParent().toString();
  }

  @Test
  void validate_cleanPlaybook_saysOkWithRulesAndStagesAndExits0() {
    CliRunner.Run run = cli.run("validate", acme);

    assertThat(run.out()).isEqualTo(acme + ": ok (2 rules, 7 stages)\n");
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void validate_folderWithTrackers_countsThemInTheOkLine() {
    TestFiles.write(
        dir,
        "acme/acme.trackers.yaml",
        """
        trackers:
          - concept: security_review
            tag: security
            phrases:
              en: [security review, pen test]
          - concept: legal
            phrases:
              en: [legal team, redlines]
        """);

    CliRunner.Run run = cli.run("validate", acme);

    assertThat(run.out()).isEqualTo(acme + ": ok (2 rules, 7 stages, 2 trackers)\n");
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void validate_trackerFileWithAMisspeltKey_printsItsProblemsAndExits1() {
    Path trackers =
        TestFiles.write(
            dir,
            "acme/acme.trackers.yaml",
            """
            trackers:
              - concept: security_review
                phrase:
                  en: [security review]
            """);

    CliRunner.Run run = cli.run("validate", acme);

    assertThat(run.out())
        .isEqualTo(
            trackers
                + ":2:5: missing-field: tracker 'security_review' has no 'phrases'\n"
                + trackers
                + ":3:5: unknown-field: 'phrase' is not a tracker field (did you mean 'phrases'?)\n"
                + "2 problems found\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void validate_trackerOfTheSameConceptAsABuiltInOne_isADuplicateAndExits1() {
    // given a tracker 'pricing', which deal-risk's built-in trackers define already
    Path trackers =
        TestFiles.write(
            dir,
            "acme/acme.trackers.yaml",
            """
            trackers:
              - concept: pricing
                phrases:
                  en: [price list]
            """);

    CliRunner.Run run = cli.run("validate", acme);

    assertThat(run.out())
        .isEqualTo(
            trackers
                + ":2:5: duplicate-id: tracker concept 'pricing' is defined twice\n"
                + "1 problem found\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void validate_brokenPlaybook_printsEveryProblemSortedThenTheCountAndExits1() {
    Path broken = TestFiles.write(dir, "broken/playbook.yaml", BROKEN);

    CliRunner.Run run = cli.run("validate", broken.getParent().toString());

    assertThat(run.out()).isEqualTo(brokenProblems(broken));
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void validate_cleanAndBrokenPlaybooks_reportsEachInTurnAndExits1() {
    Path broken =
        TestFiles.write(
            dir,
            "broken.yaml",
            """
        playbook: broken
        stages: [open, won]
        rulez: []
        """);

    CliRunner.Run run = cli.run("validate", acme, broken.toString(), acme + "/playbook.yaml");

    assertThat(run.out())
        .isEqualTo(
            acme
                + ": ok (2 rules, 7 stages)\n"
                + broken
                + ":3:1: unknown-field: 'rulez' is not a field of a playbook (did you mean 'rules'?)\n"
                + acme
                + "/playbook.yaml: ok (2 rules, 7 stages)\n"
                + "1 problem found\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void validate_twoPlaybooksExtendingABrokenParent_printTheParentsProblemOnce() {
    Path parent = TestFiles.write(dir, "base/playbook.yaml", BROKEN);
    TestFiles.write(dir, "east/playbook.yaml", "playbook: east\nextends: [../base]\n");
    TestFiles.write(dir, "west/playbook.yaml", "playbook: west\nextends: [../base]\n");

    CliRunner.Run run =
        cli.run("validate", dir.resolve("east").toString(), dir.resolve("west").toString());

    assertThat(run.out()).isEqualTo(brokenProblems(parent));
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void validate_unknownPlaybook_isAUsageError() {
    cli.assertUsageError(
        "Invalid value for PLAYBOOK: 'no-such-playbook' is neither a playbook folder or file nor"
            + " a built-in playbook (there are no built-in playbooks)",
        "validate",
        "no-such-playbook");
  }

  @Test
  void validate_noPlaybook_isAUsageError() {
    cli.assertUsageError("Missing required parameter: 'PLAYBOOK'", "validate");
  }

  @Test
  void validate_help_printsUsageAndExits0() {
    assertThat(cli.assertHelp("validate")).contains("PLAYBOOK...");
  }
}
