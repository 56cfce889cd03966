package dev.playbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Runs the command as a user would, capturing the exit code, stdout and stderr. */
final class CliRunner {

  /** What one run printed. */
  record Run(int exitCode, String out, String err) {}

  private final Environment environment;

  /** Defaults are looked up in {@code home}; there are no built-in playbooks. */
  CliRunner(Path home) {
    this(new Environment(home, List::of));
  }

  CliRunner(Environment environment) {
    this.environment = environment;
  }

  Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            environment);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * Runs {@code subcommand} with {@code args} and checks that it is a usage error: nothing on
   * stdout, {@code message} and the subcommand's usage on stderr, exit code 2.
   */
  void assertUsageError(String message, String subcommand, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = subcommand;
    System.arraycopy(args, 0, all, 1, args.length);

    Run run = run(all);

    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(message + "\n" + usage(subcommand));
    assertThat(run.exitCode()).isEqualTo(2);
  }

  /**
   * Runs {@code subcommand --help}, checks that it prints the usage and exits 0, and returns it.
   */
  String assertHelp(String subcommand) {
    Run run = run(subcommand, "--help");

    assertThat(run.out()).isEqualTo(usage(subcommand));
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    return run.out();
  }

  /** The names of the subcommands, in the order the help lists them. */
  List<String> commandNames() {
    return List.copyOf(Main.commandLine(environment).getSubcommands().keySet());
  }

  /**
   * The usage help of {@code subcommand}, or of the top command when null, as printed on errors.
   */
  String usage(String subcommand) {
    var cmd = Main.commandLine(environment);
    return subcommand == null
        ? cmd.getUsageMessage()
        : cmd.getSubcommands().get(subcommand).getUsageMessage();
  }
}
