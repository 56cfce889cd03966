package dev.playbook.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.IllformedLocaleException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option value converters; each failure message names the value and what was expected. */
final class Converters {

  private Converters() {}

  /** A date ({@code 2026-11-20}, the start of that day in UTC) or an ISO instant. */
  static final class AsOf implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      Instant at;
      try {
        at = LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException notADate) {
        try {
          at = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notAnInstant) {
          throw new TypeConversionException(
              "'"
                  + Visible.line(value)
                  + "' is not a date such as 2026-11-20"
                  + " or an instant such as 2026-11-20T09:00:00Z");
        }
      }
      if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
        throw new TypeConversionException(
            "'" + value + "' is outside the years 1 to 9999 that deals can be" + " evaluated at");
      }
      return at;
    }

    /** The range {@code Playbook.evaluate} accepts. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
  }

  /** A BCP 47 language tag such as {@code en} or {@code zh-CN}. */
  static final class LanguageTag implements ITypeConverter<Locale> {
    @Override
    public Locale convert(String value) {
      try {
        Locale locale = new Locale.Builder().setLanguageTag(value).build();
        if (!locale.getLanguage().isEmpty()) {
          return locale;
        }
      } catch (IllformedLocaleException e) {
        // reported below
      }
      throw new TypeConversionException(
          "'" + value + "' is not a language tag such as en or zh-CN");
    }
  }

  /** {@code text} or {@code json}. */
  static final class FormatName implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      return Format.parse(value)
          .orElseThrow(
              () ->
                  new TypeConversionException(
                      "'" + value + "' is not an output format; use text or json"));
    }
  }

  /** {@code file} or {@code worst-first}. */
  static final class SortOrder implements ITypeConverter<EvaluateCommand.DealOrder> {
    @Override
    public EvaluateCommand.DealOrder convert(String value) {
      for (EvaluateCommand.DealOrder o : EvaluateCommand.DealOrder.values()) {
        if (o.id.equals(value)) {
          return o;
        }
      }
      throw new TypeConversionException(
          "'" + value + "' is not an order of deals; use file or worst-first");
    }
  }
}
