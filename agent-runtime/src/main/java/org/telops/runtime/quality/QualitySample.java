package org.telops.runtime.quality;

import java.time.Instant;

/**
 * One call's media quality over one sampling window (default 10 s), as stored in
 * {@code call_quality_samples} and published on {@code telops.quality.samples}.
 *
 * @param jitterMs RFC 3550 interarrival jitter at the end of the window, ms
 * @param lossPercent frames missing / expected in the window, percent
 * @param maxGapMs longest silence between two arrivals in the window, ms
 * @param markRttMs round trip of the last idle mark (sent with no audio queued), ms; null if none yet
 */
public record QualitySample(String callId, Instant sampledAt, String tenant, String carrier, String region,
                            double mos, double jitterMs, double lossPercent, long framesReceived,
                            long framesMissing, long framesReordered, double maxGapMs, Double markRttMs) {}
