package dev.playbook.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionLogTest {

  @Test
  void decisionLog_hasOneLinePerDeal_withOutcomeFiredRulesAndGaps_butNoDealContents(
      @TempDir Path dir) throws Exception {
    // given
    Path file = dir.resolve("acme.yaml");
    Files.writeString(file, PlaybookServerTest.PLAYBOOK);
    Path log = dir.resolve("decisions.jsonl");
    try (PlaybookServer server =
        PlaybookServer.builder()
            .playbook(file)
            .port(0)
            .pollInterval(Duration.ZERO)
            .decisionLog(log)
            .start()) {

      // when
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          server.uri().resolve("/v1/playbooks/acme/evaluate?as_of=2026-11-20"))
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "["
                                  + PlaybookServerTest.DEAL
                                  + ", {\"id\": \"D-2\", \"stage\": \"dreaming\"}]"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
    }

    // then
    List<String> lines =
        Files.readAllLines(log).stream()
            .map(l -> l.replaceAll("\"time\":\"[^\"]+\"", "\"time\":T"))
            .map(l -> l.replaceAll("\"revision\":\"[0-9a-f]+\"", "\"revision\":R"))
            .map(l -> l.replaceAll("\"elapsed_us\":\\d+", "\"elapsed_us\":N"))
            .toList();
    assertThat(lines)
        .containsExactly(
            "{\"time\":T,\"playbook\":\"acme\",\"revision\":R,\"deal_id\":\"D-1\","
                + "\"as_of\":\"2026-11-20T00:00:00Z\",\"outcome\":\"ok\",\"fired_rules\":[\"acme.no-eb\"],"
                + "\"gaps\":[{\"rule\":\"acme.no-eb\",\"severity\":\"high\"}],\"elapsed_us\":N}",
            "{\"time\":T,\"playbook\":\"acme\",\"revision\":R,\"deal_id\":\"D-2\","
                + "\"as_of\":\"2026-11-20T00:00:00Z\",\"outcome\":\"unknown-stage\",\"fired_rules\":[],"
                + "\"gaps\":[],\"elapsed_us\":N}");
    assertThat(Files.readString(log)).doesNotContain("\"One\"");
  }
}
