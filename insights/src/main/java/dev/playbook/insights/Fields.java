package dev.playbook.insights;

import dev.playbook.model.CustomValue;
import dev.playbook.model.Deal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** The fields a breakdown can group by, read from a deal by their own names. */
final class Fields {

  static final List<String> NAMES =
      List.of(
          "owner",
          "team",
          "segment",
          "lead_source",
          "stage",
          "account",
          "currency",
          "forecast_category",
          "deal_size",
          "cohort");

  static final String CUSTOM = "custom.";

  private Fields() {}

  static boolean known(String field) {
    return NAMES.contains(field)
        || (field.startsWith(CUSTOM)
            && field.length() > CUSTOM.length()
            && field.length() <= 100
            && field.substring(CUSTOM.length()).chars().allMatch(Fields::nameChar));
  }

  private static boolean nameChar(int c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  }

  /** The deal's value of {@code field}, or null when it has none. */
  static String value(Deal deal, String field, Buckets buckets) {
    return switch (field) {
      case "owner" -> blank(deal.owner());
      case "team" -> blank(deal.team());
      case "segment" -> blank(deal.segment());
      case "lead_source" -> blank(deal.leadSource());
      case "stage" -> deal.stage();
      case "account" -> blank(deal.account());
      case "currency" -> blank(deal.currency());
      case "forecast_category" ->
          deal.forecastCategory() == null ? null : deal.forecastCategory().id();
      case "deal_size" ->
          deal.amount() == null ? null : buckets.amountBucket(deal.amount().doubleValue());
      case "cohort" -> cohort(deal);
      case "amount" -> deal.amount() == null ? null : deal.amount().toPlainString();
      default -> custom(deal, field.substring(CUSTOM.length()));
    };
  }

  /** The quarter the deal was created in, such as {@code 2024-Q3}, or null without a date. */
  static String cohort(Deal deal) {
    java.time.Instant start = FindingsTally.start(deal);
    if (start == null) {
      return null;
    }
    LocalDate d = LocalDate.ofInstant(start, ZoneOffset.UTC);
    return d.getYear() + "-Q" + ((d.getMonthValue() - 1) / 3 + 1);
  }

  static String custom(Deal deal, String name) {
    CustomValue v = deal.custom().get(name);
    if (v == null) {
      return null;
    }
    if (v instanceof CustomValue.Text t) {
      return blank(t.value());
    } else if (v instanceof CustomValue.Number n) {
      return n.value().toPlainString();
    } else if (v instanceof CustomValue.Flag f) {
      return String.valueOf(f.value());
    }
    return ((CustomValue.Date) v).value().toString();
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
