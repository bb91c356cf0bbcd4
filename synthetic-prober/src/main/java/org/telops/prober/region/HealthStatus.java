package org.telops.prober.region;

import java.util.Locale;

/** A region's health as the prober judges it; the wire form is what region_health.status stores. */
public enum HealthStatus {
  /** The last probe succeeded (or none failed yet). */
  HEALTHY,
  /** One or more recent probes failed, fewer than the removal threshold in a row: watched, still routed. */
  DEGRADED,
  /** Enough consecutive failures: the router stops sending new calls through the region. */
  REMOVED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static HealthStatus fromWire(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("region status '" + s + "' is not healthy, degraded or removed");
    }
  }
}
