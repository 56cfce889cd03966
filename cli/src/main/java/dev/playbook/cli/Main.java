package dev.playbook.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code playbook} command. Each subcommand is a class of its own, listed in {@code
 * subcommands}; a subcommand reaches shared settings through {@link #environment()}.
 *
 * <p>Exit codes: 0 success, 1 an error in the input (a playbook, deal or test file with problems, a
 * deal that could not be evaluated), 2 a usage error (the message and the usage go to stderr), 3 a
 * rule test failed or a rule is not covered ({@code playbook test}).
 */
@Command(
    name = "playbook",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Evaluates deals against sales playbooks; checks, tests and explains playbooks.",
    subcommands = {
      EvaluateCommand.class,
      ExplainCommand.class,
      ValidateCommand.class,
      TestCommand.class,
      InitCommand.class,
      SchemaCommand.class,
      ReportCommand.class,
      BacktestCommand.class,
      GenerateTrailCommand.class,
      ServeCommand.class,
      SignalsCommand.class,
      CoachCommand.class
    },
    commandListHeading = "%nCommands:%n",
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success",
      "  1  an input file has problems, or a deal could not be evaluated",
      "  2  the command line is wrong",
      "  3  playbook test: a case failed, or with --coverage a rule is not covered",
      "",
      "Run 'playbook COMMAND --help' for the options of a command."
    })
public final class Main implements Callable<Integer> {

  /**
   * The exit code of {@code evaluate}, {@code report} and {@code backtest} when some deals could
   * not be evaluated: every other deal's results were printed or written, the failures went to
   * stderr.
   */
  static final int PARTIAL = 4;

  @Spec CommandSpec spec;

  private final Environment environment;

  /** The command as run from a shell: settings from system properties and the classpath. */
  public Main() {
    this(Environment.system());
  }

  Main(Environment environment) {
    this.environment = environment;
  }

  /** Where the command looks for defaults, such as the default playbook. */
  Environment environment() {
    return environment;
  }

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  public static void main(String[] args) {
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err));
  }

  /**
   * Runs the command with {@code args}, writing its output to {@code out} and messages to {@code
   * err}, both in UTF-8; returns the exit code.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, Environment.system());
  }

  static int run(String[] args, PrintStream out, PrintStream err, Environment environment) {
    PrintWriter outWriter =
        new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    PrintWriter errWriter =
        new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    CommandLine cmd = commandLine(environment).setOut(outWriter).setErr(errWriter);
    try {
      return cmd.execute(args);
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  static CommandLine commandLine(Environment environment) {
    CommandLine cmd = new CommandLine(new Main(environment));
    cmd.setParameterExceptionHandler(
        (ex, args) -> {
          // The problem, any "did you mean", then always the usage of the command concerned.
          CommandLine failed = ex.getCommandLine();
          PrintWriter err = failed.getErr();
          err.println(ex.getMessage());
          UnmatchedArgumentException.printSuggestions(ex, err);
          failed.usage(err, failed.getColorScheme());
          err.flush();
          return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
    cmd.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          // A failure nobody foresaw: say what it was without a stack trace, unless asked for one.
          PrintWriter err = commandLine.getErr();
          err.println(
              "error: " + Visible.line(ex.getMessage() != null ? ex.getMessage() : ex.toString()));
          if (Boolean.getBoolean("playbook.debug")) {
            ex.printStackTrace(err);
          }
          err.flush();
          return CommandLine.ExitCode.SOFTWARE;
        });
    return cmd;
  }

  /** Prints {@code playbook <version>}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"playbook " + version()};
    }

    static String version() {
      Properties p = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        // fall through to "unknown"
      }
      return p.getProperty("version", "unknown");
    }
  }
}
