package dev.playbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  @TempDir Path dir;

  @Test
  void run_noSubcommand_printsUsageAndExits2() {
    CliRunner cli = new CliRunner(dir);

    CliRunner.Run run = cli.run();

    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("Missing required subcommand\n" + cli.usage(null));
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void run_unknownSubcommand_isAUsageError() {
    CliRunner cli = new CliRunner(dir);

    CliRunner.Run run = cli.run("evaluat");

    assertThat(run.err())
        .isEqualTo(
            "Unmatched argument at index 0: 'evaluat'\n"
                + "Did you mean: playbook evaluate or playbook validate or playbook signals?\n"
                + cli.usage(null));
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void run_help_listsTheCommandsAndExitCodes() {
    CliRunner cli = new CliRunner(dir);

    CliRunner.Run run = cli.run("--help");

    assertThat(run.out())
        .isEqualTo(cli.usage(null))
        .contains(
            "  evaluate        Evaluates deals against a playbook.\n",
            "  2  the command line is wrong\n");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void run_version_printsTheProjectVersion() {
    CliRunner.Run run = new CliRunner(dir).run("--version");

    assertThat(run.out()).matches("playbook \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
    assertThat(run.exitCode()).isZero();
  }
}
