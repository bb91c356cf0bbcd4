package org.telops.quality.pcap;

/**
 * One synthetic RTP packet as it should appear in a generated capture.
 *
 * @param arrivalNanos capture time stamp, ns since the epoch
 * @param src source IP literal (IPv4 or IPv6)
 * @param dst destination IP literal
 * @param rtpTimestamp RTP timestamp, taken modulo 2^32
 */
public record TestRtpPacket(long arrivalNanos, String src, int srcPort, String dst, int dstPort,
                            int seq, long rtpTimestamp, long ssrc, int payloadType, boolean marker,
                            int payloadBytes) {

    public TestRtpPacket withArrival(long nanos) {
        return new TestRtpPacket(nanos, src, srcPort, dst, dstPort, seq, rtpTimestamp, ssrc, payloadType, marker, payloadBytes);
    }

    /** The RTP header and a deterministic payload. */
    public byte[] rtpBytes() {
        byte[] b = new byte[12 + payloadBytes];
        b[0] = (byte) 0x80;
        b[1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
        b[2] = (byte) (seq >>> 8);
        b[3] = (byte) seq;
        long ts = rtpTimestamp & 0xFFFF_FFFFL;
        b[4] = (byte) (ts >>> 24);
        b[5] = (byte) (ts >>> 16);
        b[6] = (byte) (ts >>> 8);
        b[7] = (byte) ts;
        b[8] = (byte) (ssrc >>> 24);
        b[9] = (byte) (ssrc >>> 16);
        b[10] = (byte) (ssrc >>> 8);
        b[11] = (byte) ssrc;
        for (int i = 12; i < b.length; i++) {
            b[i] = (byte) (0xD5 ^ i); // G.711 "silence-ish" bytes, content does not matter
        }
        return b;
    }
}
