package org.telops.quality.rtp;

import org.telops.quality.emodel.Codec;
import org.telops.quality.emodel.EModel;
import org.telops.quality.emodel.EModelResult;

/**
 * Final figures for one RTP stream, the same columns as {@code tshark -z rtp,streams} plus an
 * E-model estimate.
 *
 * <p>The MOS assumes G.711 with packet loss concealment (the codec voice-AI carriers negotiate),
 * random loss (BurstR 1), the mean jitter folded into delay
 * ({@link EModel#effectiveDelayMs(double, double)}) and the one-way network delay the caller gives
 * (0 when unknown — a capture alone cannot measure it). It is an estimate of listening quality
 * for monitoring, not a PESQ/POLQA measurement.
 *
 * @param minDeltaMs -1 when the stream had no regular packet (as tshark prints it)
 * @param minJitterMs -1 when jitter was not computable (unknown clock rate or no regular packet)
 */
public record RtpStreamReport(
        double startSeconds,
        double endSeconds,
        int ipVersion,
        String sourceAddress,
        int sourcePort,
        String destinationAddress,
        int destinationPort,
        long ssrc,
        int payloadType,
        String payloadNames,
        long packets,
        long expected,
        int lost,
        double lostPercent,
        double minDeltaMs,
        double meanDeltaMs,
        double maxDeltaMs,
        double minJitterMs,
        double meanJitterMs,
        double maxJitterMs,
        int sequenceErrors,
        boolean problems,
        double rFactor,
        double mos) {

    /** Builds the report of a stream; {@code oneWayDelayMs} feeds the E-model (0 if unknown). */
    public static RtpStreamReport of(RtpStream stream, double oneWayDelayMs) {
        RtpStreamStats s = stream.stats();
        double lossPercent = Math.max(0.0, Math.min(100.0, s.lostPercent()));
        double jitterMs = Math.max(0.0, s.meanJitterMs());
        EModelResult e = EModel.fromNetworkWithJitter(oneWayDelayMs, jitterMs, lossPercent,
                EModel.RANDOM_LOSS_BURST_RATIO, Codec.G711_PLC);
        return new RtpStreamReport(
                s.startRelNanos() / 1e9,
                s.stopRelNanos() / 1e9,
                stream.ipVersion(),
                stream.sourceAddress(),
                stream.sourcePort(),
                stream.destinationAddress(),
                stream.destinationPort(),
                stream.ssrc(),
                stream.firstPayloadType(),
                stream.payloadNames(),
                s.packetCount(),
                s.expected(),
                s.lost(),
                s.lostPercent(),
                s.minDeltaMs(),
                s.meanDeltaMs(),
                s.maxDeltaMs(),
                s.minJitterMs(),
                s.meanJitterMs(),
                s.maxJitterMs(),
                s.sequenceErrors(),
                s.problem(),
                e.rFactor(),
                e.mos());
    }

    /** SSRC as tshark prints it: 0x followed by eight upper-case hex digits. */
    public String ssrcHex() {
        return String.format("0x%08X", ssrc);
    }
}
