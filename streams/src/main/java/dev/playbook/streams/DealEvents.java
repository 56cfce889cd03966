package dev.playbook.streams;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playbook.Deals;
import dev.playbook.model.Activity;
import dev.playbook.model.Contact;
import dev.playbook.model.Deal;
import dev.playbook.model.Feedback;
import dev.playbook.model.NextStep;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import dev.playbook.streams.Topics.EventKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Folds one change event into the stored facts of its deal. Events are checked by the engine's own
 * deal reader, so an event is valid exactly when the same values would be valid in a deal file.
 */
final class DealEvents {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private DealEvents() {}

  /** An event that cannot be used: the dead-letter reason and the problems behind it. */
  static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;

    final String reason;
    final List<String> problems;

    Rejected(String reason, List<String> problems) {
      super(reason + ": " + String.join("; ", problems), null, false, false);
      this.reason = reason;
      this.problems = List.copyOf(problems);
    }

    Rejected(String reason, String problem) {
      this(reason, List.of(problem));
    }
  }

  /**
   * The deal after {@code text}, an event of {@code kind} keyed {@code key}, is applied to {@code
   * stored} (null when the deal has not been seen).
   *
   * @param source names the event in problems (the topic)
   */
  static Deal apply(EventKind kind, String source, String key, String text, Deal stored)
      throws Rejected {
    JsonNode tree = object(kind, text);
    if (kind == EventKind.DEAL) {
      return upsertDeal(source, key, text, tree, stored);
    }
    if (stored == null) {
      throw new Rejected(
          "unknown-deal",
          "no deal upsert has been seen for deal '"
              + key
              + "'; a "
              + kind.id
              + " event is kept only for a known deal, so send the deal first");
    }
    Deal wrapper = wrapped(kind, source, text, stored);
    Deal.Builder next = stored.toBuilder();
    switch (kind) {
      case CONTACT ->
          next.contacts(replaceOrAdd(stored.contacts(), wrapper.contacts().get(0), Contact::id));
      case ACTIVITY ->
          next.activities(
              replaceOrAdd(stored.activities(), wrapper.activities().get(0), Activity::id));
      case NEXT_STEP ->
          next.nextSteps(
              replaceOrAdd(stored.nextSteps(), wrapper.nextSteps().get(0), NextStep::title));
      case FEEDBACK -> {
        Feedback entry = wrapper.feedback().get(0);
        if (!stored.feedback().contains(entry)) { // a redelivered response is kept once
          List<Feedback> all = new ArrayList<>(stored.feedback());
          all.add(entry);
          next.feedback(all);
        }
      }
      default -> throw new AssertionError(kind);
    }
    return build(next);
  }

  private static Deal upsertDeal(String source, String key, String text, JsonNode tree, Deal stored)
      throws Rejected {
    Deal deal = parse(source, text, 0);
    if (!deal.id().equals(key)) {
      throw new Rejected(
          "key-mismatch",
          "the record key is '"
              + key
              + "' but the deal id is '"
              + deal.id()
              + "'; key every record by its deal id");
    }
    if (stored == null) {
      return deal;
    }
    Deal.Builder merged = deal.toBuilder();
    if (absent(tree, "contacts")) {
      merged.contacts(stored.contacts());
    }
    if (absent(tree, "activities")) {
      merged.activities(stored.activities());
    }
    if (absent(tree, "next_steps")) {
      merged.nextSteps(stored.nextSteps());
    }
    if (absent(tree, "feedback")) {
      merged.feedback(stored.feedback());
    }
    return build(merged);
  }

  private static boolean absent(JsonNode tree, String key) {
    JsonNode v = tree.get(key);
    return v == null || v.isNull();
  }

  /**
   * Reads a contact, activity, next step or feedback entry by placing its text, unchanged, in a
   * deal of the stored deal's id and stage (and, for an activity, its contact ids), so that every
   * check of the deal reader applies. Positions on the first line are shifted back to the event's
   * own columns.
   */
  private static Deal wrapped(EventKind kind, String source, String text, Deal stored)
      throws Rejected {
    StringBuilder prefix =
        new StringBuilder("{\"id\":")
            .append(quote(stored.id()))
            .append(",\"stage\":")
            .append(quote(stored.stage()));
    String list =
        switch (kind) {
          case CONTACT -> "contacts";
          case ACTIVITY -> "activities";
          case NEXT_STEP -> "next_steps";
          case FEEDBACK -> "feedback";
          default -> throw new AssertionError(kind);
        };
    if (kind == EventKind.ACTIVITY && !stored.contacts().isEmpty()) {
      prefix.append(",\"contacts\":[");
      for (int i = 0; i < stored.contacts().size(); i++) {
        prefix
            .append(i == 0 ? "" : ",")
            .append("{\"id\":")
            .append(quote(stored.contacts().get(i).id()))
            .append('}');
      }
      prefix.append(']');
    }
    prefix.append(",\"").append(list).append("\":[");
    return parse(source, prefix + text + "]}", prefix.length());
  }

  private static Deal parse(String source, String json, int shift) throws Rejected {
    List<Deal> deals;
    try {
      deals = Deals.parse(source + ".json", json);
    } catch (ProblemException e) {
      List<String> problems = new ArrayList<>();
      for (Problem p : e.problems()) {
        int column = p.line() == 1 && p.column() > shift ? p.column() - shift : p.column();
        problems.add(p.line() + ":" + column + ": " + p.code() + ": " + p.message());
      }
      throw new Rejected("invalid-event", problems);
    }
    if (deals.size() != 1) {
      throw new Rejected("invalid-event", "1:1: wrong-type: an event holds one object, not a list");
    }
    return deals.get(0);
  }

  /** Checks that {@code text} is exactly one JSON object, so that it can be placed in a wrapper. */
  private static JsonNode object(EventKind kind, String text) throws Rejected {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(text);
    } catch (JsonParseException e) {
      var at = e.getLocation();
      throw new Rejected(
          "invalid-event",
          (at == null ? "1:1" : at.getLineNr() + ":" + at.getColumnNr())
              + ": json-syntax: "
              + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new Rejected("invalid-event", "1:1: json-syntax: " + e.getOriginalMessage());
    }
    if (tree == null || !tree.isObject()) {
      String what =
          tree == null || tree.isMissingNode()
              ? "nothing"
              : "a " + tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
      throw new Rejected(
          "invalid-event",
          "1:1: wrong-type: a " + kind.id + " event is one JSON object, this is " + what);
    }
    return tree;
  }

  private static Deal build(Deal.Builder builder) throws Rejected {
    try {
      return builder.build();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new Rejected("invalid-deal", String.valueOf(e.getMessage()));
    }
  }

  private static <T> List<T> replaceOrAdd(List<T> items, T item, Function<T, String> id) {
    List<T> out = new ArrayList<>(items);
    String key = id.apply(item);
    for (int i = 0; i < out.size(); i++) {
      if (id.apply(out.get(i)).equals(key)) {
        out.set(i, item);
        return out;
      }
    }
    out.add(item);
    return out;
  }

  /**
   * Where the value of the top-level field {@code field} of the JSON object {@code text} starts, as
   * {@code line:column}; {@code 1:1} when it has no such field.
   */
  static String locate(String text, String field) {
    try (JsonParser p = MAPPER.getFactory().createParser(text)) {
      int depth = 0;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t.isStructStart()) {
          depth++;
        } else if (t.isStructEnd()) {
          depth--;
        } else if (t == JsonToken.FIELD_NAME && depth == 1 && field.equals(p.currentName())) {
          p.nextToken();
          var at = p.currentTokenLocation();
          return at.getLineNr() + ":" + at.getColumnNr();
        }
      }
    } catch (IOException e) {
      // the text was read as JSON before; fall through to the start
    }
    return "1:1";
  }

  private static String quote(String s) {
    try {
      return MAPPER.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
