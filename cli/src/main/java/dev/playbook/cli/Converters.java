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
      try {
        return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException notADate) {
        try {
          return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notAnInstant) {
          throw new TypeConversionException("'" + value + "' is not a date such as 2026-11-20"
              + " or an instant such as 2026-11-20T09:00:00Z");
        }
      }
    }
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
      throw new TypeConversionException("'" + value + "' is not a language tag such as en or zh-CN");
    }
  }

  /** {@code text} or {@code json}. */
  static final class FormatName implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      return Format.parse(value).orElseThrow(
          () -> new TypeConversionException("'" + value + "' is not an output format; use text or json"));
    }
  }
}
