package org.telops.admin.live;

/** What changed, so a view refreshes only for what it shows. */
public enum Topic {
  /** Circuit, mode or health figures of a carrier. */
  CARRIERS,
  /** A region removed or restored by the prober, or a probe result. */
  REGIONS,
  /** An incident or alert opened, acknowledged, resolved. */
  INCIDENTS,
  /** A call started, answered, ended, or a live quality sample. */
  CALLS,
  /** Every tick (1 s): for what only the database knows, e.g. a running drill's timeline. */
  TICK
}
