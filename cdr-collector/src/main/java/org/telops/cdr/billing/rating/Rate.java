package org.telops.cdr.billing.rating;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One rate-card row: what a call of a carrier and direction to numbers under {@code prefix} costs while
 * the row is effective, on [validFrom, validTo). Billed seconds follow the CGRateS model: 0 when
 * unanswered; T1 when the call lasts at most T1; else T1 + ceil((d − T1) / T2) × T2.
 *
 * @param id database id (0 before it is stored)
 * @param prefix E.164 digits without '+', "" = every number; the longest matching prefix wins
 * @param connectFeeMicros charged once per answered call
 * @param ratePerMinuteMicros price of 60 billed seconds
 * @param firstIncrementSeconds T1
 * @param nextIncrementSeconds T2
 * @param validTo null = open-ended
 */
public record Rate(long id, String carrier, String direction, String prefix, String currency, long connectFeeMicros,
                   long ratePerMinuteMicros, int firstIncrementSeconds, int nextIncrementSeconds, Rounding rounding,
                   Instant validFrom, Instant validTo) {

  public Rate {
    if (firstIncrementSeconds < 1 || nextIncrementSeconds < 1) {
      throw new IllegalArgumentException("increments must be at least 1 s, got " + firstIncrementSeconds + "/"
          + nextIncrementSeconds);
    }
    if (connectFeeMicros < 0 || ratePerMinuteMicros < 0) {
      throw new IllegalArgumentException("prices must not be negative");
    }
    if (validTo != null && !validTo.isAfter(validFrom)) {
      throw new IllegalArgumentException("valid_to " + validTo + " is not after valid_from " + validFrom);
    }
  }

  /** Billed seconds of a call that lasted {@code durationSeconds} (0 or less = unanswered). */
  public long billedSeconds(long durationSeconds) {
    if (durationSeconds <= 0) {
      return 0;
    }
    if (durationSeconds <= firstIncrementSeconds) {
      return firstIncrementSeconds;
    }
    long rest = durationSeconds - firstIncrementSeconds;
    return firstIncrementSeconds + ((rest + nextIncrementSeconds - 1) / nextIncrementSeconds) * nextIncrementSeconds;
  }

  /** Price of billed seconds, without the connect fee, in micros rounded by the card's rule. */
  public long priceOfBilledSeconds(long billedSeconds) {
    return BigDecimal.valueOf(billedSeconds).multiply(BigDecimal.valueOf(ratePerMinuteMicros))
        .divide(BigDecimal.valueOf(60), 0, rounding.mode()).longValueExact();
  }

  /** Price of a call: connect fee + billed seconds at the rate; 0 when unanswered. */
  public long priceMicros(long durationSeconds) {
    long billed = billedSeconds(durationSeconds);
    return billed == 0 ? 0 : connectFeeMicros + priceOfBilledSeconds(billed);
  }

  public boolean effectiveAt(Instant at) {
    return !at.isBefore(validFrom) && (validTo == null || at.isBefore(validTo));
  }

  /** "twilio outbound +44 (2026-11-01 → open)": how an operator recognises the row. */
  public String describe() {
    return carrier + " " + direction + " +" + prefix + " (" + validFrom + " → " + (validTo == null ? "open" : validTo) + ")";
  }
}
