package dev.playbook.conversations;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;

/**
 * Speaker segments as call recorders' APIs return them: a JSON array of objects {@code {speaker,
 * start, end, text}}, or an object with such an array under {@code segments}. {@code start} and
 * {@code end} are seconds (a number) or timestamps ({@code "00:01:02.500"}), both or neither; other
 * fields are ignored.
 */
final class JsonReader {

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(32)
                  .maxNumberLength(32)
                  .maxStringLength(1 << 20)
                  .build())
          .build();
  private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

  private JsonReader() {}

  static void read(Source src) {
    try (JsonParser p = MAPPER.createParser(src.text)) {
      JsonToken first = p.nextToken();
      if (first == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken value = p.nextToken();
          if (name.equals("segments") && value == JsonToken.START_ARRAY) {
            array(src, p);
            return;
          }
          p.skipChildren();
        }
        src.problem(
            "missing-field", 1, 1, "expected an array of segments, or an object with 'segments'");
        return;
      }
      if (first != JsonToken.START_ARRAY) {
        src.problem(
            "json-syntax", 1, 1, "expected an array of segments, or an object with 'segments'");
        return;
      }
      array(src, p);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      src.problem(
          "json-syntax",
          at == null ? 0 : Math.max(1, at.getLineNr()),
          at == null ? 0 : Math.max(1, at.getColumnNr()),
          e.getOriginalMessage());
    } catch (IOException e) {
      src.problem("file-unreadable", 0, 0, "the JSON could not be read");
    }
  }

  private static void array(Source src, JsonParser p) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      JsonLocation at = p.currentTokenLocation();
      int line = (int) Math.max(1, at.getLineNr());
      int col = (int) Math.max(1, at.getColumnNr());
      if (t != JsonToken.START_OBJECT) {
        src.problem("wrong-type", line, col, "a segment is an object {speaker, start, end, text}");
        p.skipChildren();
        continue;
      }
      JsonNode n = MAPPER.readTree(p);
      String speaker = string(src, n, "speaker", line, col);
      String text = string(src, n, "text", line, col);
      Duration start = time(src, n, "start", line, col);
      Duration end = time(src, n, "end", line, col);
      if (n.hasNonNull("start") != n.hasNonNull("end")) {
        src.problem("missing-field", line, col, "a segment gives 'start' and 'end', or neither");
        continue;
      }
      if (speaker == null
          || text == null
          || (n.hasNonNull("start") && (start == null || end == null))) {
        continue;
      }
      if (!src.add(speaker, start, end, text, line, col)) {
        return;
      }
    }
  }

  private static String string(Source src, JsonNode n, String field, int line, int col) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      src.problem("missing-field", line, col, "segment has no '" + field + "'");
      return null;
    }
    if (!v.isTextual()) {
      src.problem(
          "wrong-type",
          line,
          col,
          "'"
              + field
              + "' must be a string, was "
              + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
      return null;
    }
    return v.textValue();
  }

  private static Duration time(Source src, JsonNode n, String field, int line, int col) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isNumber() && v.asDouble() >= 0 && v.asDouble() < 1e7) {
      return Duration.ofMillis(Math.round(v.asDouble() * 1000));
    }
    Duration d = v.isTextual() ? Times.parse(v.textValue()) : null;
    if (d == null) {
      src.problem(
          "invalid-time",
          line,
          col,
          "'" + field + "' must be seconds (0 or more) or a time such as 00:01:02.500, was " + v);
    }
    return d;
  }
}
