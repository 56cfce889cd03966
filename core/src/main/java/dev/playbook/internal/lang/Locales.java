package dev.playbook.internal.lang;

import java.util.Collection;
import java.util.Locale;

/** The one rule for choosing among a text's translations. */
public final class Locales {

  private Locales() {}

  /**
   * The tag of {@code tags} to show in {@code locale}: the exact tag, then one of the same
   * language, then English, then the first one given; null when {@code tags} is empty.
   */
  public static String pick(Collection<String> tags, Locale locale) {
    if (tags.isEmpty()) {
      return null;
    }
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
    return tags.contains("en") ? "en" : tags.iterator().next();
  }
}
