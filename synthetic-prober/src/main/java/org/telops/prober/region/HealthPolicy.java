package org.telops.prober.region;

/**
 * When a region leaves and re-enters routing.
 *
 * @param failuresToRemove consecutive failed probes that remove a region (3: an outage is found within
 *     three probe intervals, 90 s at the default 30 s)
 * @param successesToRestore consecutive successful probes that bring a removed region back
 */
public record HealthPolicy(int failuresToRemove, int successesToRestore) {
  public HealthPolicy {
    if (failuresToRemove < 1 || successesToRestore < 1) {
      throw new IllegalArgumentException("failuresToRemove and successesToRestore must be >= 1, got "
          + failuresToRemove + " and " + successesToRestore);
    }
  }
}
