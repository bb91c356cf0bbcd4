package org.telops.quality.rtp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Open-addressing hash table from stream key to {@link RtpStream}. A lookup for a known stream
 * allocates nothing; memory grows with the number of streams, never with packets.
 */
public final class RtpStreamTable {
    private RtpStream[] slots = new RtpStream[64];
    private final List<RtpStream> inOrder = new ArrayList<>();

    /**
     * Finds or creates the stream for a key.
     *
     * @param ipVersion 4 or 6
     * @param srcHi high 64 bits of an IPv6 source, 0 for IPv4
     * @param srcLo low 64 bits of an IPv6 source, or the IPv4 source as unsigned int
     * @param dstHi as srcHi, for the destination
     * @param dstLo as srcLo, for the destination
     * @param srcPort UDP source port
     * @param dstPort UDP destination port
     * @param ssrc RTP SSRC as unsigned 32-bit value
     */
    public RtpStream lookup(int ipVersion, long srcHi, long srcLo, long dstHi, long dstLo,
                            int srcPort, int dstPort, long ssrc) {
        long ports = ((long) srcPort << 48) | ((long) dstPort << 32) | ssrc;
        int hash = mix(srcHi ^ srcLo * 31 ^ dstHi * 131 ^ dstLo * 1031 ^ ports * 0x9E3779B97F4A7C15L);
        int mask = slots.length - 1;
        int i = hash & mask;
        RtpStream s;
        while ((s = slots[i]) != null) {
            if (s.hash == hash && s.matches(ipVersion, srcHi, srcLo, dstHi, dstLo, ports)) {
                return s;
            }
            i = (i + 1) & mask;
        }
        RtpStream created = new RtpStream(ipVersion, srcHi, srcLo, dstHi, dstLo, ports, hash);
        slots[i] = created;
        inOrder.add(created);
        if (inOrder.size() * 2 > slots.length) {
            grow();
        }
        return created;
    }

    /** Streams in order of their first packet. */
    public List<RtpStream> streams() {
        return Collections.unmodifiableList(inOrder);
    }

    public int size() {
        return inOrder.size();
    }

    private void grow() {
        RtpStream[] bigger = new RtpStream[slots.length * 2];
        int mask = bigger.length - 1;
        for (RtpStream s : inOrder) {
            int i = s.hash & mask;
            while (bigger[i] != null) {
                i = (i + 1) & mask;
            }
            bigger[i] = s;
        }
        slots = bigger;
    }

    private static int mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return (int) h;
    }
}
