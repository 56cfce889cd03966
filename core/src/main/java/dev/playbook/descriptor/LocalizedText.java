package dev.playbook.descriptor;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A text in one or more languages, by locale tag ({@code en}, {@code zh-CN}), in the order the
 * playbook gives them.
 *
 * @param variants the text by locale tag; at least one, none blank-tagged or null
 */
public record LocalizedText(Map<String, String> variants) {

  public LocalizedText {
    requireNonNull(variants, "variants");
    checkArgument(!variants.isEmpty(), "a localized text needs at least one variant");
    Map<String, String> copy = new LinkedHashMap<>();
    variants.forEach(
        (tag, text) -> {
          requireNonNull(tag, "locale tag");
          checkArgument(!tag.isBlank(), "a locale tag must not be blank");
          copy.put(tag, requireNonNull(text, "text of " + tag));
        });
    variants = Collections.unmodifiableMap(copy);
  }

  /** A text in English only. */
  public static LocalizedText of(String english) {
    return new LocalizedText(Map.of("en", requireNonNull(english, "english")));
  }

  /**
   * The text for {@code locale}: the exact tag, then the first variant of the same language, then
   * English, then the first variant; as evaluation renders texts.
   *
   * @param locale the locale asked for
   */
  public String get(Locale locale) {
    requireNonNull(locale, "locale");
    return variants.get(pick(variants.keySet(), locale));
  }

  /**
   * The tag among {@code tags} to show for {@code locale}: the {@linkplain #match matching} one,
   * then English, then the first; the one rule the engine renders every text by.
   *
   * @param tags locale tags such as {@code en} and {@code zh-CN}, in order of preference; not empty
   * @param locale the locale asked for
   */
  public static String pick(Collection<String> tags, Locale locale) {
    checkArgument(!tags.isEmpty(), "no locale tags to pick from");
    return match(tags, locale).orElse(tags.contains("en") ? "en" : tags.iterator().next());
  }

  /**
   * The tag among {@code tags} that serves {@code locale}: the exact tag, else the first one of the
   * same language; empty if none does.
   *
   * @param tags locale tags such as {@code en} and {@code zh-CN}, in order of preference
   * @param locale the locale asked for
   */
  public static Optional<String> match(Collection<String> tags, Locale locale) {
    String exact = locale.toLanguageTag();
    if (tags.contains(exact)) {
      return Optional.of(exact);
    }
    for (String tag : tags) {
      if (Locale.forLanguageTag(tag).getLanguage().equals(locale.getLanguage())) {
        return Optional.of(tag);
      }
    }
    return Optional.empty();
  }
}
