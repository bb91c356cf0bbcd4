package org.telops.cdr.billing.rating;

import java.time.Instant;
import java.util.Optional;

/**
 * Rates one finished call: telephony from the rate book (billed party, direction and start time pick the
 * row), the AI legs from the provider prices, and the total. A pure function of its inputs.
 */
public final class CallRater {
  /** What the rater needs of a CDR. {@code answeredAt} null = unanswered (costs 0 telephony). */
  public record CallUsage(String carrier, String direction, String fromNumber, String toNumber, Instant attemptedAt,
                          Instant answeredAt, Instant endedAt, Long telephonySeconds, Double sttSeconds,
                          Long llmTokensIn, Long llmTokensOut, Long ttsCharacters) {

    /** Talk time: the carrier's telephony seconds when known, else answer → end, whole seconds rounded up. */
    public long durationSeconds() {
      if (answeredAt == null) {
        return 0;
      }
      if (telephonySeconds != null) {
        return telephonySeconds;
      }
      if (endedAt == null || endedAt.isBefore(answeredAt)) {
        return 0;
      }
      long millis = endedAt.toEpochMilli() - answeredAt.toEpochMilli();
      return (millis + 999) / 1000;
    }

    /** The party the carrier bills on: the called number outbound, the calling number inbound. */
    public String billedNumber() {
      return "inbound".equals(direction) ? fromNumber : toNumber;
    }
  }

  /**
   * @param rateId the rate-card row used, 0 when none applied (telephony then null: not rated, never 0)
   * @param currency of every component
   */
  public record RatedCost(long rateId, long durationSeconds, long billedSeconds, Long telephonyMicros, Long sttMicros,
                          Long llmMicros, Long ttsMicros, Long totalMicros, String currency) {}

  private final RateBook rates;
  private final ProviderPrices prices;

  public CallRater(RateBook rates, ProviderPrices prices) {
    this.rates = rates;
    this.prices = prices;
  }

  public RatedCost rate(CallUsage call) {
    long duration = call.durationSeconds();
    String direction = call.direction() == null ? "outbound" : call.direction();
    Optional<Rate> rate = call.carrier() == null ? Optional.empty()
        : rates.find(call.carrier(), direction, call.billedNumber(), call.attemptedAt());
    Long telephony = rate.map(r -> r.priceMicros(duration)).orElse(null);
    long billed = rate.map(r -> r.billedSeconds(duration)).orElse(0L);
    String currency = rate.map(Rate::currency).orElse(prices.currency());
    boolean sameCurrency = currency.equals(prices.currency());
    Long stt = sameCurrency ? prices.sttMicros(call.sttSeconds()) : null;
    Long llm = sameCurrency ? prices.llmMicros(call.llmTokensIn(), call.llmTokensOut()) : null;
    Long tts = sameCurrency ? prices.ttsMicros(call.ttsCharacters()) : null;
    Long total = null;
    for (Long part : new Long[] {telephony, stt, llm, tts}) {
      if (part != null) {
        total = (total == null ? 0 : total) + part;
      }
    }
    return new RatedCost(rate.map(Rate::id).orElse(0L), duration, billed, telephony, stt, llm, tts, total, currency);
  }
}
