package org.telops.quality.rtp;

/**
 * Per-stream RTP statistics computed the way Wireshark's RTP stream analysis does
 * ({@code ui/tap-rtp-analysis.c}, {@code rtppacket_analyse}), so that our figures equal what
 * {@code tshark -z rtp,streams} prints for the same capture.
 *
 * <p>The rules copied deliberately, including their quirks:
 * <ul>
 *   <li>Arrival time is in ms relative to the first frame of the capture, as a double.</li>
 *   <li>The first packet only initialises state. Delta and jitter start at the second.</li>
 *   <li>Jitter (RFC 3550 §6.4.1, in ms): diff = |arrival − (previous in-order arrival +
 *       Δtimestamp / (clock/1000))|, jitter = (15·jitter + diff) / 16. The divisor
 *       {@code clock/1000} is an integer division, as in Wireshark.</li>
 *   <li>A packet whose (extended) RTP timestamp is older than the stream's first packet is "wrong
 *       timestamp": it updates neither jitter, delta nor the remembered arrival time. A merely
 *       reordered packet is not: its timestamp difference to the previous packet is negative,
 *       which is what makes jitter rise on reordering.</li>
 *   <li>Min/max/mean delta and jitter only take "regular" packets: not the first, not marked,
 *       not comfort noise or just after comfort noise, not wrong-timestamp. The means divide by
 *       the running packet count (all packets), which is Wireshark's definition.</li>
 *   <li>Expected = last seq + 65536·cycles − first seq + 1 with the wrap detector below,
 *       lost = expected − received (negative with duplicates), both in 32-bit arithmetic.</li>
 * </ul>
 * One instance per stream, single-threaded, constant memory.
 */
public final class RtpStreamStats {

    static final int FLAG_FIRST = 0x1;
    static final int FLAG_MARKER = 0x2;
    static final int FLAG_WRONG_SEQ = 0x4;
    static final int FLAG_WRONG_TIMESTAMP = 0x8;
    static final int FLAG_PT_CN = 0x10;
    static final int FLAG_FOLLOW_PT_CN = 0x20;
    static final int FLAG_PT_CHANGE = 0x40;
    private static final int IRREGULAR =
            FLAG_FIRST | FLAG_MARKER | FLAG_PT_CN | FLAG_WRONG_TIMESTAMP | FLAG_FOLLOW_PT_CN;

    private boolean firstPacket = true;
    private int flags;
    private boolean problem;

    private int startSeqNr;
    private int stopSeqNr;
    private int seqNum;
    private int seqCycles;
    private boolean under;
    private int sequenceErrors;
    private long consecutiveSteps;

    private long lastExtendedTimestamp;
    private long firstTimestamp;
    private long seqTimestamp;

    private double timeMs;
    private int payloadType;

    private double deltaMs;
    private double maxDeltaMs;
    private double minDeltaMs;
    private double meanDeltaMs;
    private double jitterMs;
    private double minJitterMs;
    private double maxJitterMs;
    private double meanJitterMs;

    private int totalNr;
    private long packetCount;
    private long startRelNanos;
    private long stopRelNanos;
    private long payloadTypesLow;
    private long payloadTypesHigh;

    /**
     * Accounts one packet of this stream.
     *
     * @param relNanos arrival time relative to the first frame of the capture, ns
     * @param seq RTP sequence number, 0..65535
     * @param rtpTimestamp RTP timestamp as unsigned 32-bit value
     * @param pt payload type 0..127
     * @param marker marker bit
     */
    public void onPacket(long relNanos, int seq, long rtpTimestamp, int pt, boolean marker) {
        double currentTimeMs = toMs(relNanos);
        long extTimestamp = extend(rtpTimestamp);
        packetCount++;
        stopRelNanos = relNanos;
        if (pt < 64) {
            payloadTypesLow |= 1L << pt;
        } else {
            payloadTypesHigh |= 1L << (pt - 64);
        }
        if (firstPacket) {
            startSeqNr = seq;
            stopSeqNr = seq;
            seqNum = seq;
            firstTimestamp = extTimestamp;
            seqTimestamp = extTimestamp;
            timeMs = currentTimeMs;
            payloadType = pt;
            deltaMs = 0;
            maxDeltaMs = 0;
            minDeltaMs = -1;
            meanDeltaMs = 0;
            jitterMs = 0;
            minJitterMs = -1;
            maxJitterMs = 0;
            totalNr++;
            flags = FLAG_FIRST | (marker ? FLAG_MARKER : 0);
            startRelNanos = relNanos;
            firstPacket = false;
            return;
        }
        flags = 0;

        // "In time sequence" is judged against the stream's first packet, not the previous one:
        // a packet overtaken by its successor is still in sequence and moves the reference.
        boolean inTimeSequence = firstTimestamp <= extTimestamp;
        if (!inTimeSequence) {
            flags |= FLAG_WRONG_TIMESTAMP;
        }
        trackCycles(seq, inTimeSequence);
        checkSequence(seq, inTimeSequence);

        if (RtpPayloadTypes.isComfortNoise(pt)) {
            flags |= FLAG_PT_CN;
        }
        if (RtpPayloadTypes.isComfortNoise(payloadType)) {
            flags |= FLAG_FOLLOW_PT_CN;
        }
        if (pt != payloadType) {
            flags |= FLAG_PT_CHANGE;
        }
        payloadType = pt;

        int clockRate = RtpPayloadTypes.clockRate(pt);
        double currentJitterMs = 0;
        if (inTimeSequence) {
            // Packets older than the stream start neither move jitter nor delta (tshark 4.0).
            if (clockRate != 0) {
                double nominalDiffMs = (double) (extTimestamp - seqTimestamp) / (clockRate / 1000);
                double expectedMs = timeMs + nominalDiffMs;
                double currentDiffMs = Math.abs(currentTimeMs - expectedMs);
                currentJitterMs = (15 * jitterMs + currentDiffMs) / 16;
                jitterMs = currentJitterMs;
            }
            deltaMs = currentTimeMs - timeMs;
        }
        if (marker) {
            flags |= FLAG_MARKER;
        }
        if ((flags & IRREGULAR) == 0) {
            accountRegular(clockRate, currentJitterMs);
        }
        if (inTimeSequence) {
            // Only in-order packets move the reference, so a late packet does not skew the next diff.
            timeMs = currentTimeMs;
            seqTimestamp = extTimestamp;
        }
        stopSeqNr = seq;
        totalNr++;
        if ((flags & (FLAG_WRONG_TIMESTAMP | FLAG_WRONG_SEQ)) != 0) {
            problem = true;
        }
    }

    private void accountRegular(int clockRate, double currentJitterMs) {
        if (deltaMs > maxDeltaMs) {
            maxDeltaMs = deltaMs;
        }
        if (minDeltaMs == -1 || deltaMs < minDeltaMs) {
            minDeltaMs = deltaMs;
        }
        meanDeltaMs = (meanDeltaMs * (totalNr - 1) + deltaMs) / totalNr;
        if (clockRate != 0) {
            if (jitterMs > maxJitterMs) {
                maxJitterMs = jitterMs;
            }
            meanJitterMs = (meanJitterMs * (totalNr - 1) + currentJitterMs) / totalNr;
            if (minJitterMs == -1 || jitterMs < minJitterMs) {
                minJitterMs = jitterMs;
            }
        }
    }

    /** Wireshark's wrap detector: a new cycle when seq drops below the first seq of the stream. */
    private void trackCycles(int seq, boolean inTimeSequence) {
        if (!inTimeSequence) {
            return;
        }
        if (seq < startSeqNr && !under) {
            seqCycles++;
            under = true;
        } else if (seq == 0 && stopSeqNr == 65535 && !under) {
            seqCycles++;
            under = true;
        } else if (seq > startSeqNr && under) {
            under = false;
        }
    }

    private void checkSequence(int seq, boolean inTimeSequence) {
        if (inTimeSequence && seqNum + 1 == seq) {
            seqNum = seq;
            consecutiveSteps++;
        } else if (inTimeSequence && seqNum == 65535 && seq == 0) {
            seqNum = seq;
            consecutiveSteps++;
        } else if (inTimeSequence && (seqNum + 1 < seq || seqNum - seq > 0xFF00)) {
            // A jump forward is loss; a huge jump backward is a wrap whose boundary packets were lost.
            seqNum = seq;
            sequenceErrors++;
            flags |= FLAG_WRONG_SEQ;
        } else if (seqNum + 1 > seq) {
            sequenceErrors++; // late or duplicated
            flags |= FLAG_WRONG_SEQ;
        }
    }

    /** Unwraps the 32-bit RTP timestamp to the value nearest the previous one (RFC 3550 A.1 style). */
    private long extend(long rtpTimestamp) {
        if (firstPacket) {
            lastExtendedTimestamp = rtpTimestamp + 0x1_0000_0000L;
            return lastExtendedTimestamp;
        }
        long candidate = (lastExtendedTimestamp & 0xFFFF_FFFF_0000_0000L) | rtpTimestamp;
        if (candidate + 0x8000_0000L < lastExtendedTimestamp) {
            candidate += 0x1_0000_0000L;
        } else if (lastExtendedTimestamp + 0x8000_0000L < candidate) {
            candidate -= 0x1_0000_0000L;
        }
        lastExtendedTimestamp = candidate;
        return candidate;
    }

    /** Same conversion as Wireshark's nstime_to_msec: whole seconds and remainder kept apart. */
    static double toMs(long relNanos) {
        long seconds = relNanos / 1_000_000_000L;
        long nanos = relNanos % 1_000_000_000L;
        return (double) seconds * 1000 + (double) nanos / 1_000_000;
    }

    // ------------------------------------------------------------------ results

    public long packetCount() {
        return packetCount;
    }

    /** Expected packets (unsigned 32-bit like Wireshark), from first/last seq and wrap cycles. */
    public long expected() {
        return (stopSeqNr + seqCycles * 0x10000 - startSeqNr + 1) & 0xFFFF_FFFFL;
    }

    /** Expected minus received; negative when duplicates outnumber losses. */
    public int lost() {
        return (int) expected() - totalNr;
    }

    public double lostPercent() {
        long expected = expected();
        return expected == 0 ? 0.0 : (double) (lost() * 100) / (double) expected;
    }

    public double minDeltaMs() {
        return minDeltaMs;
    }

    public double meanDeltaMs() {
        return meanDeltaMs;
    }

    public double maxDeltaMs() {
        return maxDeltaMs;
    }

    public double minJitterMs() {
        return minJitterMs;
    }

    public double meanJitterMs() {
        return meanJitterMs;
    }

    public double maxJitterMs() {
        return maxJitterMs;
    }

    /** Current (last) RFC 3550 jitter estimate in ms. */
    public double lastJitterMs() {
        return jitterMs;
    }

    /**
     * Whether the stream looks like real RTP: at least one packet followed its predecessor's
     * sequence number. A run of random UDP that happens to pass the header heuristic does not.
     */
    public boolean confirmed() {
        return consecutiveSteps > 0;
    }

    public boolean problem() {
        return problem;
    }

    public int sequenceErrors() {
        return sequenceErrors;
    }

    public long startRelNanos() {
        return startRelNanos;
    }

    public long stopRelNanos() {
        return stopRelNanos;
    }

    /** Whether payload type {@code pt} was seen in this stream. */
    public boolean sawPayloadType(int pt) {
        return pt < 64 ? (payloadTypesLow & (1L << pt)) != 0 : (payloadTypesHigh & (1L << (pt - 64))) != 0;
    }
}
