package dev.playbook.insights.loop;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.playbook.Documents;
import dev.playbook.insights.loop.Feedback.Response;
import dev.playbook.model.EnumIds;
import dev.playbook.model.WatchedField;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads reps' feedback from a JSON Lines file, one response per line:
 *
 * <pre>{@code
 * {"finding":"a-3f9c0e2b7d41a6c8","deal":"D-17","response":"snoozed","until":"2026-12-01","by":"ana","at":"2026-11-20T09:12:00Z","note":"customer on holiday"}
 * {"finding":"g-0b1d2e3f4a5b6c7d","deal":"D-17","response":"dismissed","reason":"wrong-data","by":"ana","at":"2026-11-20T09:13:00Z"}
 * {"finding":"a-5e6f708192a3b4c5","deal":"D-17","response":"snoozed","until_changed":"stage","by":"ana","at":"2026-11-20T09:14:00Z"}
 * }</pre>
 *
 * Every problem is collected and reported at its line and column; nothing is dropped silently.
 */
public final class FeedbackFile {

  /** The largest feedback file read, in bytes. */
  public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

  /** The largest note kept, in characters. */
  public static final int MAX_NOTE_CHARS = 2000;

  private static final int MAX_PROBLEMS = 100;
  private static final Set<String> FIELDS =
      Set.of("finding", "deal", "response", "reason", "note", "until", "until_changed", "by", "at");
  private static final JsonFactory JSON = new JsonFactory();

  private FeedbackFile() {}

  /**
   * The feedback in {@code file}; a dismissal's reason must be one of the policy's (any, when the
   * policy lists none).
   *
   * @throws ProblemException with every problem found, each at its line and column
   */
  public static List<Feedback> read(Path file, LoopPolicy policy) {
    requireNonNull(file, "file");
    return parse(file.toString(), Documents.readFile(file, MAX_FILE_BYTES), policy);
  }

  /**
   * The feedback in {@code text}; {@code fileName} names it in problems.
   *
   * @throws ProblemException with every problem found, each at its line and column
   */
  public static List<Feedback> parse(String fileName, String text, LoopPolicy policy) {
    requireNonNull(fileName, "fileName");
    requireNonNull(text, "text");
    requireNonNull(policy, "policy");
    List<Feedback> out = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length && problems.size() < MAX_PROBLEMS; i++) {
      if (!lines[i].isBlank()) {
        Feedback f = line(new Line(fileName, i + 1, problems), lines[i], policy);
        if (f != null) {
          out.add(f);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ProblemException(problems);
    }
    return List.copyOf(out);
  }

  /** Where the problems of one line go. */
  private record Line(String file, int number, List<Problem> problems) {
    void add(String code, int column, String message) {
      problems.add(new Problem(code, file, number, column, message));
    }
  }

  /** A field's text and the column its value starts at. */
  private record Value(String text, int column) {}

  private static Feedback line(Line at, String text, LoopPolicy policy) {
    Map<String, Value> fields = new LinkedHashMap<>();
    int before = at.problems().size();
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        at.add("json-syntax", 1, "a feedback line must be a JSON object");
        return null;
      }
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        int keyColumn = (int) p.currentTokenLocation().getColumnNr();
        JsonToken v = p.nextToken();
        int column = (int) p.currentTokenLocation().getColumnNr();
        if (!FIELDS.contains(name)) {
          at.add(
              "unknown-field",
              keyColumn,
              "'" + name + "' is not a feedback field" + Documents.didYouMean(name, FIELDS));
          p.skipChildren();
        } else if (fields.containsKey(name)) {
          at.add("duplicate-key", keyColumn, "'" + name + "' is given twice");
          p.skipChildren();
        } else if (v == JsonToken.VALUE_NULL) {
          continue;
        } else if (v != JsonToken.VALUE_STRING) {
          at.add("wrong-type", column, name + " must be a string");
          p.skipChildren();
        } else {
          fields.put(name, new Value(p.getText(), column));
        }
      }
      if (p.nextToken() != null) {
        at.add(
            "json-syntax",
            (int) p.currentTokenLocation().getColumnNr(),
            "one JSON object per line");
      }
    } catch (JsonParseException e) {
      at.add(
          "json-syntax",
          (int) e.getLocation().getColumnNr(),
          "not JSON: " + e.getOriginalMessage());
      return null;
    } catch (IOException e) {
      at.add("json-syntax", 1, "not JSON");
      return null;
    }
    String finding = required(at, fields, "finding");
    if (finding != null && !finding.matches("[ag]-[0-9a-f]{16}")) {
      at.add(
          "invalid-value",
          fields.get("finding").column(),
          "finding '" + finding + "' is not a finding id such as a-3f9c0e2b7d41a6c8");
    }
    String deal = required(at, fields, "deal");
    String by = required(at, fields, "by");
    Response response = null;
    String r = required(at, fields, "response");
    if (r != null) {
      for (Response x : Response.values()) {
        if (x.id().equals(r)) {
          response = x;
        }
      }
      if (response == null) {
        List<String> ids = Arrays.stream(Response.values()).map(Response::id).toList();
        at.add(
            "unknown-value",
            fields.get("response").column(),
            "response '"
                + r
                + "' is not one of "
                + String.join(", ", ids)
                + Documents.didYouMean(r, ids));
      }
    }
    Instant time = null;
    String a = required(at, fields, "at");
    if (a != null) {
      try {
        time = Instant.parse(a);
      } catch (DateTimeParseException e) {
        at.add(
            "invalid-value",
            fields.get("at").column(),
            "at '" + a + "' is not a time such as 2026-11-20T09:12:00Z");
      }
    }
    LocalDate until = null;
    Value u = fields.get("until");
    if (u != null) {
      try {
        until = LocalDate.parse(u.text());
      } catch (DateTimeParseException e) {
        at.add(
            "invalid-value",
            u.column(),
            "until '" + u.text() + "' is not a date such as 2026-12-01");
      }
      if (response != null && response != Response.SNOOZED) {
        at.add(
            "invalid-value",
            u.column(),
            "until is only for a snoozed finding, not a " + response.id() + " one");
      }
    }
    WatchedField untilChanged = null;
    Value uc = fields.get("until_changed");
    if (uc != null) {
      untilChanged = WatchedField.parse(uc.text()).orElse(null);
      List<String> ids = EnumIds.ids(WatchedField.class);
      if (untilChanged == null) {
        at.add(
            "unknown-value",
            uc.column(),
            "until_changed '"
                + uc.text()
                + "' is not one of "
                + String.join(", ", ids)
                + Documents.didYouMean(uc.text(), ids));
      } else if (response != null && response != Response.SNOOZED) {
        at.add(
            "invalid-value",
            uc.column(),
            "until_changed is only for a snoozed finding, not a " + response.id() + " one");
      } else if (u != null) {
        at.add("invalid-value", uc.column(), "a snooze gives until or until_changed, not both");
      }
    }
    if (response == Response.SNOOZED && u == null && uc == null) {
      at.add(
          "missing-field",
          1,
          "a snoozed finding needs 'until', the day it shows again, or 'until_changed', the deal"
              + " field whose change brings it back");
    }
    Value reason = fields.get("reason");
    if (response == Response.DISMISSED) {
      // a policy that lists no reasons takes any reason
      if (reason == null) {
        at.add(
            "missing-field",
            1,
            "a dismissed finding needs a 'reason'"
                + (policy.dismissReasons().isEmpty()
                    ? ""
                    : ": one of " + String.join(", ", policy.dismissReasons())));
      } else if (!policy.dismissReasons().isEmpty()
          && !policy.dismissReasons().contains(reason.text())) {
        at.add(
            "unknown-value",
            reason.column(),
            "reason '"
                + reason.text()
                + "' is not one of the playbook's dismissal reasons ("
                + String.join(", ", policy.dismissReasons())
                + ")"
                + Documents.didYouMean(reason.text(), policy.dismissReasons()));
      }
    }
    Value note = fields.get("note");
    if (note != null && note.text().length() > MAX_NOTE_CHARS) {
      at.add(
          "too-large", note.column(), "a note may hold at most " + MAX_NOTE_CHARS + " characters");
    }
    if (at.problems().size() > before) {
      return null;
    }
    return new Feedback(
        finding,
        deal,
        response,
        reason == null ? null : reason.text(),
        note == null ? null : note.text(),
        until,
        by,
        time,
        untilChanged);
  }

  private static String required(Line at, Map<String, Value> fields, String name) {
    Value v = fields.get(name);
    if (v == null || v.text().isBlank()) {
      at.add("missing-field", v == null ? 1 : v.column(), "a feedback line needs '" + name + "'");
      return null;
    }
    return v.text();
  }
}
