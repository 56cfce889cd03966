package dev.playbook.internal.lang;

import java.util.Collection;
import java.util.Locale;

/** The one rule for choosing among a text's translations. */
public final class Locales {

  private Locales() {}

  /**
   * The tag of {@code tags} to show in {@code locale}: the {@linkplain #match matching} one, then
   * English, then the first one given; null when {@code tags} is empty.
   */
  public static String pick(Collection<String> tags, Locale locale) {
    String match = match(tags, locale);
    if (match != null || tags.isEmpty()) {
      return match;
    }
    return tags.contains("en") ? "en" : tags.iterator().next();
  }

  /**
   * The tag of {@code tags} written for {@code locale}: the exact tag, then one of the same
   * language; null when there is none (stage titles then fall back to the stage's id).
   */
  public static String match(Collection<String> tags, Locale locale) {
    String exact = locale.toLanguageTag();
    if (tags.contains(exact)) {
      return exact;
    }
    String language = locale.getLanguage();
    for (String t : tags) {
      if (Locale.forLanguageTag(t).getLanguage().equals(language)) {
        return t;
      }
    }
    return null;
  }
}
