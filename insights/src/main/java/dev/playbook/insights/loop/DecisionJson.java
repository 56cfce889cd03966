package dev.playbook.insights.loop;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playbook.insights.loop.Decision.Because;
import dev.playbook.insights.loop.Decision.Hidden;
import dev.playbook.insights.loop.Decision.Indicator;
import dev.playbook.insights.loop.Decision.Status;
import dev.playbook.model.EnumIds;
import dev.playbook.model.WatchedField;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One decision as one JSON line, and back: the schema {@code playbook-decision/1}. */
final class DecisionJson {

  static final String SCHEMA = "playbook-decision/1";
  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DecisionJson() {}

  static String write(Decision d) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("schema", SCHEMA);
      g.writeStringField("id", d.id());
      g.writeStringField("recorded_at", d.recordedAt().toString());
      g.writeStringField("as_of", d.asOf().toString());
      g.writeStringField("playbook", d.playbook());
      g.writeStringField("revision", d.revision());
      g.writeStringField("deal", d.dealId());
      g.writeStringField("deal_fingerprint", d.dealFingerprint());
      g.writeArrayFieldStart("findings");
      for (Finding f : d.findings()) {
        finding(g, f);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("hidden");
      for (Hidden h : d.hidden()) {
        g.writeStartObject();
        g.writeFieldName("finding");
        finding(g, h.finding());
        g.writeStringField("because", h.because().id());
        g.writeStringField("by", h.by());
        optional(g, "reason", h.reason());
        optional(g, "note", h.note());
        optional(g, "until", h.until() == null ? null : h.until().toString());
        optional(g, "until_changed", h.untilChanged() == null ? null : h.untilChanged().id());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("indicators");
      for (Indicator i : d.indicators()) {
        g.writeStartObject();
        g.writeStringField("finding", i.finding());
        g.writeStringField("rule", i.rule());
        g.writeStringField("since", i.since().toString());
        g.writeStringField("by", i.by().toString());
        g.writeStringField("status", i.status().id());
        optional(g, "resolved_on", i.resolvedOn() == null ? null : i.resolvedOn().toString());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("escalations");
      for (Decision.Escalation e : d.escalations()) {
        g.writeStartObject();
        g.writeStringField("finding", e.finding());
        g.writeStringField("rule", e.rule());
        g.writeStringField("level", e.level().id());
        optional(g, "owner", e.owner());
        optional(g, "manager", e.manager());
        g.writeStringField("since", e.since().toString());
        g.writeNumberField("days", e.days());
        g.writeStringField("message", e.message());
        optional(g, "talk_track", e.talkTrack());
        g.writeArrayFieldStart("candidates");
        for (String c : e.candidates()) {
          g.writeString(c);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      if (!d.fieldFingerprints().isEmpty()) {
        g.writeObjectFieldStart("field_fingerprints");
        for (var e : d.fieldFingerprints().entrySet()) {
          g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void finding(JsonGenerator g, Finding f) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", f.id());
    g.writeStringField("kind", f.kind().id());
    g.writeStringField("rule", f.rule());
    optional(g, "target", f.target());
    optional(g, "severity", f.severity());
    if (f.priority() != null) {
      g.writeNumberField("priority", f.priority());
    }
    g.writeStringField("text", f.text());
    optional(g, "due", f.due() == null ? null : f.due().toString());
    g.writeEndObject();
  }

  private static void optional(JsonGenerator g, String field, String value) throws IOException {
    if (value != null) {
      g.writeStringField(field, value);
    }
  }

  /**
   * The decision on one line of a log.
   *
   * @throws IllegalArgumentException naming what is wrong, when the line is not a decision
   */
  static Decision read(String line) {
    JsonNode n;
    try {
      n = MAPPER.readTree(line);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON");
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("a decision must be a JSON object");
    }
    if (!SCHEMA.equals(n.path("schema").asText())) {
      throw new IllegalArgumentException(
          "schema must be '" + SCHEMA + "', was '" + n.path("schema").asText() + "'");
    }
    String deal = text(n, "deal");
    List<Finding> findings = new ArrayList<>();
    for (JsonNode f : array(n, "findings")) {
      findings.add(finding(f, deal));
    }
    List<Hidden> hidden = new ArrayList<>();
    for (JsonNode h : array(n, "hidden")) {
      hidden.add(
          new Hidden(
              finding(h.path("finding"), deal),
              word(Because.class, text(h, "because")),
              text(h, "by"),
              optional(h, "reason"),
              optional(h, "note"),
              date(optional(h, "until")),
              watched(optional(h, "until_changed"))));
    }
    List<Indicator> indicators = new ArrayList<>();
    for (JsonNode i : array(n, "indicators")) {
      indicators.add(
          new Indicator(
              text(i, "finding"),
              text(i, "rule"),
              date(text(i, "since")),
              date(text(i, "by")),
              word(Status.class, text(i, "status")),
              date(optional(i, "resolved_on"))));
    }
    List<Decision.Escalation> escalations = new ArrayList<>();
    JsonNode es = n.get("escalations");
    for (JsonNode e : es == null ? List.<JsonNode>of() : array(n, "escalations")) {
      List<String> candidates = new ArrayList<>();
      for (JsonNode c : array(e, "candidates")) {
        candidates.add(c.asText());
      }
      escalations.add(
          new Decision.Escalation(
              text(e, "finding"),
              text(e, "rule"),
              word(Decision.Level.class, text(e, "level")),
              optional(e, "owner"),
              optional(e, "manager"),
              date(text(e, "since")),
              e.path("days").asInt(),
              text(e, "message"),
              optional(e, "talk_track"),
              candidates));
    }
    return new Decision(
        text(n, "id"),
        instant(text(n, "recorded_at")),
        instant(text(n, "as_of")),
        text(n, "playbook"),
        text(n, "revision"),
        deal,
        text(n, "deal_fingerprint"),
        findings,
        hidden,
        indicators,
        escalations,
        fieldFingerprints(n));
  }

  /** The field fingerprints; a decision written before they were kept has none. */
  private static Map<String, String> fieldFingerprints(JsonNode n) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode f = n.get("field_fingerprints");
    if (f == null || f.isNull()) {
      return out;
    }
    if (!f.isObject()) {
      throw new IllegalArgumentException("'field_fingerprints' must be an object");
    }
    f.fields()
        .forEachRemaining(
            e -> {
              watched(e.getKey());
              out.put(e.getKey(), text(f, e.getKey()));
            });
    return out;
  }

  private static WatchedField watched(String s) {
    if (s == null) {
      return null;
    }
    return WatchedField.parse(s)
        .filter(w -> w.id().equals(s))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'" + s + "' is not one of " + EnumIds.ids(WatchedField.class)));
  }

  private static Finding finding(JsonNode f, String deal) {
    JsonNode p = f.get("priority");
    return new Finding(
        text(f, "id"),
        word(Finding.Kind.class, text(f, "kind")),
        deal,
        text(f, "rule"),
        optional(f, "target"),
        optional(f, "severity"),
        p == null ? null : p.asInt(),
        text(f, "text"),
        date(optional(f, "due")));
  }

  private static Iterable<JsonNode> array(JsonNode n, String field) {
    JsonNode a = n.get(field);
    if (a == null || !a.isArray()) {
      throw new IllegalArgumentException("'" + field + "' must be a list");
    }
    return a;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("'" + field + "' must be a string");
    }
    return v.asText();
  }

  private static String optional(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static LocalDate date(String s) {
    if (s == null) {
      return null;
    }
    try {
      return LocalDate.parse(s);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("'" + s + "' is not a date such as 2026-11-20");
    }
  }

  private static Instant instant(String s) {
    try {
      return Instant.parse(s);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("'" + s + "' is not a time such as 2026-11-20T08:00:00Z");
    }
  }

  private static <E extends Enum<E>> E word(Class<E> type, String s) {
    for (E e : type.getEnumConstants()) {
      if (e.name().toLowerCase(Locale.ROOT).equals(s)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "'"
            + s
            + "' is not one of "
            + java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .toList());
  }
}
