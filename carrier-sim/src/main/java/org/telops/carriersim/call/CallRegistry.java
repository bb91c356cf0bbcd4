package org.telops.carriersim.call;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Calls in progress by leg id (both legs of a call map to it). Any thread. */
public final class CallRegistry {
  private final ConcurrentHashMap<String, SimCall> byLegId = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<SimCall, Boolean> calls = new ConcurrentHashMap<>();

  public void add(Leg leg, SimCall call) {
    byLegId.put(leg.id, call);
    calls.put(call, Boolean.TRUE);
  }

  public void remove(SimCall call, Leg... legs) {
    calls.remove(call);
    for (Leg leg : legs) {
      if (leg != null) {
        byLegId.remove(leg.id, call);
      }
    }
  }

  public Optional<SimCall> find(String legId) {
    return Optional.ofNullable(byLegId.get(legId));
  }

  public int active() {
    return calls.size();
  }

  public Collection<SimCall> all() {
    return calls.keySet();
  }
}
