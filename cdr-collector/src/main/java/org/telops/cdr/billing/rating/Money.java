package org.telops.cdr.billing.rating;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money as integer micros of a currency (1 USD = 1,000,000 micros); decimals only at the edges. */
public final class Money {
  private Money() {}

  /** "0.0140", "-0.02800" (Twilio's sign for a charge is dropped) → micros, half-up past 6 places. */
  public static long parseMicros(String decimal) {
    BigDecimal d = new BigDecimal(decimal.trim());
    return d.abs().movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
  }

  /** micros → "0.028000" style with {@code scale} places. */
  public static String format(long micros, int scale) {
    return BigDecimal.valueOf(micros).movePointLeft(6).setScale(scale, RoundingMode.HALF_UP).toPlainString();
  }

  /** ISO 4217 code, upper case; refuses anything that is not three letters. */
  public static String currency(String code) {
    String c = code == null ? "" : code.trim().toUpperCase(java.util.Locale.ROOT);
    if (!c.matches("[A-Z]{3}")) {
      throw new IllegalArgumentException("'" + code + "' is not an ISO 4217 currency code like USD");
    }
    return c;
  }
}
