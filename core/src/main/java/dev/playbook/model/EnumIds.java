package dev.playbook.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The file names of enum constants: lowercase snake_case, parsed leniently. */
public final class EnumIds {

  private EnumIds() {}

  /** {@code EVEN_KEEL} is written {@code even_keel}. */
  public static String id(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The constant written {@code text}, ignoring case, surrounding space, and {@code -} or a space
   * in place of {@code _}: {@code "Even Keel"}, {@code "even-keel"} and {@code "EVEN_KEEL"} all
   * name {@code EVEN_KEEL}.
   */
  public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String text) {
    if (text == null) {
      return Optional.empty();
    }
    String name = normalize(text).toUpperCase(Locale.ROOT);
    return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(name)).findFirst();
  }

  /** {@code text} as an id would be written: trimmed, lowercase, {@code _} between words. */
  public static String normalize(String text) {
    return text.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
  }

  /** The ids of all constants, in declaration order. */
  public static <E extends Enum<E>> List<String> ids(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(EnumIds::id).toList();
  }
}
