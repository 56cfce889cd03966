package dev.playbook.insights.loop;

import dev.playbook.model.Activity;
import dev.playbook.model.BuyingRole;
import dev.playbook.model.CloseDateChange;
import dev.playbook.model.Contact;
import dev.playbook.model.CustomValue;
import dev.playbook.model.Deal;
import dev.playbook.model.EnumIds;
import dev.playbook.model.Evidence;
import dev.playbook.model.NextStep;
import dev.playbook.model.Quote;
import dev.playbook.model.Signals;
import dev.playbook.model.StageChange;
import dev.playbook.model.WatchedField;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The canonical text of a deal that {@link Loop#fingerprint} hashes. It is built from the deal's
 * fields by name, in the order below, never from {@code toString()}, so that it stays the same
 * across upgrades of the model:
 *
 * <ol>
 *   <li>{@code id, name, account, owner, team, segment, stage, stage_history[i].stage,
 *       stage_history[i].entered_at, amount, currency, created_at, close_date,
 *       close_date_history[i].from, .to, .changed_at, lead_source, mql_at, sql_at, assigned_at,
 *       probability, forecast_category};
 *   <li>{@code contacts[i].}{@code id, name, title, roles (sorted), power, response_mode,
 *       last_engaged_at, primary} (primary only when true);
 *   <li>{@code activities[i].}{@code id, type, direction, occurred_at, contact_ids, outcome, tags
 *       (sorted), counts.<name> (by name), duration_minutes, subject, body, signals.metrics.<name>
 *       (by name), signals.hits[j].tracker, .tag, .quote.*};
 *   <li>{@code next_steps[i].}{@code title, due, owner, status, buyer_commitment};
 *   <li>{@code evidence.<key>.}{@code status, text, updated_at, quote.*} (by key), then {@code
 *       custom.<name>} (by name), a quote being {@code activity_id, type, started_at, offset,
 *       speaker, party, text}.
 * </ol>
 *
 * Each present field is one line {@code path=length:value}, the length in UTF-16 chars (a list or
 * set is its items each written {@code length:item;}); a field that is null, or an empty list, set
 * or map, is left out, so a field added to the model later does not change the fingerprint of a
 * deal that does not use it. Values are written as the files write them: enums by their lowercase
 * id, instants and dates in ISO-8601 ({@code 2026-11-16T08:00:00Z}), numbers without trailing zeros
 * ({@code 1000.00} is {@code 1000}), custom values as {@code text:}, {@code number:}, {@code flag:}
 * or {@code date:} and the value. Lists keep their order (the order of the file); sets and maps are
 * sorted. The reps' {@code feedback} is not part of it: answering a finding is not a change of the
 * deal.
 */
final class DealFingerprint {

  private final StringBuilder out = new StringBuilder(512);

  /**
   * The lines of each field, by its key ({@code contacts} for {@code contacts[0].name}); or null.
   */
  private Map<String, StringBuilder> byField;

  private DealFingerprint() {}

  /**
   * The fingerprint of each field a snooze can wait on, by its key: 16 hex digits of a SHA-256 over
   * the lines of the canonical text for that field and everything under it ({@code
   * contacts[0].name} belongs to {@code contacts}). A field the deal leaves out has the hash of
   * nothing.
   */
  static Map<String, String> fields(Deal deal) {
    return write(deal).fields();
  }

  /** A deal's canonical text and the fingerprint of each watched field, from one writing. */
  record Written(String canonical, Map<String, String> fields) {}

  /**
   * The canonical text of {@code deal} and its {@link #fields}: each line is filed under its field
   * by the path it was written with, never by reading the text back (a value may hold a line
   * break).
   */
  static Written write(Deal deal) {
    DealFingerprint f = new DealFingerprint();
    f.byField = new HashMap<>();
    f.deal(deal);
    Map<String, String> out = new TreeMap<>();
    for (WatchedField w : WatchedField.values()) {
      StringBuilder lines = f.byField.get(w.id());
      out.put(w.id(), Finding.sha256(lines == null ? "" : lines.toString()).substring(0, 16));
    }
    return new Written(f.out.toString(), out);
  }

  /** The canonical text of {@code deal}. */
  static String canonical(Deal deal) {
    DealFingerprint f = new DealFingerprint();
    f.deal(deal);
    return f.out.toString();
  }

  private void deal(Deal d) {
    put("id", d.id());
    put("name", d.name());
    put("account", d.account());
    put("owner", d.owner());
    put("team", d.team());
    put("segment", d.segment());
    put("stage", d.stage());
    List<StageChange> stages = d.stageHistory();
    for (int i = 0; i < stages.size(); i++) {
      put("stage_history[" + i + "].stage", stages.get(i).stage());
      put("stage_history[" + i + "].entered_at", stages.get(i).enteredAt());
    }
    put("amount", d.amount());
    put("currency", d.currency());
    put("created_at", d.createdAt());
    put("close_date", d.closeDate());
    List<CloseDateChange> pushes = d.closeDateHistory();
    for (int i = 0; i < pushes.size(); i++) {
      String p = "close_date_history[" + i + "].";
      put(p + "from", pushes.get(i).from());
      put(p + "to", pushes.get(i).to());
      put(p + "changed_at", pushes.get(i).changedAt());
    }
    put("lead_source", d.leadSource());
    put("mql_at", d.mqlAt());
    put("sql_at", d.sqlAt());
    put("assigned_at", d.assignedAt());
    put("probability", d.probability());
    put("forecast_category", d.forecastCategory());
    for (int i = 0; i < d.contacts().size(); i++) {
      contact("contacts[" + i + "].", d.contacts().get(i));
    }
    for (int i = 0; i < d.activities().size(); i++) {
      activity("activities[" + i + "].", d.activities().get(i));
    }
    for (int i = 0; i < d.nextSteps().size(); i++) {
      NextStep n = d.nextSteps().get(i);
      String p = "next_steps[" + i + "].";
      put(p + "title", n.title());
      put(p + "due", n.due());
      put(p + "owner", n.owner());
      put(p + "status", n.status());
      put(p + "buyer_commitment", Boolean.toString(n.buyerCommitment()));
    }
    for (Map.Entry<String, Evidence> e : new TreeMap<>(d.evidence()).entrySet()) {
      String p = "evidence." + e.getKey() + ".";
      Evidence ev = e.getValue();
      put(p + "status", ev.status());
      put(p + "text", ev.text());
      put(p + "updated_at", ev.updatedAt());
      quote(p + "quote.", ev.quote());
    }
    for (Map.Entry<String, CustomValue> e : new TreeMap<>(d.custom()).entrySet()) {
      put("custom." + e.getKey(), custom(e.getValue()));
    }
  }

  private void contact(String p, Contact c) {
    put(p + "id", c.id());
    put(p + "name", c.name());
    put(p + "title", c.title());
    TreeSet<String> roles = new TreeSet<>();
    for (BuyingRole r : c.roles()) {
      roles.add(r.id());
    }
    put(p + "roles", roles);
    put(p + "power", c.power());
    put(p + "response_mode", c.responseMode());
    put(p + "last_engaged_at", c.lastEngagedAt());
    // only when true, so that the fingerprints of deals written before the flag stay the same
    put(p + "primary", c.primary() ? "true" : null);
  }

  private void activity(String p, Activity a) {
    put(p + "id", a.id());
    put(p + "type", a.type());
    put(p + "direction", a.direction());
    put(p + "occurred_at", a.occurredAt());
    put(p + "contact_ids", a.contactIds());
    put(p + "outcome", a.outcome());
    put(p + "tags", new TreeSet<>(a.tags()));
    for (Map.Entry<String, BigDecimal> e : new TreeMap<>(a.counts()).entrySet()) {
      put(p + "counts." + e.getKey(), e.getValue());
    }
    put(p + "duration_minutes", a.durationMinutes());
    put(p + "subject", a.subject());
    put(p + "body", a.body());
    Signals s = a.signals();
    if (s != null) {
      for (Map.Entry<String, BigDecimal> e : new TreeMap<>(s.metrics()).entrySet()) {
        put(p + "signals.metrics." + e.getKey(), e.getValue());
      }
      for (int j = 0; j < s.hits().size(); j++) {
        Signals.Hit h = s.hits().get(j);
        String q = p + "signals.hits[" + j + "].";
        put(q + "tracker", h.tracker());
        put(q + "tag", h.tag());
        quote(q + "quote.", h.quote());
      }
    }
  }

  private void quote(String p, Quote q) {
    if (q == null) {
      return;
    }
    put(p + "activity_id", q.activityId());
    put(p + "type", q.type());
    put(p + "started_at", q.startedAt());
    put(p + "offset", q.offset());
    put(p + "speaker", q.speaker());
    put(p + "party", q.party());
    put(p + "text", q.text());
  }

  private static String custom(CustomValue v) {
    if (v instanceof CustomValue.Text t) {
      return "text:" + t.value();
    } else if (v instanceof CustomValue.Number n) {
      return "number:" + number(n.value());
    } else if (v instanceof CustomValue.Flag f) {
      return "flag:" + f.value();
    } else if (v instanceof CustomValue.Date d) {
      return "date:" + d.value();
    }
    throw new IllegalStateException("a custom value of an unknown kind: " + v.getClass());
  }

  private static String number(BigDecimal n) {
    return n.signum() == 0 ? "0" : n.stripTrailingZeros().toPlainString();
  }

  private void put(String path, Object value) {
    if (value == null) {
      return;
    }
    String text;
    if (value instanceof Collection<?> c) {
      if (c.isEmpty()) {
        return;
      }
      StringBuilder b = new StringBuilder();
      for (Object o : c) {
        String s = String.valueOf(o);
        b.append(s.length()).append(':').append(s).append(';');
      }
      text = b.toString();
    } else if (value instanceof Enum<?> e) {
      text = EnumIds.id(e);
    } else if (value instanceof BigDecimal n) {
      text = number(n);
    } else {
      text = value.toString();
    }
    int start = out.length();
    out.append(path).append('=').append(text.length()).append(':').append(text).append('\n');
    if (byField != null) {
      byField
          .computeIfAbsent(field(path), k -> new StringBuilder())
          .append(out, start, out.length());
    }
  }

  /** The field a path belongs to: the path up to its first {@code [} or {@code .}. */
  private static String field(String path) {
    int end = path.length();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '[' || c == '.') {
        end = i;
        break;
      }
    }
    return path.substring(0, end);
  }
}
