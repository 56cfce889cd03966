package dev.playbook.internal.load;

import dev.playbook.internal.tree.DidYouMean;
import dev.playbook.internal.tree.Node;
import dev.playbook.internal.tree.Pos;
import dev.playbook.internal.tree.Problems;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a playbook's {@code currency:} section, its base currency and rates:
 *
 * <pre>
 * currency:
 *   base: EUR
 *   rates: { USD: 0.92, CNY: 0.13 }   # one USD is worth 0.92 EUR
 * </pre>
 *
 * Codes are ISO 4217 codes as {@link java.util.Currency} knows them.
 */
final class Currencies {

  static final Set<String> KEYS = Set.of("base", "rates");

  /** The ISO 4217 codes, sorted. */
  static final Set<String> CODES = codes();

  /** Codes in common use that ISO 4217 does not have, with the ISO code people mean by them. */
  static final Map<String, String> COMMON_NAMES =
      Map.of("RMB", "CNY", "UKP", "GBP", "YEN", "JPY", "EURO", "EUR", "NTD", "TWD", "NIS", "ILS");

  /** The most rates one table may give (there are fewer than 300 ISO 4217 codes). */
  static final int MAX_RATES = 400;

  private Currencies() {}

  /** One playbook's own currency table, with positions; null base when it names none. */
  record CurrencyDef(
      String base, Pos basePos, Map<String, BigDecimal> rates, Map<String, Pos> ratePos, Pos pos) {}

  /** The {@code currency:} section of {@code f}, or null when there is none or it is unusable. */
  static CurrencyDef read(Fields playbook, Problems problems) {
    if (!playbook.has("currency") || Fields.isNull(playbook.node("currency"))) {
      return null;
    }
    Fields f = Fields.of(playbook.node("currency"), "the currency table", KEYS, problems);
    if (f == null) {
      return null;
    }
    boolean ok = f.require("base");
    String base = null;
    if (f.has("base") && !Fields.isNull(f.node("base"))) {
      String text = f.string("base");
      if (text != null && code(text, f.node("base").pos(), problems)) {
        base = text;
      } else {
        ok = false;
      }
    }
    Map<String, BigDecimal> rates = new LinkedHashMap<>();
    Map<String, Pos> ratePos = new LinkedHashMap<>();
    Node.MapNode m = f.mapping("rates");
    if (m != null) {
      if (m.entries().size() > MAX_RATES) {
        problems.add(
            "too-large",
            m.pos(),
            "'rates' gives "
                + m.entries().size()
                + " rates; a currency table has at most "
                + MAX_RATES);
        return null;
      }
      for (Node.Entry e : m.entries().values()) {
        if (!code(e.key(), e.keyPos(), problems)) {
          continue;
        }
        BigDecimal rate = rate(e, base, problems);
        if (rate == null) {
          continue;
        }
        if (e.key().equals(base)) {
          if (rate.compareTo(BigDecimal.ONE) != 0) {
            problems.add(
                "invalid-value",
                e.value().pos(),
                "the rate of "
                    + base
                    + " is "
                    + rate.toPlainString()
                    + ", but "
                    + base
                    + " is the base currency (its rate is 1); remove it from 'rates'");
          }
          continue;
        }
        rates.put(e.key(), rate);
        ratePos.put(e.key(), e.keyPos());
      }
    }
    return ok ? new CurrencyDef(base, f.node("base").pos(), rates, ratePos, f.pos()) : null;
  }

  /** Whether {@code code} is an ISO 4217 code; reports it when not. */
  private static boolean code(String code, Pos pos, Problems problems) {
    if (CODES.contains(code)) {
      return true;
    }
    String upper = code.toUpperCase(Locale.ROOT);
    String hint =
        CODES.contains(upper)
            ? " (write it in capitals: " + upper + ")"
            : COMMON_NAMES.containsKey(upper)
                ? " (its ISO 4217 code is " + COMMON_NAMES.get(upper) + ")"
                : DidYouMean.hint(upper, oneLetterOff(upper));
    problems.add(
        "unknown-currency",
        pos,
        "'" + code + "' is not an ISO 4217 currency code, such as EUR or USD" + hint);
    return false;
  }

  /** The codes that differ from {@code code} in one letter: nearer ones are mostly noise. */
  private static List<String> oneLetterOff(String code) {
    List<String> out = new java.util.ArrayList<>();
    for (String c : CODES) {
      if (c.length() == code.length()) {
        int diff = 0;
        for (int i = 0; i < c.length(); i++) {
          diff += c.charAt(i) == code.charAt(i) ? 0 : 1;
        }
        if (diff == 1) {
          out.add(c);
        }
      }
    }
    return out;
  }

  private static BigDecimal rate(Node.Entry e, String base, Problems problems) {
    String per = base == null ? "the base currency" : base;
    if (!(e.value() instanceof Node.Scalar s) || s.kind() != Node.Scalar.Kind.NUMBER) {
      problems.add(
          "wrong-type",
          e.value().pos(),
          "the rate of "
              + e.key()
              + " must be a number (what one "
              + e.key()
              + " is worth in "
              + per
              + "), not "
              + e.value().describe());
      return null;
    }
    BigDecimal rate;
    try {
      rate = new BigDecimal(s.text());
    } catch (NumberFormatException ex) {
      rate = null;
    }
    if (rate == null || rate.signum() <= 0 || rate.precision() - rate.scale() > 12) {
      problems.add(
          "invalid-value",
          s.pos(),
          "the rate of "
              + e.key()
              + " is "
              + s.text()
              + "; a rate is what one "
              + e.key()
              + " is worth in "
              + per
              + ", more than 0 and less than a trillion");
      return null;
    }
    return rate;
  }

  /**
   * The table a playbook ends up with: its own on top of the one it inherits. Rates merge by code;
   * a table with another base currency replaces the inherited one, whose rates are to that other
   * base.
   */
  static CurrencyDef overlay(CurrencyDef inherited, CurrencyDef own) {
    if (inherited == null || !inherited.base().equals(own.base())) {
      return own;
    }
    Map<String, BigDecimal> rates = new LinkedHashMap<>(inherited.rates());
    rates.putAll(own.rates());
    Map<String, Pos> pos = new LinkedHashMap<>(inherited.ratePos());
    pos.putAll(own.ratePos());
    return new CurrencyDef(own.base(), own.basePos(), rates, pos, own.pos());
  }

  /** The codes of two inherited tables, when they disagree on the base; null when they agree. */
  static List<String> conflict(CurrencyDef a, CurrencyDef b) {
    return a == null || b == null || a.base().equals(b.base()) ? null : List.of(a.base(), b.base());
  }

  private static Set<String> codes() {
    Set<String> out = new TreeSet<>();
    for (java.util.Currency c : java.util.Currency.getAvailableCurrencies()) {
      out.add(c.getCurrencyCode());
    }
    return java.util.Collections.unmodifiableSet(out);
  }
}
