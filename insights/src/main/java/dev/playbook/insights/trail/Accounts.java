package dev.playbook.insights.trail;

import java.util.List;

/**
 * The buying companies. There are {@code max(20, deals / 3)} of them; each one's name, segment,
 * country and currency follow from the seed and its index alone, so no account is kept in memory.
 */
final class Accounts {

  private static final List<String> FIRST =
      List.of(
          "Acme",
          "Globex",
          "Initech",
          "Umbrella",
          "Stark",
          "Wayne",
          "Hooli",
          "Vandelay",
          "Soylent",
          "Tyrell",
          "Cyberdyne",
          "Wonka",
          "Gringotts",
          "Oscorp",
          "Aperture",
          "Blue Sun",
          "Nakatomi",
          "Monarch",
          "Duff",
          "Pied Piper",
          "Massive",
          "Dunder",
          "Sterling",
          "Prestige",
          "Oceanic",
          "Northwind",
          "Contoso",
          "Fabrikam",
          "Tailspin",
          "Litware");
  private static final List<String> SECOND =
      List.of(
          "Logistics",
          "Foods",
          "Systems",
          "Health",
          "Energy",
          "Retail",
          "Capital",
          "Media",
          "Labs",
          "Manufacturing",
          "Telecom",
          "Insurance",
          "Pharma",
          "Mobility",
          "Analytics");
  private static final List<String> SUFFIX =
      List.of("Inc.", "GmbH", "Ltd", "S.A.", "AG", "LLC", "K.K.", "B.V.");
  static final List<String> INDUSTRIES =
      List.of(
          "Technology",
          "Manufacturing",
          "Retail",
          "Healthcare",
          "Financial Services",
          "Energy",
          "Media",
          "Transportation");

  /**
   * One buying company.
   *
   * @param segment {@code smb}, {@code mid_market} or {@code enterprise}
   * @param currency the ISO code its deals are priced in
   */
  record Account(
      int index,
      String name,
      String industry,
      String country,
      String currency,
      String segment,
      int employees,
      int ownerRep) {

    String domain() {
      return name.toLowerCase(java.util.Locale.ROOT)
              .replaceAll("[^a-z0-9]+", "-")
              .replaceAll("^-|-$", "")
          + ".example";
    }
  }

  private final long seed;
  private final int count;

  Accounts(long seed, int deals) {
    this.seed = seed;
    this.count = Math.max(20, deals / 3);
  }

  int count() {
    return count;
  }

  Account get(int index) {
    Rng r = Rng.of(seed, 1, index);
    String name = r.pick(FIRST) + " " + r.pick(SECOND) + " " + (index + 1) + " " + r.pick(SUFFIX);
    String segment = r.weighted(List.of("smb", "mid_market", "enterprise"), 45, 35, 20);
    String[] place =
        r.weighted(
            List.of(
                new String[] {"United States", "USD"},
                new String[] {"Germany", "EUR"},
                new String[] {"France", "EUR"},
                new String[] {"United Kingdom", "GBP"},
                new String[] {"Japan", "JPY"},
                new String[] {"Brazil", "BRL"}),
            50,
            14,
            8,
            14,
            7,
            7);
    int employees =
        switch (segment) {
          case "smb" -> r.between(10, 200);
          case "mid_market" -> r.between(200, 2000);
          default -> r.between(2000, 60000);
        };
    return new Account(
        index,
        name,
        r.pick(INDUSTRIES),
        place[0],
        place[1],
        segment,
        employees,
        r.nextInt(Roster.REP_USERS.size()));
  }
}
