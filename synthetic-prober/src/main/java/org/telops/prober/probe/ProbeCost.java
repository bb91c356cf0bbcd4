package org.telops.prober.probe;

import org.telops.prober.carrier.CarrierCalls.HangupReceipt;

/**
 * What a probe call cost: the carrier's own price when its answer carries one (Twilio's call resource
 * after hang-up), else the configured per-minute rate over the billed minutes (60 s increments rounded
 * up, as carriers bill: 61 s is 2 minutes; an unanswered call costs nothing). Integer micros, never double.
 *
 * @param durationSeconds billed duration
 */
public record ProbeCost(int durationSeconds, long costMicros, String currency) {

  public static ProbeCost of(HangupReceipt receipt, int measuredSeconds, long rateMicrosPerMinute, String currency) {
    int seconds = receipt.durationSeconds() != null ? Math.max(0, receipt.durationSeconds()) : Math.max(0, measuredSeconds);
    if (receipt.priceMicros() != null) {
      String unit = receipt.currency() == null || receipt.currency().isBlank() ? currency
          : receipt.currency().trim().toUpperCase(java.util.Locale.ROOT);
      return new ProbeCost(seconds, receipt.priceMicros(), unit);
    }
    return new ProbeCost(seconds, billedMinutes(seconds) * rateMicrosPerMinute, currency);
  }

  public static long billedMinutes(int seconds) {
    return seconds <= 0 ? 0 : (seconds + 59L) / 60;
  }
}
