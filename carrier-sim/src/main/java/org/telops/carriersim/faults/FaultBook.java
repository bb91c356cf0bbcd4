package org.telops.carriersim.faults;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The faults switched on right now. One fault per carrier, kind and region: putting another replaces it.
 * Expired faults vanish on their own. Read on every REST request and every half second per call, from
 * any thread.
 */
public final class FaultBook {
  private final ConcurrentHashMap<String, Fault> faults = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final Clock clock;

  public FaultBook(Clock clock) {
    this.clock = clock;
  }

  public String nextId() {
    return "fault-" + ids.incrementAndGet();
  }

  public Fault put(Fault fault) {
    faults.put(fault.key(), fault);
    return fault;
  }

  /** The fault of this kind for a call or request of {@code carrier} in {@code region} (null = unknown region). */
  public Optional<Fault> active(String carrier, FaultKind kind, String region) {
    Instant now = clock.instant();
    Fault specific = region == null ? null : faults.get(carrier + "|" + kind + "|" + region);
    if (specific != null && specific.appliesTo(carrier, region, now)) {
      return Optional.of(specific);
    }
    Fault any = faults.get(carrier + "|" + kind + "|*");
    return any != null && any.appliesTo(carrier, region, now) ? Optional.of(any) : Optional.empty();
  }

  public List<Fault> list() {
    Instant now = clock.instant();
    faults.values().removeIf(f -> f.expiresAt() != null && !now.isBefore(f.expiresAt()));
    return faults.values().stream().sorted(Comparator.comparing(Fault::id)).toList();
  }

  public boolean remove(String id) {
    return faults.values().removeIf(f -> f.id().equals(id));
  }

  /** Removes the faults matching every given filter (null = any); returns how many. */
  public int clear(String carrier, FaultKind kind, String region) {
    int before = faults.size();
    faults.values().removeIf(f -> (carrier == null || f.carrier().equals(carrier)) && (kind == null || f.kind() == kind)
        && (region == null || region.equals(f.region())));
    return before - faults.size();
  }

  public Clock clock() {
    return clock;
  }
}
