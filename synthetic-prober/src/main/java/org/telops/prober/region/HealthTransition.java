package org.telops.prober.region;

import java.time.Instant;

/**
 * A region changed status.
 *
 * @param reason why, for the operator: the failure reason that tipped it, or the success streak that restored it
 */
public record HealthTransition(String region, String carrier, HealthStatus from, HealthStatus to, String reason,
                               Instant at) {

  /** Removal and restoration change routing; degraded ↔ healthy is recorded but routes nothing differently. */
  public boolean changesRouting() {
    return to == HealthStatus.REMOVED || from == HealthStatus.REMOVED;
  }
}
