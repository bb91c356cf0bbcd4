package org.telops.prober.api;

import java.util.List;
import org.telops.prober.region.Region;
import org.telops.prober.store.HealthRow;

/** The running prober as the API shows it: configuration and live state. Implementations are thread-safe. */
public interface ProberView {
  List<Region> regions();

  int intervalSeconds();

  /** The region's current health (live, not as last stored). */
  HealthRow health(String region);

  /** Probes of the region skipped since start because the previous one still ran. */
  long skipped(String region);
}
