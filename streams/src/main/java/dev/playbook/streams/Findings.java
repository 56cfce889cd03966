package dev.playbook.streams;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.playbook.insights.loop.Decision.Hidden;
import dev.playbook.insights.loop.Finding;
import dev.playbook.result.Action;
import dev.playbook.result.Evaluation;
import dev.playbook.result.Gap;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compact fingerprint of a deal's findings, kept per deal to tell what changed, and the output
 * record that says what changed and why.
 *
 * <p>A fingerprint maps {@code gap <rule>} to the gap's severity and {@code action <rule>} to the
 * action's priority. Texts, evidence and due dates are left out on purpose: they move with the
 * clock (a due date is "today plus two days"), and a finding that merely ages is not a change. A
 * finding hidden by the rep's feedback is left out and {@code hidden <kind> <rule>} maps to why it
 * is hidden ({@code snoozed}, {@code dismissed}, {@code done} or {@code paused}).
 */
final class Findings {

  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final String GAP = "gap ";
  private static final String ACTION = "action ";
  private static final String HIDDEN = "hidden ";

  private Findings() {}

  /** The fingerprint of an evaluation with nothing hidden. */
  static Map<String, String> fingerprint(Evaluation e) {
    return fingerprint(e, List.of());
  }

  /**
   * The fingerprint of an evaluation, in the evaluation's order (gaps, then actions), then the
   * hidden findings.
   */
  static Map<String, String> fingerprint(Evaluation e, List<Hidden> hidden) {
    Set<String> hiddenIds = ids(hidden);
    Map<String, String> out = new LinkedHashMap<>();
    for (Gap g : e.gaps()) {
      if (!hiddenIds.contains(Finding.id(e.dealId(), Finding.Kind.GAP, g.rule(), null))) {
        out.putIfAbsent(GAP + g.rule(), g.severity().id());
      }
    }
    for (Action a : e.actions()) {
      if (!hiddenIds.contains(actionId(e.dealId(), a))) {
        out.putIfAbsent(ACTION + a.rule(), Integer.toString(a.priority()));
      }
    }
    for (Hidden h : hidden) {
      out.putIfAbsent(
          HIDDEN + h.finding().kind().id() + " " + h.finding().rule(), h.because().id());
    }
    return out;
  }

  private static Set<String> ids(List<Hidden> hidden) {
    Set<String> out = new HashSet<>();
    hidden.forEach(h -> out.add(h.finding().id()));
    return out;
  }

  private static String actionId(String dealId, Action a) {
    return Finding.id(
        dealId, Finding.Kind.ACTION, a.rule(), a.target() == null ? null : a.target().contactId());
  }

  /** One line per finding: {@code gap acme.next-step=medium}. */
  static String encode(Map<String, String> fingerprint) {
    StringBuilder sb = new StringBuilder();
    fingerprint.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    return sb.toString();
  }

  static Map<String, String> decode(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null) {
      return out;
    }
    for (String line : text.split("\n")) {
      int eq = line.lastIndexOf('=');
      if (eq > 0) {
        out.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return out;
  }

  /**
   * The output record for a deal whose fingerprint went from {@code before} to that of {@code now},
   * or null when nothing changed. {@code now} null means the deal was deleted: everything resolved.
   */
  static String changes(
      String dealId,
      String playbook,
      Instant at,
      String trigger,
      Map<String, String> before,
      Evaluation now,
      int maxBytes) {
    return changes(dealId, playbook, at, trigger, before, now, List.of(), maxBytes);
  }

  /**
   * The output record for a deal whose fingerprint went from {@code before} to that of {@code now}
   * with {@code hidden} left out of what the rep is shown, or null when nothing changed.
   */
  static String changes(
      String dealId,
      String playbook,
      Instant at,
      String trigger,
      Map<String, String> before,
      Evaluation now,
      List<Hidden> hidden,
      int maxBytes) {
    Map<String, String> after = now == null ? Map.of() : fingerprint(now, hidden);
    if (after.equals(before)) {
      return null;
    }
    List<Hidden> shownHidden = now == null ? List.of() : hidden;
    return Bounded.fit(
        dealId,
        maxBytes,
        cap -> render(dealId, playbook, at, trigger, before, now, shownHidden, after, cap));
  }

  private static String render(
      String dealId,
      String playbook,
      Instant at,
      String trigger,
      Map<String, String> before,
      Evaluation now,
      List<Hidden> hidden,
      Map<String, String> after,
      int cap) {
    Set<String> hiddenIds = ids(hidden);
    StringWriter out = new StringWriter(1024);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("deal_id", Bounded.cut(dealId, cap));
      g.writeStringField("playbook", playbook);
      g.writeStringField("evaluated_at", at.toString());
      g.writeStringField("trigger", trigger);
      g.writeArrayFieldStart("changes");
      if (now != null) {
        for (Gap gap : now.gaps()) {
          if (hiddenIds.contains(Finding.id(dealId, Finding.Kind.GAP, gap.rule(), null))) {
            continue;
          }
          String was = before.get(GAP + gap.rule());
          String is = gap.severity().id();
          if (was == null || !was.equals(is)) {
            g.writeStartObject();
            g.writeStringField("change", was == null ? "new" : "severity_changed");
            g.writeStringField("kind", "gap");
            g.writeStringField("rule", gap.rule());
            if (was != null) {
              g.writeStringField("from", was);
            }
            g.writeStringField("severity", is);
            g.writeStringField("message", Bounded.cut(gap.message(), cap));
            text(g, "methodology", Bounded.cut(gap.methodology(), cap));
            text(g, "element", Bounded.cut(gap.element(), cap));
            g.writeArrayFieldStart("evidence");
            for (String line : gap.evidence()) {
              g.writeString(Bounded.cut(line, cap));
            }
            g.writeEndArray();
            g.writeStringField("source", gap.provenance().location());
            g.writeEndObject();
          }
        }
        for (Action action : now.actions()) {
          if (hiddenIds.contains(actionId(dealId, action))) {
            continue;
          }
          String was = before.get(ACTION + action.rule());
          String is = Integer.toString(action.priority());
          if (was == null || !was.equals(is)) {
            g.writeStartObject();
            g.writeStringField("change", was == null ? "new" : "priority_changed");
            g.writeStringField("kind", "action");
            g.writeStringField("rule", action.rule());
            if (was != null) {
              g.writeNumberField("from", Integer.parseInt(was));
            }
            g.writeNumberField("priority", action.priority());
            g.writeStringField("title", Bounded.cut(action.title(), cap));
            g.writeStringField("due", action.due().toString());
            g.writeStringField("reason", Bounded.cut(action.reason(), cap));
            if (action.target() != null) {
              g.writeObjectFieldStart("target");
              g.writeStringField("contact_id", Bounded.cut(action.target().contactId(), cap));
              text(g, "name", Bounded.cut(action.target().name(), cap));
              g.writeEndObject();
            }
            text(g, "talk_track", Bounded.cut(action.talkTrack(), cap));
            g.writeStringField("source", action.provenance().location());
            g.writeEndObject();
          }
        }
      }
      for (Map.Entry<String, String> e : before.entrySet()) {
        if (!after.containsKey(e.getKey()) && !e.getKey().startsWith(HIDDEN)) {
          boolean gap = e.getKey().startsWith(GAP);
          String rule = e.getKey().substring(gap ? GAP.length() : ACTION.length());
          Hidden nowHidden = hiddenOf(hidden, gap ? Finding.Kind.GAP : Finding.Kind.ACTION, rule);
          g.writeStartObject();
          if (nowHidden != null) {
            g.writeStringField("change", "hidden");
            g.writeStringField("kind", gap ? "gap" : "action");
            g.writeStringField("rule", rule);
            g.writeStringField("finding", nowHidden.finding().id());
            why(g, nowHidden, cap);
            g.writeEndObject();
            continue;
          }
          g.writeStringField("change", "resolved");
          g.writeStringField("kind", gap ? "gap" : "action");
          g.writeStringField("rule", rule);
          if (gap) {
            g.writeStringField("severity", e.getValue());
          } else {
            g.writeNumberField("priority", Integer.parseInt(e.getValue()));
          }
          g.writeStringField(
              "reason",
              now == null
                  ? "the deal was deleted"
                  : "the rule's condition no longer holds on this deal");
          g.writeEndObject();
        }
      }
      g.writeEndArray();
      g.writeArrayFieldStart("hidden");
      for (Hidden h : hidden) {
        g.writeStartObject();
        g.writeStringField("finding", h.finding().id());
        g.writeStringField("kind", h.finding().kind().id());
        g.writeStringField("rule", h.finding().rule());
        text(g, "target", h.finding().target());
        g.writeStringField("text", Bounded.cut(h.finding().text(), cap));
        why(g, h, cap);
        g.writeEndObject();
      }
      g.writeEndArray();
      long hiddenGaps = hidden.stream().filter(h -> h.finding().kind() == Finding.Kind.GAP).count();
      g.writeNumberField("open_gaps", now == null ? 0 : now.gaps().size() - hiddenGaps);
      g.writeNumberField(
          "open_actions", now == null ? 0 : now.actions().size() - (hidden.size() - hiddenGaps));
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static Hidden hiddenOf(List<Hidden> hidden, Finding.Kind kind, String rule) {
    for (Hidden h : hidden) {
      if (h.finding().kind() == kind && h.finding().rule().equals(rule)) {
        return h;
      }
    }
    return null;
  }

  /** Why a finding is hidden: because, by, and the reason, note and until the rep gave. */
  private static void why(JsonGenerator g, Hidden h, int cap) throws IOException {
    g.writeStringField("because", h.because().id());
    g.writeStringField("by", Bounded.cut(h.by(), cap));
    text(g, "reason", Bounded.cut(h.reason(), cap));
    text(g, "note", Bounded.cut(h.note(), cap));
    text(g, "until", h.until() == null ? null : h.until().toString());
    text(g, "until_changed", h.untilChanged() == null ? null : h.untilChanged().id());
  }

  private static void text(JsonGenerator g, String key, String value) throws IOException {
    if (value != null) {
      g.writeStringField(key, value);
    }
  }
}
