package dev.playbook.streams;

import dev.playbook.Playbook;
import dev.playbook.ReloadingPlaybook;
import dev.playbook.insights.loop.LoopPolicy;
import dev.playbook.problem.ProblemException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the playbook topology against a Kafka cluster until stopped (Ctrl-C).
 *
 * <pre>
 * java -jar streams/target/playbook-streams-app.jar --bootstrap-servers localhost:9092 \
 *     --playbook examples/playbooks/acme [--interval 60s] [--exactly-once] [--config streams.properties]
 * </pre>
 *
 * <p>A playbook given as a folder or file is watched and hot-swapped when its files change; a
 * built-in name ({@code standard-b2b}) is loaded once. Exit codes: 0 stopped, 1 the playbook or a
 * file has problems, 2 the command line is wrong. A stream thread that fails is replaced by a new
 * one ({@link #replaceThread}), so one failure does not stop the instance.
 */
public final class StreamsApp {

  private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);

  private static final String USAGE =
      String.join(
          "\n",
          "usage: playbook-streams --bootstrap-servers HOST:PORT --playbook FOLDER|FILE|BUILT-IN",
          "         [--application-id ID] [--state-dir DIR] [--interval DURATION] [--locale TAG]",
          "         [--topic-prefix PREFIX] [--loop FILE] [--exactly-once] [--config FILE]",
          "  --interval      how often every deal is re-evaluated, such as 60s, 5m or PT5M (default 5m)",
          "  --loop          the loop policy feedback is checked and honoured with (dismissal reasons,",
          "                  re-offer limits; see docs/feedback-and-coaching.md)",
          "  --exactly-once  processing.guarantee=exactly_once_v2 (needs 3 brokers, or see docs/streaming.md)",
          "  --config        a properties file of further Kafka Streams settings");

  private StreamsApp() {}

  public static void main(String[] args) throws Exception {
    // slf4j-simple, bundled in the application jar: Kafka's INFO lines are many; keep ours.
    System.setProperty(
        "org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    System.setProperty(
        "org.slf4j.simpleLogger.log.dev.playbook",
        System.getProperty("org.slf4j.simpleLogger.log.dev.playbook", "info"));
    System.exit(run(args));
  }

  static int run(String[] args) throws Exception {
    Properties props = new Properties();
    String playbookArg = null;
    Duration interval = Duration.ofMinutes(5);
    Locale locale = Locale.ENGLISH;
    String prefix = "";
    Path loopFile = null;
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "playbook-streams");
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--bootstrap-servers" ->
              props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, value(args, ++i, a));
          case "--playbook" -> playbookArg = value(args, ++i, a);
          case "--application-id" ->
              props.put(StreamsConfig.APPLICATION_ID_CONFIG, value(args, ++i, a));
          case "--state-dir" -> props.put(StreamsConfig.STATE_DIR_CONFIG, value(args, ++i, a));
          case "--interval" -> interval = duration(value(args, ++i, a));
          case "--locale" -> locale = Locale.forLanguageTag(value(args, ++i, a));
          case "--topic-prefix" -> prefix = value(args, ++i, a);
          case "--loop" -> loopFile = Path.of(value(args, ++i, a));
          case "--exactly-once" ->
              props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
          case "--config" -> {
            Path file = Path.of(value(args, ++i, a));
            try (Reader r = Files.newBufferedReader(file)) {
              props.load(r);
            } catch (IOException e) {
              System.err.println("error: cannot read " + file + ": " + e.getMessage());
              return 1;
            }
          }
          case "-h", "--help" -> {
            System.out.println(USAGE);
            return 0;
          }
          default -> throw new IllegalArgumentException("unknown option '" + a + "'");
        }
      }
      if (playbookArg == null) {
        throw new IllegalArgumentException("--playbook is required");
      }
      if (!props.containsKey(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)) {
        throw new IllegalArgumentException("--bootstrap-servers is required");
      }
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(USAGE);
      return 2;
    }

    Path path = Path.of(playbookArg);
    ReloadingPlaybook reloading = null;
    Supplier<Playbook> playbook;
    try {
      if (Files.exists(path)) {
        reloading =
            ReloadingPlaybook.watch(
                path,
                Duration.ofSeconds(2),
                problems ->
                    problems.forEach(
                        p -> System.err.println("playbook not reloaded: " + p.render())));
        playbook = reloading::current;
      } else {
        Playbook fixed = Playbook.builtIn(playbookArg);
        playbook = () -> fixed;
      }
    } catch (ProblemException e) {
      System.err.println(e.getMessage());
      return 1;
    }
    LoopPolicy loopPolicy = LoopPolicy.none();
    if (loopFile != null) {
      try {
        loopPolicy = LoopPolicy.load(loopFile, playbook.get());
      } catch (ProblemException e) {
        System.err.println(e.getMessage());
        if (reloading != null) {
          reloading.close();
        }
        return 1;
      }
    }

    Topology topology =
        PlaybookTopology.builder(playbook)
            .topics(Topics.withPrefix(prefix))
            .interval(interval)
            .locale(locale)
            .loopPolicy(loopPolicy)
            .build();
    CountDownLatch stopped = new CountDownLatch(1);
    try (KafkaStreams streams = new KafkaStreams(topology, props)) {
      ReloadingPlaybook watched = reloading;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    streams.close(Duration.ofSeconds(30));
                    if (watched != null) {
                      watched.close();
                    }
                    stopped.countDown();
                  },
                  "playbook-streams-shutdown"));
      streams.setStateListener(
          (now, before) -> System.err.println("streams: " + before + " -> " + now));
      streams.setUncaughtExceptionHandler(replaceThread(System.err));
      streams.start();
      System.err.println(
          "evaluating with playbook "
              + playbook.get().id()
              + "; topics "
              + Topics.withPrefix(prefix));
      stopped.await();
    }
    return 0;
  }

  /**
   * The handler {@code StreamsApp} sets: it logs the failure (an ERROR line, and one line on {@code
   * err}) and answers {@code REPLACE_THREAD}, so that Kafka Streams starts a new stream thread in
   * place of the failed one; the failed thread's tasks are processed again from their last commit.
   */
  static StreamsUncaughtExceptionHandler replaceThread(PrintStream err) {
    return e -> {
      LOG.error("a stream thread failed; replacing it", e);
      err.println("streams: a stream thread failed, replacing it: " + e);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    };
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  /**
   * {@code 60s}, {@code 5m}, {@code 2h}, {@code 500ms} or an ISO-8601 duration such as {@code
   * PT5M}.
   */
  static Duration duration(String text) {
    try {
      String t = text.trim().toLowerCase(Locale.ROOT);
      if (t.startsWith("pt") || t.startsWith("p")) {
        return Duration.parse(text.trim());
      }
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> throw new IllegalArgumentException("");
      };
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException(
          "--interval '" + text + "' is not a duration such as 60s, 5m or PT5M");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--interval '" + text + "' is not a duration such as 60s, 5m or PT5M");
    }
  }
}
