package dev.playbook.insights.trail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import dev.playbook.insights.trail.Trail.Activity;
import dev.playbook.insights.trail.Trail.CloseChange;
import dev.playbook.insights.trail.Trail.Contact;
import dev.playbook.insights.trail.Trail.Evidence;
import dev.playbook.insights.trail.Trail.NextStep;
import dev.playbook.insights.trail.Trail.StageStep;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@code deals.jsonl}: one deal per line in the project's own deal format
 * (docs/deal-facts.md). An activity's body is its text with a call's transcript after a blank line,
 * as the CRM exports hold it; contacts are named by their index on the deal ({@code c-1}, {@code
 * c-2} ...).
 */
final class JsonlWriter implements TrailWriter {

  static final String FILE = "deals.jsonl";

  private final BufferedWriter out;
  private final JsonGenerator g;
  private long deals;

  JsonlWriter(Path folder) throws IOException {
    out = Files.newBufferedWriter(folder.resolve(FILE), StandardCharsets.UTF_8);
    g = new JsonFactory().createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
    g.setPrettyPrinter(new MinimalPrettyPrinter("")); // no space before each line's deal
  }

  @Override
  public void begin(Accounts accounts) {
    // the deal format holds no separate users or accounts
  }

  @Override
  public void write(Trail d) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", d.id());
    g.writeStringField("name", d.name());
    g.writeStringField("account", d.account().name());
    g.writeStringField("owner", d.owner().name());
    g.writeStringField("team", d.owner().team());
    g.writeStringField("segment", d.segment());
    g.writeStringField("stage", d.stage());
    g.writeArrayFieldStart("stage_history");
    for (StageStep s : d.stages()) {
      g.writeStartObject();
      g.writeStringField("stage", s.stage());
      g.writeStringField("entered_at", s.enteredAt().toString());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberField("amount", d.amount());
    g.writeStringField("currency", d.currency());
    g.writeStringField("created_at", d.createdAt().toString());
    g.writeStringField("close_date", d.closeDate().toString());
    g.writeArrayFieldStart("close_date_history");
    for (CloseChange c : d.closeChanges()) {
      g.writeStartObject();
      if (c.from() != null) {
        g.writeStringField("from", c.from().toString());
      }
      g.writeStringField("to", c.to().toString());
      g.writeStringField("changed_at", c.changedAt().toString());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeStringField("lead_source", d.leadSource());
    instant("mql_at", d.mqlAt());
    instant("sql_at", d.sqlAt());
    instant("assigned_at", d.createdAt());
    g.writeNumberField("probability", d.probability());
    g.writeStringField("forecast_category", d.forecastCategory());
    g.writeArrayFieldStart("contacts");
    for (Contact c : d.contacts()) {
      g.writeStartObject();
      g.writeStringField("id", "c-" + (c.index() + 1));
      g.writeStringField("name", c.name());
      g.writeStringField("title", c.title());
      g.writeArrayFieldStart("roles");
      for (String role : c.roles()) {
        g.writeString(role);
      }
      g.writeEndArray();
      g.writeStringField("power", c.power());
      if (c.responseMode() != null) {
        g.writeStringField("response_mode", c.responseMode());
      }
      instant("last_engaged_at", c.lastEngagedAt());
      if (c.primary()) {
        g.writeBooleanField("primary", true);
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("activities");
    for (Activity a : d.activities()) {
      g.writeStartObject();
      g.writeStringField("id", "A-" + a.index());
      g.writeStringField("type", a.type());
      if (a.direction() != null) {
        g.writeStringField("direction", a.direction());
      }
      g.writeStringField("occurred_at", a.occurredAt().toString());
      if (a.contact() >= 0) {
        g.writeArrayFieldStart("contacts");
        g.writeString("c-" + (a.contact() + 1));
        g.writeEndArray();
      }
      if (a.outcome() != null) {
        g.writeStringField("outcome", a.outcome());
      }
      if (!a.tags().isEmpty()) {
        g.writeArrayFieldStart("tags");
        for (String t : a.tags()) {
          g.writeString(t);
        }
        g.writeEndArray();
      }
      if (!a.counts().isEmpty()) {
        g.writeObjectFieldStart("counts");
        for (Map.Entry<String, Integer> e : a.counts().entrySet()) {
          g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
      }
      if (a.durationMinutes() != null) {
        g.writeNumberField("duration_minutes", a.durationMinutes());
      }
      g.writeStringField("subject", a.subject());
      g.writeStringField(
          "body", a.transcript() == null ? a.body() : a.body() + "\n\n" + a.transcript());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("next_steps");
    for (NextStep s : d.nextSteps()) {
      g.writeStartObject();
      g.writeStringField("title", s.title());
      g.writeStringField("due", s.due().toString());
      g.writeStringField("owner", d.owner().name());
      g.writeStringField("status", s.done() ? "done" : "open");
      g.writeBooleanField("buyer_commitment", s.buyerCommitment());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeObjectFieldStart("evidence");
    for (Map.Entry<String, Evidence> e : new TreeMap<>(d.evidence()).entrySet()) {
      g.writeObjectFieldStart(e.getKey());
      g.writeStringField("status", e.getValue().status());
      if (e.getValue().text() != null) {
        g.writeStringField("text", e.getValue().text());
      }
      instant("updated_at", e.getValue().updatedAt());
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeObjectFieldStart("custom");
    g.writeStringField("product", d.product());
    g.writeStringField("sector", d.account().industry());
    g.writeStringField("country", d.account().country());
    g.writeStringField("type", d.type());
    g.writeEndObject();
    g.writeEndObject();
    g.flush();
    out.write('\n');
    deals++;
  }

  private void instant(String field, Instant value) throws IOException {
    if (value != null) {
      g.writeStringField(field, value.toString());
    }
  }

  @Override
  public Map<String, Long> rows() {
    return Map.of(FILE, deals);
  }

  @Override
  public void close() throws IOException {
    g.close();
    out.close();
  }
}
