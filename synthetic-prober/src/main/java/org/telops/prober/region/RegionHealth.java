package org.telops.prober.region;

import java.time.Instant;
import java.util.Optional;

/**
 * One region's health state machine, fed one probe outcome at a time, in order:
 * <pre>
 *   healthy ──failure──▶ degraded ──(failuresToRemove in a row)──▶ removed
 *      ▲                    │                                        │
 *      └──────success───────┘◀──────(successesToRestore in a row)────┘
 * </pre>
 * An isolated failure only degrades; a removed region needs a streak of successes, so one lucky probe
 * during an outage does not put it back. Not thread-safe: the prober feeds it from one context.
 */
public final class RegionHealth {
  private final String region;
  private final String carrier;
  private final HealthPolicy policy;
  private HealthStatus status;
  private int consecutiveFailures;
  private int consecutiveSuccesses;
  private String lastReason;
  private Instant changedAt;

  public RegionHealth(String region, String carrier, HealthPolicy policy) {
    this(region, carrier, policy, HealthStatus.HEALTHY, 0, 0, null, null);
  }

  /** Restores the state stored before a restart. */
  public RegionHealth(String region, String carrier, HealthPolicy policy, HealthStatus status, int consecutiveFailures,
                      int consecutiveSuccesses, String lastReason, Instant changedAt) {
    this.region = region;
    this.carrier = carrier;
    this.policy = policy;
    this.status = status;
    this.consecutiveFailures = Math.max(0, consecutiveFailures);
    this.consecutiveSuccesses = Math.max(0, consecutiveSuccesses);
    this.lastReason = lastReason;
    this.changedAt = changedAt;
  }

  /**
   * Accounts one finished probe.
   *
   * @param reason the named failure reason; ignored for a success
   * @return the status change this probe caused, if any
   */
  public Optional<HealthTransition> record(boolean success, String reason, Instant at) {
    HealthStatus before = status;
    String why;
    if (success) {
      consecutiveFailures = 0;
      consecutiveSuccesses++;
      if (status == HealthStatus.REMOVED && consecutiveSuccesses >= policy.successesToRestore()) {
        status = HealthStatus.HEALTHY;
      } else if (status == HealthStatus.DEGRADED) {
        status = HealthStatus.HEALTHY;
      }
      why = consecutiveSuccesses + " successful probe" + (consecutiveSuccesses == 1 ? "" : "s") + " in a row";
    } else {
      consecutiveSuccesses = 0;
      consecutiveFailures++;
      lastReason = reason;
      if (status != HealthStatus.REMOVED && consecutiveFailures >= policy.failuresToRemove()) {
        status = HealthStatus.REMOVED;
      } else if (status == HealthStatus.HEALTHY) {
        status = HealthStatus.DEGRADED;
      }
      why = consecutiveFailures + " failed probe" + (consecutiveFailures == 1 ? "" : "s") + " in a row, last: " + reason;
    }
    if (status == before) {
      return Optional.empty();
    }
    changedAt = at;
    return Optional.of(new HealthTransition(region, carrier, before, status, why, at));
  }

  public String region() {
    return region;
  }

  public String carrier() {
    return carrier;
  }

  public HealthStatus status() {
    return status;
  }

  public int consecutiveFailures() {
    return consecutiveFailures;
  }

  public int consecutiveSuccesses() {
    return consecutiveSuccesses;
  }

  /** The newest failure reason (kept after recovery, for the operator). */
  public String lastReason() {
    return lastReason;
  }

  /** When the status last changed; null if it never did. */
  public Instant changedAt() {
    return changedAt;
  }
}
