package dev.playbook.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.playbook.json.ResultJson;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> reload(PlaybookServer server) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(server.uri().resolve("/v1/playbooks/acme/reload"))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + PlaybookServerTest.KEY)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void reload_brokenEdit_keepsServingTheLastGoodVersion_thenServesTheFix(@TempDir Path dir)
      throws Exception {
    // given
    Path file = dir.resolve("acme.yaml");
    Files.writeString(file, PlaybookServerTest.PLAYBOOK);
    try (PlaybookServer server =
        PlaybookServer.builder()
            .playbook(file)
            .port(0)
            .pollInterval(Duration.ZERO)
            .apiKey(PlaybookServerTest.KEY)
            .start()) {

      // when
      Files.writeString(file, PlaybookServerTest.PLAYBOOK.replace("rules:", "rulez:"));
      HttpResponse<String> broken = reload(server);
      Files.writeString(file, PlaybookServerTest.PLAYBOOK.replace("ACME", "ACME two"));
      HttpResponse<String> fixed = reload(server);

      // then
      assertThat(broken.statusCode()).isEqualTo(422);
      assertThat(broken.body())
          .contains(
              "\"code\":\"reload-failed\",\"message\":\"the files of playbook acme do not load; "
                  + "version 1 still serves\"")
          .contains("\"file\":\"" + file + "\"");
      assertThat(ResultJson.readProblems(broken.body().replaceFirst("\"error\":\\{[^}]*\\},", "")))
          .isNotEmpty();
      assertThat(fixed.statusCode()).isEqualTo(200);
      assertThat(fixed.body())
          .startsWith("{\"schema_version\":1,\"playbook\":\"acme\",\"version\":2,");
    }
  }
}
