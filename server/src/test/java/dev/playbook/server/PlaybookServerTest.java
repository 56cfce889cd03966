package dev.playbook.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.playbook.json.ResultJson;
import dev.playbook.problem.Problem;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Evaluations;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybookServerTest {

  static final String PLAYBOOK =
      """
      playbook: acme
      title: ACME
      stages: [discovery, proposal]
      rules:
        - id: acme.no-eb
          when: stage >= proposal and none(contacts, role == economic_buyer)
          gap:
            severity: high
            message: { en: "{deal.name} has no economic buyer", zh-CN: "{deal.name} 没有经济决策人" }
          action: { title: Find the economic buyer, priority: 80, due: 2d }
      """;

  static final String DEAL = "{\"id\": \"D-1\", \"name\": \"One\", \"stage\": \"proposal\"}";
  static final String KEY = "0123456789abcdef-test-key";

  @TempDir static Path dir;
  static Path file;
  static PlaybookServer server;
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    file = dir.resolve("acme.yaml");
    Files.writeString(file, PLAYBOOK);
    server =
        PlaybookServer.builder()
            .playbook(file)
            .builtIn("meddic")
            .port(0)
            .pollInterval(Duration.ZERO)
            .maxBodyBytes(4096)
            .maxBatchDeals(3)
            .apiKey(KEY)
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.uri().resolve(path))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void start_withoutHost_listensOnLoopbackOnly() {
    assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
    assertThat(server.port()).isPositive();
  }

  @Test
  void health_andReady_areUp() throws Exception {
    assertThat(get("/health").body()).isEqualTo("{\"status\":\"up\"}");
    assertThat(get("/ready").body()).isEqualTo("{\"status\":\"ready\",\"playbooks\":2}");
  }

  @Test
  void playbooks_listsEveryServedPlaybook() throws Exception {
    HttpResponse<String> r = get("/v1/playbooks");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).contains("application/json; charset=utf-8");
    assertThat(r.body())
        .startsWith("{\"schema_version\":1,\"playbooks\":[{\"id\":\"acme\",\"title\":\"ACME\",")
        .contains("\"stages\":[\"discovery\",\"proposal\"],\"rules\":[\"acme.no-eb\"]")
        .contains("{\"id\":\"meddic\",");
  }

  @Test
  void evaluate_oneDeal_answersTheEvaluationInTheJsonContract() throws Exception {
    // when
    HttpResponse<String> r =
        post("/v1/playbooks/acme/evaluate?as_of=2026-11-20&locale=zh-CN", DEAL);

    // then
    assertThat(r.statusCode()).isEqualTo(200);
    Evaluation e = ResultJson.readEvaluation(r.body());
    assertThat(e.dealId()).isEqualTo("D-1");
    assertThat(e.asOf()).hasToString("2026-11-20T00:00:00Z");
    assertThat(e.gaps().get(0).message()).isEqualTo("One 没有经济决策人");
    assertThat(e.actions().get(0).due()).hasToString("2026-11-23");
  }

  @Test
  void evaluate_batch_answersEvaluationsAndTheDealsThatFailed() throws Exception {
    // when
    HttpResponse<String> r =
        post(
            "/v1/playbooks/acme/evaluate?as_of=2026-11-20T09:00:00Z",
            "[" + DEAL + ", {\"id\": \"D-2\", \"stage\": \"dreaming\"}]");

    // then
    assertThat(r.statusCode()).isEqualTo(200);
    Evaluations e = ResultJson.readEvaluations(r.body());
    assertThat(e.evaluated()).extracting(Evaluation::dealId).containsExactly("D-1");
    assertThat(e.failed()).hasSize(1);
    assertThat(e.failed().get(0).index()).isEqualTo(1);
    assertThat(e.failed().get(0).code()).isEqualTo("unknown-stage");
  }

  @Test
  void evaluate_oneDealAtAnUnknownStage_isUnprocessable() throws Exception {
    HttpResponse<String> r =
        post("/v1/playbooks/acme/evaluate", "{\"id\": \"D-2\", \"stage\": \"dreaming\"}");

    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body())
        .startsWith(
            "{\"schema_version\":1,\"error\":{\"status\":422,\"code\":\"unknown-stage\",\"message\":\"")
        .endsWith("\"problems\":[]}");
  }

  @Test
  void evaluate_badDeal_answersTheLocatedProblems() throws Exception {
    // when
    HttpResponse<String> r =
        post("/v1/playbooks/acme/evaluate", "{\"id\": \"D-1\",\n \"stage\": }");

    // then
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .startsWith(
            "{\"schema_version\":1,\"error\":{\"status\":400,\"code\":\"bad-deal\","
                + "\"message\":\"the deals in the request are not valid\"},\"problems\":[{");
    List<Problem> problems =
        ResultJson.readProblems(r.body().replaceFirst("\"error\":\\{[^}]*\\},", ""));
    assertThat(problems).isNotEmpty();
    assertThat(problems.get(0).file()).isEqualTo("request.json");
    assertThat(problems.get(0).line()).isEqualTo(2);
  }

  @Test
  void evaluate_bodyOverTheLimit_isRefusedWith413() throws Exception {
    HttpResponse<String> r = post("/v1/playbooks/acme/evaluate", " ".repeat(5000) + DEAL);

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body())
        .isEqualTo(
            "{\"schema_version\":1,\"error\":{\"status\":413,\"code\":\"body-too-large\","
                + "\"message\":\"the request body has "
                + (5000 + DEAL.length())
                + " bytes, more than the 4096 allowed\"},"
                + "\"problems\":[]}");
  }

  @Test
  void evaluate_moreDealsThanTheBatchLimit_isRefused() throws Exception {
    String deal = "{\"id\": \"D-%d\", \"stage\": \"proposal\"}";
    String body =
        "["
            + String.join(",", List.of(1, 2, 3, 4).stream().map(i -> deal.formatted(i)).toList())
            + "]";

    HttpResponse<String> r = post("/v1/playbooks/acme/evaluate", body);

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body())
        .contains(
            "\"code\":\"too-many-deals\",\"message\":\"the request has 4 deals, more than the 3 allowed\"");
  }

  @Test
  void evaluate_badAsOf_saysWhatItTakes() throws Exception {
    HttpResponse<String> r = post("/v1/playbooks/acme/evaluate?as_of=tomorrow", DEAL);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .contains(
            "\"message\":\"as_of 'tomorrow' is not a date (2026-11-20) or an instant (2026-11-20T09:00:00Z)\"");
  }

  @Test
  void unknownPlaybook_isNotFound() throws Exception {
    HttpResponse<String> r = post("/v1/playbooks/nope/evaluate", DEAL);

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body())
        .isEqualTo(
            "{\"schema_version\":1,\"error\":{\"status\":404,\"code\":\"unknown-playbook\","
                + "\"message\":\"no playbook 'nope' is served; GET /v1/playbooks lists them\"},"
                + "\"problems\":[]}");
  }

  @Test
  void wrongMethod_isNotAllowed_andNamesTheOneThatIs() throws Exception {
    HttpResponse<String> r = get("/v1/playbooks/acme/evaluate");

    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("allow")).contains("POST");
    assertThat(r.body()).contains("\"message\":\"GET is not allowed here; use POST\"");
  }

  @Test
  void explain_oneRule_answersItsParts() throws Exception {
    HttpResponse<String> r =
        post("/v1/playbooks/acme/explain?as_of=2026-11-20&rule=acme.no-eb", DEAL);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(ResultJson.readExplanations(r.body()))
        .singleElement()
        .satisfies(x -> assertThat(x.fired()).isTrue());
  }

  @Test
  void explain_unknownRule_isNotFound() throws Exception {
    HttpResponse<String> r = post("/v1/playbooks/acme/explain?rule=acme.nope", DEAL);

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("\"message\":\"playbook acme has no rule 'acme.nope'\"");
  }

  @Test
  void validate_answersTheLocatedProblemsOfThePlaybookGiven() throws Exception {
    // when
    HttpResponse<String> bad =
        post("/v1/validate?file=acme.yaml", "playbook: x\nstages: [a]\nrulez: []\n");
    HttpResponse<String> good = post("/v1/validate", PLAYBOOK);

    // then
    assertThat(bad.statusCode()).isEqualTo(200);
    List<Problem> problems = ResultJson.readProblems(bad.body());
    assertThat(problems).isNotEmpty();
    assertThat(problems.get(0).render()).startsWith("acme.yaml:3:1: ");
    assertThat(good.body()).isEqualTo("{\"schema_version\":1,\"problems\":[]}");
  }

  @Test
  void reload_withoutTheKey_isUnauthorized() throws Exception {
    HttpResponse<String> none = post("/v1/playbooks/acme/reload", "");
    HttpResponse<String> wrong =
        post("/v1/playbooks/acme/reload", "", "Authorization", "Bearer not-the-key-at-all");

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("www-authenticate")).contains("Bearer");
    assertThat(none.body())
        .contains("\"message\":\"give the API key as Authorization: Bearer <key>\"");
  }

  @Test
  void reload_ofABuiltIn_isAConflict() throws Exception {
    HttpResponse<String> r =
        post("/v1/playbooks/meddic/reload", "", "Authorization", "Bearer " + KEY);

    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(r.body())
        .contains("\"message\":\"playbook meddic is built in; only playbooks from files reload\"");
  }

  @Test
  void metrics_countEvaluationsInPrometheusText() throws Exception {
    post("/v1/playbooks/acme/evaluate?as_of=2026-11-20", DEAL);

    HttpResponse<String> r = get("/metrics");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(r.body())
        .contains("playbook_evaluations_total{outcome=\"ok\",playbook=\"acme\"}")
        .contains("playbook_evaluation_latency_seconds_bucket{playbook=\"acme\"");
  }

  @Test
  void unknownPath_isNotFound() throws Exception {
    HttpResponse<String> r = get("/v2/anything");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("\"message\":\"no such resource: /v2/anything\"");
  }

  @Test
  void builder_withoutPlaybook_orWithAShortKey_isRefused() {
    assertThatThrownBy(() -> PlaybookServer.builder().port(0).start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no playbook to serve: give a folder or a built-in name");
    assertThatThrownBy(() -> PlaybookServer.builder().apiKey("short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the API key has 5 characters, must have at least 16");
  }
}
