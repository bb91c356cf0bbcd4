package org.telops.quality.stream;

/**
 * Quality figures of a media stream over some interval (whole call, or one sampling window).
 *
 * @param framesReceived frames that arrived, duplicates included
 * @param framesExpected highest chunk − first chunk + 1 over the interval
 * @param framesMissing expected frames that never arrived (≥ 0)
 * @param lossPercent framesMissing / framesExpected × 100
 * @param duplicates frames whose chunk number had already arrived
 * @param reordered frames that arrived after a higher chunk number (late but not lost)
 * @param jitterMs RFC 3550 interarrival jitter at the end of the interval, ms
 * @param maxGapMs longest silence between two consecutive arrivals in the interval, ms
 * @param burstRatio G.107 BurstR estimate (1 = random loss, &gt; 1 = losses come in runs)
 * @param oneWayDelayMs delay fed to the E-model, ms; 0 when the caller supplied none
 * @param rFactor E-model R (G.711 + PLC, jitter folded into delay)
 * @param mos E-model MOS, 1..4.5
 * @param payloadBytes payload bytes received in the interval
 */
public record MediaQualitySnapshot(
        long framesReceived,
        long framesExpected,
        long framesMissing,
        double lossPercent,
        long duplicates,
        long reordered,
        double jitterMs,
        double maxGapMs,
        double burstRatio,
        double oneWayDelayMs,
        double rFactor,
        double mos,
        long payloadBytes) {
}
