package dev.playbook.insights.stats;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A reason why some figure cannot be read at face value, with the numbers behind it.
 *
 * @param code a stable identifier, such as {@code outcome-only-field} (see {@link DataChecks})
 * @param message one English sentence for the reader of the report, numbers included
 * @param figures the numbers behind the message, by name, in the order the message uses them
 */
public record Warning(String code, String message, Map<String, Number> figures) {

  public Warning {
    requireNonNull(code, "code");
    requireNonNull(message, "message");
    requireNonNull(figures, "figures");
    checkArgument(!code.isBlank(), "warning code must not be blank");
    message = visible(message);
    figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
  }

  /**
   * Control characters and bidirectional overrides (from field names, labels or rule ids in the
   * data) are shown as {@code \\uXXXX}, so that a message stays one line and reads as written.
   */
  private static String visible(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean hidden =
          c < 0x20
              || c == 0x7f
              || (c >= 0x80 && c < 0xa0)
              || (c >= 0x202a && c <= 0x202e)
              || (c >= 0x2066 && c <= 0x2069)
              || c == 0x200e
              || c == 0x200f
              || c == 0x061c
              || c == 0x2028
              || c == 0x2029;
      if (hidden) {
        if (out == null) {
          out = new StringBuilder(s.substring(0, i));
        }
        out.append(String.format("\\u%04X", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  /** A warning with figures given as name, value, name, value, ... */
  static Warning of(String code, String message, Object... namesAndValues) {
    checkArgument(namesAndValues.length % 2 == 0, "figures must come in name, value pairs");
    Map<String, Number> figures = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      figures.put((String) namesAndValues[i], (Number) namesAndValues[i + 1]);
    }
    return new Warning(code, message, figures);
  }
}
