package org.telops.runtime.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which carriers may take a new call right now, and why the others may not: the router's view of each
 * carrier's circuit, the operator's override (forced open, draining), a 429 back-off, and the regions the
 * prober removed. Plain state with no I/O; every change returns the new {@link Status}. Thread-safe.
 */
public final class CarrierBoard {

  public enum Mode {
    NORMAL, FORCED_OPEN, DRAINING;

    public String wire() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Mode fromWire(String s) {
      return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }

  public enum Circuit {
    CLOSED, HALF_OPEN, OPEN;

    public String wire() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Circuit fromWire(String s) {
      return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }

  /**
   * One carrier as the router sees it.
   *
   * @param configured false when its credentials are missing (then {@code reason} says which)
   * @param lastFailure short form of the last failure that counted against the circuit, or null
   * @param throttledUntil new calls skip it until then (HTTP 429 with Retry-After), or null
   */
  public record Status(String carrier, int priority, boolean configured, Circuit circuit, Mode mode, String reason,
                       String changedBy, Instant changedAt, String lastFailure, int failures, Instant throttledUntil) {}

  /** The carriers a new call may try, in order, and a sentence for each one skipped. */
  public record Plan(List<String> carriers, Map<String, String> skipped) {}

  private final List<String> order;
  private final Map<String, Status> statuses = new HashMap<>();
  /** key "carrier|region" or "*|region" → why the prober removed it. */
  private final Map<String, String> removedRegions = new HashMap<>();

  public CarrierBoard(List<String> carriersInOrder, Map<String, String> notConfiguredReasons, Instant now) {
    this.order = List.copyOf(carriersInOrder);
    for (int i = 0; i < order.size(); i++) {
      String c = order.get(i);
      String why = notConfiguredReasons.get(c);
      statuses.put(c, new Status(c, i + 1, why == null, Circuit.CLOSED, Mode.NORMAL, why, "start-up", now, null, 0, null));
    }
  }

  public List<String> carriers() {
    return order;
  }

  public synchronized Status status(String carrier) {
    Status s = statuses.get(carrier);
    if (s == null) {
      throw new IllegalArgumentException("unknown carrier '" + carrier + "': this router has " + String.join(", ", order));
    }
    return s;
  }

  public synchronized List<Status> all() {
    return order.stream().map(statuses::get).toList();
  }

  public boolean knows(String carrier) {
    return order.contains(carrier);
  }

  /** The breaker's state changed; {@code failures}/{@code lastFailure} describe the streak that led to it. */
  public synchronized Status setCircuit(String carrier, Circuit circuit, int failures, String lastFailure, Instant at) {
    Status s = status(carrier);
    String last = lastFailure != null ? " (last: " + lastFailure + ")" : "";
    String reason = switch (circuit) {
      case OPEN -> s.circuit() == Circuit.HALF_OPEN ? "circuit OPEN again: the half-open trial call failed" + last
          : "circuit OPEN after " + failures + " failure" + (failures == 1 ? "" : "s") + last;
      case HALF_OPEN -> "circuit HALF-OPEN: the next call is a trial";
      case CLOSED -> "circuit CLOSED: calls succeed again";
    };
    Status n = new Status(carrier, s.priority(), s.configured(), circuit, s.mode(), s.mode() == Mode.NORMAL ? reason : s.reason(),
        s.mode() == Mode.NORMAL ? "breaker" : s.changedBy(), at, lastFailure != null ? lastFailure : s.lastFailure(),
        circuit == Circuit.CLOSED ? 0 : failures, s.throttledUntil());
    statuses.put(carrier, n);
    return n;
  }

  /** An operator (or a drill) forced the carrier open, drained it, or restored it. */
  public synchronized Status setMode(String carrier, Mode mode, String by, String reason, Instant at) {
    Status s = status(carrier);
    Status n = new Status(carrier, s.priority(), s.configured(), mode == Mode.NORMAL ? Circuit.CLOSED : s.circuit(), mode,
        reason, by, at, mode == Mode.NORMAL ? null : s.lastFailure(), mode == Mode.NORMAL ? 0 : s.failures(),
        mode == Mode.NORMAL ? null : s.throttledUntil());
    statuses.put(carrier, n);
    return n;
  }

  /** HTTP 429: new calls skip the carrier until {@code until}. */
  public synchronized void throttle(String carrier, Instant until) {
    Status s = status(carrier);
    statuses.put(carrier, new Status(carrier, s.priority(), s.configured(), s.circuit(), s.mode(), s.reason(),
        s.changedBy(), s.changedAt(), s.lastFailure(), s.failures(), until));
  }

  /** The prober removed a region for one carrier, or for all when {@code carrier} is null. */
  public synchronized void removeRegion(String carrier, String region, String reason) {
    removedRegions.put(regionKey(carrier, region), reason == null ? "removed by the prober" : reason);
  }

  public synchronized void restoreRegion(String carrier, String region) {
    removedRegions.remove(regionKey(carrier, region));
  }

  public synchronized Map<String, String> removedRegions() {
    return new LinkedHashMap<>(removedRegions);
  }

  /** Carriers to try for a new call in {@code region} (null = any), best first. */
  public synchronized Plan plan(String region, Instant now) {
    List<String> ok = new ArrayList<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    for (String c : order) {
      String why = unavailableReason(c, region, now);
      if (why == null) {
        ok.add(c);
      } else {
        skipped.put(c, why);
      }
    }
    return new Plan(ok, skipped);
  }

  /** Why {@code carrier} cannot take a new call in {@code region} now, or null if it can. */
  public synchronized String unavailableReason(String carrier, String region, Instant now) {
    Status s = status(carrier);
    if (!s.configured()) {
      return "not configured (" + s.reason() + ")";
    }
    if (s.mode() == Mode.FORCED_OPEN) {
      return "forced open by " + s.changedBy() + " (" + s.reason() + ")";
    }
    if (s.mode() == Mode.DRAINING) {
      return "draining by " + s.changedBy() + " (" + s.reason() + ")";
    }
    if (s.circuit() == Circuit.OPEN) {
      return s.reason();
    }
    if (region != null) {
      String r = removedRegions.getOrDefault(regionKey(carrier, region), removedRegions.get(regionKey(null, region)));
      if (r != null) {
        return "region " + region + " removed (" + r + ")";
      }
    }
    if (s.throttledUntil() != null && now.isBefore(s.throttledUntil())) {
      return "throttled by the carrier (HTTP 429) for " + Duration.between(now, s.throttledUntil()).toMillis() + " ms more";
    }
    return null;
  }

  /** The operator sentence when a circuit opens: "carrier twilio: circuit OPEN … ; new calls go to telnyx". */
  public synchronized String openedMessage(String carrier, Instant now) {
    Status s = status(carrier);
    Plan p = plan(null, now);
    String next = p.carriers().isEmpty() ? null : p.carriers().get(0);
    return "carrier " + carrier + ": " + s.reason() + "; "
        + (next != null ? "new calls go to " + next
            : "no other carrier can take new calls — restore one with POST /api/v1/carriers/{name}/restore");
  }

  /** The first carrier a new call would go to if {@code carrier} were out, or null. */
  public synchronized String nextAfter(String carrier, Instant now) {
    for (String c : plan(null, now).carriers()) {
      if (!c.equals(carrier)) {
        return c;
      }
    }
    return null;
  }

  /** The refusal when no carrier can take a call: every carrier and why. */
  public static String noCarrierMessage(Plan plan, String region) {
    StringBuilder sb = new StringBuilder("no carrier can take a new call");
    if (region != null) {
      sb.append(" in region ").append(region);
    }
    sb.append(": ");
    List<String> parts = new ArrayList<>();
    plan.skipped().forEach((c, why) -> parts.add(c + " " + why));
    sb.append(String.join("; ", parts));
    sb.append(" — restore a carrier with POST /api/v1/carriers/{name}/restore or wait for its circuit to half-open");
    return sb.toString();
  }

  private static String regionKey(String carrier, String region) {
    return (carrier == null ? "*" : carrier) + "|" + region;
  }
}
