package org.telops.quality.stream;

import org.telops.quality.emodel.Codec;
import org.telops.quality.emodel.EModel;
import org.telops.quality.emodel.EModelResult;

/**
 * Call quality from media frames alone — for the agent runtime, which receives WebSocket media
 * frames (arrival time, media timestamp, chunk number, payload) and no RTCP.
 *
 * <p>Method: the chunk number plays the role of the RTP sequence number (loss, duplicates,
 * reordering), the media timestamp plays the role of the RTP timestamp, and the receive time is
 * the arrival time. Jitter is RFC 3550 §6.4.1: for consecutive arrivals i, j,
 * D = (Rj − Ri) − (Sj − Si), J += (|D| − J)/16, in ms. MOS is the simplified G.107 E-model with
 * the codec given at construction (G.711 + PLC by default), jitter folded into delay, and
 * BurstR estimated from the mean length of loss runs: BurstR = max(1, meanRun × (1 − p)), where
 * 1/(1 − p) is the mean run length random loss would produce.
 *
 * <p>Not thread-safe: confine an instance to the thread (event loop) that handles the call.
 * Memory is constant: duplicate detection looks back over the last {@value #HISTORY_FRAMES}
 * chunks; an older chunk arriving is counted as reordered, never as a duplicate.
 */
public final class MediaStreamQuality {

    /** How far back duplicates are recognised (one minute of 20 ms frames is 3000). */
    public static final int HISTORY_FRAMES = 4096;

    private final Codec codec;
    private final long[] seen = new long[HISTORY_FRAMES / 64];

    private boolean started;
    /** Frames expected in the stream's earlier segments (see {@link #newSegment()}). */
    private long segmentsExpected;
    private long firstChunk;
    private long highestChunk;
    private long lastArrivalNanos;
    private long lastMediaTimestampMs;
    private double jitterMs;
    private double oneWayDelayMs;

    private final Counters total = new Counters();
    private final Counters window = new Counters();

    /** Counters for one interval; a window copy is reset at every {@link #sampleWindow()}. */
    private static final class Counters {
        long received;
        long duplicates;
        long reordered;
        long lossRuns;
        long lostInRuns;
        long payloadBytes;
        long firstExpected;
        double maxGapMs;

        void reset(long expectedSoFar) {
            received = duplicates = reordered = lossRuns = lostInRuns = payloadBytes = 0;
            maxGapMs = 0;
            firstExpected = expectedSoFar;
        }
    }

    public MediaStreamQuality() {
        this(Codec.G711_PLC);
    }

    public MediaStreamQuality(Codec codec) {
        if (codec == null) {
            throw new IllegalArgumentException("codec must not be null");
        }
        this.codec = codec;
    }

    /**
     * The call's media continues on a new stream (a carrier restarted a dropped one, numbering its frames from 1
     * again): loss and counts keep adding up, jitter keeps its value, and the sequence and transit start afresh, so
     * the gap between the streams is neither loss nor jitter.
     */
    public void newSegment() {
        if (!started) {
            return;
        }
        segmentsExpected += highestChunk - firstChunk + 1;
        started = false;
        java.util.Arrays.fill(seen, 0L);
    }

    /** Same as {@link #onFrame} with the arrival time in milliseconds. */
    public void onFrameMillis(long arrivalMs, long mediaTimestampMs, long chunk, int payloadBytes) {
        onFrame(arrivalMs * 1_000_000L, mediaTimestampMs, chunk, payloadBytes);
    }

    /**
     * Accounts one received media frame.
     *
     * @param arrivalNanos receive time, any monotonic clock in ns (e.g. System.nanoTime())
     * @param mediaTimestampMs the frame's media timestamp, ms since stream start
     * @param chunk the frame's chunk number (increments by one per frame)
     * @param payloadBytes payload length, bytes
     */
    public void onFrame(long arrivalNanos, long mediaTimestampMs, long chunk, int payloadBytes) {
        if (payloadBytes < 0) {
            throw new IllegalArgumentException("payloadBytes must be >= 0, was " + payloadBytes);
        }
        count(c -> c.received++);
        total.payloadBytes += payloadBytes;
        window.payloadBytes += payloadBytes;
        if (!started) {
            started = true;
            firstChunk = chunk;
            highestChunk = chunk;
            markSeen(chunk);
            lastArrivalNanos = arrivalNanos;
            lastMediaTimestampMs = mediaTimestampMs;
            if (segmentsExpected == 0) {
                total.firstExpected = 0;
                window.firstExpected = 0;
            }
            return;
        }
        double gapMs = (arrivalNanos - lastArrivalNanos) / 1e6;
        total.maxGapMs = Math.max(total.maxGapMs, gapMs);
        window.maxGapMs = Math.max(window.maxGapMs, gapMs);

        if (chunk > highestChunk) {
            long missingRun = chunk - highestChunk - 1;
            if (missingRun > 0) {
                count(c -> {
                    c.lossRuns++;
                    c.lostInRuns += missingRun;
                });
            }
            clearSeen(highestChunk + 1, chunk);
            highestChunk = chunk;
            markSeen(chunk);
        } else if (chunk <= highestChunk - HISTORY_FRAMES || chunk < firstChunk) {
            count(c -> c.reordered++); // too old to tell apart from a duplicate; treated as late
            return;
        } else if (wasSeen(chunk)) {
            count(c -> c.duplicates++);
            return; // a copy says nothing new about timing
        } else {
            markSeen(chunk);
            count(c -> c.reordered++);
        }
        // RFC 3550 §6.4.1 with arrival order, as a receiver would compute it.
        double transitChangeMs = gapMs - (mediaTimestampMs - lastMediaTimestampMs);
        jitterMs += (Math.abs(transitChangeMs) - jitterMs) / 16.0;
        lastArrivalNanos = arrivalNanos;
        lastMediaTimestampMs = mediaTimestampMs;
    }

    /**
     * Sets the one-way delay used for the MOS estimate, e.g. half a measured mark round trip.
     * Without it the estimate assumes 0 ms network delay, i.e. it reflects loss and jitter only.
     */
    public void setOneWayDelayMs(double delayMs) {
        if (!(delayMs >= 0) || Double.isInfinite(delayMs)) {
            throw new IllegalArgumentException("delayMs must be a finite number >= 0, was " + delayMs);
        }
        this.oneWayDelayMs = delayMs;
    }

    /** Convenience: one-way delay = round trip / 2 (assumes a symmetric path). */
    public void onRoundTripMs(double roundTripMs) {
        if (!(roundTripMs >= 0) || Double.isInfinite(roundTripMs)) {
            throw new IllegalArgumentException("roundTripMs must be a finite number >= 0, was " + roundTripMs);
        }
        setOneWayDelayMs(roundTripMs / 2.0);
    }

    /** Figures since the first frame. */
    public MediaQualitySnapshot snapshot() {
        return build(total);
    }

    /** Figures since the previous call (or the first frame), then starts a new window. */
    public MediaQualitySnapshot sampleWindow() {
        MediaQualitySnapshot s = build(window);
        window.reset(expectedSoFar());
        return s;
    }

    private MediaQualitySnapshot build(Counters c) {
        long expected = expectedSoFar() - c.firstExpected;
        long unique = c.received - c.duplicates;
        long missing = Math.max(0, expected - unique);
        double lossPercent = expected <= 0 ? 0.0 : Math.min(100.0, 100.0 * missing / expected);
        double burstRatio = burstRatio(c, lossPercent);
        EModelResult e = EModel.fromNetworkWithJitter(oneWayDelayMs, jitterMs, lossPercent, burstRatio, codec);
        return new MediaQualitySnapshot(c.received, Math.max(0, expected), missing, lossPercent, c.duplicates,
                c.reordered, jitterMs, c.maxGapMs, burstRatio, oneWayDelayMs, e.rFactor(), e.mos(), c.payloadBytes);
    }

    /** G.107 BurstR = mean observed loss-run length / mean run length expected for random loss. */
    private static double burstRatio(Counters c, double lossPercent) {
        if (c.lossRuns == 0 || lossPercent <= 0 || lossPercent >= 100) {
            return 1.0;
        }
        double meanRun = (double) c.lostInRuns / c.lossRuns;
        return Math.max(1.0, meanRun * (1.0 - lossPercent / 100.0));
    }

    private long expectedSoFar() {
        return segmentsExpected + (started ? highestChunk - firstChunk + 1 : 0);
    }

    private interface Update {
        void apply(Counters c);
    }

    private void count(Update u) {
        u.apply(total);
        u.apply(window);
    }

    private void markSeen(long chunk) {
        int bit = (int) Math.floorMod(chunk, (long) HISTORY_FRAMES);
        seen[bit >>> 6] |= 1L << bit;
    }

    private boolean wasSeen(long chunk) {
        int bit = (int) Math.floorMod(chunk, (long) HISTORY_FRAMES);
        return (seen[bit >>> 6] & (1L << bit)) != 0;
    }

    /** Forgets the slots that chunks [from, to) reuse, so stale bits do not fake duplicates. */
    private void clearSeen(long from, long to) {
        long end = Math.min(to, from + HISTORY_FRAMES);
        for (long ch = from; ch < end; ch++) {
            int bit = (int) Math.floorMod(ch, (long) HISTORY_FRAMES);
            seen[bit >>> 6] &= ~(1L << bit);
        }
    }
}
