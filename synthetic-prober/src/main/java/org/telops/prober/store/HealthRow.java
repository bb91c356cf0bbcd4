package org.telops.prober.store;

import java.time.Instant;
import org.telops.prober.region.HealthStatus;
import org.telops.prober.region.RegionHealth;

/** A region's health as region_health stores it: a snapshot, safe to hand to another thread. */
public record HealthRow(String region, String carrier, HealthStatus status, int consecutiveFailures,
                        int consecutiveSuccesses, String lastReason, Instant changedAt) {

  public static HealthRow of(RegionHealth h) {
    return new HealthRow(h.region(), h.carrier(), h.status(), h.consecutiveFailures(), h.consecutiveSuccesses(),
        h.lastReason(), h.changedAt());
  }
}
