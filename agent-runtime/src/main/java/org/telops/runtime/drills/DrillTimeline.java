package org.telops.runtime.drills;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What happened during a drill run, in order, for {@code drill_runs.timeline}. Thread-safe. */
public final class DrillTimeline {

  /** @param event short name (started, in-flight-placed, fault-injected, first-failover, guard-tripped, …) */
  public record Entry(Instant at, String event, String detail) {}

  private final List<Entry> entries = new ArrayList<>();

  public synchronized void add(Instant at, String event, String detail) {
    entries.add(new Entry(at, event, detail));
  }

  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }
}
