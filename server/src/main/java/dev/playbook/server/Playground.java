package dev.playbook.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playbook.json.ResultJson;
import dev.playbook.problem.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The browser playground: its static files (shipped in the jar) and its request and answer. */
final class Playground {

  private static final Map<String, String> FILES =
      Map.of(
          "index.html", "text/html; charset=utf-8",
          "playground.js", "text/javascript; charset=utf-8",
          "playground.css", "text/css; charset=utf-8");

  private static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
              .build());

  private Playground() {}

  /** What the playground sends: the playbook's YAML and one deal as JSON text. */
  record Input(String playbook, String deal) {}

  static Api.Answer file(String name) {
    String type = FILES.get(name);
    if (type == null) {
      throw new Api.Failure(
          404, "not-found", "no such resource: /playground/" + Documents.visible(name));
    }
    return resource("playground/" + name, type);
  }

  /** A text resource beside this class in the jar. */
  static Api.Answer resource(String name, String type) {
    try (InputStream in = Playground.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the jar");
      }
      return new Api.Answer(200, type, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Input input(String body) {
    JsonNode root = json(body);
    if (root == null
        || !root.isObject()
        || !root.path("playbook").isTextual()
        || !root.path("deal").isObject()) {
      throw new Api.Failure(
          400,
          "bad-request",
          "give {\"playbook\": \"<the playbook's YAML>\", \"deal\": {<one deal>}}");
    }
    return new Input(root.get("playbook").textValue(), root.get("deal").toString());
  }

  /** What the playground sends to run tests: the playbook's YAML and test files by name. */
  record TestsInput(String playbook, Map<String, String> tests) {}

  /** The most test files one playground request may carry. */
  static final int MAX_TEST_FILES = 20;

  static TestsInput testsInput(String body) {
    JsonNode root = json(body);
    String usage =
        "give {\"playbook\": \"<the playbook's YAML>\", \"tests\": {\"<name>.test.yaml\":"
            + " \"<its YAML>\"}}";
    if (root == null
        || !root.isObject()
        || !root.path("playbook").isTextual()
        || !root.path("tests").isObject()) {
      throw new Api.Failure(400, "bad-request", usage);
    }
    JsonNode tests = root.get("tests");
    if (tests.isEmpty()) {
      throw new Api.Failure(400, "bad-request", "give at least one test file; " + usage);
    }
    if (tests.size() > MAX_TEST_FILES) {
      throw new Api.Failure(
          413,
          "too-many-files",
          "the request has "
              + tests.size()
              + " test files, more than the "
              + MAX_TEST_FILES
              + " allowed");
    }
    Map<String, String> files = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : tests.properties()) {
      String name = e.getKey();
      if (!name.matches("[A-Za-z0-9._-]{1,100}\\.test\\.ya?ml")) {
        throw new Api.Failure(
            400,
            "bad-request",
            "test file '"
                + Documents.visible(name)
                + "' must be a plain file name ending in .test.yaml or .test.yml");
      }
      if (!e.getValue().isTextual()) {
        throw new Api.Failure(
            400, "bad-request", "test file " + name + " must be given as a string of YAML");
      }
      files.put(name, e.getValue().textValue());
    }
    return new TestsInput(root.get("playbook").textValue(), files);
  }

  private static JsonNode json(String body) {
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new Api.Failure(
          400,
          "bad-request",
          "the body is not valid JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr());
    }
  }

  /** {@code {"schema_version":1,"problems":[...],"evaluation":{...}|null,"explanations":...}}. */
  static String output(List<Problem> problems, String evaluation, String explanations) {
    String p = ResultJson.writeProblems(problems);
    String array = p.substring(p.indexOf("\"problems\""), p.length() - 1);
    return "{\"schema_version\":"
        + ResultJson.SCHEMA_VERSION
        + ","
        + array
        + ",\"evaluation\":"
        + (evaluation == null ? "null" : evaluation)
        + ",\"explanations\":"
        + (explanations == null ? "null" : explanations)
        + "}";
  }
}
