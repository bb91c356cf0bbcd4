package org.telops.cdr.billing.rating;

import java.io.Reader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.telops.cdr.billing.invoice.CsvLineException;
import org.telops.cdr.billing.invoice.CsvRows;

/**
 * Rate cards from CSV, header required:
 * {@code carrier,direction,prefix,currency,connect_fee,rate_per_minute,first_increment,next_increment,rounding,valid_from,valid_to}.
 * Prices are decimals of the currency ("0.0140"); prefix is E.164 digits ("44", "1212", empty = all);
 * increments in seconds (T1/T2); rounding up|half-up|down (default up); valid_from a date or an ISO
 * instant (default 2000-01-01), valid_to empty = open. A bad line names its number and column.
 */
public final class RateCardCsv {
  public static final String HEADER =
      "carrier,direction,prefix,currency,connect_fee,rate_per_minute,first_increment,next_increment,rounding,valid_from,valid_to";

  private RateCardCsv() {}

  public static List<Rate> read(Reader csv) {
    List<Rate> rates = new ArrayList<>();
    try (CsvRows rows = new CsvRows(csv)) {
      String carrier = rows.require("carrier");
      String direction = rows.require("direction");
      String prefix = rows.require("prefix");
      String currency = rows.require("currency");
      String fee = rows.column("connect_fee");
      String rate = rows.require("rate_per_minute");
      String t1 = rows.require("first_increment");
      String t2 = rows.require("next_increment");
      String rounding = rows.column("rounding");
      String from = rows.column("valid_from");
      String to = rows.column("valid_to");
      rows.forEach(r -> {
        String c = r.required(carrier).toLowerCase(Locale.ROOT);
        if (!c.matches("[a-z0-9-]+")) {
          throw new CsvLineException(r.line(), carrier, "'" + c + "' is not a carrier name like twilio");
        }
        String d = r.required(direction).toLowerCase(Locale.ROOT);
        if (!d.equals("inbound") && !d.equals("outbound")) {
          throw new CsvLineException(r.line(), direction, "'" + d + "' is not inbound or outbound");
        }
        String p = r.text(prefix) == null ? "" : r.text(prefix).replace("+", "");
        if (!p.matches("[0-9]*")) {
          throw new CsvLineException(r.line(), prefix, "'" + p + "' is not E.164 digits like 44 or 1212");
        }
        String cur;
        try {
          cur = Money.currency(r.required(currency));
        } catch (IllegalArgumentException e) {
          throw new CsvLineException(r.line(), currency, e.getMessage());
        }
        Rounding round;
        try {
          round = r.text(rounding) == null ? Rounding.UP : Rounding.of(r.text(rounding));
        } catch (IllegalArgumentException e) {
          throw new CsvLineException(r.line(), rounding, e.getMessage());
        }
        Long feeMicros = r.micros(fee);
        Instant validFrom = r.instant(from);
        try {
          rates.add(new Rate(0, c, d, p, cur, feeMicros == null ? 0 : feeMicros, r.micros(rate) == null
              ? missing(r, rate) : r.micros(rate), increment(r, t1), increment(r, t2), round,
              validFrom == null ? Instant.parse("2000-01-01T00:00:00Z") : validFrom, r.instant(to)));
        } catch (CsvLineException e) {
          throw e;
        } catch (IllegalArgumentException e) {
          throw new CsvLineException(r.line(), null, e.getMessage());
        }
      });
    }
    if (rates.isEmpty()) {
      throw new CsvLineException(1, null, "no rate rows after the header");
    }
    return rates;
  }

  private static long missing(CsvRows r, String column) {
    throw new CsvLineException(r.line(), column, "empty: a price per minute is required");
  }

  private static int increment(CsvRows r, String column) {
    Long v = r.wholeNumber(column);
    if (v == null || v < 1 || v > 3600) {
      throw new CsvLineException(r.line(), column, "'" + r.text(column) + "' is not an increment of 1 to 3600 s");
    }
    return v.intValue();
  }
}
