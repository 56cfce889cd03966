package dev.playbook.internal.lang;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A playbook's currency table: its base currency and, for each other currency, what one unit of it
 * is worth in the base. Conditions read a deal's amount in the base currency. Immutable.
 */
public final class Money {

  private final String base;
  private final Map<String, BigDecimal> rates;

  /**
   * @param base an ISO 4217 code, such as {@code EUR}
   * @param rates for each other currency, the worth of one unit of it in {@code base}; each more
   *     than 0
   */
  public Money(String base, Map<String, BigDecimal> rates) {
    this.base = base;
    this.rates = java.util.Collections.unmodifiableMap(new TreeMap<>(rates));
  }

  public String base() {
    return base;
  }

  public Map<String, BigDecimal> rates() {
    return rates;
  }

  /**
   * Whether an amount in {@code currency} can be read: no currency (the base), the base, or rated.
   */
  public boolean converts(String currency) {
    return currency == null || currency.equals(base) || rates.containsKey(currency);
  }

  /**
   * {@code amount} in the base currency; an amount without a currency is taken to be in the base.
   *
   * @throws NoRate if the table has no rate for {@code currency}
   */
  public BigDecimal toBase(BigDecimal amount, String currency, String dealId) {
    if (currency == null || currency.equals(base)) {
      return amount;
    }
    BigDecimal rate = rates.get(currency);
    if (rate == null) {
      throw new NoRate(noRate(dealId, currency));
    }
    return amount.multiply(rate, MathContext.DECIMAL64);
  }

  /**
   * {@code deal 'd-7' has its amount in GBP, which the currency table has no rate for; it converts
   * CNY, USD to EUR: add GBP under currency.rates}.
   */
  public String noRate(String dealId, String currency) {
    List<String> known = List.copyOf(rates.keySet());
    return "deal '"
        + dealId
        + "' has its amount in "
        + currency
        + ", which the playbook's currency table has no rate for; "
        + (known.isEmpty()
            ? "it has no rates, only the base currency " + base
            : "it converts " + String.join(", ", known) + " to " + base)
        + ": add "
        + currency
        + " under currency.rates";
  }

  /** An amount in a currency the table has no rate for was read. */
  public static final class NoRate extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoRate(String message) {
      super(message, null, false, false);
    }
  }
}
