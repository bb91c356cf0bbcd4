package org.telops.cdr.billing.invoice;

import java.time.Instant;

/**
 * One line of a carrier invoice, carrier-neutral.
 *
 * @param lineNo line in the file (header = 1)
 * @param carrierCallId the id matched to {@code calls.carrier_call_id}: Twilio CallSid, Telnyx
 *     call_control_id (or call_leg_id when the export has no control id)
 * @param durationSeconds measured talk seconds as the carrier saw them (Twilio Duration, Telnyx call_sec)
 * @param billedSeconds billed seconds when the export has them (Telnyx billed_sec/billable_time), else null
 * @param rateMicros per-minute rate when the export has it, else null
 * @param amountMicros the charge, ≥ 0
 */
public record InvoiceLine(long lineNo, String carrierCallId, String callLegId, String callSessionId, Instant startedAt,
                          Long durationSeconds, Long billedSeconds, Long rateMicros, long amountMicros, String currency,
                          String direction, String fromNumber, String toNumber) {}
