package org.telops.carriersim.billing;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finished legs, newest last, bounded (oldest dropped past {@code limit}) so a long-running sim keeps
 * constant memory. Read by the fetch APIs and the invoice export; written when a leg ends. Thread-safe.
 */
public final class CallHistory {
  private final int limit;
  private final ArrayDeque<BilledCall> calls = new ArrayDeque<>();
  private final Map<String, BilledCall> byId = new HashMap<>();

  public CallHistory(int limit) {
    this.limit = limit;
  }

  public synchronized void add(BilledCall call) {
    calls.addLast(call);
    byId.put(call.callId(), call);
    while (calls.size() > limit) {
      BilledCall old = calls.removeFirst();
      byId.remove(old.callId(), old);
    }
  }

  public synchronized Optional<BilledCall> find(String callId) {
    return Optional.ofNullable(byId.get(callId));
  }

  /** The carrier's legs created in {@code month} (UTC), oldest first. */
  public synchronized List<BilledCall> month(String carrier, YearMonth month) {
    return calls.stream()
        .filter(c -> c.carrier().equals(carrier) && YearMonth.from(c.createdAt().atZone(ZoneOffset.UTC)).equals(month))
        .sorted(Comparator.comparing(BilledCall::createdAt).thenComparing(BilledCall::callId))
        .toList();
  }

  public synchronized int size() {
    return calls.size();
  }
}
