package dev.playbook.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server under stress: a request in flight when the server stops is answered before it stops, a
 * request that finds every worker busy and the queue full is answered 503 at once, and one that
 * computes past the request timeout is answered 503 timeout. Requests are held in flight by the
 * test function {@link Pause}.
 */
class ShutdownAndOverloadTest {

  static final String SLOW =
      """
      playbook: slow
      stages: [open, won]
      rules:
        - id: slow.pause
          when: pause(amount)
          action: { title: Paused, priority: 10, due: 1d }
      """;

  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;

  private PlaybookServer.Builder server() throws IOException {
    Path file = dir.resolve("slow.yaml");
    Files.writeString(file, SLOW);
    return PlaybookServer.builder().playbook(file).port(0).pollInterval(Duration.ZERO);
  }

  private static CompletableFuture<HttpResponse<String>> evaluate(
      PlaybookServer server, long pauseMs) {
    String deal =
        "{\"id\": \"D-" + pauseMs + "\", \"stage\": \"open\", \"amount\": " + pauseMs + "}";
    return HTTP.sendAsync(
        HttpRequest.newBuilder(server.uri().resolve("/v1/playbooks/slow/evaluate?as_of=2026-11-20"))
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofString(deal))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void awaitStarted(int calls) throws InterruptedException {
    for (int i = 0; i < 200 && Pause.STARTED.get() < calls; i++) {
      Thread.sleep(25);
    }
    assertThat(Pause.STARTED.get()).as("pause() calls started").isGreaterThanOrEqualTo(calls);
  }

  @Test
  void close_requestInFlight_isAnsweredBeforeTheServerStops() throws Exception {
    PlaybookServer server = server().stopTimeout(Duration.ofSeconds(10)).start();
    java.net.URI uri = server.uri();
    int before = Pause.STARTED.get();
    CompletableFuture<HttpResponse<String>> inFlight = evaluate(server, 1500);
    awaitStarted(before + 1);

    long start = System.nanoTime();
    server.close();
    long stoppedMs = (System.nanoTime() - start) / 1_000_000;

    HttpResponse<String> r = inFlight.get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"deal_id\":\"D-1500\"", "\"fired_rules\":[\"slow.pause\"]");
    // the pause had most of its 1,500 ms to go when close() was called
    assertThat(stoppedMs).as("close() waited for the request").isGreaterThan(500);
    assertThatThrownBy(
            () ->
                HTTP.send(
                    HttpRequest.newBuilder(uri.resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.net.ConnectException.class);
  }

  @Test
  void evaluate_workersBusyAndQueueFull_isOverloaded() throws Exception {
    try (PlaybookServer server = server().workers(1).queueLength(1).start()) {
      int before = Pause.STARTED.get();
      CompletableFuture<HttpResponse<String>> running = evaluate(server, 1500);
      awaitStarted(before + 1);
      CompletableFuture<HttpResponse<String>> queued = evaluate(server, 2);
      Thread.sleep(300); // the second request reaches the queue

      HttpResponse<String> refused = evaluate(server, 3).get();

      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.body())
          .isEqualTo(
              "{\"schema_version\":1,\"error\":{\"status\":503,\"code\":\"overloaded\","
                  + "\"message\":\"the server is busy; try again shortly\"},\"problems\":[]}");
      assertThat(running.get().statusCode()).isEqualTo(200);
      assertThat(queued.get().statusCode()).isEqualTo(200);
    }
  }

  @Test
  void evaluate_pastTheRequestTimeout_isAnswered503Timeout() throws Exception {
    try (PlaybookServer server = server().requestTimeout(Duration.ofMillis(300)).start()) {
      HttpResponse<String> r = evaluate(server, 3000).get();

      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body())
          .isEqualTo(
              "{\"schema_version\":1,\"error\":{\"status\":503,\"code\":\"timeout\","
                  + "\"message\":\"the request took longer than 300 ms and was stopped\"},"
                  + "\"problems\":[]}");
    }
  }
}
