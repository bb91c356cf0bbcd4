package org.telops.runtime.routing;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.telops.contracts.config.ConfigException;
import org.telops.contracts.config.Env;

/**
 * The carrier router's settings.
 *
 * @param carriers carrier names in order of preference (the first is the primary)
 * @param timeoutMs how long one carrier API call may take before it counts as a failure
 * @param maxFailures consecutive failures that open a carrier's circuit
 * @param resetTimeoutMs how long an open circuit waits before letting one trial call through (half-open)
 * @param callsPerSecond new calls per second per carrier (the carriers' CPS limit)
 * @param cpsBurst calls a carrier may take back to back before pacing (1 = strictly paced)
 * @param cpsQueue calls that may wait for a CPS slot before new ones are refused
 * @param healthPublishMs how often health figures go on the bus
 * @param inFlightMaxMinutes after how long a call with no end event stops counting as in flight
 * @param failoverAfterMs how long a new call waits for a silent carrier before it is placed on the next one;
 *     the breaker still counts the attempt as failed only at {@code timeoutMs}. Below the timeout so that a
 *     silent API fails calls over within the 3 s bound; a late answer is hung up (the call went elsewhere).
 */
public record RouterConfig(List<String> carriers, int timeoutMs, int maxFailures, int resetTimeoutMs,
                           int callsPerSecond, int cpsBurst, int cpsQueue, String twilioApiBaseUrl,
                           String telnyxApiBaseUrl, String telnyxConnectionId, int healthPublishMs,
                           int inFlightMaxMinutes, int failoverAfterMs) {

  /** Carriers this build can place calls on. */
  public static final Set<String> KNOWN_CARRIERS = Set.of("twilio", "telnyx");

  public RouterConfig {
    carriers = List.copyOf(carriers);
  }

  public static RouterConfig fromEnv(Map<String, String> environment) {
    Env env = new Env(environment);
    String list = env.string("TELOPS_CARRIERS", "twilio,telnyx");
    List<String> carriers = new ArrayList<>();
    for (String raw : list.split(",")) {
      String name = raw.trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      if (!KNOWN_CARRIERS.contains(name)) {
        throw new ConfigException("TELOPS_CARRIERS=" + list + " names an unknown carrier '" + name
            + "': use twilio and/or telnyx in order of preference, e.g. twilio,telnyx");
      }
      if (carriers.contains(name)) {
        throw new ConfigException("TELOPS_CARRIERS=" + list + " lists " + name + " twice: name each carrier once");
      }
      carriers.add(name);
    }
    if (carriers.isEmpty()) {
      throw new ConfigException("TELOPS_CARRIERS is empty: name at least one carrier, e.g. twilio,telnyx");
    }
    return new RouterConfig(carriers,
        env.integer("TELOPS_CARRIER_TIMEOUT_MS", 3_000, 100, 60_000),
        env.integer("TELOPS_CARRIER_MAX_FAILURES", 3, 1, 100),
        env.integer("TELOPS_CARRIER_RESET_TIMEOUT_MS", 10_000, 100, 3_600_000),
        env.integer("TELOPS_CARRIER_CPS", 30, 1, 10_000),
        env.integer("TELOPS_CARRIER_CPS_BURST", 1, 1, 10_000),
        env.integer("TELOPS_CARRIER_CPS_QUEUE", 30, 0, 100_000),
        url(env, "TELOPS_TWILIO_API_BASE_URL", "https://api.twilio.com"),
        url(env, "TELOPS_TELNYX_API_BASE_URL", "https://api.telnyx.com"),
        env.string("TELOPS_TELNYX_CONNECTION_ID", null),
        env.integer("TELOPS_CARRIER_HEALTH_PUBLISH_MS", 10_000, 100, 3_600_000),
        env.integer("TELOPS_CARRIER_INFLIGHT_MAX_MINUTES", 240, 1, 10_080),
        env.integer("TELOPS_CARRIER_FAILOVER_MS", 2_000, 50, 60_000));
  }

  private static String url(Env env, String name, String defaultValue) {
    String v = env.string(name, defaultValue);
    try {
      URI u = URI.create(v);
      if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name + "=" + v + " is not an http(s) URL: use the carrier's API base, e.g. "
          + defaultValue);
    }
    while (v.endsWith("/")) {
      v = v.substring(0, v.length() - 1);
    }
    return v;
  }

  public String apiBaseUrl(String carrier) {
    return "twilio".equals(carrier) ? twilioApiBaseUrl : telnyxApiBaseUrl;
  }

  public Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("TELOPS_CARRIERS", String.join(",", carriers));
    m.put("TELOPS_CARRIER_TIMEOUT_MS", String.valueOf(timeoutMs));
    m.put("TELOPS_CARRIER_MAX_FAILURES", String.valueOf(maxFailures));
    m.put("TELOPS_CARRIER_RESET_TIMEOUT_MS", String.valueOf(resetTimeoutMs));
    m.put("TELOPS_CARRIER_CPS", String.valueOf(callsPerSecond));
    m.put("TELOPS_CARRIER_CPS_BURST", String.valueOf(cpsBurst));
    m.put("TELOPS_CARRIER_CPS_QUEUE", String.valueOf(cpsQueue));
    m.put("TELOPS_TWILIO_API_BASE_URL", twilioApiBaseUrl);
    m.put("TELOPS_TELNYX_API_BASE_URL", telnyxApiBaseUrl);
    m.put("TELOPS_TELNYX_CONNECTION_ID", telnyxConnectionId == null ? "(not set)" : telnyxConnectionId);
    m.put("TELOPS_CARRIER_HEALTH_PUBLISH_MS", String.valueOf(healthPublishMs));
    m.put("TELOPS_CARRIER_INFLIGHT_MAX_MINUTES", String.valueOf(inFlightMaxMinutes));
    m.put("TELOPS_CARRIER_FAILOVER_MS", String.valueOf(failoverAfterMs));
    return m;
  }
}
