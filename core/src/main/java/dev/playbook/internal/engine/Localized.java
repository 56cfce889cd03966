package dev.playbook.internal.engine;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Variants of one thing by locale tag; picks the exact tag, then the language, then English, then the first. */
public final class Localized<T> {
  private final Map<String, T> variants;

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
    T exact = variants.get(locale.toLanguageTag());
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, T> e : variants.entrySet()) {
      if (Locale.forLanguageTag(e.getKey()).getLanguage().equals(locale.getLanguage())) {
        return e.getValue();
      }
    }
    T en = variants.get("en");
    return en != null ? en : variants.values().iterator().next();
  }

  public Map<String, T> variants() {
    return java.util.Collections.unmodifiableMap(variants);
  }
}
