package dev.playbook.server;

import dev.playbook.Deals;
import dev.playbook.Playbook;
import dev.playbook.RuleTestReport;
import dev.playbook.RuleTests;
import dev.playbook.json.ResultJson;
import dev.playbook.model.Deal;
import dev.playbook.problem.EvaluationException;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import dev.playbook.result.DealError;
import dev.playbook.result.Evaluations;
import dev.playbook.result.Explanation;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The routes of the JSON API (docs/server.md), on Jetty's core handler API. */
final class Api extends Handler.Abstract {

  private static final Logger LOG = LoggerFactory.getLogger(Api.class);
  private static final String JSON = "application/json; charset=utf-8";
  private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  /** An answer that is not 200: its status, code and message. */
  static final class Failure extends RuntimeException {
    final int status;
    final String code;
    final List<Problem> problems;
    final String allow;

    Failure(int status, String code, String message) {
      this(status, code, message, List.of(), null);
    }

    Failure(int status, String code, String message, List<Problem> problems, String allow) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
      this.problems = problems;
      this.allow = allow;
    }
  }

  record Answer(int status, String contentType, String body) {
    static Answer json(String body) {
      return new Answer(200, JSON, body);
    }
  }

  private final Map<String, Served> served;
  private final PrometheusMeterRegistry registry;
  private final ExecutorService work;
  private final long maxBodyBytes;
  private final int maxBatchDeals;
  private final Duration timeout;
  private final byte[] apiKey;
  private final Clock clock = Clock.systemUTC();

  Api(
      Map<String, Served> served,
      PrometheusMeterRegistry registry,
      ExecutorService work,
      long maxBodyBytes,
      int maxBatchDeals,
      Duration timeout,
      String apiKey) {
    this.served = Collections.unmodifiableMap(new LinkedHashMap<>(served));
    this.registry = registry;
    this.work = work;
    this.maxBodyBytes = maxBodyBytes;
    this.maxBatchDeals = maxBatchDeals;
    this.timeout = timeout;
    this.apiKey = apiKey == null ? null : apiKey.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Answer answer;
    try {
      answer = route(request);
    } catch (Failure f) {
      if (f.allow != null) {
        response.getHeaders().put(HttpHeader.ALLOW, f.allow);
      }
      if (f.status == 401) {
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
      }
      answer =
          new Answer(f.status, JSON, Documents.error(f.status, f.code, f.getMessage(), f.problems));
    } catch (RuntimeException | Error e) {
      LOG.error("{} {} failed", request.getMethod(), Request.getPathInContext(request), e);
      answer =
          new Answer(
              500,
              JSON,
              Documents.error(500, "internal-error", "the server failed; see its log", List.of()));
    }
    response.setStatus(answer.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response
        .getHeaders()
        .put("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
    Content.Sink.write(response, true, answer.body(), callback);
    return true;
  }

  private Answer route(Request request) {
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    List<String> parts = segments(path);
    if (parts.equals(List.of("health"))) {
      only(method, "GET");
      return Answer.json("{\"status\":\"up\"}");
    }
    if (parts.equals(List.of("ready"))) {
      only(method, "GET");
      return Answer.json("{\"status\":\"ready\",\"playbooks\":" + served.size() + "}");
    }
    if (parts.equals(List.of("metrics"))) {
      only(method, "GET");
      return new Answer(200, PROMETHEUS, registry.scrape());
    }
    if (parts.equals(List.of("openapi.json"))) {
      only(method, "GET");
      return Playground.resource("openapi.json", "application/json; charset=utf-8");
    }
    if (parts.equals(List.of("v1", "playbooks"))) {
      only(method, "GET");
      return Answer.json(Documents.playbooks(served.values()));
    }
    if (parts.isEmpty()) {
      only(method, "GET");
      return Playground.file("index.html");
    }
    if (parts.size() == 2 && parts.get(0).equals("playground")) {
      only(method, "GET");
      return Playground.file(parts.get(1));
    }
    if (parts.equals(List.of("playground"))) {
      only(method, "GET");
      return Playground.file("index.html");
    }
    if (parts.equals(List.of("v1", "playground", "evaluate"))) {
      only(method, "POST");
      return playground(request);
    }
    if (parts.equals(List.of("v1", "playground", "tests"))) {
      only(method, "POST");
      return playgroundTests(request);
    }
    if (parts.equals(List.of("v1", "validate"))) {
      only(method, "POST");
      return validate(request);
    }
    if (parts.size() == 4 && parts.get(0).equals("v1") && parts.get(1).equals("playbooks")) {
      Served s = served.get(parts.get(2));
      if (s == null) {
        throw new Failure(
            404,
            "unknown-playbook",
            "no playbook '"
                + Documents.visible(parts.get(2))
                + "' is served; GET /v1/playbooks lists them");
      }
      switch (parts.get(3)) {
        case "evaluate" -> {
          only(method, "POST");
          return evaluate(request, s);
        }
        case "explain" -> {
          only(method, "POST");
          return explain(request, s);
        }
        case "tests" -> {
          only(method, "POST");
          return tests(s);
        }
        case "reload" -> {
          only(method, "POST");
          return reload(request, s);
        }
        default -> {
          // not found below
        }
      }
    }
    throw new Failure(404, "not-found", "no such resource: " + Documents.visible(path));
  }

  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String p : path.split("/")) {
      if (!p.isEmpty()) {
        out.add(p);
      }
    }
    return out;
  }

  private static void only(String method, String allowed) {
    if (!method.equals(allowed)) {
      throw new Failure(
          405,
          "method-not-allowed",
          Documents.visible(method) + " is not allowed here; use " + allowed,
          List.of(),
          allowed);
    }
  }

  // ---- routes

  private Answer evaluate(Request request, Served s) {
    Fields query = Request.extractQueryParameters(request);
    Instant asOf = asOf(query.getValue("as_of"));
    Locale locale = locale(query.getValue("locale"));
    String body = body(request);
    boolean batch = body.stripLeading().startsWith("[");
    List<Deal> deals = deals(body);
    if (deals.size() > maxBatchDeals) {
      throw new Failure(
          413,
          "too-many-deals",
          "the request has "
              + deals.size()
              + " deals, more than the "
              + maxBatchDeals
              + " allowed");
    }
    if (!batch && deals.size() != 1) {
      throw new Failure(400, "bad-request", "give one deal as an object, or deals as an array");
    }
    Evaluations result = compute(() -> s.observed().evaluateEach(deals, asOf, locale));
    if (batch) {
      return Answer.json(ResultJson.write(result));
    }
    if (!result.failed().isEmpty()) {
      DealError e = result.failed().get(0);
      throw new Failure(422, e.code(), e.message());
    }
    return Answer.json(ResultJson.write(result.evaluated().get(0)));
  }

  private Answer explain(Request request, Served s) {
    Fields query = Request.extractQueryParameters(request);
    Instant asOf = asOf(query.getValue("as_of"));
    String rule = query.getValue("rule");
    String body = body(request);
    if (body.stripLeading().startsWith("[")) {
      throw new Failure(400, "bad-request", "explain takes one deal, as an object");
    }
    Deal deal = deals(body).get(0);
    Playbook playbook = s.observed().current();
    if (rule != null && !playbook.ruleIds().contains(rule)) {
      throw new Failure(
          404,
          "unknown-rule",
          "playbook " + playbook.id() + " has no rule '" + Documents.visible(rule) + "'");
    }
    List<Explanation> explanations =
        compute(
            () -> {
              try {
                return rule == null
                    ? playbook.explain(deal, asOf)
                    : List.of(playbook.explain(deal, asOf, rule));
              } catch (IllegalArgumentException e) {
                throw new Failure(422, "unknown-stage", e.getMessage());
              } catch (EvaluationException e) {
                throw new Failure(
                    422, e.tooCostly() ? "too-costly" : "evaluation-failed", e.getMessage());
              }
            });
    return Answer.json(ResultJson.writeExplanations(explanations));
  }

  private Answer validate(Request request) {
    Fields query = Request.extractQueryParameters(request);
    String name = query.getValue("file");
    String file = name == null || name.isBlank() ? "playbook.yaml" : name;
    if (!file.matches("[A-Za-z0-9._-]{1,100}")) {
      throw new Failure(
          400,
          "bad-request",
          "file must be a plain file name such as acme.yaml (letters, digits, . _ -)");
    }
    String yaml = body(request);
    List<Problem> problems =
        compute(
            () -> {
              try {
                Playbook.parse(file, yaml);
                return List.of();
              } catch (ProblemException e) {
                return e.problems();
              }
            });
    return Answer.json(ResultJson.writeProblems(problems));
  }

  /**
   * The playground's evaluation: {@code {"playbook": "<yaml>", "deal": {...}}} in, the playbook's
   * problems and, when it loads, the deal's evaluation and explanations out.
   */
  private Answer playground(Request request) {
    Fields query = Request.extractQueryParameters(request);
    Instant asOf = asOf(query.getValue("as_of"));
    Locale locale = locale(query.getValue("locale"));
    Playground.Input input = Playground.input(body(request));
    Deal deal = deals(input.deal()).get(0);
    return compute(
        () -> {
          Playbook playbook;
          try {
            playbook = Playbook.parse("playground.yaml", input.playbook());
          } catch (ProblemException e) {
            return Answer.json(Playground.output(e.problems(), null, null));
          }
          Evaluations result = playbook.evaluateEach(List.of(deal), asOf, locale);
          if (!result.failed().isEmpty()) {
            DealError e = result.failed().get(0);
            throw new Failure(422, e.code(), e.message());
          }
          return Answer.json(
              Playground.output(
                  List.of(),
                  ResultJson.write(result.evaluated().get(0)),
                  ResultJson.writeExplanations(playbook.explain(deal, asOf))));
        });
  }

  /** Runs the rule test files of a playbook served from files, as they are on disk now. */
  private Answer tests(Served s) {
    if (!s.isWatched()) {
      throw new Failure(
          409,
          "not-watched",
          "playbook "
              + s.id()
              + " is built in; its rule tests run with its build, only playbooks from files"
              + " run them here");
    }
    if (!Files.isDirectory(s.path())) {
      throw new Failure(
          404,
          "no-tests",
          "playbook "
              + s.id()
              + " is served from one file; rule test files run beside the rules of a playbook"
              + " folder");
    }
    List<RuleTestReport> reports = compute(() -> RuleTests.runAll(s.path()));
    if (reports.isEmpty()) {
      throw new Failure(
          404,
          "no-tests",
          "playbook " + s.id() + " has no rule test files (*.test.yaml) beside its rules");
    }
    // name files from the served folder on, not by where it sits on the server's disk
    Path root = s.path().toAbsolutePath().normalize();
    Path base = root.getParent();
    List<RuleTestReport> shown = new ArrayList<>();
    for (RuleTestReport r : reports) {
      List<Problem> problems = new ArrayList<>();
      for (Problem p : r.problems()) {
        problems.add(
            new Problem(p.code(), shown(base, p.file()), p.line(), p.column(), p.message()));
      }
      shown.add(new RuleTestReport(shown(base, r.file()), r.playbook(), r.cases(), problems));
    }
    return Answer.json(Documents.tests(s.id(), shown));
  }

  /** {@code file} relative to {@code base} with / between names, when it lies below it. */
  private static String shown(Path base, String file) {
    if (base == null || file == null) {
      return file;
    }
    Path p = Path.of(file).toAbsolutePath().normalize();
    if (!p.startsWith(base)) {
      return file;
    }
    return base.relativize(p).toString().replace('\\', '/');
  }

  /**
   * The playground's tests: {@code {"playbook": "<yaml>", "tests": {"<name>.test.yaml": "<yaml>"}}}
   * in; the playbook's problems when it does not load, else each file's cases.
   */
  private Answer playgroundTests(Request request) {
    Playground.TestsInput input = Playground.testsInput(body(request));
    return compute(
        () -> {
          Playbook playbook;
          try {
            playbook = Playbook.parse("playground.yaml", input.playbook());
          } catch (ProblemException e) {
            throw new Failure(
                422,
                "playbook-problems",
                "the playbook does not load; fix its problems first",
                e.problems(),
                null);
          }
          List<RuleTestReport> reports = new ArrayList<>();
          input.tests().forEach((file, text) -> reports.add(RuleTests.run(playbook, file, text)));
          return Answer.json(Documents.tests(playbook.id(), reports));
        });
  }

  private Answer reload(Request request, Served s) {
    authorize(request);
    if (!s.isWatched()) {
      throw new Failure(
          409,
          "not-watched",
          "playbook " + s.id() + " is built in; only playbooks from files reload");
    }
    boolean ok = compute(s::reload);
    if (!ok) {
      throw new Failure(
          422,
          "reload-failed",
          "the files of playbook "
              + s.id()
              + " do not load; version "
              + s.version()
              + " still serves",
          s.lastProblems(),
          null);
    }
    return Answer.json(
        "{\"schema_version\":1,\"playbook\":"
            + Documents.quote(s.id())
            + ",\"version\":"
            + s.version()
            + ",\"revision\":"
            + Documents.quote(s.observed().current().revision())
            + "}");
  }

  // ---- helpers

  private void authorize(Request request) {
    if (apiKey == null) {
      throw new Failure(
          403, "forbidden", "this server takes no changes: start it with an API key to allow them");
    }
    String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    byte[] given =
        header != null && header.startsWith("Bearer ")
            ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8)
            : new byte[0];
    if (!MessageDigest.isEqual(given, apiKey)) {
      throw new Failure(401, "unauthorized", "give the API key as Authorization: Bearer <key>");
    }
  }

  private <T> T compute(java.util.concurrent.Callable<T> task) {
    Future<T> future;
    try {
      future = work.submit(task);
    } catch (RejectedExecutionException e) {
      throw new Failure(503, "overloaded", "the server is busy; try again shortly");
    }
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new Failure(
          503,
          "timeout",
          "the request took longer than " + timeout.toMillis() + " ms and was stopped");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw new Failure(503, "unavailable", "the server is stopping");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Failure f) {
        throw f;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** The body as UTF-8, at most {@code maxBodyBytes}. */
  private String body(Request request) {
    long declared = request.getLength();
    if (declared > maxBodyBytes) {
      throw tooLarge(declared);
    }
    byte[] bytes;
    try (InputStream in = Content.Source.asInputStream(request)) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
    } catch (IOException e) {
      throw new Failure(400, "bad-request", "the request body could not be read");
    }
    if (bytes.length > maxBodyBytes) {
      throw tooLarge(-1);
    }
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new Failure(400, "bad-request", "the request body is not valid UTF-8");
    }
  }

  private Failure tooLarge(long declared) {
    return new Failure(
        413,
        "body-too-large",
        (declared > 0 ? "the request body has " + declared + " bytes, " : "the request body is ")
            + "more than the "
            + maxBodyBytes
            + " allowed");
  }

  private static List<Deal> deals(String body) {
    try {
      return Deals.parse("request.json", body);
    } catch (ProblemException e) {
      throw new Failure(
          400, "bad-deal", "the deals in the request are not valid", e.problems(), null);
    }
  }

  private Instant asOf(String value) {
    if (value == null || value.isBlank()) {
      return clock.instant();
    }
    Instant at;
    try {
      at = LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeException notADate) {
      try {
        at = OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeException notAnInstant) {
        throw new Failure(
            400,
            "bad-request",
            "as_of '"
                + Documents.visible(value)
                + "' is not a date (2026-11-20) or an instant (2026-11-20T09:00:00Z)");
      }
    }
    if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
      throw new Failure(400, "bad-request", "as_of " + value + " is outside the years 1 to 9999");
    }
    return at;
  }

  private static Locale locale(String value) {
    if (value == null || value.isBlank()) {
      return Locale.ENGLISH;
    }
    try {
      return new Locale.Builder().setLanguageTag(value).build();
    } catch (IllformedLocaleException e) {
      throw new Failure(
          400,
          "bad-request",
          "locale '" + Documents.visible(value) + "' is not a language tag such as en or zh-CN");
    }
  }
}
