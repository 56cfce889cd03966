package dev.playbook.conversations;

import static java.util.Objects.requireNonNull;

/**
 * Who a speaker is.
 *
 * @param side rep or buyer
 * @param contactId the deal contact's id, or null for the rep side and for buyers who are not a
 *     contact
 * @param name the name to show, never null
 */
public record Party(Side side, String contactId, String name) {

  public Party {
    requireNonNull(side, "side");
    requireNonNull(name, "name");
  }
}
