package dev.playbook.result;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * A next-best-action for the rep: what to do, by when, why, and with which words.
 *
 * @param rule the id of the rule that proposed it
 * @param title what to do, rendered for the deal and the locale
 * @param priority 0 to 100; higher comes first
 * @param due the date to do it by (evaluation date plus the rule's due span)
 * @param reason why, rendered for the deal (the gap's message, or the rule's title)
 * @param target the contact to act with, or null when the rule names none
 * @param talkTrack the talk-track text in the evaluation's locale, or null
 * @param methodology the methodology the rule belongs to, or null
 * @param element the methodology element the rule checks, or null
 * @param provenance the rule's id, file and line
 */
public record Action(
    String rule,
    String title,
    int priority,
    LocalDate due,
    String reason,
    Target target,
    String talkTrack,
    String methodology,
    String element,
    Provenance provenance) {

  public Action {
    requireNonNull(rule, "rule");
    requireNonNull(title, "title");
    requireNonNull(due, "due");
    requireNonNull(reason, "reason");
    requireNonNull(provenance, "provenance");
  }

  /** The contact an action is aimed at. */
  public record Target(String contactId, String name) {
    public Target {
      requireNonNull(contactId, "contactId");
    }
  }
}
