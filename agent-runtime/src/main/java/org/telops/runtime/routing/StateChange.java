package org.telops.runtime.routing;

import java.time.Instant;

/**
 * A carrier changed state: its circuit (breaker), its mode (operator or drill), or a region of it (the
 * prober). Stored in {@code carrier_state} / {@code failover_events} and published on
 * {@code telops.carrier.state}.
 *
 * @param trigger breaker, manual, drill or region (the {@code failover_events.trigger} values)
 * @param failoverTo where new calls go now that this carrier is out, or null (none, or not an outage)
 * @param detectionMs for a breaker opening: first failure of the streak → open, in ms; else null
 * @param isFailover whether new calls moved away from this carrier (a {@code failover_events} row)
 * @param region the region removed or restored (trigger region), else null
 * @param message the operator sentence, e.g. "carrier twilio: circuit OPEN after 3 failures (last: HTTP 503
 *     from /Calls.json); new calls go to telnyx"
 */
public record StateChange(String carrier, CarrierBoard.Circuit circuit, CarrierBoard.Mode mode, String reason,
                          String changedBy, Instant at, String trigger, String failoverTo, Integer detectionMs,
                          Long drillRunId, boolean isFailover, String region, String message) {}
