package dev.playbook.internal.engine;

import dev.playbook.internal.lang.Locales;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Variants of one thing by locale tag; picks the exact tag, then the language, then English, then
 * the first.
 */
public final class Localized<T> {
  private final Map<String, T> variants;

  /**
   * The last locale asked for and its variant: results are built for one locale at a time. A plain
   * field on purpose: a {@code Choice} has only final fields, so a thread sees either null, or a
   * whole choice made by another thread, and at worst picks again.
   */
  private Choice<T> last;

  private record Choice<T>(Locale locale, T value) {}

  public Localized(Map<String, T> variants) {
    if (variants.isEmpty()) {
      throw new IllegalArgumentException("a localized value needs at least one variant");
    }
    this.variants = new LinkedHashMap<>(variants);
  }

  public static <T> Localized<T> of(T value) {
    return new Localized<>(Map.of("en", value));
  }

  public T get(Locale locale) {
    Choice<T> c = last;
    if (c != null && (c.locale == locale || c.locale.equals(locale))) {
      return c.value;
    }
    T value = pick(locale);
    last = new Choice<>(locale, value);
    return value;
  }

  /**
   * As {@code LocalizedText.get}: the exact tag, then the language, then English, then the first.
   */
  private T pick(Locale locale) {
    return variants.get(Locales.pick(variants.keySet(), locale));
  }

  public Map<String, T> variants() {
    return java.util.Collections.unmodifiableMap(variants);
  }
}
