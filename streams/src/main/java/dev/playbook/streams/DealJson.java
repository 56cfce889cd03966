package dev.playbook.streams;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.playbook.Deals;
import dev.playbook.model.Activity;
import dev.playbook.model.CloseDateChange;
import dev.playbook.model.Contact;
import dev.playbook.model.CustomValue;
import dev.playbook.model.Deal;
import dev.playbook.model.Evidence;
import dev.playbook.model.Feedback;
import dev.playbook.model.NextStep;
import dev.playbook.model.StageChange;
import dev.playbook.problem.ProblemException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link Deal} as one line of JSON in the deal file format of {@code docs/deal-facts.md},
 * and reads it back with the engine's own reader, {@link Deals#parse}.
 *
 * <p>{@code read(write(deal))} equals {@code deal}, with one exception the format itself makes: a
 * custom text value shaped {@code YYYY-MM-DD} that is a real day reads back as a custom date. Null
 * values, empty lists and empty mappings are left out, as the format allows.
 */
public final class DealJson {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  /** Longest number written in plain digits; the deal reader accepts at most 1,000 characters. */
  private static final int MAX_PLAIN_DIGITS = 100;

  private DealJson() {}

  /** The deal as one line of JSON, keys in snake_case and in the order of the format. */
  public static String write(Deal deal) {
    requireNonNull(deal, "deal");
    StringWriter out = new StringWriter(512);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      deal(g, deal);
    } catch (IOException e) {
      throw new UncheckedIOException("writing deal " + deal.id() + " failed", e);
    }
    return out.toString();
  }

  /**
   * Reads one deal written by {@link #write} (or any JSON text holding one deal object).
   *
   * @param source names the text in problems, such as {@code store deals/D-1}
   * @throws ProblemException with every problem found
   * @throws IllegalArgumentException if the text holds a list of deals rather than one
   */
  public static Deal read(String source, String json) {
    List<Deal> deals = Deals.parse(source + ".json", json);
    if (deals.size() != 1) {
      throw new IllegalArgumentException(
          source + " holds " + deals.size() + " deals, expected one deal object");
    }
    return deals.get(0);
  }

  private static void deal(JsonGenerator g, Deal d) throws IOException {
    g.writeStartObject();
    text(g, "id", d.id());
    text(g, "name", d.name());
    text(g, "account", d.account());
    text(g, "owner", d.owner());
    text(g, "team", d.team());
    text(g, "segment", d.segment());
    text(g, "stage", d.stage());
    if (!d.stageHistory().isEmpty()) {
      g.writeArrayFieldStart("stage_history");
      for (StageChange s : d.stageHistory()) {
        g.writeStartObject();
        text(g, "stage", s.stage());
        instant(g, "entered_at", s.enteredAt());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    number(g, "amount", d.amount());
    text(g, "currency", d.currency());
    instant(g, "created_at", d.createdAt());
    date(g, "close_date", d.closeDate());
    if (!d.closeDateHistory().isEmpty()) {
      g.writeArrayFieldStart("close_date_history");
      for (CloseDateChange c : d.closeDateHistory()) {
        g.writeStartObject();
        date(g, "from", c.from());
        date(g, "to", c.to());
        instant(g, "changed_at", c.changedAt());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    text(g, "lead_source", d.leadSource());
    instant(g, "mql_at", d.mqlAt());
    instant(g, "sql_at", d.sqlAt());
    instant(g, "assigned_at", d.assignedAt());
    number(g, "probability", d.probability());
    choice(g, "forecast_category", d.forecastCategory());
    if (!d.contacts().isEmpty()) {
      g.writeArrayFieldStart("contacts");
      for (Contact c : d.contacts()) {
        contact(g, c);
      }
      g.writeEndArray();
    }
    if (!d.activities().isEmpty()) {
      g.writeArrayFieldStart("activities");
      for (Activity a : d.activities()) {
        activity(g, a);
      }
      g.writeEndArray();
    }
    if (!d.nextSteps().isEmpty()) {
      g.writeArrayFieldStart("next_steps");
      for (NextStep n : d.nextSteps()) {
        nextStep(g, n);
      }
      g.writeEndArray();
    }
    if (!d.evidence().isEmpty()) {
      g.writeObjectFieldStart("evidence");
      for (Map.Entry<String, Evidence> e : d.evidence().entrySet()) {
        g.writeObjectFieldStart(e.getKey());
        choice(g, "status", e.getValue().status());
        text(g, "text", e.getValue().text());
        instant(g, "updated_at", e.getValue().updatedAt());
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    if (!d.custom().isEmpty()) {
      g.writeObjectFieldStart("custom");
      for (Map.Entry<String, CustomValue> e : d.custom().entrySet()) {
        g.writeFieldName(e.getKey());
        CustomValue v = e.getValue();
        if (v instanceof CustomValue.Text t) {
          g.writeString(t.value());
        } else if (v instanceof CustomValue.Number n) {
          number(g, n.value());
        } else if (v instanceof CustomValue.Flag f) {
          g.writeBoolean(f.value());
        } else if (v instanceof CustomValue.Date dt) {
          g.writeString(dt.value().toString());
        }
      }
      g.writeEndObject();
    }
    if (!d.feedback().isEmpty()) {
      g.writeArrayFieldStart("feedback");
      for (Feedback f : d.feedback()) {
        g.writeStartObject();
        text(g, "finding", f.finding());
        text(g, "rule", f.rule());
        text(g, "target", f.target());
        choice(g, "response", f.response());
        text(g, "reason", f.reason());
        text(g, "note", f.note());
        date(g, "until", f.until());
        choice(g, "until_changed", f.untilChanged());
        text(g, "by", f.by());
        instant(g, "at", f.at());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  /** One contact, in the format of a {@code contacts} item (also the value of a contact event). */
  static void contact(JsonGenerator g, Contact c) throws IOException {
    g.writeStartObject();
    text(g, "id", c.id());
    text(g, "name", c.name());
    text(g, "title", c.title());
    choices(g, "roles", c.roles());
    choice(g, "power", c.power());
    choice(g, "response_mode", c.responseMode());
    instant(g, "last_engaged_at", c.lastEngagedAt());
    if (c.primary()) {
      g.writeBooleanField("primary", true);
    }
    g.writeEndObject();
  }

  /** One activity, in the format of an {@code activities} item. */
  static void activity(JsonGenerator g, Activity a) throws IOException {
    g.writeStartObject();
    text(g, "id", a.id());
    choice(g, "type", a.type());
    instant(g, "occurred_at", a.occurredAt());
    choice(g, "direction", a.direction());
    texts(g, "contacts", a.contactIds());
    choice(g, "outcome", a.outcome());
    texts(g, "tags", a.tags());
    if (!a.counts().isEmpty()) {
      g.writeObjectFieldStart("counts");
      for (Map.Entry<String, BigDecimal> e : a.counts().entrySet()) {
        g.writeFieldName(e.getKey());
        number(g, e.getValue());
      }
      g.writeEndObject();
    }
    if (a.durationMinutes() != null) {
      g.writeNumberField("duration_minutes", a.durationMinutes());
    }
    text(g, "subject", a.subject());
    text(g, "body", a.body());
    g.writeEndObject();
  }

  /** One next step, in the format of a {@code next_steps} item. */
  static void nextStep(JsonGenerator g, NextStep n) throws IOException {
    g.writeStartObject();
    text(g, "title", n.title());
    date(g, "due", n.due());
    text(g, "owner", n.owner());
    choice(g, "status", n.status());
    g.writeBooleanField("buyer_commitment", n.buyerCommitment());
    g.writeEndObject();
  }

  private static void text(JsonGenerator g, String key, String value) throws IOException {
    if (value != null) {
      g.writeStringField(key, value);
    }
  }

  private static void texts(JsonGenerator g, String key, Collection<String> values)
      throws IOException {
    if (!values.isEmpty()) {
      g.writeArrayFieldStart(key);
      for (String v : values) {
        g.writeString(v);
      }
      g.writeEndArray();
    }
  }

  private static void number(JsonGenerator g, String key, BigDecimal value) throws IOException {
    if (value != null) {
      g.writeFieldName(key);
      number(g, value);
    }
  }

  /**
   * Plain digits ({@code 120000}) where they are short; otherwise in exponent notation, as it was
   * read ({@code 1E+5000}): written plain, such a number would have more digits than the reader
   * accepts, and the stored deal could not be read back.
   */
  private static void number(JsonGenerator g, BigDecimal value) throws IOException {
    String plain = value.toPlainString();
    g.writeNumber(plain.length() <= MAX_PLAIN_DIGITS ? plain : value.toString());
  }

  private static void instant(JsonGenerator g, String key, Instant value) throws IOException {
    if (value != null) {
      g.writeStringField(key, value.toString());
    }
  }

  private static void date(JsonGenerator g, String key, LocalDate value) throws IOException {
    if (value != null) {
      g.writeStringField(key, value.toString());
    }
  }

  private static void choice(JsonGenerator g, String key, Enum<?> value) throws IOException {
    if (value != null) {
      g.writeStringField(key, id(value));
    }
  }

  private static void choices(JsonGenerator g, String key, Collection<? extends Enum<?>> values)
      throws IOException {
    if (!values.isEmpty()) {
      g.writeArrayFieldStart(key);
      for (Enum<?> v : values) {
        g.writeString(id(v));
      }
      g.writeEndArray();
    }
  }

  static String id(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
