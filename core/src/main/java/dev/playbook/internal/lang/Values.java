package dev.playbook.internal.lang;

import dev.playbook.model.Activity;
import dev.playbook.model.CloseDateChange;
import dev.playbook.model.Contact;
import dev.playbook.model.NextStep;
import dev.playbook.model.StageChange;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Collection;
import java.util.stream.Collectors;

/** Formats values for people: in messages, templates and explanations. */
public final class Values {

  private Values() {}

  public static String format(Object v, Type type, Env env) {
    return format(v, type, env, null);
  }

  /**
   * As {@link #format(Object, Type, Env)}, for a text in {@code locale} (null for explanations):
   * stages show their title in {@code locale} if the playbook has one; numbers group their
   * thousands as reports print amounts ({@code 900,000}); in Chinese, evidence statuses, spans and
   * a missing value are written in Chinese, and dates as {@code 2026年11月20日}.
   */
  public static String format(Object v, Type type, Env env, java.util.Locale locale) {
    boolean chinese = locale != null && locale.getLanguage().equals("zh");
    if (v == null) {
      return chinese ? "缺失" : "missing";
    }
    if (chinese && type == Schema.EVIDENCE_STATUS) {
      String id = Schema.EVIDENCE_STATUS.idOf(v);
      return switch (id) {
        case "confirmed" -> "已确认";
        case "partial" -> "部分确认";
        case "unknown" -> "未知";
        default -> id;
      };
    }
    if (chinese && v instanceof Span span) {
      return chinese(span);
    }
    if (locale != null && v instanceof Double d && Math.abs(d) >= 1000 && !d.isInfinite()) {
      return grouped(d);
    }
    if (v instanceof String text) {
      return text;
    }
    if (type == Type.Basic.STAGE && v instanceof Integer i) {
      return locale == null ? env.stageName(i) : env.stageTitle(i, locale);
    }
    if (type instanceof Type.Choice e) {
      return e.idOf(v);
    }
    if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        return d.isNaN() ? "not a number" : d > 0 ? "infinity" : "-infinity";
      }
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return Long.toString(d.longValue());
      }
      return new java.math.BigDecimal(d)
          .setScale(2, java.math.RoundingMode.HALF_UP)
          .stripTrailingZeros()
          .toPlainString();
    }
    if (v instanceof Instant t) {
      // a date at midnight UTC reads as the date; otherwise date, hour and minute in UTC
      LocalTime time = Utc.time(t);
      String date = chinese ? chinese(Utc.date(t)) : Utc.date(t).toString();
      if (time.equals(LocalTime.MIDNIGHT)) {
        return date;
      }
      return date
          + " "
          + twoDigits(time.getHour())
          + ":"
          + twoDigits(time.getMinute())
          + (chinese ? "（协调世界时）" : " UTC");
    }
    if (v instanceof Collection<?> c) {
      Type element = type instanceof Type.SetOf s ? s.element() : null;
      return "["
          + c.stream()
              .map(x -> element == null ? label(x) : format(x, element, env))
              .collect(Collectors.joining(", "))
          + "]";
    }
    return label(v);
  }

  /** {@code 900,000} or {@code 1,250.5}: a number in a text, as reports print amounts. */
  private static String grouped(double d) {
    java.math.BigDecimal b =
        d == Math.rint(d) && Math.abs(d) < 1e15
            ? java.math.BigDecimal.valueOf(d).setScale(0, java.math.RoundingMode.UNNECESSARY)
            : new java.math.BigDecimal(d)
                .setScale(2, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros();
    java.text.DecimalFormat f =
        new java.text.DecimalFormat(
            "#,##0", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
    f.setMaximumFractionDigits(Math.max(0, b.scale()));
    f.setMinimumFractionDigits(Math.max(0, b.scale()));
    return f.format(b);
  }

  /** {@code 2026年11月20日}, as Chinese text writes a date. */
  private static String chinese(java.time.LocalDate d) {
    return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
  }

  /** {@code 30 天}, {@code 2 个工作日}, {@code 3 周}, {@code 24 小时}. */
  private static String chinese(Span span) {
    String amount = span.toString();
    amount = amount.substring(0, amount.length() - span.unit().suffix().length());
    return amount
        + switch (span.unit()) {
          case HOURS -> " 小时";
          case DAYS -> " 天";
          case WEEKS -> " 周";
          case BUSINESS_DAYS -> " 个工作日";
        };
  }

  private static String twoDigits(int n) {
    return n < 10 ? "0" + n : Integer.toString(n);
  }

  /** A short name for a record, used when an explanation names the item that decided. */
  public static String label(Object item) {
    if (item instanceof Contact c) {
      return c.name() != null ? c.name() : c.id();
    }
    if (item instanceof Activity a) {
      String when = a.occurredAt() == null ? "" : " on " + Utc.date(a.occurredAt());
      return a.type().name().toLowerCase(java.util.Locale.ROOT) + when + " (" + a.id() + ")";
    }
    if (item instanceof NextStep n) {
      return "'" + n.title() + "'" + (n.due() == null ? "" : " due " + n.due());
    }
    if (item instanceof StageChange s) {
      return s.stage() + (s.enteredAt() == null ? "" : " on " + Utc.date(s.enteredAt()));
    }
    if (item instanceof CloseDateChange c) {
      return c.from() + " -> " + c.to();
    }
    if (item instanceof Enum<?> e) {
      return e.name().toLowerCase(java.util.Locale.ROOT);
    }
    return String.valueOf(item);
  }
}
