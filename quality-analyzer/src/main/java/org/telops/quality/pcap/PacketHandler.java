package org.telops.quality.pcap;

import java.nio.ByteBuffer;

/**
 * Receives each captured frame. The buffer is big-endian and reused: the frame bytes are only
 * valid during the call, so a handler must copy anything it keeps. This is what lets the reader
 * run without a per-packet allocation.
 */
@FunctionalInterface
public interface PacketHandler {
    /**
     * @param frame big-endian buffer holding the frame; use absolute gets only
     * @param offset index of the first frame byte in {@code frame}
     * @param capturedLength bytes actually captured (may be less than on the wire)
     * @param originalLength length of the frame on the wire
     * @param linkType LINKTYPE_* value of the interface that captured the frame
     * @param epochNanos capture time, nanoseconds since 1970-01-01 UTC
     */
    void onPacket(ByteBuffer frame, int offset, int capturedLength, int originalLength, int linkType, long epochNanos);
}
