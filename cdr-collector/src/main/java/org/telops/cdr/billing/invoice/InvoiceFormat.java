package org.telops.cdr.billing.invoice;

import java.io.Reader;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The invoice exports telops reads, by carrier. Column names are matched case-insensitively and each
 * field accepts the names of the carrier-sim export and of the carrier's public exports (see README).
 */
public enum InvoiceFormat {
  TWILIO("twilio"), TELNYX("telnyx");

  private final String carrier;

  InvoiceFormat(String carrier) {
    this.carrier = carrier;
  }

  public String carrier() {
    return carrier;
  }

  public static InvoiceFormat of(String carrier) {
    for (InvoiceFormat f : values()) {
      if (f.carrier.equals(carrier == null ? "" : carrier.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException("carrier '" + carrier + "' has no invoice format: use twilio or telnyx");
  }

  /** Streams the lines of {@code csv} to {@code each}; a bad line throws {@link CsvLineException}. */
  public void read(Reader csv, String defaultCurrency, Consumer<InvoiceLine> each) {
    try (CsvRows rows = new CsvRows(csv)) {
      if (this == TWILIO) {
        twilio(rows, defaultCurrency, each);
      } else {
        telnyx(rows, defaultCurrency, each);
      }
    }
  }

  private static void twilio(CsvRows rows, String defaultCurrency, Consumer<InvoiceLine> each) {
    String sid = rows.require("Sid", "CallSid", "call_sid");
    String price = rows.require("Price", "price");
    String duration = rows.column("Duration", "duration", "call_sec");
    String unit = rows.column("PriceUnit", "price_unit");
    String started = rows.column("StartTime", "start_time", "DateCreated", "date_created");
    String direction = rows.column("Direction", "direction");
    String from = rows.column("From", "from");
    String to = rows.column("To", "to");
    String billed = rows.column("billed_sec", "BilledSeconds");
    rows.forEach(r -> {
      String callSid = r.required(sid);
      if (!callSid.startsWith("CA")) {
        throw new CsvLineException(r.line(), sid, "'" + callSid + "' is not a Twilio CallSid (CA…)");
      }
      Long amount = r.micros(price);
      each.accept(new InvoiceLine(r.line(), callSid, null, null, r.instant(started), r.wholeNumber(duration),
          r.wholeNumber(billed), null, amount == null ? 0 : amount, currency(r, unit, defaultCurrency),
          direction(r.text(direction)), r.text(from), r.text(to)));
    });
  }

  private static void telnyx(CsvRows rows, String defaultCurrency, Consumer<InvoiceLine> each) {
    String control = rows.column("call_control_id", "telnyx_call_control_id");
    String leg = rows.column("call_leg_id", "telnyx_leg_id");
    if (control == null && leg == null) {
      rows.require("call_control_id", "call_leg_id");
    }
    String session = rows.column("call_session_id", "session_id");
    String cost = rows.require("cost");
    String seconds = rows.column("call_sec");
    String billed = rows.column("billed_sec", "billable_time");
    String rate = rows.column("rate");
    String unit = rows.column("currency");
    String started = rows.column("start_timestamp_utc", "started_at", "start_time", "created_at");
    String direction = rows.column("direction");
    String from = rows.column("origination_number", "cli", "from");
    String to = rows.column("terminating_number", "cld", "to");
    rows.forEach(r -> {
      String id = r.text(control) != null ? r.text(control) : r.text(leg);
      if (id == null) {
        throw new CsvLineException(r.line(), control != null ? control : leg, "empty: a call id is required");
      }
      Long amount = r.micros(cost);
      each.accept(new InvoiceLine(r.line(), id, r.text(leg), r.text(session), r.instant(started),
          r.wholeNumber(seconds), r.wholeNumber(billed), r.micros(rate), amount == null ? 0 : amount,
          currency(r, unit, defaultCurrency), direction(r.text(direction)), r.text(from), r.text(to)));
    });
  }

  private static String currency(CsvRows r, String column, String defaultCurrency) {
    String v = r.text(column);
    if (v == null) {
      return defaultCurrency;
    }
    try {
      return org.telops.cdr.billing.rating.Money.currency(v);
    } catch (IllegalArgumentException e) {
      throw new CsvLineException(r.line(), column, e.getMessage());
    }
  }

  private static String direction(String text) {
    if (text == null) {
      return null;
    }
    return text.toLowerCase(Locale.ROOT).startsWith("inbound") ? "inbound" : "outbound";
  }
}
