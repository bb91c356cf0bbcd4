package org.telops.carriersim.telnyx;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.telops.carriersim.billing.BilledCall;
import org.telops.carriersim.billing.Csv;
import org.telops.carriersim.billing.Invoice;
import org.telops.carriersim.billing.RateCard;

/**
 * Telnyx's voice CDR report: snake_case columns named as the CDR report fields of the Telnyx reporting
 * API (origination_number, terminating_number, start_timestamp_utc, answer_timestamp, end_timestamp,
 * direction, connection_id, hangup_code, billable_time, rate, cost, mos, tags), led by the leg and session
 * ids and the call seconds of the detail-record schema so each row joins back to a call. Billable time is
 * in the rate card's increments ("60/60"); cost = billable minutes × rate.
 */
public final class TelnyxInvoiceCsv {
  public static final List<String> COLUMNS = List.of("call_leg_id", "call_session_id", "call_control_id",
      "origination_number", "terminating_number", "start_timestamp_utc", "answer_timestamp", "end_timestamp",
      "direction", "connection_id", "hangup_code", "hangup_cause", "call_sec", "billable_time", "rate", "cost",
      "currency", "mos", "tags");

  private TelnyxInvoiceCsv() {}

  public static String render(Invoice invoice, String connectionId) {
    StringBuilder sb = new StringBuilder(Csv.row(COLUMNS));
    for (BilledCall c : invoice.lines()) {
      sb.append(Csv.row(Arrays.asList(c.legId(), c.sessionId(), c.callId(), c.from(), c.to(), iso(c.startedAt()),
          iso(c.answeredAt()), iso(c.endedAt()), c.inbound() ? "inbound" : "outbound", connectionId,
          String.valueOf(q850(c.hangupCause())), c.hangupCause(), String.valueOf(c.durationSeconds()),
          String.valueOf(c.billedSeconds()), RateCard.decimal(c.rateMicrosPerMinute(), 4),
          RateCard.decimal(c.priceMicros(), 4), c.currency(), c.mos() == null ? null : String.format(java.util.Locale.ROOT, "%.2f", c.mos()),
          c.region())));
    }
    return sb.toString();
  }

  private static String iso(Instant at) {
    return at == null ? null : at.toString();
  }

  /** Q.850 cause code of a Telnyx hangup cause (16 normal clearing, 17 busy, 19 no answer, 21 rejected). */
  static int q850(String cause) {
    if (cause == null) {
      return 16;
    }
    return switch (cause) {
      case "normal_clearing", "originator_cancel", "time_limit" -> 16;
      case "user_busy" -> 17;
      case "timeout", "no_answer" -> 19;
      case "call_rejected" -> 21;
      default -> 41;
    };
  }
}
