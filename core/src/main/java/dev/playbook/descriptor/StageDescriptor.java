package dev.playbook.descriptor;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A pipeline stage of a playbook.
 *
 * @param id the stage's name, such as {@code proposal}
 * @param titles its display names by locale tag, as the playbook gives them; often empty
 */
public record StageDescriptor(String id, Map<String, String> titles) {

  public StageDescriptor {
    requireNonNull(id, "id");
    Map<String, String> copy = new LinkedHashMap<>();
    titles.forEach(
        (tag, text) -> copy.put(requireNonNull(tag, "locale tag"), requireNonNull(text, "title")));
    titles = Collections.unmodifiableMap(copy);
  }

  /**
   * The stage's display name in {@code locale} (the exact tag, then the language), else its name;
   * as evaluation messages show it.
   *
   * @param locale the locale asked for
   */
  public String title(Locale locale) {
    return LocalizedText.match(titles.keySet(), requireNonNull(locale, "locale"))
        .map(titles::get)
        .orElse(id);
  }
}
