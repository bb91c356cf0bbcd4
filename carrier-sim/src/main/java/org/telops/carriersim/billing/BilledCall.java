package org.telops.carriersim.billing;

import java.time.Instant;

/**
 * One finished leg as the carrier's books hold it: what the fetch API and the monthly invoice show.
 *
 * @param callId Twilio CallSid or Telnyx call_control_id
 * @param legId Telnyx call_leg_id (Twilio: same as callId)
 * @param sessionId Telnyx call_session_id (Twilio: the parent/peer call's sid, or null)
 * @param inbound true for the leg that arrived at a hosted number
 * @param status final status in Twilio's words (completed, busy, no-answer, failed, canceled)
 * @param durationSeconds talk time (answer → end)
 * @param billedSeconds talk time rounded up to the rate card's increment
 * @param rateMicrosPerMinute rate applied
 * @param priceMicros charge, ≥ 0
 * @param hangupCause Telnyx-style cause (normal_clearing, user_busy, timeout, …)
 * @param mos E-model estimate of the leg's received audio, null when no media flowed
 */
public record BilledCall(String carrier, String accountId, String callId, String legId, String sessionId,
                         boolean inbound, String from, String to, String status, Instant createdAt,
                         Instant startedAt, Instant answeredAt, Instant endedAt, long durationSeconds,
                         long billedSeconds, long rateMicrosPerMinute, long priceMicros, String currency,
                         String region, String hangupCause, Double mos) {

  /** The same call as an invoice might (wrongly) bill it. */
  public BilledCall billedAs(long newBilledSeconds, long newPriceMicros) {
    return new BilledCall(carrier, accountId, callId, legId, sessionId, inbound, from, to, status, createdAt, startedAt,
        answeredAt, endedAt, durationSeconds, newBilledSeconds, rateMicrosPerMinute, newPriceMicros, currency, region,
        hangupCause, mos);
  }
}
