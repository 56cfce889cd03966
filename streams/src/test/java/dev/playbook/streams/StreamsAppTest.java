package dev.playbook.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsAppTest {

  @Test
  void duration_acceptsSecondsMinutesHoursMillisAndIso() {
    assertThat(StreamsApp.duration("60s")).isEqualTo(Duration.ofSeconds(60));
    assertThat(StreamsApp.duration("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(StreamsApp.duration("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(StreamsApp.duration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(StreamsApp.duration("PT5M")).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void duration_refusesOtherText_namingIt() {
    assertThatThrownBy(() -> StreamsApp.duration("soon"))
        .hasMessage("--interval 'soon' is not a duration such as 60s, 5m or PT5M");
  }

  @Test
  void run_withoutPlaybook_printsTheProblemAndUsage_andExits2() throws Exception {
    String err =
        stderrOf(
            () ->
                assertThat(StreamsApp.run(new String[] {"--bootstrap-servers", "localhost:9092"}))
                    .isEqualTo(2));

    assertThat(err)
        .startsWith("error: --playbook is required\nusage: playbook-streams --bootstrap-servers");
  }

  @Test
  void run_withBrokenPlaybook_printsItsProblems_andExits1() throws Exception {
    String err =
        stderrOf(
            () ->
                assertThat(
                        StreamsApp.run(
                            new String[] {
                              "--bootstrap-servers",
                              "localhost:9092",
                              "--playbook",
                              "../examples/broken"
                            }))
                    .isEqualTo(1));

    assertThat(err)
        .contains(
            "playbook.yaml:15:5: unknown-field: 'titel' is not a field of a rule (did you mean 'title'?)");
  }

  @Test
  void run_withBrokenLoopPolicy_printsItsLocatedProblem_andExits1(@TempDir Path dir)
      throws Exception {
    Path loop = dir.resolve("loop.yaml");
    Files.writeString(loop, "dismiss_reasons: [not-relevant]\nteems: {}\n");

    String err =
        stderrOf(
            () ->
                assertThat(
                        StreamsApp.run(
                            new String[] {
                              "--bootstrap-servers",
                              "localhost:9092",
                              "--playbook",
                              "standard-b2b",
                              "--loop",
                              loop.toString()
                            }))
                    .isEqualTo(1));

    assertThat(err)
        .isEqualTo(
            loop
                + ":2:1: unknown-field: 'teems' is not a loop policy field (did you mean 'teams'?)"
                + System.lineSeparator());
  }

  @Test
  void replaceThread_onAFailedStreamThread_logsItAndReplacesTheThread() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    StreamThreadExceptionResponse response =
        StreamsApp.replaceThread(err).handle(new IllegalStateException("the store is closed"));

    assertThat(response).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    assertThat(buffer.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "streams: a stream thread failed, replacing it: java.lang.IllegalStateException: the store is closed\n");
  }

  interface Body {
    void run() throws Exception;
  }

  static String stderrOf(Body body) throws Exception {
    PrintStream was = System.err;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setErr(was);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
