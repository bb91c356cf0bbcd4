package org.telops.runtime.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.telops.contracts.logging.PhoneMask;

/**
 * Toll-fraud guard on operator-placed calls ({@code POST /api/v1/calls}): the destination must start with a
 * prefix of {@code TELOPS_OUTBOUND_ALLOW} (comma-separated E.164 prefixes; on the local default the
 * simulator's hosted prefix is added), the caller id must be one of our numbers ({@code TELOPS_OWNED_NUMBERS},
 * comma-separated numbers or prefixes; on the local default the simulator's), and each caller (token or
 * user) may place at most {@code TELOPS_OUTBOUND_PER_MINUTE} (10) calls a minute. Plain Java.
 */
public final class OutboundPolicy {
  private final List<String> allow;
  private final List<String> owned;
  private final int perMinute;
  private final Map<String, long[]> windows = new ConcurrentHashMap<>();

  public OutboundPolicy(List<String> allow, List<String> owned, int perMinute) {
    this.allow = List.copyOf(allow);
    this.owned = List.copyOf(owned);
    this.perMinute = perMinute;
  }

  public static OutboundPolicy fromEnv(Map<String, String> env) {
    List<String> allow = list(env.get("TELOPS_OUTBOUND_ALLOW"));
    List<String> owned = list(env.get("TELOPS_OWNED_NUMBERS"));
    List<String> local = list(env.get("TELOPS_OUTBOUND_ALLOW_LOCAL"));
    allow.addAll(local);
    owned.addAll(local);
    int perMinute = new org.telops.contracts.config.Env(env).integer("TELOPS_OUTBOUND_PER_MINUTE", 10, 1, 100_000);
    return new OutboundPolicy(allow, owned, perMinute);
  }

  private static List<String> list(String text) {
    List<String> out = new ArrayList<>();
    if (text != null) {
      for (String p : text.split(",")) {
        if (!p.isBlank()) {
          out.add(p.trim());
        }
      }
    }
    return out;
  }

  /** Why the call is refused (status and message), or null when it may go. */
  public Refusal check(String caller, String to, String from, long nowMillis) {
    if (allow.stream().noneMatch(to::startsWith)) {
      return new Refusal(403, "to: " + PhoneMask.mask(to) + " is not an allowed destination: add its prefix to "
          + "TELOPS_OUTBOUND_ALLOW (comma-separated E.164 prefixes; now " + (allow.isEmpty() ? "empty" : String.join(",", allow)) + ")");
    }
    if (from != null && owned.stream().noneMatch(from::startsWith)) {
      return new Refusal(403, "from: " + PhoneMask.mask(from) + " is not one of our numbers: list it in TELOPS_OWNED_NUMBERS");
    }
    long minute = nowMillis / 60_000;
    long[] w = windows.computeIfAbsent(caller, k -> new long[2]);
    synchronized (w) {
      if (w[0] != minute) {
        w[0] = minute;
        w[1] = 0;
      }
      if (w[1] >= perMinute) {
        return new Refusal(429, "'" + caller + "' placed " + perMinute + " calls this minute (TELOPS_OUTBOUND_PER_MINUTE): retry next minute");
      }
      w[1]++;
    }
    return null;
  }

  public record Refusal(int status, String message) {}
}
