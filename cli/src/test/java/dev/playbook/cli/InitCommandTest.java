package dev.playbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {

  @TempDir Path dir;
  CliRunner cli;
  Path folder;

  @BeforeEach
  void setUp() {
    cli = new CliRunner(dir);
    folder = dir.resolve("playbooks/acme-test");
  }

  @Test
  void init_newFolder_writesThePlaybookAndSaysWhatToDoNext() {
    CliRunner.Run run = cli.run("init", folder.toString());

    assertThat(run.out())
        .isEqualTo(
            """
        Created the playbook acme-test in %1$s:
          playbook.yaml                 stages, a parameter, a talk track
          rules/first-rules.yaml        a first rule
          rules/first-rules.test.yaml   its tests
          README.md                     what each file is and what to do next
        Next:
          playbook validate %1$s
          playbook test %1$s
        """
                .formatted(folder));
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    assertThat(folder.resolve("playbook.yaml"))
        .content()
        .contains(
            "playbook: acme-test\n",
            "stages: [prospecting, qualification, discovery, proposal, negotiation, closed_won, closed_lost]\n",
            "# extends: [meddic, ../shared]\n",
            "    en: >-\n",
            "    zh-CN: >-\n");
    assertThat(folder.resolve("rules/first-rules.yaml"))
        .content()
        .contains(
            "  - id: acme-test.economic-buyer-by-proposal\n",
            "    gap:\n",
            "    action:\n",
            "{account}",
            "      talk_track: eb-intro\n");
    assertThat(folder.resolve("README.md"))
        .content()
        .contains(
            "playbook validate " + folder + "\n",
            "playbook test " + folder + " --coverage\n",
            "docs/authoring-rules.md in the Playbook Engine repository",
            "docs/testing-rules.md");
  }

  @Test
  void init_thenValidateAndTest_theNewPlaybookIsCleanAndItsTestsPass() {
    cli.run("init", folder.toString());

    CliRunner.Run validate = cli.run("validate", folder.toString());
    CliRunner.Run test = cli.run("test", folder.toString(), "--verbose", "--coverage");

    assertThat(validate.out()).isEqualTo(folder + ": ok (1 rule, 7 stages)\n");
    assertThat(validate.exitCode()).isZero();
    Path tests = folder.resolve("rules/first-rules.test.yaml");
    assertThat(test.out())
        .isEqualTo(
            "PASS "
                + tests
                + ":11: big deal at proposal without an economic buyer\n"
                + "PASS "
                + tests
                + ":16: economic buyer identified\n"
                + "coverage of "
                + folder
                + ": every rule is covered\n"
                + "2 passed, 0 failed, 0 skipped\n");
    assertThat(test.exitCode()).isZero();
  }

  @Test
  void init_extendingAFolder_writesARelativePathAndInheritsItsRules() {
    TestFiles.write(dir, "playbooks/acme/playbook.yaml", EvaluateCommandTest.ACME);

    CliRunner.Run init =
        cli.run("init", folder.toString(), "--extends", dir.resolve("playbooks/acme").toString());
    CliRunner.Run validate = cli.run("validate", folder.toString());
    CliRunner.Run test = cli.run("test", folder.toString(), "--coverage");

    assertThat(init.out())
        .startsWith("Created the playbook acme-test in " + folder + ", extending ../acme:\n");
    assertThat(init.exitCode()).isZero();
    assertThat(folder.resolve("playbook.yaml")).content().contains("\nextends: [../acme]\n");
    assertThat(validate.out()).isEqualTo(folder + ": ok (3 rules, 7 stages)\n");
    assertThat(validate.exitCode()).isZero();
    assertThat(test.out())
        .isEqualTo(
            "coverage of "
                + folder
                + ": every rule is covered\n"
                + "2 passed, 0 failed, 0 skipped\n");
    assertThat(test.exitCode()).isZero();
  }

  @Test
  void init_withStandardB2bBuiltIn_extendsItByDefault() {
    CliRunner withBuiltIn =
        new CliRunner(new Environment(dir, () -> List.of("meddic", "standard-b2b")));

    CliRunner.Run run = withBuiltIn.run("init", folder.toString());

    assertThat(run.out())
        .startsWith("Created the playbook acme-test in " + folder + ", extending standard-b2b:\n");
    assertThat(folder.resolve("playbook.yaml")).content().contains("\nextends: [standard-b2b]\n");
  }

  @Test
  void init_extendingABuiltIn_writesItsName() {
    CliRunner withBuiltIn = new CliRunner(new Environment(dir, () -> List.of("meddic")));

    CliRunner.Run run = withBuiltIn.run("init", folder.toString(), "--extends", "meddic");

    assertThat(run.exitCode()).isZero();
    assertThat(folder.resolve("playbook.yaml")).content().contains("\nextends: [meddic]\n");
  }

  @Test
  void init_folderNameWithCapitalsAndSpaces_becomesAValidPlaybookName() {
    Path odd = dir.resolve("ACME Sales EMEA");

    CliRunner.Run run = cli.run("init", odd.toString());

    assertThat(run.out()).startsWith("Created the playbook acme-sales-emea in " + odd + ":\n");
    assertThat(cli.run("validate", odd.toString()).exitCode()).isZero();
  }

  @Test
  void init_insideTheRepository_linksTheReadmeToTheDocs() {
    TestFiles.write(dir, "docs/authoring-rules.md", "# Authoring\n");
    TestFiles.write(dir, "docs/testing-rules.md", "# Testing\n");

    cli.run("init", folder.toString());

    assertThat(folder.resolve("README.md"))
        .content()
        .contains(
            "- [docs/authoring-rules.md](../../docs/authoring-rules.md): ",
            "- [docs/testing-rules.md](../../docs/testing-rules.md): ");
  }

  @Test
  void init_nonEmptyFolder_refusesAndWritesNothing() throws IOException {
    TestFiles.write(folder, "notes.txt", "mine\n");

    CliRunner.Run run = cli.run("init", folder.toString());

    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "error: "
                + folder
                + " is not empty; init creates a playbook in a new or empty"
                + " folder\n");
    assertThat(run.exitCode()).isEqualTo(1);
    try (var files = Files.list(folder)) {
      assertThat(files).containsExactly(folder.resolve("notes.txt"));
    }
  }

  @Test
  void init_aFile_refuses() {
    Path file = TestFiles.write(dir, "playbook.yaml", "playbook: x\n");

    CliRunner.Run run = cli.run("init", file.toString());

    assertThat(run.err())
        .isEqualTo(
            "error: "
                + file
                + " is a file; init creates a playbook in a new or empty"
                + " folder\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void init_emptyFolder_isUsed() throws IOException {
    Files.createDirectories(folder);

    CliRunner.Run run = cli.run("init", folder.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(folder.resolve("rules/first-rules.test.yaml")).exists();
  }

  @Test
  void init_unknownParent_isAUsageError() {
    cli.assertUsageError(
        "Invalid value for option '--extends': 'medic' is neither a playbook folder or file nor"
            + " a built-in playbook (there are no built-in playbooks)",
        "init",
        folder.toString(),
        "--extends",
        "medic");

    assertThat(folder).doesNotExist();
  }

  @Test
  void init_noFolder_isAUsageError() {
    cli.assertUsageError("Missing required parameter: 'FOLDER'", "init");
  }

  @Test
  void init_help_printsUsageAndExits0() {
    assertThat(cli.assertHelp("init")).contains("--extends=PLAYBOOK");
  }
}
