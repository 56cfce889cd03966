package dev.playbook;

import static java.util.Objects.requireNonNull;

import dev.playbook.internal.facts.DealMapper;
import dev.playbook.internal.tree.DidYouMean;
import dev.playbook.model.CustomValue;
import dev.playbook.model.Deal;
import dev.playbook.model.DealField;
import dev.playbook.model.DealField.Part;
import dev.playbook.model.EnumIds;
import dev.playbook.model.ForecastCategory;
import dev.playbook.model.NextStep;
import dev.playbook.model.StageChange;
import dev.playbook.problem.Problem;
import dev.playbook.result.DealRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A deal built from field values written as text, such as the cells of a spreadsheet row: the
 * reader of a tabular export names the deal field of each value and where it stands, and gets a
 * {@link DealRecord} back: the deal, or every problem with the row, each located at the value's
 * column and its message starting with the value's label.
 *
 * <p>Text is read as the deal file format reads it ({@code docs/deal-facts.md}): dates and
 * date-times in ISO 8601 (then the extra {@link Builder#dateFormats date formats}), choices by
 * their ids ignoring case, spaces and {@code -}; numbers may have {@code ,} thousands separators.
 *
 * <pre>{@code
 * DealRecord row = DealRow.builder("pipeline.csv", 3)
 *     .put("id", "D-1", 1, "column 'id'")
 *     .put("stage", "proposal", 2, "column 'stage'")
 *     .put("amount", "48,000.00", 3, "column 'amount'")
 *     .build();
 * }</pre>
 */
public final class DealRow {

  private static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");

  private DealRow() {}

  /** A row starting on line {@code line} (1-based) of {@code file}. */
  public static Builder builder(String file, int line) {
    return new Builder(file, line);
  }

  /** The fields a text value can fill: the deal's fields that hold one text, number or date. */
  public static List<String> fields() {
    return DealField.of(Part.DEAL).stream()
        .filter(f -> !f.list() && f.type() != DealField.Type.MAPPING)
        .map(DealField::key)
        .toList();
  }

  /** Collects the values of one row; not thread-safe, one per row. */
  public static final class Builder {
    private final String file;
    private final int line;
    private final List<Problem> problems = new ArrayList<>();
    private final List<StageChange> history = new ArrayList<>();
    private List<DateTimeFormatter> formats = List.of();
    private String formatsName = "the given";
    private String id;
    private String stage;

    private final Deal.Builder deal = Deal.builder("-", "-");

    private Builder(String file, int line) {
      this.file = requireNonNull(file, "file");
      this.line = line;
    }

    /**
     * Date formats tried after ISO 8601, such as {@code M/d/yyyy}; {@code whose} names them in
     * problems: "is not a date in {@code whose} date formats".
     */
    public Builder dateFormats(List<DateTimeFormatter> formats, String whose) {
      this.formats = List.copyOf(formats);
      this.formatsName = requireNonNull(whose, "whose");
      return this;
    }

    /**
     * The value of deal field {@code key} (one of {@link DealRow#fields()}); a blank value is left
     * out. {@code column} (1-based, 0 if unknown) locates problems, and {@code label} starts their
     * messages, such as {@code column 'Amount'}.
     *
     * @throws IllegalArgumentException if {@code key} is not one of {@link DealRow#fields()}
     */
    public Builder put(String key, String text, int column, String label) {
      requireNonNull(key, "key");
      DealField field =
          DealField.find(Part.DEAL, key)
              .filter(f -> fields().contains(f.key()))
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "'"
                              + key
                              + "' is not a deal field a text value can fill; they are: "
                              + String.join(", ", fields())));
      if (text == null || text.isBlank()) {
        return this;
      }
      Value v = new Value(text.strip(), column, label);
      switch (key) {
        case "id" -> id = v.text;
        case "stage" -> stage = v.text;
        case "name" -> deal.name(v.text);
        case "account" -> deal.account(v.text);
        case "owner" -> deal.owner(v.text);
        case "team" -> deal.team(v.text);
        case "segment" -> deal.segment(v.text);
        case "lead_source" -> deal.leadSource(v.text);
        case "currency" -> deal.currency(currency(v));
        case "amount" -> deal.amount(number(v));
        case "probability" -> deal.probability(number(v));
        case "created_at" -> deal.createdAt(instant(v));
        case "mql_at" -> deal.mqlAt(instant(v));
        case "sql_at" -> deal.sqlAt(instant(v));
        case "assigned_at" -> deal.assignedAt(instant(v));
        case "close_date" -> deal.closeDate(day(v));
        case "forecast_category" -> deal.forecastCategory(forecastCategory(v, field));
        default -> throw new IllegalStateException("no reading for deal field " + key);
      }
      return this;
    }

    /**
     * Custom field {@code name} of {@code type} ({@code text}, {@code number}, {@code date} or
     * {@code boolean}: true/false or 1/0); a blank value is left out.
     */
    public Builder putCustom(String name, String type, String text, int column, String label) {
      requireNonNull(name, "name");
      requireNonNull(type, "type");
      if (text == null || text.isBlank()) {
        return this;
      }
      Value v = new Value(text.strip(), column, label);
      CustomValue value =
          switch (type) {
            case "text" -> CustomValue.of(v.text);
            case "number" -> {
              BigDecimal n = number(v);
              yield n == null ? null : CustomValue.of(n);
            }
            case "date" -> {
              LocalDate d = day(v);
              yield d == null ? null : CustomValue.of(d);
            }
            case "boolean" -> {
              String t = v.text.toLowerCase(Locale.ROOT);
              if (!t.equals("true") && !t.equals("false") && !t.equals("1") && !t.equals("0")) {
                problem(v, "invalid-value", "'" + v.text + "' is not true or false");
                yield null;
              }
              yield CustomValue.of(t.equals("true") || t.equals("1"));
            }
            default ->
                throw new IllegalArgumentException(
                    "custom type '" + type + "' must be text, number, date or boolean");
          };
      if (value != null) {
        deal.putCustom(name, value);
      }
      return this;
    }

    /** That the deal entered {@code stage} at the date or date-time {@code text}. */
    public Builder addStageChange(String stage, String text, int column, String label) {
      requireNonNull(stage, "stage");
      if (text == null || text.isBlank()) {
        return this;
      }
      Instant at = instant(new Value(text.strip(), column, label));
      if (at != null) {
        history.add(new StageChange(stage, at));
      }
      return this;
    }

    /** An open next step titled {@code title}, without a due date; a blank title is left out. */
    public Builder addNextStep(String title) {
      if (title != null && !title.isBlank()) {
        deal.addNextStep(NextStep.open(title.strip(), null));
      }
      return this;
    }

    /** A problem found with the row by its reader, such as an unknown stage name. */
    public Builder problem(String code, int column, String label, String message) {
      problems.add(
          new Problem(
              code, file, line, Math.max(column, line == 0 ? 0 : 1), prefix(label) + message));
      return this;
    }

    /** The deal, or every problem found; the stage history is ordered by time. */
    public DealRecord build() {
      if (problems.isEmpty() && (id == null || stage == null)) {
        // the reader reports an empty id or stage itself, where it knows the column
        problems.add(
            new Problem(
                "missing-field",
                file,
                line,
                line == 0 ? 0 : 1,
                "a deal needs '" + (id == null ? "id" : "stage") + "'"));
      }
      if (!problems.isEmpty()) {
        return DealRecord.bad(file, line, problems);
      }
      history.sort(Comparator.comparing(StageChange::enteredAt));
      try {
        return DealRecord.of(file, line, deal.id(id).stage(stage).stageHistory(history).build());
      } catch (IllegalArgumentException | NullPointerException e) {
        // the deal's own checks, such as a negative amount or a probability over 100
        return DealRecord.bad(
            file,
            line,
            List.of(
                new Problem(
                    "invalid-value",
                    file,
                    line,
                    line == 0 ? 0 : 1,
                    String.valueOf(e.getMessage()))));
      }
    }

    private String currency(Value v) {
      if (!CURRENCY.matcher(v.text).matches()) {
        problem(
            v, "invalid-value", "'" + v.text + "' is not a three-letter currency code like USD");
        return null;
      }
      return v.text.toUpperCase(Locale.ROOT);
    }

    private BigDecimal number(Value v) {
      try {
        return new BigDecimal(v.text.replace(",", ""));
      } catch (NumberFormatException e) {
        problem(v, "invalid-value", "'" + v.text + "' is not a number");
        return null;
      }
    }

    private Instant instant(Value v) {
      Instant i = DealMapper.parseInstant(v.text, formats);
      if (i == null) {
        notADate(v);
      }
      return i;
    }

    private LocalDate day(Value v) {
      LocalDate d = DealMapper.parseDay(v.text, formats);
      if (d == null) {
        notADate(v);
      }
      return d;
    }

    private void notADate(Value v) {
      problem(
          v,
          "invalid-value",
          "'"
              + v.text
              + "' is not a date"
              + (formats.isEmpty() ? " (YYYY-MM-DD)" : " in " + formatsName + " date formats"));
    }

    private ForecastCategory forecastCategory(Value v, DealField field) {
      ForecastCategory c = EnumIds.parse(ForecastCategory.class, v.text).orElse(null);
      if (c == null) {
        problem(
            v,
            "invalid-value",
            "'"
                + v.text
                + "' is not a forecast category"
                + DidYouMean.hint(EnumIds.normalize(v.text), field.choices())
                + "; known: "
                + String.join(", ", field.choices()));
      }
      return c;
    }

    private void problem(Value v, String code, String message) {
      problem(code, v.column, v.label, message);
    }

    private static String prefix(String label) {
      return label == null || label.isEmpty() ? "" : label + ": ";
    }
  }

  private record Value(String text, int column, String label) {}
}
