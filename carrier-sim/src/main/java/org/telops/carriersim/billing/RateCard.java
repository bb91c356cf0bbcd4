package org.telops.carriersim.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.telops.carriersim.config.Pairs;
import org.telops.contracts.config.ConfigException;

/**
 * Per-minute rates by carrier and direction, billed in whole increments rounded up (60 s increments:
 * 61 s is billed as 2 minutes). Money is integer micro-units of {@code currency}.
 *
 * @param microsPerMinute key "carrier.direction" (direction inbound|outbound) → price of one minute
 * @param incrementSeconds billing increment; 60 = per-minute billing
 */
public record RateCard(Map<String, Long> microsPerMinute, int incrementSeconds, String currency) {
  public static final String DEFAULT_RATES =
      "twilio.outbound=0.0140,twilio.inbound=0.0085,telnyx.outbound=0.0070,telnyx.inbound=0.0035";

  public RateCard {
    microsPerMinute = Map.copyOf(microsPerMinute);
    if (incrementSeconds < 1 || incrementSeconds > 3600) {
      throw new ConfigException("TELOPS_SIM_BILLING_INCREMENT_SECONDS=" + incrementSeconds + " is out of range: use 1 to 3600");
    }
  }

  /** {@code TELOPS_SIM_RATES}: {@code twilio.outbound=0.0140,…} in currency units per minute. */
  public static RateCard parse(String text, int incrementSeconds, String currency) {
    Map<String, Long> m = new LinkedHashMap<>();
    Pairs.parse("TELOPS_SIM_RATES", DEFAULT_RATES, DEFAULT_RATES).forEach((k, v) -> m.put(k, micros(k, v)));
    Pairs.parse("TELOPS_SIM_RATES", text, DEFAULT_RATES).forEach((k, v) -> {
      if (!k.matches("(twilio|telnyx)\\.(inbound|outbound)")) {
        throw new ConfigException("TELOPS_SIM_RATES: '" + k + "' is not carrier.direction (twilio|telnyx).(inbound|outbound)");
      }
      m.put(k, micros(k, v));
    });
    return new RateCard(m, incrementSeconds, currency);
  }

  private static long micros(String key, String value) {
    try {
      BigDecimal d = new BigDecimal(value.trim());
      if (d.signum() < 0) {
        throw new NumberFormatException();
      }
      return d.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new ConfigException("TELOPS_SIM_RATES: " + key + "=" + value + " is not a price per minute like 0.0140");
    }
  }

  public long rateMicrosPerMinute(String carrier, boolean inbound) {
    Long r = microsPerMinute.get(carrier + "." + (inbound ? "inbound" : "outbound"));
    return r == null ? 0 : r;
  }

  /** Talk time rounded up to whole increments; 0 stays 0 (an unanswered call costs nothing). */
  public long billedSeconds(long durationSeconds) {
    if (durationSeconds <= 0) {
      return 0;
    }
    return ((durationSeconds + incrementSeconds - 1) / incrementSeconds) * incrementSeconds;
  }

  /** Price of {@code billedSeconds} at a per-minute rate, micros, half-up. */
  public static long priceMicros(long billedSeconds, long rateMicrosPerMinute) {
    return BigDecimal.valueOf(billedSeconds).multiply(BigDecimal.valueOf(rateMicrosPerMinute))
        .divide(BigDecimal.valueOf(60), 0, RoundingMode.HALF_UP).longValueExact();
  }

  public long priceMicros(String carrier, boolean inbound, long durationSeconds) {
    return priceMicros(billedSeconds(durationSeconds), rateMicrosPerMinute(carrier, inbound));
  }

  /** "0.02800" style: micros as a decimal with {@code scale} places. */
  public static String decimal(long micros, int scale) {
    return BigDecimal.valueOf(micros).movePointLeft(6).setScale(scale, RoundingMode.HALF_UP).toPlainString();
  }

  public String describe() {
    StringBuilder sb = new StringBuilder();
    microsPerMinute.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> sb.append(sb.isEmpty() ? "" : ",").append(e.getKey()).append('=').append(decimal(e.getValue(), 4)));
    return sb + " " + currency + "/min, " + incrementSeconds + " s increments";
  }
}
