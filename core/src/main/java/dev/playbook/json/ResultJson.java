package dev.playbook.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playbook.model.EvidenceStatus;
import dev.playbook.problem.Problem;
import dev.playbook.result.Action;
import dev.playbook.result.DealError;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Evaluations;
import dev.playbook.result.Explanation;
import dev.playbook.result.Gap;
import dev.playbook.result.Provenance;
import dev.playbook.result.Scorecard;
import dev.playbook.result.Severity;
import dev.playbook.result.StageReadiness;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Evaluations, explanations and problems to and from JSON, in the versioned schema of {@code
 * docs/json.md}: snake_case keys, enums in lower case ({@code high}, {@code confirmed}, {@code
 * too-costly}), instants and dates in ISO-8601, every key written (null when a field has no value),
 * and each document starting with {@code "schema_version": 1}.
 *
 * <p>Writing is total: every result the library returns can be written. Reading checks the whole
 * shape and throws {@link IllegalArgumentException} naming the JSON path and what was wrong, such
 * as {@code gaps[0].severity: 'urgent' is not one of critical, high, medium, low, info}. A document
 * of a later {@code schema_version} is refused rather than half read. Unknown keys are ignored, so
 * that a later minor version can add fields. Thread-safe.
 */
public final class ResultJson {

  /** The version of the schema this library writes and the only one it reads. */
  public static final int SCHEMA_VERSION = 1;

  /** The longest document {@code read*} accepts, in characters. */
  public static final int MAX_DOCUMENT_CHARS = 64 * 1024 * 1024;

  // a condition nests at most 64 levels, two JSON levels each in an explanation tree
  private static final int MAX_DEPTH = 160;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH)
                  .maxStringLength(MAX_DOCUMENT_CHARS)
                  .build())
          .build();

  private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

  private ResultJson() {}

  /** {@code evaluation} as one JSON document. */
  public static String write(Evaluation evaluation) {
    requireNonNull(evaluation, "evaluation");
    return document(
        g -> {
          g.writeStartObject();
          g.writeNumberField("schema_version", SCHEMA_VERSION);
          evaluationFields(g, evaluation);
          g.writeEndObject();
        });
  }

  /**
   * The deals evaluated and the deals that failed, as one document: {@code evaluations} and {@code
   * errors}.
   */
  public static String write(Evaluations evaluations) {
    requireNonNull(evaluations, "evaluations");
    return document(
        g -> {
          g.writeStartObject();
          g.writeNumberField("schema_version", SCHEMA_VERSION);
          g.writeArrayFieldStart("evaluations");
          for (Evaluation e : evaluations.evaluated()) {
            g.writeStartObject();
            evaluationFields(g, e);
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeArrayFieldStart("errors");
          for (DealError e : evaluations.failed()) {
            dealError(g, e);
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  /** {@code problems} in the order given, as one document: {@code problems}. */
  public static String writeProblems(Collection<Problem> problems) {
    requireNonNull(problems, "problems");
    return document(
        g -> {
          g.writeStartObject();
          g.writeNumberField("schema_version", SCHEMA_VERSION);
          g.writeArrayFieldStart("problems");
          for (Problem p : problems) {
            g.writeStartObject();
            g.writeStringField("code", p.code());
            g.writeStringField("file", p.file());
            g.writeNumberField("line", p.line());
            g.writeNumberField("column", p.column());
            g.writeStringField("message", p.message());
            g.writeStringField("rendered", p.render());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  /** {@code explanations} in the order given, as one document: {@code explanations}. */
  public static String writeExplanations(Collection<Explanation> explanations) {
    requireNonNull(explanations, "explanations");
    return document(
        g -> {
          g.writeStartObject();
          g.writeNumberField("schema_version", SCHEMA_VERSION);
          g.writeArrayFieldStart("explanations");
          for (Explanation x : explanations) {
            g.writeStartObject();
            g.writeStringField("kind", x.kind().id());
            g.writeStringField("rule", x.rule());
            g.writeStringField("title", x.title());
            g.writeBooleanField("fired", x.fired());
            g.writeStringField("condition", x.condition());
            g.writeArrayFieldStart("parts");
            for (Explanation.Part p : x.parts()) {
              g.writeStartObject();
              g.writeStringField("text", p.text());
              g.writeStringField("value", p.value());
              g.writeStringField("detail", p.detail());
              g.writeEndObject();
            }
            g.writeEndArray();
            g.writeFieldName("tree");
            writeNode(g, x.tree());
            g.writeStringField("provenance", x.provenance().location());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  /**
   * The evaluation written by {@link #write(Evaluation)}.
   *
   * @throws IllegalArgumentException naming the JSON path, if {@code json} is not such a document
   */
  public static Evaluation readEvaluation(String json) {
    In root = root(json);
    return evaluation(root);
  }

  /**
   * The evaluations and errors written by {@link #write(Evaluations)}.
   *
   * @throws IllegalArgumentException naming the JSON path, if {@code json} is not such a document
   */
  public static Evaluations readEvaluations(String json) {
    In root = root(json);
    return new Evaluations(
        root.field("evaluations").list(ResultJson::evaluation),
        root.field("errors").list(ResultJson::dealError));
  }

  /**
   * The problems written by {@link #writeProblems}.
   *
   * @throws IllegalArgumentException naming the JSON path, if {@code json} is not such a document
   */
  public static List<Problem> readProblems(String json) {
    In root = root(json);
    return root.field("problems")
        .list(
            p -> {
              int line = p.field("line").integer(0, Integer.MAX_VALUE);
              int column = p.field("column").integer(0, Integer.MAX_VALUE);
              return new Problem(
                  p.field("code").text(),
                  p.field("file").text(),
                  line,
                  column,
                  p.field("message").text());
            });
  }

  /**
   * The explanations written by {@link #writeExplanations}.
   *
   * @throws IllegalArgumentException naming the JSON path, if {@code json} is not such a document
   */
  public static List<Explanation> readExplanations(String json) {
    In root = root(json);
    return root.field("explanations")
        .list(
            x -> {
              String rule = x.field("rule").text();
              return new Explanation(
                  x.field("kind").choice(Explanation.Kind.values(), Explanation.Kind::id),
                  rule,
                  x.field("title").text(),
                  x.field("fired").bool(),
                  x.field("condition").text(),
                  x.field("parts")
                      .list(
                          p ->
                              new Explanation.Part(
                                  p.field("text").text(),
                                  p.field("value").text(),
                                  p.field("detail").text())),
                  node(x.field("tree")),
                  x.field("provenance").provenance(rule));
            });
  }

  // ---- writing

  private static void writeNode(JsonGenerator g, Explanation.Node n) throws IOException {
    g.writeStartObject();
    g.writeStringField("text", n.text());
    g.writeStringField("value", n.value());
    g.writeStringField("detail", n.detail());
    g.writeArrayFieldStart("kids");
    for (Explanation.Node k : n.kids()) {
      writeNode(g, k);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static Explanation.Node node(In n) {
    return new Explanation.Node(
        n.field("text").text(),
        n.field("value").text(),
        n.field("detail").text(),
        n.field("kids").list(ResultJson::node));
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static String document(Body body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void evaluationFields(JsonGenerator g, Evaluation e) throws IOException {
    g.writeStringField("deal_id", e.dealId());
    g.writeStringField("as_of", e.asOf().toString());
    g.writeStringField("locale", e.locale().toLanguageTag());
    g.writeStringField("segment", e.segment());
    g.writeArrayFieldStart("actions");
    for (Action a : e.actions()) {
      action(g, a);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("gaps");
    for (Gap gap : e.gaps()) {
      gap(g, gap);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("scorecards");
    for (Scorecard s : e.scorecards()) {
      scorecard(g, s);
    }
    g.writeEndArray();
    stageReadiness(g, e.stageReadiness());
    strings(g, "fired_rules", e.firedRules());
  }

  private static void action(JsonGenerator g, Action a) throws IOException {
    g.writeStartObject();
    g.writeStringField("rule", a.rule());
    g.writeStringField("title", a.title());
    g.writeNumberField("priority", a.priority());
    g.writeStringField("due", a.due().toString());
    g.writeStringField("reason", a.reason());
    if (a.target() == null) {
      g.writeNullField("target");
    } else {
      g.writeObjectFieldStart("target");
      g.writeStringField("contact_id", a.target().contactId());
      g.writeStringField("name", a.target().name());
      g.writeEndObject();
    }
    g.writeStringField("talk_track", a.talkTrack());
    g.writeStringField("methodology", a.methodology());
    g.writeStringField("element", a.element());
    g.writeStringField("provenance", a.provenance().location());
    g.writeEndObject();
  }

  private static void gap(JsonGenerator g, Gap gap) throws IOException {
    g.writeStartObject();
    g.writeStringField("rule", gap.rule());
    g.writeStringField("severity", gap.severity().id());
    g.writeStringField("message", gap.message());
    g.writeStringField("methodology", gap.methodology());
    g.writeStringField("element", gap.element());
    strings(g, "evidence", gap.evidence());
    g.writeStringField("provenance", gap.provenance().location());
    g.writeEndObject();
  }

  private static void scorecard(JsonGenerator g, Scorecard s) throws IOException {
    g.writeStartObject();
    g.writeStringField("methodology", s.methodology());
    g.writeStringField("title", s.title());
    g.writeNumberField("percent", s.percent());
    g.writeArrayFieldStart("elements");
    for (Scorecard.Element el : s.elements()) {
      g.writeStartObject();
      g.writeStringField("id", el.id());
      g.writeStringField("title", el.title());
      g.writeStringField("status", el.status().id());
      strings(g, "gaps", el.gaps());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void stageReadiness(JsonGenerator g, StageReadiness r) throws IOException {
    g.writeObjectFieldStart("stage_readiness");
    g.writeStringField("stage", r.stage());
    g.writeBooleanField("ready", r.ready());
    g.writeArrayFieldStart("key_nodes");
    for (StageReadiness.KeyNode k : r.keyNodes()) {
      g.writeStartObject();
      g.writeStringField("id", k.id());
      g.writeStringField("title", k.title());
      g.writeBooleanField("met", k.met());
      g.writeArrayFieldStart("criteria");
      for (StageReadiness.Criterion c : k.criteria()) {
        g.writeStartObject();
        g.writeStringField("id", c.id());
        g.writeStringField("title", c.title());
        g.writeBooleanField("met", c.met());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void dealError(JsonGenerator g, DealError e) throws IOException {
    g.writeStartObject();
    g.writeNumberField("index", e.index());
    g.writeStringField("deal_id", e.dealId());
    g.writeStringField("code", e.code());
    g.writeStringField("rule", e.rule());
    g.writeStringField("condition", e.condition());
    g.writeStringField("message", e.message());
    g.writeEndObject();
  }

  private static void strings(JsonGenerator g, String name, List<String> values)
      throws IOException {
    g.writeArrayFieldStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  // ---- reading

  private static In root(String json) {
    requireNonNull(json, "json");
    if (json.length() > MAX_DOCUMENT_CHARS) {
      throw new IllegalArgumentException(
          "the document has " + json.length() + " characters, more than " + MAX_DOCUMENT_CHARS);
    }
    JsonNode node;
    try (JsonParser p = FACTORY.createParser(json)) {
      try {
        node = MAPPER.readTree(p);
        if (node != null && p.nextToken() != null) {
          throw new IllegalArgumentException(at(p.currentLocation()) + "more than one JSON value");
        }
      } catch (StreamConstraintsException e) {
        throw new IllegalArgumentException(
            at(p.currentLocation()) + "nested deeper than " + MAX_DEPTH + " levels", e);
      } catch (JsonProcessingException e) {
        JsonLocation where = e.getLocation() == null ? p.currentLocation() : e.getLocation();
        throw new IllegalArgumentException(
            at(where) + "not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""),
            e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (node == null) {
      throw new IllegalArgumentException("the document is empty");
    }
    In root = new In("$", node);
    int version = root.field("schema_version").integer(1, Integer.MAX_VALUE);
    if (version != SCHEMA_VERSION) {
      throw new IllegalArgumentException(
          "schema_version: "
              + version
              + " is not supported; this library reads version "
              + SCHEMA_VERSION);
    }
    return root;
  }

  private static String at(JsonLocation where) {
    return "line " + where.getLineNr() + ", column " + where.getColumnNr() + ": ";
  }

  private static Evaluation evaluation(In e) {
    return new Evaluation(
        e.field("deal_id").text(),
        e.field("as_of").instant(),
        e.field("locale").locale(),
        e.field("actions").list(ResultJson::action),
        e.field("gaps").list(ResultJson::gap),
        e.field("scorecards").list(ResultJson::scorecard),
        stageReadiness(e.field("stage_readiness")),
        e.field("fired_rules").list(In::text),
        e.has("segment") ? e.field("segment").textOrNull() : null);
  }

  private static Action action(In a) {
    String rule = a.field("rule").text();
    In t = a.field("target");
    Action.Target target =
        t.isNull()
            ? null
            : new Action.Target(t.field("contact_id").text(), t.field("name").textOrNull());
    return new Action(
        rule,
        a.field("title").text(),
        a.field("priority").integer(0, 100),
        a.field("due").date(),
        a.field("reason").text(),
        target,
        a.field("talk_track").textOrNull(),
        a.field("methodology").textOrNull(),
        a.field("element").textOrNull(),
        a.field("provenance").provenance(rule));
  }

  private static Gap gap(In g) {
    String rule = g.field("rule").text();
    return new Gap(
        rule,
        g.field("severity").choice(Severity.values(), Severity::id),
        g.field("message").text(),
        g.field("methodology").textOrNull(),
        g.field("element").textOrNull(),
        g.field("evidence").list(In::text),
        g.field("provenance").provenance(rule));
  }

  private static Scorecard scorecard(In s) {
    return new Scorecard(
        s.field("methodology").text(),
        s.field("title").text(),
        s.field("elements")
            .list(
                el ->
                    new Scorecard.Element(
                        el.field("id").text(),
                        el.field("title").text(),
                        el.field("status").choice(EvidenceStatus.values(), EvidenceStatus::id),
                        el.field("gaps").list(In::text))),
        s.field("percent").integer(0, 100));
  }

  private static StageReadiness stageReadiness(In r) {
    return new StageReadiness(
        r.field("stage").text(),
        r.field("key_nodes")
            .list(
                k ->
                    new StageReadiness.KeyNode(
                        k.field("id").text(),
                        k.field("title").text(),
                        k.field("criteria")
                            .list(
                                c ->
                                    new StageReadiness.Criterion(
                                        c.field("id").text(),
                                        c.field("title").text(),
                                        c.field("met").bool())))));
  }

  private static DealError dealError(In e) {
    return new DealError(
        e.field("index").integer(0, Integer.MAX_VALUE),
        e.field("deal_id").text(),
        e.field("code").choice(DealError.Kind.values(), DealError.Kind::code),
        e.field("rule").textOrNull(),
        e.field("condition").textOrNull(),
        e.field("message").text());
  }

  /** A node read at a JSON path, with checked accessors that name the path when they fail. */
  private record In(String path, JsonNode node) {

    In field(String name) {
      if (!node.isObject()) {
        throw bad("must be an object, was " + kind(node));
      }
      JsonNode child = node.get(name);
      String at = path.equals("$") ? name : path + "." + name;
      if (child == null) {
        throw new IllegalArgumentException(at + ": is missing");
      }
      return new In(at, child);
    }

    boolean isNull() {
      return node.isNull();
    }

    /** Whether this object has the field {@code name}, for fields added after version 1. */
    boolean has(String name) {
      return node.isObject() && node.has(name);
    }

    <T> List<T> list(Function<In, T> element) {
      if (!node.isArray()) {
        throw bad("must be an array, was " + kind(node));
      }
      List<T> out = new ArrayList<>(node.size());
      for (int i = 0; i < node.size(); i++) {
        out.add(element.apply(new In(path + "[" + i + "]", node.get(i))));
      }
      return out;
    }

    String text() {
      if (!node.isTextual()) {
        throw bad("must be a string, was " + kind(node));
      }
      return node.textValue();
    }

    String textOrNull() {
      return node.isNull() ? null : text();
    }

    boolean bool() {
      if (!node.isBoolean()) {
        throw bad("must be true or false, was " + kind(node));
      }
      return node.booleanValue();
    }

    int integer(int min, int max) {
      if (!node.isIntegralNumber() || !node.canConvertToInt()) {
        throw bad("must be a whole number, was " + kind(node));
      }
      int v = node.intValue();
      if (v < min || v > max) {
        throw bad(v + " is outside " + min + " to " + max);
      }
      return v;
    }

    Instant instant() {
      String t = text();
      try {
        return Instant.parse(t);
      } catch (DateTimeException e) {
        throw bad("'" + t + "' is not an ISO-8601 instant such as 2026-11-20T00:00:00Z");
      }
    }

    LocalDate date() {
      String t = text();
      try {
        return LocalDate.parse(t);
      } catch (DateTimeException e) {
        throw bad("'" + t + "' is not an ISO-8601 date such as 2026-11-20");
      }
    }

    Locale locale() {
      String t = text();
      try {
        return new Locale.Builder().setLanguageTag(t).build();
      } catch (IllformedLocaleException e) {
        throw bad("'" + t + "' is not a language tag such as en or zh-CN");
      }
    }

    <E> E choice(E[] values, Function<E, String> id) {
      String t = text();
      List<String> ids = new ArrayList<>();
      for (E v : values) {
        if (id.apply(v).equals(t)) {
          return v;
        }
        ids.add(id.apply(v));
      }
      throw bad("'" + t + "' is not one of " + String.join(", ", ids));
    }

    /** {@code file:line} of {@code rule}; the file is everything before the last colon. */
    Provenance provenance(String rule) {
      String t = text();
      int colon = t.lastIndexOf(':');
      int line = -1;
      if (colon > 0) {
        try {
          line = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
          line = -1;
        }
      }
      if (line < 0) {
        throw bad("'" + t + "' is not file:line");
      }
      return new Provenance(rule, t.substring(0, colon), line);
    }

    private IllegalArgumentException bad(String what) {
      return new IllegalArgumentException(path + ": " + what);
    }

    private static String kind(JsonNode n) {
      return switch (n.getNodeType()) {
        case STRING -> "a string";
        case NUMBER -> "a number";
        case BOOLEAN -> "true or false";
        case NULL -> "null";
        case ARRAY -> "an array";
        case OBJECT -> "an object";
        default -> "something else";
      };
    }
  }
}
