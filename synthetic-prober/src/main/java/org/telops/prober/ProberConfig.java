package org.telops.prober;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.telops.contracts.config.ConfigException;
import org.telops.contracts.config.Env;
import org.telops.prober.probe.ProbeTimeouts;
import org.telops.prober.region.HealthPolicy;
import org.telops.prober.region.Region;

/**
 * The synthetic prober's configuration, from TELOPS_PROBE_* (README table) plus the carriers' REST base
 * URLs; credentials and the public base URL come from the platform's own records.
 *
 * @param mediaBaseUrl ws(s):// base the carriers open the probes' media streams to
 * @param ratesMicrosPerMinute carrier → price of one probe minute when the carrier reports none
 * @param confirmSeconds after a failed probe, the same region and target are probed again this soon
 * @param wer speak a phrase on every probe and score the agent's transcript (word error rate)
 */
public record ProberConfig(boolean enabled, List<Region> regions, int intervalSeconds, int jitterMs,
                           HealthPolicy health, int digits, ProbeTimeouts timeouts, String mediaBaseUrl,
                           String twilioApiBaseUrl, String telnyxApiBaseUrl, String telnyxConnectionId,
                           Map<String, Long> ratesMicrosPerMinute, String currency, int confirmSeconds,
                           boolean wer) {

  public static final String DEFAULT_RATES = "twilio=0.0140,telnyx=0.0070";

  public ProberConfig {
    regions = List.copyOf(regions);
    ratesMicrosPerMinute = Map.copyOf(ratesMicrosPerMinute);
  }

  public static ProberConfig fromEnv(Map<String, String> environment, String publicBaseUrl) {
    Env env = new Env(environment);
    List<Region> regions = Region.parseAll("TELOPS_PROBE_REGIONS", env.string("TELOPS_PROBE_REGIONS", Region.DEFAULT_REGIONS));
    int interval = env.integer("TELOPS_PROBE_INTERVAL_SECONDS", 30, 1, 86_400);
    ProbeTimeouts timeouts = new ProbeTimeouts(
        env.integer("TELOPS_PROBE_API_TIMEOUT_MS", 5_000, 100, 120_000),
        env.integer("TELOPS_PROBE_CONNECT_TIMEOUT_MS", 15_000, 100, 300_000),
        env.integer("TELOPS_PROBE_AUDIO_TIMEOUT_MS", 3_000, 100, 60_000),
        env.integer("TELOPS_PROBE_ANSWER_TIMEOUT_MS", 4_000, 100, 60_000),
        env.integer("TELOPS_PROBE_ECHO_TIMEOUT_MS", 3_000, 100, 60_000),
        env.integer("TELOPS_PROBE_PHRASE_TIMEOUT_MS", 6_000, 100, 120_000));
    String media = env.string("TELOPS_PROBE_MEDIA_BASE_URL", wsOf(publicBaseUrl));
    if (!media.matches("wss?://[^/]+.*")) {
      throw new ConfigException("TELOPS_PROBE_MEDIA_BASE_URL=" + media + " is not a ws:// or wss:// URL: use the address "
          + "carriers reach this server's WebSockets at, e.g. wss://telops.example.com");
    }
    String currency = env.string("TELOPS_PROBE_CURRENCY", "USD").toUpperCase(Locale.ROOT);
    if (!currency.matches("[A-Z]{3}")) {
      throw new ConfigException("TELOPS_PROBE_CURRENCY=" + currency + " is not an ISO 4217 code: use e.g. USD or EUR");
    }
    return new ProberConfig(env.bool("TELOPS_PROBE_ENABLED", true), regions, interval,
        env.integer("TELOPS_PROBE_JITTER_MS", 1_000, 0, 3_600_000),
        new HealthPolicy(env.integer("TELOPS_PROBE_FAILURES_TO_REMOVE", 3, 1, 100),
            env.integer("TELOPS_PROBE_SUCCESSES_TO_RESTORE", 3, 1, 100)),
        env.integer("TELOPS_PROBE_DIGITS", 4, 1, 16), timeouts, strip(media),
        http(env, "TELOPS_TWILIO_API_BASE_URL", "https://api.twilio.com"),
        http(env, "TELOPS_TELNYX_API_BASE_URL", "https://api.telnyx.com"),
        env.string("TELOPS_TELNYX_CONNECTION_ID", null),
        rates(env.string("TELOPS_PROBE_RATES", DEFAULT_RATES)), currency,
        env.integer("TELOPS_PROBE_CONFIRM_SECONDS", Math.max(1, interval / 3), 1, 86_400),
        env.bool("TELOPS_PROBE_WER", true));
  }

  /** http://host → ws://host, https://host → wss://host. */
  static String wsOf(String httpBase) {
    return httpBase.startsWith("https://") ? "wss://" + httpBase.substring(8)
        : httpBase.startsWith("http://") ? "ws://" + httpBase.substring(7) : httpBase;
  }

  private static String http(Env env, String name, String dflt) {
    String v = strip(env.string(name, dflt));
    try {
      URI u = URI.create(v);
      if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name + "=" + v + " is not an http(s) URL: use " + dflt);
    }
    return v;
  }

  /** "twilio=0.0140,telnyx=0.0070" (currency units per minute) → micros per minute; listed carriers override the defaults. */
  static Map<String, Long> rates(String text) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (String spec : (DEFAULT_RATES + "," + text).split(",")) {
      if (spec.isBlank()) {
        continue;
      }
      int eq = spec.indexOf('=');
      String carrier = eq < 0 ? spec.trim() : spec.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "" : spec.substring(eq + 1).trim();
      if (!Region.CARRIERS.contains(carrier)) {
        throw new ConfigException("TELOPS_PROBE_RATES has '" + spec.trim() + "': write carrier=pricePerMinute pairs for "
            + "twilio and telnyx, e.g. " + DEFAULT_RATES);
      }
      try {
        BigDecimal d = new BigDecimal(value);
        if (d.signum() < 0) {
          throw new NumberFormatException();
        }
        m.put(carrier, d.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact());
      } catch (NumberFormatException | ArithmeticException e) {
        throw new ConfigException("TELOPS_PROBE_RATES has " + carrier + "=" + value + ": use a price per minute like 0.0140");
      }
    }
    return m;
  }

  private static String strip(String url) {
    String u = url.trim();
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }

  public long rateMicrosPerMinute(String carrier) {
    return ratesMicrosPerMinute.getOrDefault(carrier, 0L);
  }

  /** Effective configuration for the start-up log (no secrets here: credentials are the platform's). */
  public Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("TELOPS_PROBE_ENABLED", String.valueOf(enabled));
    m.put("TELOPS_PROBE_REGIONS", regions.stream().map(Region::describe).collect(Collectors.joining(";")));
    m.put("TELOPS_PROBE_INTERVAL_SECONDS", String.valueOf(intervalSeconds));
    m.put("TELOPS_PROBE_CONFIRM_SECONDS", String.valueOf(confirmSeconds));
    m.put("TELOPS_PROBE_JITTER_MS", String.valueOf(jitterMs));
    m.put("TELOPS_PROBE_FAILURES_TO_REMOVE", String.valueOf(health.failuresToRemove()));
    m.put("TELOPS_PROBE_SUCCESSES_TO_RESTORE", String.valueOf(health.successesToRestore()));
    m.put("TELOPS_PROBE_DIGITS", String.valueOf(digits));
    m.put("TELOPS_PROBE_API_TIMEOUT_MS", String.valueOf(timeouts.apiMs()));
    m.put("TELOPS_PROBE_CONNECT_TIMEOUT_MS", String.valueOf(timeouts.connectMs()));
    m.put("TELOPS_PROBE_AUDIO_TIMEOUT_MS", String.valueOf(timeouts.audioMs()));
    m.put("TELOPS_PROBE_ANSWER_TIMEOUT_MS", String.valueOf(timeouts.answerMs()));
    m.put("TELOPS_PROBE_ECHO_TIMEOUT_MS", String.valueOf(timeouts.echoMs()));
    m.put("TELOPS_PROBE_PHRASE_TIMEOUT_MS", String.valueOf(timeouts.phraseMs()));
    m.put("TELOPS_PROBE_WER", String.valueOf(wer));
    m.put("TELOPS_PROBE_MEDIA_BASE_URL", mediaBaseUrl);
    m.put("TELOPS_TWILIO_API_BASE_URL", twilioApiBaseUrl);
    m.put("TELOPS_TELNYX_API_BASE_URL", telnyxApiBaseUrl);
    m.put("TELOPS_TELNYX_CONNECTION_ID", telnyxConnectionId == null ? "(not set)" : telnyxConnectionId);
    m.put("TELOPS_PROBE_RATES", ratesMicrosPerMinute + " micros/min");
    m.put("TELOPS_PROBE_CURRENCY", currency);
    return m;
  }
}
