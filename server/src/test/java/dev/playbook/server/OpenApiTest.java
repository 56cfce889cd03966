package dev.playbook.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the server serves names exactly the routes it answers: every operation in it
 * is routed (not answered 404 not-found or 405), and a route missing from it is caught.
 */
class OpenApiTest {

  /** Every route of Api, as method and path template. */
  private static final List<String> ROUTES =
      List.of(
          "GET /health",
          "GET /ready",
          "GET /metrics",
          "GET /openapi.json",
          "GET /v1/playbooks",
          "POST /v1/playbooks/{id}/evaluate",
          "POST /v1/playbooks/{id}/explain",
          "POST /v1/playbooks/{id}/reload",
          "POST /v1/playbooks/{id}/tests",
          "POST /v1/validate",
          "POST /v1/playground/evaluate",
          "POST /v1/playground/tests",
          "GET /");

  static PlaybookServer server;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server = PlaybookServer.builder().builtIn("bant").port(0).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode document() throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(server.uri().resolve("/openapi.json")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return new ObjectMapper().readTree(r.body());
  }

  @Test
  void openapi_isVersion31_andListsEveryRouteAndNoOther() throws Exception {
    // when
    JsonNode doc = document();
    List<String> operations = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue()
          .fieldNames()
          .forEachRemaining(m -> operations.add(m.toUpperCase() + " " + path.getKey()));
    }

    // then
    assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
    assertThat(operations).containsExactlyInAnyOrderElementsOf(ROUTES);
  }

  @Test
  void everyOperation_isRouted() throws Exception {
    for (String route : ROUTES) {
      String method = route.substring(0, route.indexOf(' '));
      String path = route.substring(route.indexOf(' ') + 1).replace("{id}", "bant");
      HttpRequest.Builder b =
          HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(20));
      if (method.equals("POST")) {
        b.POST(HttpRequest.BodyPublishers.ofString("{}"));
      }
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());

      assertThat(r.statusCode()).as(route).isNotIn(404, 405);
    }
  }
}
