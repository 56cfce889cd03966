package dev.playbook.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the test trackers from {@code transcripts/trackers.yaml}. */
final class TestTrackers {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private TestTrackers() {}

  static JsonNode yaml(String resource) {
    try (InputStream in = TestTrackers.class.getResourceAsStream("/transcripts/" + resource)) {
      return YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(String resource) {
    try (InputStream in = TestTrackers.class.getResourceAsStream("/transcripts/" + resource)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Tracker> trackers() {
    List<Tracker> out = new ArrayList<>();
    for (JsonNode t : yaml("trackers.yaml")) {
      Tracker.Builder b = Tracker.builder(t.get("concept").asText());
      t.get("phrases")
          .fields()
          .forEachRemaining(
              e -> {
                List<String> phrases = new ArrayList<>();
                e.getValue().forEach(p -> phrases.add(p.asText()));
                b.phrases(e.getKey(), phrases);
              });
      if (t.has("by")) {
        b.by(By.valueOf(t.get("by").asText().toUpperCase(Locale.ROOT)));
      }
      if (t.has("question")) {
        b.question(t.get("question").asBoolean());
      }
      if (t.has("first_minutes")) {
        b.window(Window.firstMinutes(t.get("first_minutes").asInt()));
      }
      if (t.has("last_minutes")) {
        b.window(Window.lastMinutes(t.get("last_minutes").asInt()));
      }
      out.add(b.build());
    }
    return out;
  }
}
