package org.telops.runtime.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls this router placed that have not ended. The router only reads this (counts per carrier, drains):
 * a breaker or operator change never touches a call in flight. Ends arrive from the bus (call events,
 * Telnyx hang-ups); calls nobody reports the end of expire after a maximum age.
 */
public final class InFlightCalls {

  /** @param answered whether an answer was seen (for connect success) */
  public record Call(String callId, String carrier, String carrierCallId, String region, Instant placedAt, boolean answered) {}

  private final ConcurrentHashMap<String, Call> calls = new ConcurrentHashMap<>();

  public void add(Call call) {
    calls.put(call.callId(), call);
  }

  /** Marks the call answered; returns it if it was in flight and not answered before. */
  public Optional<Call> answered(String callId) {
    Call[] before = new Call[1];
    calls.computeIfPresent(callId, (k, c) -> {
      before[0] = c;
      return c.answered() ? c : new Call(c.callId(), c.carrier(), c.carrierCallId(), c.region(), c.placedAt(), true);
    });
    return before[0] == null || before[0].answered() ? Optional.empty() : Optional.of(before[0]);
  }

  /** Removes and returns the call if it was in flight. */
  public Optional<Call> end(String callId) {
    return Optional.ofNullable(calls.remove(callId));
  }

  public Optional<Call> get(String callId) {
    return Optional.ofNullable(calls.get(callId));
  }

  public int count(String carrier) {
    int n = 0;
    for (Call c : calls.values()) {
      if (c.carrier().equals(carrier)) {
        n++;
      }
    }
    return n;
  }

  public Map<String, Integer> countsByCarrier(List<String> carriers) {
    Map<String, Integer> m = new LinkedHashMap<>();
    carriers.forEach(c -> m.put(c, count(c)));
    return m;
  }

  /** Drops calls placed before {@code cutoff} (their end was never reported) and returns them. */
  public List<Call> expire(Instant cutoff) {
    List<Call> out = new ArrayList<>();
    calls.values().removeIf(c -> {
      if (c.placedAt().isBefore(cutoff)) {
        out.add(c);
        return true;
      }
      return false;
    });
    return out;
  }

  public int size() {
    return calls.size();
  }
}
