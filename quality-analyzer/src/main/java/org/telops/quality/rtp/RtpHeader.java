package org.telops.quality.rtp;

import java.nio.ByteBuffer;

/**
 * RTP fixed-header access and the "does this UDP payload look like RTP" heuristic (RFC 3550 §5.1).
 * Static methods on the frame buffer, so checking a datagram allocates nothing.
 */
public final class RtpHeader {
    public static final int FIXED_HEADER_BYTES = 12;

    private RtpHeader() {
    }

    /**
     * True when the payload has version 2, a plausible payload type (see
     * {@link RtpPayloadTypes#isPlausible(int)}; this also rejects RTCP, whose packet types 200..204
     * read as marker + 72..76), and a header — fixed part, CSRC list and extension — that fits in
     * both the captured bytes and the datagram.
     */
    public static boolean looksLikeRtp(ByteBuffer b, int off, int capturedLength, int datagramLength) {
        if (capturedLength < FIXED_HEADER_BYTES) {
            return false;
        }
        int first = b.get(off) & 0xFF;
        if ((first >>> 6) != 2 || !RtpPayloadTypes.isPlausible(b.get(off + 1) & 0x7F)) {
            return false;
        }
        int headerLength = FIXED_HEADER_BYTES + 4 * (first & 0x0F);
        if ((first & 0x10) != 0) {
            if (headerLength + 4 > capturedLength) {
                return false;
            }
            headerLength += 4 + 4 * (b.getShort(off + headerLength + 2) & 0xFFFF);
        }
        return headerLength <= capturedLength && headerLength <= datagramLength;
    }

    public static boolean marker(ByteBuffer b, int off) {
        return (b.get(off + 1) & 0x80) != 0;
    }

    public static int payloadType(ByteBuffer b, int off) {
        return b.get(off + 1) & 0x7F;
    }

    public static int sequenceNumber(ByteBuffer b, int off) {
        return b.getShort(off + 2) & 0xFFFF;
    }

    public static long timestamp(ByteBuffer b, int off) {
        return b.getInt(off + 4) & 0xFFFF_FFFFL;
    }

    public static long ssrc(ByteBuffer b, int off) {
        return b.getInt(off + 8) & 0xFFFF_FFFFL;
    }
}
