package dev.playbook.internal.lang;

import dev.playbook.descriptor.LocalizedText;
import java.util.Collection;
import java.util.Locale;

/** The rule for choosing among a text's translations, as {@link LocalizedText} states it. */
public final class Locales {

  private Locales() {}

  /** {@link LocalizedText#pick}, or null when {@code tags} is empty. */
  public static String pick(Collection<String> tags, Locale locale) {
    return tags.isEmpty() ? null : LocalizedText.pick(tags, locale);
  }

  /**
   * {@link LocalizedText#match}, or null when no tag is written for {@code locale} (stage titles
   * then fall back to the stage's id).
   */
  public static String match(Collection<String> tags, Locale locale) {
    return LocalizedText.match(tags, locale).orElse(null);
  }
}
