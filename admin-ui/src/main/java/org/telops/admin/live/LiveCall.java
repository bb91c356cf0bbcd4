package org.telops.admin.live;

import java.time.Instant;

/** A call in progress as the bus reported it: last state and last 10 s quality sample. */
public record LiveCall(String callId, String carrier, String region, String tenant, String engine, String state,
                       Instant startedAt, Instant answeredAt, Double mos, Double jitterMs, Double lossPercent,
                       Instant lastSeenAt) {

  LiveCall withState(String newState, Instant at, String newEngine) {
    return new LiveCall(callId, carrier, region, tenant, newEngine == null ? engine : newEngine, newState, startedAt,
        "answered".equals(newState) && answeredAt == null ? at : answeredAt, mos, jitterMs, lossPercent, at);
  }

  LiveCall withSample(Double newMos, Double newJitterMs, Double newLossPercent, Instant at) {
    return new LiveCall(callId, carrier, region, tenant, engine, state, startedAt, answeredAt, newMos, newJitterMs,
        newLossPercent, at);
  }
}
