package dev.playbook.internal.lang;

import dev.playbook.model.CustomValue;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a deal's custom value has the type its playbook declares under {@code custom_fields}, as
 * {@link Facts#custom} reads it: a value of another type reads as missing, and this says why, with
 * the fix.
 */
public final class CustomValues {

  private static final Set<String> YES = Set.of("yes", "y", "true", "on", "1", "是");
  private static final Set<String> NO = Set.of("no", "n", "false", "off", "0", "否");

  private CustomValues() {}

  /**
   * The message for custom field {@code name} holding {@code value} where {@code declared} is its
   * type; null when the value fits.
   */
  public static String mismatch(String name, CustomValue value, Type declared) {
    if (fits(value, declared)) {
      return null;
    }
    return "custom field '"
        + name
        + "' is declared "
        + declaredAs(declared)
        + ", but this value is "
        + describe(value)
        + "; "
        + fix(value, declared);
  }

  static boolean fits(CustomValue value, Type declared) {
    if (value instanceof CustomValue.Text t) {
      return declared == Type.Basic.TEXT || declared == Type.Basic.DATE && isDate(t.value());
    }
    if (value instanceof CustomValue.Number) {
      return declared == Type.Basic.NUMBER;
    }
    if (value instanceof CustomValue.Flag) {
      return declared == Type.Basic.BOOLEAN;
    }
    return declared == Type.Basic.DATE || declared == Type.Basic.TEXT;
  }

  private static boolean isDate(String text) {
    try {
      LocalDate.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static String declaredAs(Type declared) {
    if (declared == Type.Basic.BOOLEAN) {
      return "boolean (true or false)";
    }
    if (declared == Type.Basic.NUMBER) {
      return "number";
    }
    return declared == Type.Basic.DATE ? "date" : "text";
  }

  private static String describe(CustomValue value) {
    if (value instanceof CustomValue.Text t) {
      return "the text \"" + t.value() + "\"";
    }
    if (value instanceof CustomValue.Number n) {
      return "the number " + n.value().toPlainString();
    }
    if (value instanceof CustomValue.Flag f) {
      return "the boolean " + f.value();
    }
    return "the date " + ((CustomValue.Date) value).value();
  }

  private static String fix(CustomValue value, Type declared) {
    String written = written(value);
    if (declared == Type.Basic.BOOLEAN) {
      String word = written.strip().toLowerCase(Locale.ROOT);
      if (YES.contains(word)) {
        return "write true, without quotes";
      }
      if (NO.contains(word)) {
        return "write false, without quotes";
      }
      return "write true or false, without quotes";
    }
    if (declared == Type.Basic.NUMBER) {
      if (value instanceof CustomValue.Text) {
        try {
          BigDecimal n = new BigDecimal(written.strip().replace(",", ""));
          return "write " + n.toPlainString() + ", without quotes";
        } catch (NumberFormatException e) {
          return "write a number, without quotes";
        }
      }
      return "write a number, without quotes";
    }
    if (declared == Type.Basic.DATE) {
      return "write a date in quotes, such as \"2026-11-02\"";
    }
    return "write \"" + written + "\", in quotes";
  }

  private static String written(CustomValue value) {
    if (value instanceof CustomValue.Text t) {
      return t.value();
    }
    if (value instanceof CustomValue.Number n) {
      return n.value().toPlainString();
    }
    if (value instanceof CustomValue.Flag f) {
      return String.valueOf(f.value());
    }
    return ((CustomValue.Date) value).value().toString();
  }
}
