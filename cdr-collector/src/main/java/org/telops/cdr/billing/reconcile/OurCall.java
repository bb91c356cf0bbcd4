package org.telops.cdr.billing.reconcile;

import java.time.Instant;
import org.telops.cdr.billing.rating.Rate;

/**
 * A rated CDR as reconciliation sees it.
 *
 * @param durationSeconds our measured talk seconds
 * @param billedSeconds that rounded by the rate card
 * @param costMicros our rated telephony price (null = not rated)
 * @param rate the rate-card row used, null when none applied
 * @param inPeriod false for calls just outside the invoice month (matched if billed, never unbilled)
 */
public record OurCall(String callId, String carrierCallId, Instant attemptedAt, long durationSeconds,
                      long billedSeconds, Long costMicros, Rate rate, boolean inPeriod) {}
