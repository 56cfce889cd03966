package dev.playbook.model;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One field of the deal file format ({@code docs/deal-facts.md}): its key, type, whether it is
 * required, the ids of a choice, and what it means. This table is the one place the deal vocabulary
 * is written down; the deal reader takes its keys from it, and tests check the JSON Schema ({@code
 * deal.schema.json}), the CSV mapping's fields, the streams JSON and the docs page against it.
 *
 * <pre>{@code
 * for (DealField f : DealField.of(DealField.Part.CONTACT)) {
 *   System.out.println(f.key() + ": " + f.typeWords());   // "roles: list of choices"
 * }
 * }</pre>
 *
 * @param part the record the field belongs to
 * @param key the key as written in deal files, in snake_case
 * @param type the type of the value, or of each item when {@code list} is true
 * @param list whether the value is a list of {@code type}
 * @param required whether a deal file must give it
 * @param choices the ids a {@link Type#CHOICE} accepts, in declaration order; empty otherwise
 * @param items the part each item or value is, for {@link Type#RECORD} and {@link Type#MAPPING} of
 *     records; null otherwise
 * @param notes what the field means, as the docs page says it; may be empty
 */
public record DealField(
    Part part,
    String key,
    Type type,
    boolean list,
    boolean required,
    List<String> choices,
    Part items,
    String notes) {

  /** The records of the format. */
  public enum Part {
    DEAL("a deal", "Deal"),
    STAGE_CHANGE("a stage change", "Stage change"),
    CLOSE_DATE_CHANGE("a close date change", "Close date change"),
    CONTACT("a contact", "Contact"),
    ACTIVITY("an activity", "Activity"),
    NEXT_STEP("a next step", "Next step"),
    EVIDENCE("an evidence entry", "Evidence entry"),
    FEEDBACK("a feedback entry", "Feedback entry");

    private final String noun;
    private final String title;

    Part(String noun, String title) {
      this.noun = noun;
      this.title = title;
    }

    /** The record with its article, for messages: "a close date change". */
    public String noun() {
      return noun;
    }

    /** The record's heading on the docs page: "Close date change". */
    public String title() {
      return title;
    }
  }

  /** The type of a value. */
  public enum Type {
    /** A string; a number is taken as written. */
    TEXT,
    /** A number. */
    NUMBER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** A day: {@code YYYY-MM-DD}. */
    DATE,
    /** An instant: ISO 8601 with {@code Z} or an offset, or a day (its start, UTC). */
    DATE_TIME,
    /** One of {@link DealField#choices()}. */
    CHOICE,
    /** A record of the format, {@link DealField#items()}. */
    RECORD,
    /** A mapping from names to values; see {@link DealField#notes()}. */
    MAPPING;

    /** The type's word on the docs page: "date-time". */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  public DealField {
    requireNonNull(part, "part");
    requireNonNull(key, "key");
    requireNonNull(type, "type");
    choices = List.copyOf(choices);
    requireNonNull(notes, "notes");
    checkArgument(
        (type == Type.CHOICE) == !choices.isEmpty(),
        "field %s: a choice lists its ids, and only a choice does",
        key);
    checkArgument(
        (type == Type.RECORD) == (items != null) || type == Type.MAPPING,
        "field %s: a record names its part, and only a record or a mapping does",
        key);
  }

  private static final List<DealField> ALL =
      List.of(
          // a deal
          text(Part.DEAL, "id", true, "unique in the file"),
          text(Part.DEAL, "stage", true, "the current stage, as the playbook names it"),
          text(Part.DEAL, "name", false, ""),
          text(Part.DEAL, "account", false, "the buying company"),
          text(Part.DEAL, "owner", false, "the rep who owns the deal"),
          text(Part.DEAL, "team", false, ""),
          text(Part.DEAL, "segment", false, "such as `smb`, `mid_market`, `enterprise`"),
          records(Part.DEAL, "stage_history", Part.STAGE_CHANGE, "see below"),
          scalar(Part.DEAL, "amount", Type.NUMBER, false, "zero or more"),
          text(Part.DEAL, "currency", false, "three letters, such as `EUR`; read in upper case"),
          scalar(Part.DEAL, "created_at", Type.DATE_TIME, false, ""),
          scalar(Part.DEAL, "close_date", Type.DATE, false, "expected close date"),
          records(Part.DEAL, "close_date_history", Part.CLOSE_DATE_CHANGE, "see below"),
          text(Part.DEAL, "lead_source", false, ""),
          scalar(Part.DEAL, "mql_at", Type.DATE_TIME, false, "marketing-qualified at"),
          scalar(Part.DEAL, "sql_at", Type.DATE_TIME, false, "sales-qualified at"),
          scalar(Part.DEAL, "assigned_at", Type.DATE_TIME, false, "assigned to the owner at"),
          scalar(
              Part.DEAL, "probability", Type.NUMBER, false, "win probability in percent, 0 to 100"),
          choice(Part.DEAL, "forecast_category", ForecastCategory.class, false, false, ""),
          records(Part.DEAL, "contacts", Part.CONTACT, "see below"),
          records(Part.DEAL, "activities", Part.ACTIVITY, "see below"),
          records(Part.DEAL, "next_steps", Part.NEXT_STEP, "see below"),
          new DealField(
              Part.DEAL,
              "evidence",
              Type.MAPPING,
              false,
              false,
              List.of(),
              Part.EVIDENCE,
              "keys such as `meddic.metrics`; see below"),
          new DealField(
              Part.DEAL,
              "custom",
              Type.MAPPING,
              false,
              false,
              List.of(),
              null,
              "your own fields; see below"),
          records(Part.DEAL, "feedback", Part.FEEDBACK, "reps' responses to findings; see below"),
          // a stage change
          text(Part.STAGE_CHANGE, "stage", true, ""),
          scalar(Part.STAGE_CHANGE, "entered_at", Type.DATE_TIME, true, ""),
          // a close date change
          scalar(
              Part.CLOSE_DATE_CHANGE,
              "from",
              Type.DATE,
              false,
              "the close date before; leave out for the first one"),
          scalar(Part.CLOSE_DATE_CHANGE, "to", Type.DATE, true, "the close date after"),
          scalar(Part.CLOSE_DATE_CHANGE, "changed_at", Type.DATE_TIME, true, ""),
          // a contact
          text(Part.CONTACT, "id", true, "unique in the deal; activities name contacts by it"),
          text(Part.CONTACT, "name", false, ""),
          text(Part.CONTACT, "title", false, "job title"),
          choice(Part.CONTACT, "roles", BuyingRole.class, true, false, ""),
          choice(Part.CONTACT, "power", Power.class, false, false, ""),
          choice(Part.CONTACT, "response_mode", ResponseMode.class, false, false, ""),
          scalar(Part.CONTACT, "last_engaged_at", Type.DATE_TIME, false, ""),
          scalar(
              Part.CONTACT,
              "primary",
              Type.BOOLEAN,
              false,
              "the CRM's primary contact of the deal; `false` if left out"),
          // an activity
          text(Part.ACTIVITY, "id", true, "unique in the deal"),
          choice(Part.ACTIVITY, "type", ActivityType.class, false, true, ""),
          scalar(Part.ACTIVITY, "occurred_at", Type.DATE_TIME, true, ""),
          choice(Part.ACTIVITY, "direction", Direction.class, false, false, ""),
          texts(Part.ACTIVITY, "contacts", "ids of this deal's contacts"),
          choice(Part.ACTIVITY, "outcome", Outcome.class, false, false, ""),
          texts(Part.ACTIVITY, "tags", "free labels such as `reframe`; duplicates count once"),
          new DealField(
              Part.ACTIVITY,
              "counts",
              Type.MAPPING,
              false,
              false,
              List.of(),
              null,
              "named counts, zero or more, such as `implication_questions: 3`"),
          scalar(
              Part.ACTIVITY,
              "duration_minutes",
              Type.NUMBER,
              false,
              "a whole number, zero or more"),
          text(
              Part.ACTIVITY,
              "subject",
              false,
              "the subject or title, at most " + Activity.MAX_SUBJECT_LENGTH + " characters"),
          text(
              Part.ACTIVITY,
              "body",
              false,
              "the text of the e-mail, note, call notes or task, at most "
                  + Activity.MAX_BODY_LENGTH
                  + " characters; analysed for tracker hits, not read by conditions"),
          // a next step
          text(Part.NEXT_STEP, "title", true, ""),
          scalar(Part.NEXT_STEP, "due", Type.DATE, false, ""),
          text(Part.NEXT_STEP, "owner", false, ""),
          choice(
              Part.NEXT_STEP, "status", NextStepStatus.class, false, false, "`open` if left out"),
          scalar(Part.NEXT_STEP, "buyer_commitment", Type.BOOLEAN, false, "`false` if left out"),
          // an evidence entry
          choice(Part.EVIDENCE, "status", EvidenceStatus.class, false, true, ""),
          text(Part.EVIDENCE, "text", false, "what was found"),
          scalar(Part.EVIDENCE, "updated_at", Type.DATE_TIME, false, ""),
          // a feedback entry
          text(
              Part.FEEDBACK,
              "finding",
              false,
              "a finding id such as `a-3f9c0e2b7d41a6c8`; or `rule`"),
          text(Part.FEEDBACK, "rule", false, "the rule whose findings it answers; or `finding`"),
          text(Part.FEEDBACK, "target", false, "with `rule`: the contact an action is aimed at"),
          choice(Part.FEEDBACK, "response", FeedbackResponse.class, false, true, ""),
          text(Part.FEEDBACK, "reason", false, "a dismissal's reason; required for `dismissed`"),
          text(Part.FEEDBACK, "note", false, "free text, at most 2000 characters"),
          scalar(Part.FEEDBACK, "until", Type.DATE, false, "a snooze: the first day shown again"),
          choice(
              Part.FEEDBACK,
              "until_changed",
              WatchedField.class,
              false,
              false,
              "a snooze: shown again once this deal field changes"),
          text(Part.FEEDBACK, "by", true, "who answered"),
          scalar(Part.FEEDBACK, "at", Type.DATE_TIME, true, "when they answered"));

  /** The fields of {@code part}, in the order of the format. */
  public static List<DealField> of(Part part) {
    requireNonNull(part, "part");
    return ALL.stream().filter(f -> f.part == part).toList();
  }

  /** The field {@code key} of {@code part}, if there is one. */
  public static Optional<DealField> find(Part part, String key) {
    return ALL.stream().filter(f -> f.part == part && f.key.equals(key)).findFirst();
  }

  /** The keys of {@code part}'s fields, in the order of the format. */
  public static List<String> keys(Part part) {
    return of(part).stream().map(DealField::key).toList();
  }

  /**
   * The type as the docs page writes it: "text", "list of choices", "list of stage changes",
   * "mapping of evidence entries".
   */
  public String typeWords() {
    if (type == Type.MAPPING) {
      return switch (key) {
        case "evidence" -> "mapping of evidence entries";
        case "custom" -> "mapping of custom values";
        default -> "mapping of numbers";
      };
    }
    if (!list) {
      return type == Type.RECORD ? items.title().toLowerCase(java.util.Locale.ROOT) : type.word();
    }
    return switch (type) {
      case TEXT -> "list of text";
      case CHOICE -> "list of choices";
      case RECORD -> "list of " + plural(items);
      default -> "list of " + type.word() + "s";
    };
  }

  private static String plural(Part part) {
    return switch (part) {
      case ACTIVITY -> "activities";
      case EVIDENCE -> "evidence entries";
      case FEEDBACK -> "feedback entries";
      default -> part.title().toLowerCase(java.util.Locale.ROOT) + "s";
    };
  }

  private static DealField text(Part part, String key, boolean required, String notes) {
    return scalar(part, key, Type.TEXT, required, notes);
  }

  private static DealField texts(Part part, String key, String notes) {
    return new DealField(part, key, Type.TEXT, true, false, List.of(), null, notes);
  }

  private static DealField scalar(
      Part part, String key, Type type, boolean required, String notes) {
    return new DealField(part, key, type, false, required, List.of(), null, notes);
  }

  private static DealField records(Part part, String key, Part items, String notes) {
    return new DealField(part, key, Type.RECORD, true, false, List.of(), items, notes);
  }

  private static <E extends Enum<E>> DealField choice(
      Part part, String key, Class<E> type, boolean list, boolean required, String notes) {
    return new DealField(
        part,
        key,
        Type.CHOICE,
        list,
        required,
        Arrays.stream(type.getEnumConstants()).map(EnumIds::id).toList(),
        null,
        notes);
  }
}
