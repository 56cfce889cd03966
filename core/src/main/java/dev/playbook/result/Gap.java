package dev.playbook.result;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A compliance gap: a step of the methodology or the SOP that the deal does not meet.
 *
 * @param rule the id of the rule that found it
 * @param severity how serious it is
 * @param message the finding, rendered for the deal and the locale
 * @param methodology the methodology the rule belongs to, or null
 * @param element the methodology element or SOP step, or null
 * @param evidence the facts that made the rule's condition true, one line per part of it; rendered
 *     the first time it is read
 * @param provenance the rule's id, file and line
 */
public record Gap(
    String rule,
    Severity severity,
    String message,
    String methodology,
    String element,
    List<String> evidence,
    Provenance provenance) {

  public Gap {
    requireNonNull(rule, "rule");
    requireNonNull(severity, "severity");
    requireNonNull(message, "message");
    // the engine's evidence is immutable already and is rendered when first read
    evidence = evidence instanceof LazyList ? evidence : List.copyOf(evidence);
    requireNonNull(provenance, "provenance");
  }
}
