package dev.playbook.conversations;

import dev.playbook.model.Contact;
import dev.playbook.model.Deal;
import dev.playbook.problem.Problem;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who each speaker of a conversation is. A speaker (as the file names them: {@code Daniel Reed},
 * {@code daniel@acme.example} or {@code Daniel Reed <daniel@acme.example>}) is attributed, in this
 * order, by
 *
 * <ol>
 *   <li>the explicit mapping: its key is the whole speaker label, the name or the e-mail address,
 *       its value {@code rep}, {@code buyer} or the id of one of the deal's contacts;
 *   <li>the deal's owner, when the name or the address equals the owner's (the owner may be written
 *       {@code Name}, {@code address} or {@code Name <address>});
 *   <li>one of the deal's contacts, when the name equals the contact's name or the address equals
 *       the contact's id.
 * </ol>
 *
 * Names compare ignoring case, Unicode compatibility forms and runs of spaces; nothing else is
 * guessed (no first names, no initials). A speaker matched by none, or by more than one person, is
 * unattributed: listed in {@link #unattributed()} with a problem located at their first segment,
 * and left out of every metric and hit.
 *
 * @param parties the attributed speakers, by speaker label, in order of first appearance
 * @param unattributed the speaker labels nobody could be matched to, in order of first appearance
 *     ({@code ""} for segments with no speaker name)
 * @param problems one problem per unattributed speaker and per unusable mapping entry, sorted
 */
public record Attribution(
    Map<String, Party> parties, List<String> unattributed, List<Problem> problems) {

  /** The value of a mapping entry that puts a speaker on the rep side. */
  public static final String REP = "rep";

  /**
   * The value of a mapping entry that puts a speaker on the buying side without naming a contact.
   */
  public static final String BUYER = "buyer";

  private static final Pattern NAME_ADDRESS = Pattern.compile("^(.*?)\\s*<([^<>\\s]+@[^<>\\s]+)>$");
  private static final Pattern ADDRESS = Pattern.compile("^[^@\\s<>]+@[^@\\s<>]+$");

  public Attribution {
    parties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parties));
    unattributed = List.copyOf(unattributed);
    problems = problems.stream().sorted().toList();
  }

  /** The party of {@code speaker}, or null when unattributed. */
  public Party party(String speaker) {
    return parties.get(speaker);
  }

  /** Attributes with the deal's owner and contacts only. */
  public static Attribution of(Conversation conversation, Deal deal) {
    return of(conversation, deal, Map.of());
  }

  /** Attributes with the explicit {@code mapping} first, then the deal's owner and contacts. */
  public static Attribution of(Conversation conversation, Deal deal, Map<String, String> mapping) {
    List<Problem> problems = new ArrayList<>();
    Map<String, Contact> contactsById = new LinkedHashMap<>();
    deal.contacts().forEach(c -> contactsById.put(c.id(), c));
    Map<String, Party> explicit = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : mapping.entrySet()) {
      String value = e.getValue().strip();
      Party party;
      if (value.equalsIgnoreCase(REP)) {
        party = new Party(Side.REP, null, name(e.getKey()));
      } else if (value.equalsIgnoreCase(BUYER)) {
        party = new Party(Side.BUYER, null, name(e.getKey()));
      } else if (contactsById.containsKey(value)) {
        Contact c = contactsById.get(value);
        party = new Party(Side.BUYER, c.id(), c.name() == null ? c.id() : c.name());
      } else {
        problems.add(
            new Problem(
                "unknown-contact",
                conversation.source(),
                0,
                0,
                "the mapping puts speaker '"
                    + e.getKey()
                    + "' on '"
                    + value
                    + "', which is neither 'rep', 'buyer' nor one of the deal's contacts"));
        continue;
      }
      explicit.put(normal(e.getKey()), party);
    }
    String[] owner = deal.owner() == null ? new String[] {"", ""} : split(deal.owner());
    Map<String, Party> parties = new LinkedHashMap<>();
    Set<String> unattributed = new LinkedHashSet<>();
    for (Segment s : conversation.segments()) {
      String label = s.speaker();
      if (parties.containsKey(label) || unattributed.contains(label)) {
        continue;
      }
      if (label.isEmpty()) {
        unattributed.add(label);
        problems.add(
            new Problem(
                "unattributed-speaker",
                conversation.source(),
                s.line(),
                s.column(),
                "a segment has no speaker name; it is left out of the metrics"));
        continue;
      }
      String[] who = split(label);
      Party party =
          firstNonNull(explicit.get(normal(label)), explicit.get(who[0]), explicit.get(who[1]));
      String problem = null;
      if (party == null) {
        List<Party> found = new ArrayList<>();
        if (same(who[0], owner[0]) || same(who[1], owner[1])) {
          found.add(
              new Party(Side.REP, null, owner[0].isEmpty() ? deal.owner() : display(deal.owner())));
        }
        for (Contact c : deal.contacts()) {
          if ((c.name() != null && same(who[0], normal(c.name())))
              || same(who[1], normal(c.id()))) {
            found.add(new Party(Side.BUYER, c.id(), c.name() == null ? c.id() : c.name()));
          }
        }
        if (found.size() == 1) {
          party = found.get(0);
        } else if (found.size() > 1) {
          problem =
              "speaker '"
                  + label
                  + "' matches "
                  + found.size()
                  + " people of the deal; map it to 'rep', 'buyer' or a contact id";
        } else {
          problem =
              "speaker '"
                  + label
                  + "' is neither the deal's owner nor one of its contacts; map it to 'rep', 'buyer' or a contact id";
        }
      }
      if (party != null) {
        parties.put(label, party);
      } else {
        unattributed.add(label);
        problems.add(
            new Problem(
                "unattributed-speaker", conversation.source(), s.line(), s.column(), problem));
      }
    }
    return new Attribution(parties, new ArrayList<>(unattributed), problems);
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static boolean same(String a, String b) {
    return !a.isEmpty() && a.equals(b);
  }

  /** {normalised name, normalised address}, either empty when absent. */
  private static String[] split(String label) {
    String s = label.strip();
    Matcher m = NAME_ADDRESS.matcher(s);
    if (m.matches()) {
      return new String[] {normal(m.group(1).replaceAll("^\"|\"$", "")), normal(m.group(2))};
    }
    if (ADDRESS.matcher(s).matches()) {
      return new String[] {"", normal(s)};
    }
    return new String[] {normal(s), ""};
  }

  private static String name(String label) {
    return display(label);
  }

  private static String display(String label) {
    Matcher m = NAME_ADDRESS.matcher(label.strip());
    return m.matches() && !m.group(1).isBlank()
        ? m.group(1).replaceAll("^\"|\"$", "").strip()
        : label.strip();
  }

  static String normal(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFKC)
        .strip()
        .replaceAll("\\s+", " ")
        .toLowerCase(Locale.ROOT);
  }
}
