package org.telops.cdr.billing.rating;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Prices of the AI legs, in micros of {@code currency}: speech-to-text per second of audio, the language
 * model per 1,000 tokens in and out, text-to-speech per 1,000 characters. Costs round half-up to a micro.
 */
public record ProviderPrices(String currency, long sttMicrosPerSecond, long llmInMicrosPer1k, long llmOutMicrosPer1k,
                             long ttsMicrosPer1kChars) {

  public static final ProviderPrices NONE = new ProviderPrices("USD", 0, 0, 0, 0);

  public Long sttMicros(Double sttSeconds) {
    return sttSeconds == null ? null : BigDecimal.valueOf(sttSeconds).multiply(BigDecimal.valueOf(sttMicrosPerSecond))
        .setScale(0, RoundingMode.HALF_UP).longValueExact();
  }

  public Long llmMicros(Long tokensIn, Long tokensOut) {
    if (tokensIn == null && tokensOut == null) {
      return null;
    }
    return per1k(tokensIn == null ? 0 : tokensIn, llmInMicrosPer1k) + per1k(tokensOut == null ? 0 : tokensOut, llmOutMicrosPer1k);
  }

  public Long ttsMicros(Long characters) {
    return characters == null ? null : per1k(characters, ttsMicrosPer1kChars);
  }

  private static long per1k(long units, long micros) {
    return BigDecimal.valueOf(units).multiply(BigDecimal.valueOf(micros)).divide(BigDecimal.valueOf(1000), 0,
        RoundingMode.HALF_UP).longValueExact();
  }
}
