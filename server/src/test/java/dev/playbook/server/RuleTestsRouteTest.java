package dev.playbook.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule tests over HTTP: of a served playbook folder, and of the playground's texts. */
class RuleTestsRouteTest {

  static final String RULES =
      """
      rules:
        - id: acme.big
          when: amount >= 100000
          gap: { severity: high, message: big }
      """;

  static final String TESTS =
      """
      as_of: 2026-11-20
      cases:
        - name: big fires
          deal: { stage: lead, amount: 200000 }
          fires: [acme.big]
        - name: small fires too
          deal: { stage: lead, amount: 5 }
          fires: [acme.big]
        - name: later
          todo: true
          deal: { stage: lead }
          fires: [acme.big]
      """;

  static final String PLAYGROUND =
      "playbook: play\nstages: [lead, won]\nrules:\n  - id: play.big\n"
          + "    when: amount >= 100000\n    gap: { severity: high, message: big }\n";

  @TempDir static Path dir;
  static PlaybookServer server;
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    Path acme = dir.resolve("acme");
    Files.createDirectories(acme.resolve("rules"));
    Files.writeString(acme.resolve("playbook.yaml"), "playbook: acme\nstages: [lead, won]\n");
    Files.writeString(acme.resolve("rules/size.yaml"), RULES);
    Files.writeString(acme.resolve("rules/size.test.yaml"), TESTS);
    Path bare = dir.resolve("bare");
    Files.createDirectories(bare);
    Files.writeString(bare.resolve("playbook.yaml"), "playbook: bare\nstages: [lead, won]\n");
    Path single = dir.resolve("single.yaml");
    Files.writeString(single, "playbook: single\nstages: [lead, won]\n");
    server =
        PlaybookServer.builder()
            .playbook(acme)
            .playbook(bare)
            .playbook(single)
            .builtIn("bant")
            .port(0)
            .pollInterval(Duration.ZERO)
            .maxBodyBytes(8192)
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(server.uri().resolve(path))
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String playgroundBody(String playbook, String testName, String tests) {
    return "{\"playbook\":"
        + Documents.quote(playbook)
        + ",\"tests\":{"
        + Documents.quote(testName)
        + ":"
        + Documents.quote(tests)
        + "}}";
  }

  @Test
  void tests_ofAServedFolder_answersEachCaseWithItsLocatedFailures() throws Exception {
    // when
    HttpResponse<String> r = post("/v1/playbooks/acme/tests", "");

    // then
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .isEqualTo(
            "{\"schema_version\":1,\"playbook\":\"acme\",\"files\":[{\"file\":"
                + "\"acme/rules/size.test.yaml\",\"playbook\":\"acme\",\"problems\":[],\"cases\":["
                + "{\"name\":\"big fires\",\"line\":3,\"at\":\"acme/rules/size.test.yaml:3\","
                + "\"status\":\"passed\",\"failures\":[]},"
                + "{\"name\":\"small fires too\",\"line\":6,\"at\":\"acme/rules/size.test.yaml:6\","
                + "\"status\":\"failed\",\"failures\":[\"expected acme.big to fire, but it did not"
                + " (no rule fired)\"]},"
                + "{\"name\":\"later\",\"line\":9,\"at\":\"acme/rules/size.test.yaml:9\","
                + "\"status\":\"skipped\",\"failures\":[]}]}],"
                + "\"totals\":{\"files\":1,\"passed\":1,\"failed\":1,\"skipped\":1,\"problems\":0}}");
  }

  @Test
  void tests_ofAFolderWithoutTestFiles_is404() throws Exception {
    HttpResponse<String> r = post("/v1/playbooks/bare/tests", "");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body())
        .isEqualTo(
            "{\"schema_version\":1,\"error\":{\"status\":404,\"code\":\"no-tests\",\"message\":"
                + "\"playbook bare has no rule test files (*.test.yaml) beside its rules\"},"
                + "\"problems\":[]}");
  }

  @Test
  void tests_ofAPlaybookServedFromOneFile_is404() throws Exception {
    HttpResponse<String> r = post("/v1/playbooks/single/tests", "");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body())
        .contains(
            "\"code\":\"no-tests\",\"message\":\"playbook single is served from one file; rule"
                + " test files run beside the rules of a playbook folder\"");
  }

  @Test
  void tests_ofABuiltIn_is409_andGet_is405() throws Exception {
    HttpResponse<String> builtIn = post("/v1/playbooks/bant/tests", "");
    HttpResponse<String> get =
        HTTP.send(
            HttpRequest.newBuilder(server.uri().resolve("/v1/playbooks/acme/tests")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(builtIn.statusCode()).isEqualTo(409);
    assertThat(builtIn.body())
        .contains(
            "\"code\":\"not-watched\",\"message\":\"playbook bant is built in; its rule tests run"
                + " with its build, only playbooks from files run them here\"");
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("allow")).contains("POST");
  }

  @Test
  void playgroundTests_failingThenFixed_reportsTheFailureThenAPass() throws Exception {
    // given: a case that expects the rule to fire on a small deal
    String tests =
        "as_of: 2026-11-20\ncases:\n  - name: small is big\n    deal: { stage: lead, amount: 5 }\n"
            + "    fires: [play.big]\n";

    // when
    HttpResponse<String> failing =
        post("/v1/playground/tests", playgroundBody(PLAYGROUND, "playground.test.yaml", tests));
    HttpResponse<String> fixed =
        post(
            "/v1/playground/tests",
            playgroundBody(
                PLAYGROUND,
                "playground.test.yaml",
                tests.replace("amount: 5 ", "amount: 500000 ")));

    // then
    assertThat(failing.statusCode()).isEqualTo(200);
    assertThat(failing.body())
        .isEqualTo(
            "{\"schema_version\":1,\"playbook\":\"play\",\"files\":[{\"file\":"
                + "\"playground.test.yaml\",\"playbook\":\"play\",\"problems\":[],\"cases\":["
                + "{\"name\":\"small is big\",\"line\":3,\"at\":\"playground.test.yaml:3\","
                + "\"status\":\"failed\",\"failures\":[\"expected play.big to fire, but it did not"
                + " (no rule fired)\"]}]}],"
                + "\"totals\":{\"files\":1,\"passed\":0,\"failed\":1,\"skipped\":0,\"problems\":0}}");
    assertThat(fixed.body())
        .contains("\"status\":\"passed\"")
        .endsWith(
            "\"totals\":{\"files\":1,\"passed\":1,\"failed\":0,\"skipped\":0,\"problems\":0}}");
  }

  @Test
  void playgroundTests_unknownRuleInATestFile_isALocatedProblem() throws Exception {
    String tests =
        "as_of: 2026-11-20\ncases:\n  - name: typo\n    deal: { stage: lead }\n"
            + "    fires: [play.bgi]\n";

    HttpResponse<String> r =
        post("/v1/playground/tests", playgroundBody(PLAYGROUND, "playground.test.yaml", tests));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains(
            "\"problems\":[{\"code\":\"unknown-rule\",\"file\":\"playground.test.yaml\","
                + "\"line\":5,\"column\":13,\"message\":\"playbook 'play' has no rule 'play.bgi'"
                + " (did you mean 'play.big'?)\",\"rendered\":\"playground.test.yaml:5:13:"
                + " unknown-rule: playbook 'play' has no rule 'play.bgi' (did you mean"
                + " 'play.big'?)\"}],\"cases\":[]")
        .endsWith(
            "\"totals\":{\"files\":1,\"passed\":0,\"failed\":0,\"skipped\":0,\"problems\":1}}");
  }

  @Test
  void playgroundTests_playbookThatDoesNotLoad_is422WithItsProblems() throws Exception {
    HttpResponse<String> r =
        post(
            "/v1/playground/tests",
            playgroundBody(
                PLAYGROUND.replace("    gap:", "    gapp:"), "playground.test.yaml", "cases: []"));

    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body())
        .startsWith(
            "{\"schema_version\":1,\"error\":{\"status\":422,\"code\":\"playbook-problems\","
                + "\"message\":\"the playbook does not load; fix its problems first\"},"
                + "\"problems\":[{\"code\":\"missing-field\",\"file\":\"playground.yaml\","
                + "\"line\":4,\"column\":5,")
        .contains(
            "\"rendered\":\"playground.yaml:6:5: unknown-field: 'gapp' is not a field of a rule"
                + " (did you mean 'gap'?)\"}]}");
  }

  @Test
  void playgroundTests_badRequests_areRefusedWithTheirReason() throws Exception {
    HttpResponse<String> noTests = post("/v1/playground/tests", "{\"playbook\":\"x\"}");
    HttpResponse<String> badName =
        post("/v1/playground/tests", playgroundBody(PLAYGROUND, "../etc.test.yaml", ""));
    StringBuilder many = new StringBuilder("{\"playbook\":\"x\",\"tests\":{");
    for (int i = 0; i < 21; i++) {
      many.append(i == 0 ? "" : ",").append("\"t").append(i).append(".test.yaml\":\"\"");
    }
    HttpResponse<String> tooMany = post("/v1/playground/tests", many.append("}}").toString());
    HttpResponse<String> tooLarge =
        post(
            "/v1/playground/tests",
            playgroundBody(PLAYGROUND, "playground.test.yaml", "#".repeat(9000)));

    assertThat(noTests.statusCode()).isEqualTo(400);
    assertThat(noTests.body())
        .contains(
            "\"message\":\"give {\\\"playbook\\\": \\\"<the playbook's YAML>\\\", \\\"tests\\\":"
                + " {\\\"<name>.test.yaml\\\": \\\"<its YAML>\\\"}}\"");
    assertThat(badName.statusCode()).isEqualTo(400);
    assertThat(badName.body())
        .contains(
            "\"message\":\"test file '../etc.test.yaml' must be a plain file name ending in"
                + " .test.yaml or .test.yml\"");
    assertThat(tooMany.statusCode()).isEqualTo(413);
    assertThat(tooMany.body())
        .contains(
            "\"code\":\"too-many-files\",\"message\":\"the request has 21 test files, more than"
                + " the 20 allowed\"");
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.body()).contains("\"code\":\"body-too-large\"");
  }
}
