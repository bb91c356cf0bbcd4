package org.telops.quality.pcap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Builds the packet list of one synthetic RTP stream: a clean ptime-spaced sequence that tests then
 * damage (jitter, loss, bursts, reordering, duplicates) in a reproducible way.
 */
public final class SyntheticStream {
    private final List<TestRtpPacket> packets = new ArrayList<>();

    private SyntheticStream() {
    }

    /**
     * A clean stream: {@code count} packets, {@code ptimeMs} apart, RTP clock 8 kHz.
     */
    public static SyntheticStream clean(String src, int srcPort, String dst, int dstPort, long ssrc, int payloadType,
                                        int count, int firstSeq, long firstTimestamp, long startNanos, int ptimeMs) {
        SyntheticStream s = new SyntheticStream();
        for (int i = 0; i < count; i++) {
            s.packets.add(new TestRtpPacket(startNanos + i * ptimeMs * 1_000_000L, src, srcPort, dst, dstPort,
                    (firstSeq + i) & 0xFFFF, firstTimestamp + (long) i * ptimeMs * 8, ssrc, payloadType, false, ptimeMs * 8));
        }
        return s;
    }

    /** Adds uniformly random extra delay in [0, maxExtraMs) ms to every packet but the first. */
    public SyntheticStream jitter(Random random, double maxExtraMs) {
        for (int i = 1; i < packets.size(); i++) {
            TestRtpPacket p = packets.get(i);
            long extra = (long) (random.nextDouble() * maxExtraMs * 1_000_000L);
            packets.set(i, p.withArrival(p.arrivalNanos() + extra));
        }
        return this;
    }

    /** Drops each packet (never the first or last) with the given probability. */
    public SyntheticStream dropRandom(Random random, double probability) {
        List<TestRtpPacket> kept = new ArrayList<>();
        for (int i = 0; i < packets.size(); i++) {
            if (i == 0 || i == packets.size() - 1 || random.nextDouble() >= probability) {
                kept.add(packets.get(i));
            }
        }
        packets.clear();
        packets.addAll(kept);
        return this;
    }

    /** Drops {@code length} consecutive packets starting at index {@code from}. */
    public SyntheticStream dropBurst(int from, int length) {
        packets.subList(from, from + length).clear();
        return this;
    }

    /** Sends packet {@code index} twice; the copy arrives {@code laterMs} after the original. */
    public SyntheticStream duplicate(int index, double laterMs) {
        TestRtpPacket p = packets.get(index);
        packets.add(index + 1, p.withArrival(p.arrivalNanos() + (long) (laterMs * 1_000_000)));
        return this;
    }

    /** Delivers packet {@code index} after packet {@code index + 1} (swaps their arrival times). */
    public SyntheticStream swapWithNext(int index) {
        TestRtpPacket a = packets.get(index);
        TestRtpPacket b = packets.get(index + 1);
        packets.set(index, b.withArrival(a.arrivalNanos()));
        packets.set(index + 1, a.withArrival(b.arrivalNanos()));
        return this;
    }

    /** Sets the marker bit on packet {@code index}. */
    public SyntheticStream mark(int index) {
        TestRtpPacket p = packets.get(index);
        packets.set(index, new TestRtpPacket(p.arrivalNanos(), p.src(), p.srcPort(), p.dst(), p.dstPort(), p.seq(),
                p.rtpTimestamp(), p.ssrc(), p.payloadType(), true, p.payloadBytes()));
        return this;
    }

    public List<TestRtpPacket> packets() {
        return packets;
    }

    /** Merges streams into capture order (stable for equal times). */
    @SafeVarargs
    public static List<TestRtpPacket> merge(List<TestRtpPacket>... streams) {
        List<TestRtpPacket> all = new ArrayList<>();
        for (List<TestRtpPacket> s : streams) {
            all.addAll(s);
        }
        all.sort(Comparator.comparingLong(TestRtpPacket::arrivalNanos));
        return all;
    }
}
