package dev.playbook.internal.facts;

import dev.playbook.internal.tree.DidYouMean;
import dev.playbook.internal.tree.Node;
import dev.playbook.internal.tree.Node.Entry;
import dev.playbook.internal.tree.Node.ListNode;
import dev.playbook.internal.tree.Node.MapNode;
import dev.playbook.internal.tree.Node.Scalar;
import dev.playbook.internal.tree.Node.Scalar.Kind;
import dev.playbook.internal.tree.Pos;
import dev.playbook.internal.tree.Problems;
import dev.playbook.model.*;
import dev.playbook.model.DealField;
import dev.playbook.model.DealField.Part;
import dev.playbook.model.EnumIds;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Maps the tree of a deal file to {@link Deal}s, reporting every problem it finds. A deal with a
 * problem is left out, but the rest of the file is still read, so that one pass reports all. Across
 * deals it remembers deal ids, to report duplicates; use one mapper per file.
 */
public final class DealMapper {

  private static final List<String> DEAL_FIELDS = DealField.keys(Part.DEAL);
  private static final List<String> STAGE_CHANGE_FIELDS = DealField.keys(Part.STAGE_CHANGE);
  private static final List<String> CLOSE_DATE_CHANGE_FIELDS =
      DealField.keys(Part.CLOSE_DATE_CHANGE);
  private static final List<String> CONTACT_FIELDS = DealField.keys(Part.CONTACT);
  private static final List<String> ACTIVITY_FIELDS = DealField.keys(Part.ACTIVITY);
  private static final List<String> NEXT_STEP_FIELDS = DealField.keys(Part.NEXT_STEP);
  private static final List<String> EVIDENCE_FIELDS = DealField.keys(Part.EVIDENCE);
  private static final List<String> FEEDBACK_FIELDS = DealField.keys(Part.FEEDBACK);
  private static final Pattern FINDING_ID = Pattern.compile("[ag]-[0-9a-f]{16}");

  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final String DATE_TIME_EXAMPLE = "2026-11-02T10:15:00Z";
  private static final String DATE_EXAMPLE = "2026-11-02";

  private final Problems problems;
  private final Map<String, Pos> dealIds;

  /** Where each custom value of the latest deal mapped stands, by the field's name. */
  private final Map<String, Pos> customPositions = new LinkedHashMap<>();

  public DealMapper(Problems problems) {
    this(problems, new HashMap<>());
  }

  /**
   * A mapper that reports into {@code problems} and remembers deal ids in {@code dealIds}, which
   * mappers for the deals of one file share, so that each deal's problems can be kept apart.
   */
  public DealMapper(Problems problems, Map<String, Pos> dealIds) {
    this.problems = problems;
    this.dealIds = dealIds;
  }

  /** One item of the list at the top of a JSON or YAML file, which must be a deal. */
  public void item(Node item, Consumer<Deal> out) {
    if (item instanceof MapNode map) {
      emit(deal(map), out);
    } else {
      problems.add("wrong-type", item.pos(), "each deal must be a mapping, not " + item.describe());
    }
  }

  /** The top value of a JSON or YAML file: one deal, a list of deals, or nothing (empty YAML). */
  public void document(Node root, Consumer<Deal> out) {
    if (root instanceof MapNode map) {
      emit(deal(map), out);
    } else if (root instanceof ListNode list) {
      for (Node item : list.items()) {
        if (item instanceof MapNode map) {
          emit(deal(map), out);
        } else {
          problems.add(
              "wrong-type", item.pos(), "each deal must be a mapping, not " + item.describe());
        }
      }
    } else if (!(root instanceof Scalar s && s.kind() == Kind.NULL)) {
      problems.add(
          "wrong-type",
          root.pos(),
          "a deal file must hold a deal or a list of deals, not " + root.describe());
    }
  }

  /** One line of a JSON Lines file, which must be a deal. */
  public void line(Node root, Consumer<Deal> out) {
    if (root instanceof MapNode map) {
      emit(deal(map), out);
    } else {
      problems.add(
          "wrong-type",
          root.pos(),
          "each line must hold one deal (a JSON object), not " + root.describe());
    }
  }

  /**
   * Where the custom values of the deal mapped last stand in the file, by custom field name; for
   * located problems about those values, such as one of another type than a playbook declares.
   */
  public Map<String, Pos> customPositions() {
    return Map.copyOf(customPositions);
  }

  private static void emit(Deal deal, Consumer<Deal> out) {
    if (deal != null) {
      out.accept(deal);
    }
  }

  private Deal deal(MapNode map) {
    int before = problems.size();
    customPositions.clear();
    Fields f = new Fields(map, "a deal", "a deal field", DEAL_FIELDS);
    String id = f.requiredText("id");
    if (id != null) {
      Pos first = dealIds.putIfAbsent(id, f.pos("id"));
      if (first != null) {
        problems.add(
            "duplicate-id",
            f.pos("id"),
            "deal id '" + id + "' appears twice (first at line " + first.line() + ")");
      }
    }
    String stage = f.requiredText("stage");
    Map<String, Pos> contactIds = new LinkedHashMap<>();
    List<Contact> contacts = f.items("contacts", item -> contact(item, contactIds));
    Map<String, Pos> activityIds = new HashMap<>();
    List<Activity> activities =
        f.items("activities", item -> activity(item, activityIds, contactIds.keySet()));
    Deal.Builder deal =
        Deal.builder(id, stage)
            .name(f.text("name"))
            .account(f.text("account"))
            .owner(f.text("owner"))
            .team(f.text("team"))
            .segment(f.text("segment"))
            .stageHistory(f.items("stage_history", this::stageChange))
            .amount(f.number("amount", true))
            .currency(currency(f))
            .createdAt(f.instant("created_at"))
            .closeDate(f.date("close_date"))
            .closeDateHistory(f.items("close_date_history", this::closeDateChange))
            .leadSource(f.text("lead_source"))
            .mqlAt(f.instant("mql_at"))
            .sqlAt(f.instant("sql_at"))
            .assignedAt(f.instant("assigned_at"))
            .probability(probability(f))
            .forecastCategory(
                f.choice("forecast_category", ForecastCategory.class, "a forecast category"))
            .contacts(contacts)
            .activities(activities)
            .nextSteps(f.items("next_steps", this::nextStep))
            .evidence(evidence(f))
            .custom(custom(f))
            .feedback(f.items("feedback", this::feedback));
    if (problems.size() != before) {
      return null;
    }
    try {
      return deal.build();
    } catch (IllegalArgumentException | NullPointerException e) {
      // The checks above match the record's; this is a backstop with the record's own words.
      problems.add("invalid-value", map.pos(), String.valueOf(e.getMessage()));
      return null;
    }
  }

  private String currency(Fields f) {
    String text = f.text("currency");
    if (text == null) {
      return null;
    }
    if (!CURRENCY.matcher(text).matches()) {
      f.invalid("currency", "'currency' must be a three-letter code like USD, not '" + text + "'");
      return null;
    }
    return text.toUpperCase(Locale.ROOT);
  }

  private static BigDecimal probability(Fields f) {
    BigDecimal p = f.number("probability", false);
    if (p != null && (p.signum() < 0 || p.compareTo(HUNDRED) > 0)) {
      f.invalid(
          "probability",
          "'probability' must be between 0 and 100, not " + f.scalarText("probability"));
      return null;
    }
    return p;
  }

  private StageChange stageChange(MapNode map) {
    Fields f = new Fields(map, "a stage change", "a stage change field", STAGE_CHANGE_FIELDS);
    String stage = f.requiredText("stage");
    Instant enteredAt = f.required("entered_at") ? f.instant("entered_at") : null;
    return stage == null || enteredAt == null ? null : new StageChange(stage, enteredAt);
  }

  private CloseDateChange closeDateChange(MapNode map) {
    Fields f =
        new Fields(
            map, "a close date change", "a close date change field", CLOSE_DATE_CHANGE_FIELDS);
    LocalDate from = f.date("from");
    LocalDate to = f.required("to") ? f.date("to") : null;
    Instant changedAt = f.required("changed_at") ? f.instant("changed_at") : null;
    return to == null || changedAt == null ? null : new CloseDateChange(from, to, changedAt);
  }

  private Contact contact(MapNode map, Map<String, Pos> contactIds) {
    Fields f = new Fields(map, "a contact", "a contact field", CONTACT_FIELDS);
    String id = f.requiredText("id");
    if (id != null) {
      Pos first = contactIds.putIfAbsent(id, f.pos("id"));
      if (first != null) {
        problems.add(
            "duplicate-id",
            f.pos("id"),
            "contact id '"
                + id
                + "' appears twice in this deal (first at line "
                + first.line()
                + ")");
      }
    }
    Set<BuyingRole> roles = EnumSet.noneOf(BuyingRole.class);
    roles.addAll(f.choices("roles", BuyingRole.class, "a buying role"));
    Contact.Builder contact =
        Contact.builder(id)
            .name(f.text("name"))
            .title(f.text("title"))
            .roles(roles)
            .power(f.choice("power", Power.class, "a power level"))
            .responseMode(f.choice("response_mode", ResponseMode.class, "a response mode"))
            .lastEngagedAt(f.instant("last_engaged_at"))
            .primary(Boolean.TRUE.equals(f.flag("primary")));
    return id == null ? null : contact.build();
  }

  private Activity activity(MapNode map, Map<String, Pos> activityIds, Set<String> contactIds) {
    Fields f = new Fields(map, "an activity", "an activity field", ACTIVITY_FIELDS);
    String id = f.requiredText("id");
    if (id != null) {
      Pos first = activityIds.putIfAbsent(id, f.pos("id"));
      if (first != null) {
        problems.add(
            "duplicate-id",
            f.pos("id"),
            "activity id '"
                + id
                + "' appears twice in this deal (first at line "
                + first.line()
                + ")");
      }
    }
    ActivityType type =
        f.required("type") ? f.choice("type", ActivityType.class, "an activity type") : null;
    Instant occurredAt = f.required("occurred_at") ? f.instant("occurred_at") : null;
    List<String> contacts = new ArrayList<>();
    for (Scalar item : f.texts("contacts")) {
      if (contactIds.contains(item.text())) {
        contacts.add(item.text());
      } else {
        problems.add(
            "unknown-contact",
            item.pos(),
            (id == null ? "an activity" : "activity '" + id + "'")
                + " names contact '"
                + item.text()
                + "', which is not among this deal's contacts");
      }
    }
    Set<String> tags = new LinkedHashSet<>();
    for (Scalar item : f.texts("tags")) {
      tags.add(item.text());
    }
    Activity.Builder activity =
        Activity.builder(id, type, occurredAt)
            .direction(f.choice("direction", Direction.class, "a direction"))
            .contactIds(contacts)
            .outcome(f.choice("outcome", Outcome.class, "an outcome"))
            .tags(tags)
            .counts(counts(f))
            .durationMinutes(durationMinutes(f))
            .subject(longText(f, "subject", Activity.MAX_SUBJECT_LENGTH))
            .body(longText(f, "body", Activity.MAX_BODY_LENGTH));
    return id == null || type == null || occurredAt == null ? null : activity.build();
  }

  private Map<String, BigDecimal> counts(Fields f) {
    Map<String, BigDecimal> counts = new LinkedHashMap<>();
    MapNode map = f.mapping("counts");
    if (map == null) {
      return counts;
    }
    for (Entry e : map.entries().values()) {
      String where = "'" + e.key() + "' in 'counts'";
      if (!(e.value() instanceof Scalar s) || s.kind() != Kind.NUMBER) {
        problems.add(
            "wrong-type",
            e.value().pos(),
            where + " must be a number, not " + e.value().describe());
        continue;
      }
      BigDecimal n = decimal(s);
      if (n == null) {
        continue;
      }
      if (n.signum() < 0) {
        problems.add("invalid-value", s.pos(), where + " must be zero or more, not " + s.text());
        continue;
      }
      counts.put(e.key(), n);
    }
    return counts;
  }

  /** Text of at most {@code max} characters; blank is left out. */
  private static String longText(Fields f, String key, int max) {
    String text = f.text(key);
    if (text == null || text.isBlank()) {
      return null;
    }
    if (text.length() > max) {
      f.invalid(
          key,
          "'" + key + "' has " + text.length() + " characters, more than the " + max + " allowed");
      return null;
    }
    return text;
  }

  private static Integer durationMinutes(Fields f) {
    BigDecimal n = f.number("duration_minutes", false);
    if (n == null) {
      return null;
    }
    try {
      int minutes = n.intValueExact();
      if (minutes >= 0) {
        return minutes;
      }
    } catch (ArithmeticException e) {
      // not a whole number, or far too large: reported below
    }
    f.invalid(
        "duration_minutes",
        "'duration_minutes' must be a whole number of zero or more, not "
            + f.scalarText("duration_minutes"));
    return null;
  }

  private NextStep nextStep(MapNode map) {
    Fields f = new Fields(map, "a next step", "a next step field", NEXT_STEP_FIELDS);
    String title = f.requiredText("title");
    LocalDate due = f.date("due");
    String owner = f.text("owner");
    NextStepStatus status = f.choice("status", NextStepStatus.class, "a next step status");
    Boolean buyerCommitment = f.flag("buyer_commitment");
    if (title == null) {
      return null;
    }
    return new NextStep(
        title,
        due,
        owner,
        status == null ? NextStepStatus.OPEN : status,
        Boolean.TRUE.equals(buyerCommitment));
  }

  private Feedback feedback(MapNode map) {
    int before = problems.size();
    Fields f = new Fields(map, "a feedback entry", "a feedback field", FEEDBACK_FIELDS);
    String finding = f.text("finding");
    String rule = f.text("rule");
    String target = f.text("target");
    if (finding == null && rule == null) {
      problems.add(
          "missing-field", map.pos(), "a feedback entry needs 'finding' (a finding id) or 'rule'");
    } else if (finding != null && rule != null) {
      f.invalid("rule", "a feedback entry names its finding by 'finding' or by 'rule', not both");
    } else if (finding != null && !FINDING_ID.matcher(finding).matches()) {
      f.invalid(
          "finding", "finding '" + finding + "' is not a finding id such as a-3f9c0e2b7d41a6c8");
    }
    if (target != null && rule == null) {
      f.invalid("target", "'target' goes with 'rule', to name the contact of the action answered");
    }
    FeedbackResponse response =
        f.required("response")
            ? f.choice("response", FeedbackResponse.class, "a feedback response")
            : null;
    String reason = f.text("reason");
    String note = f.text("note");
    LocalDate until = f.date("until");
    WatchedField untilChanged =
        f.choice("until_changed", WatchedField.class, "a field a snooze can wait on");
    String by = f.requiredText("by");
    Instant at = f.required("at") ? f.instant("at") : null;
    if (response == FeedbackResponse.SNOOZED) {
      if (f.value("until") == null && f.value("until_changed") == null) {
        problems.add(
            "missing-field",
            map.pos(),
            "a snoozed feedback entry needs 'until' (the day it shows again) or 'until_changed'"
                + " (the field whose change brings it back)");
      } else if (f.value("until") != null && f.value("until_changed") != null) {
        f.invalid("until_changed", "a snooze gives 'until' or 'until_changed', not both");
      }
    } else if (response != null) {
      if (until != null) {
        f.invalid(
            "until", "'until' is only for a snoozed finding, not a " + response.id() + " one");
      }
      if (untilChanged != null) {
        f.invalid(
            "until_changed",
            "'until_changed' is only for a snoozed finding, not a " + response.id() + " one");
      }
    }
    if (response == FeedbackResponse.DISMISSED && (reason == null || reason.isBlank())) {
      problems.add("missing-field", map.pos(), "a dismissed feedback entry needs a 'reason'");
    }
    if (note != null && note.length() > Feedback.MAX_NOTE_CHARS) {
      f.invalid("note", "a note may hold at most " + Feedback.MAX_NOTE_CHARS + " characters");
    }
    if (problems.size() != before || response == null || by == null || at == null) {
      return null;
    }
    return new Feedback(finding, rule, target, response, reason, note, until, untilChanged, by, at);
  }

  private Map<String, Evidence> evidence(Fields f) {
    Map<String, Evidence> evidence = new LinkedHashMap<>();
    MapNode map = f.mapping("evidence");
    if (map == null) {
      return evidence;
    }
    for (Entry e : map.entries().values()) {
      if (e.key().isBlank()) {
        problems.add("invalid-value", e.keyPos(), "evidence keys must not be empty");
        continue;
      }
      if (!(e.value() instanceof MapNode entry)) {
        problems.add(
            "wrong-type",
            e.value().pos(),
            "'" + e.key() + "' in 'evidence' must be a mapping, not " + e.value().describe());
        continue;
      }
      Fields ef = new Fields(entry, "an evidence entry", "an evidence field", EVIDENCE_FIELDS);
      EvidenceStatus status =
          ef.required("status")
              ? ef.choice("status", EvidenceStatus.class, "an evidence status")
              : null;
      String text = ef.text("text");
      Instant updatedAt = ef.instant("updated_at");
      if (status != null) {
        evidence.put(e.key(), new Evidence(status, text, updatedAt));
      }
    }
    return evidence;
  }

  private Map<String, CustomValue> custom(Fields f) {
    Map<String, CustomValue> custom = new LinkedHashMap<>();
    MapNode map = f.mapping("custom");
    if (map == null) {
      return custom;
    }
    for (Entry e : map.entries().values()) {
      String where = "'" + e.key() + "' in 'custom'";
      if (e.key().isBlank()) {
        problems.add("invalid-value", e.keyPos(), "custom field names must not be empty");
        continue;
      }
      if (!(e.value() instanceof Scalar s)) {
        problems.add(
            "wrong-type",
            e.value().pos(),
            where + " must be text, a number, true/false or a date, not " + e.value().describe());
        continue;
      }
      customPositions.put(e.key(), s.pos());
      switch (s.kind()) {
        case NULL -> {
          // no value: the field is left out, as if it were not written
        }
        case BOOLEAN -> custom.put(e.key(), CustomValue.of(s.text().equalsIgnoreCase("true")));
        case NUMBER -> {
          BigDecimal n = decimal(s);
          if (n != null) {
            custom.put(e.key(), CustomValue.of(n));
          }
        }
        case STRING -> {
          if (DATE.matcher(s.text()).matches()) {
            LocalDate date = parseDate(s.text());
            if (date == null) {
              problems.add(
                  "invalid-value",
                  s.pos(),
                  where
                      + " looks like a date, but '"
                      + s.text()
                      + "' is not a day in the calendar");
            } else {
              custom.put(e.key(), CustomValue.of(date));
            }
          } else {
            custom.put(e.key(), CustomValue.of(s.text()));
          }
        }
      }
    }
    return custom;
  }

  /** The number a scalar the reader typed as a number holds; null, reported, if out of range. */
  private BigDecimal decimal(Scalar s) {
    try {
      return new BigDecimal(s.text());
    } catch (NumberFormatException e) {
      problems.add("invalid-value", s.pos(), "'" + s.text() + "' is too large a number");
      return null;
    }
  }

  /**
   * The one date-time parser of deal input: ISO 8601 with {@code Z} or an offset, or a day {@code
   * YYYY-MM-DD} (its start, UTC); null if neither.
   */
  public static Instant parseInstant(String text) {
    return parseInstant(text, List.of());
  }

  /**
   * Like {@link #parseInstant(String)}, then each of {@code formats} in turn; a format without an
   * offset reads in UTC, one without a time gives the start of the day.
   */
  public static Instant parseInstant(String text, List<DateTimeFormatter> formats) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      LocalDate date = parseDate(text);
      if (date != null) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
      }
    }
    for (DateTimeFormatter f : formats) {
      try {
        TemporalAccessor t =
            f.parseBest(text, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
        if (t instanceof OffsetDateTime o) {
          return o.toInstant();
        }
        if (t instanceof LocalDateTime l) {
          return l.toInstant(ZoneOffset.UTC);
        }
        return ((LocalDate) t).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (java.time.DateTimeException ignored) {
        // try the next format
      }
    }
    return null;
  }

  /** The day {@code YYYY-MM-DD} names; null if it is not one. */
  public static LocalDate parseDate(String text) {
    if (!DATE.matcher(text).matches()) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * A day: {@code YYYY-MM-DD}, else the UTC day of what {@link #parseInstant(String, List)} reads;
   * null if none fits.
   */
  public static LocalDate parseDay(String text, List<DateTimeFormatter> formats) {
    LocalDate date = parseDate(text);
    if (date != null) {
      return date;
    }
    Instant instant = parseInstant(text, formats);
    return instant == null ? null : LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }

  /** Reads the fields of one mapping, reporting each problem at the value or key concerned. */
  private final class Fields {
    private final MapNode map;
    private final String thing;

    /**
     * @param thing what the mapping describes, with its article: "a contact"
     * @param fieldNoun what its keys are, with the article: "a contact field"
     */
    Fields(MapNode map, String thing, String fieldNoun, List<String> known) {
      this.map = map;
      this.thing = thing;
      for (Entry e : map.entries().values()) {
        if (!known.contains(e.key())) {
          problems.add(
              "unknown-field",
              e.keyPos(),
              "'" + e.key() + "' is not " + fieldNoun + DidYouMean.hint(e.key(), known));
        }
      }
    }

    /** The value of {@code key}; null when the key is absent or its value is null. */
    Node value(String key) {
      Node n = map.get(key);
      return n instanceof Scalar s && s.kind() == Kind.NULL ? null : n;
    }

    Pos pos(String key) {
      Node n = map.get(key);
      return n == null ? map.pos() : n.pos();
    }

    String scalarText(String key) {
      return value(key) instanceof Scalar s ? s.text() : "";
    }

    /** True if {@code key} has a value; otherwise reports it missing. */
    boolean required(String key) {
      if (value(key) != null) {
        return true;
      }
      problems.add("missing-field", map.pos(), thing + " needs '" + key + "'");
      return false;
    }

    void invalid(String key, String message) {
      problems.add("invalid-value", pos(key), message);
    }

    private void wrongType(String key, Node n, String expected) {
      problems.add(
          "wrong-type", n.pos(), "'" + key + "' must be " + expected + ", not " + n.describe());
    }

    /** Text; a number is taken as written, since exports often write ids as numbers. */
    String text(String key) {
      Node n = value(key);
      if (n == null) {
        return null;
      }
      if (n instanceof Scalar s && (s.kind() == Kind.STRING || s.kind() == Kind.NUMBER)) {
        return s.text();
      }
      wrongType(key, n, "a string");
      return null;
    }

    /** Text that must be present and not blank. */
    String requiredText(String key) {
      if (!required(key)) {
        return null;
      }
      String text = text(key);
      if (text != null && text.isBlank()) {
        invalid(key, "'" + key + "' must not be empty");
        return null;
      }
      return text;
    }

    BigDecimal number(String key, boolean zeroOrMore) {
      Node n = value(key);
      if (n == null) {
        return null;
      }
      if (!(n instanceof Scalar s) || s.kind() != Kind.NUMBER) {
        wrongType(key, n, "a number");
        return null;
      }
      BigDecimal value = decimal(s);
      if (value == null) {
        return null;
      }
      if (zeroOrMore && value.signum() < 0) {
        invalid(key, "'" + key + "' must be zero or more, not " + s.text());
        return null;
      }
      return value;
    }

    Boolean flag(String key) {
      Node n = value(key);
      if (n == null) {
        return null;
      }
      if (!(n instanceof Scalar s) || s.kind() != Kind.BOOLEAN) {
        wrongType(key, n, "true or false");
        return null;
      }
      return s.text().equalsIgnoreCase("true");
    }

    Instant instant(String key) {
      Node n = value(key);
      if (n == null) {
        return null;
      }
      String expected = "a date-time like " + DATE_TIME_EXAMPLE;
      if (!(n instanceof Scalar s) || s.kind() != Kind.STRING) {
        wrongType(key, n, expected);
        return null;
      }
      Instant instant = parseInstant(s.text());
      if (instant == null) {
        invalid(key, "'" + key + "' must be " + expected + ", not '" + s.text() + "'");
      }
      return instant;
    }

    LocalDate date(String key) {
      Node n = value(key);
      if (n == null) {
        return null;
      }
      String expected = "a date like " + DATE_EXAMPLE;
      if (!(n instanceof Scalar s) || s.kind() != Kind.STRING) {
        wrongType(key, n, expected);
        return null;
      }
      LocalDate date = parseDate(s.text());
      if (date == null) {
        invalid(key, "'" + key + "' must be " + expected + ", not '" + s.text() + "'");
      }
      return date;
    }

    <E extends Enum<E>> E choice(String key, Class<E> type, String noun) {
      Node n = value(key);
      if (n == null) {
        return null;
      }
      if (!(n instanceof Scalar s) || s.kind() != Kind.STRING) {
        wrongType(key, n, noun);
        return null;
      }
      return parseChoice("'" + key + "' is '", s, type, noun);
    }

    <E extends Enum<E>> List<E> choices(String key, Class<E> type, String noun) {
      List<E> result = new ArrayList<>();
      for (Scalar s : texts(key)) {
        E e = parseChoice("'" + key + "' has '", s, type, noun);
        if (e != null) {
          result.add(e);
        }
      }
      return result;
    }

    private <E extends Enum<E>> E parseChoice(String lead, Scalar s, Class<E> type, String noun) {
      E e = EnumIds.parse(type, s.text()).orElse(null);
      if (e == null) {
        List<String> ids = EnumIds.ids(type);
        problems.add(
            "invalid-value",
            s.pos(),
            lead
                + s.text()
                + "', which is not "
                + noun
                + DidYouMean.hint(EnumIds.normalize(s.text()), ids)
                + "; known: "
                + String.join(", ", ids));
      }
      return e;
    }

    /** The items of a list of text (numbers taken as written); others are reported. */
    List<Scalar> texts(String key) {
      List<Scalar> result = new ArrayList<>();
      for (Node item : list(key)) {
        if (item instanceof Scalar s && (s.kind() == Kind.STRING || s.kind() == Kind.NUMBER)) {
          result.add(s);
        } else {
          problems.add(
              "wrong-type",
              item.pos(),
              "each item of '" + key + "' must be a string, not " + item.describe());
        }
      }
      return result;
    }

    /** The mapped items of a list of mappings; items that fail to map are left out. */
    <T> List<T> items(String key, java.util.function.Function<MapNode, T> mapper) {
      List<T> result = new ArrayList<>();
      for (Node item : list(key)) {
        if (item instanceof MapNode m) {
          T t = mapper.apply(m);
          if (t != null) {
            result.add(t);
          }
        } else {
          problems.add(
              "wrong-type",
              item.pos(),
              "each item of '" + key + "' must be a mapping, not " + item.describe());
        }
      }
      return result;
    }

    private List<Node> list(String key) {
      Node n = value(key);
      if (n == null) {
        return List.of();
      }
      if (n instanceof ListNode list) {
        return list.items();
      }
      wrongType(key, n, "a list");
      return List.of();
    }

    MapNode mapping(String key) {
      Node n = value(key);
      if (n == null) {
        return null;
      }
      if (n instanceof MapNode m) {
        return m;
      }
      wrongType(key, n, "a mapping");
      return null;
    }
  }
}
