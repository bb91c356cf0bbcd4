package org.telops.carriersim.twilio;

import java.util.Arrays;
import java.util.List;
import org.telops.carriersim.billing.BilledCall;
import org.telops.carriersim.billing.Csv;
import org.telops.carriersim.billing.Invoice;

/**
 * Twilio's call-log export: one row per call with the Call resource's properties as column names in
 * the 2010 API's CSV representation (PascalCase: Sid, DateCreated, … Price, PriceUnit, Direction). Dates
 * are RFC 2822, Price is negative for a charge, Duration is talk seconds. The per-minute billing shows
 * in Price, not in Duration — as on a real Twilio log.
 */
public final class TwilioInvoiceCsv {
  public static final List<String> COLUMNS = List.of("Sid", "ParentCallSid", "DateCreated", "DateUpdated", "AccountSid",
      "To", "ToFormatted", "From", "FromFormatted", "PhoneNumberSid", "Status", "StartTime", "EndTime", "Duration",
      "Price", "PriceUnit", "Direction", "AnsweredBy", "ApiVersion", "ForwardedFrom", "GroupSid", "CallerName",
      "QueueTime", "TrunkSid");

  private TwilioInvoiceCsv() {}

  public static String render(Invoice invoice) {
    StringBuilder sb = new StringBuilder(Csv.row(COLUMNS));
    for (BilledCall c : invoice.lines()) {
      boolean answered = c.answeredAt() != null;
      sb.append(Csv.row(Arrays.asList(c.callId(), null, TwilioFormats.date(c.createdAt()),
          TwilioFormats.date(c.endedAt()), c.accountId(), c.to(), TwilioFormats.formatted(c.to()), c.from(),
          TwilioFormats.formatted(c.from()), null, c.status(), TwilioFormats.date(c.startedAt()),
          TwilioFormats.date(c.endedAt()), String.valueOf(c.durationSeconds()),
          TwilioFormats.price(answered || c.priceMicros() > 0 ? c.priceMicros() : null), c.currency(),
          c.inbound() ? "inbound" : "outbound-api", null, "2010-04-01", null, null, null, "0", null)));
    }
    return sb.toString();
  }
}
