package org.telops.quality.pcap;

import java.nio.ByteBuffer;

/**
 * Finds the UDP payload inside a captured frame: link layer (Ethernet with any number of 802.1Q /
 * 802.1ad tags, Linux cooked SLL and SLL2, raw IP, BSD loopback), then IPv4 or IPv6 (skipping
 * hop-by-hop, routing, destination-options, fragment and AH extension headers), then UDP.
 *
 * <p>Results are left in public fields of this reusable instance instead of a returned object:
 * the decoder runs once per frame, and an allocation per frame is the main cost a Java packet
 * parser can avoid. Fragmented datagrams are skipped: non-first fragments carry no UDP header,
 * and a first fragment's RTP would be timed at the wrong frame compared with a reassembler.
 */
public final class UdpDecoder {

    public static final int LINKTYPE_NULL = 0;
    public static final int LINKTYPE_ETHERNET = 1;
    public static final int LINKTYPE_RAW_DLT = 12;
    public static final int LINKTYPE_RAW_DLT_OPENBSD = 14;
    public static final int LINKTYPE_RAW = 101;
    public static final int LINKTYPE_LOOP = 108;
    public static final int LINKTYPE_LINUX_SLL = 113;
    public static final int LINKTYPE_IPV4 = 228;
    public static final int LINKTYPE_IPV6 = 229;
    public static final int LINKTYPE_LINUX_SLL2 = 276;

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int IPPROTO_UDP = 17;

    public int ipVersion;
    public long srcHi;
    public long srcLo;
    public long dstHi;
    public long dstLo;
    public int srcPort;
    public int dstPort;
    /** Index of the first UDP payload byte in the frame buffer. */
    public int payloadOffset;
    /** UDP payload bytes present in the capture. */
    public int capturedPayloadLength;
    /** UDP payload length according to the UDP header. */
    public int payloadLength;

    /** Decodes a frame; true when it is an unfragmented UDP datagram over IPv4 or IPv6. */
    public boolean decode(ByteBuffer b, int off, int capLen, int linkType) {
        int end = off + capLen;
        switch (linkType) {
            case LINKTYPE_ETHERNET:
                return capLen >= 14 && etherType(b, off + 12, end);
            case LINKTYPE_LINUX_SLL:
                return capLen >= 16 && etherType(b, off + 14, end);
            case LINKTYPE_LINUX_SLL2:
                // SLL2: protocol type comes first, the 20-byte header ends with the link address
                return capLen >= 20 && network(b, b.getShort(off) & 0xFFFF, off + 20, end);
            case LINKTYPE_RAW, LINKTYPE_RAW_DLT, LINKTYPE_RAW_DLT_OPENBSD:
                return capLen >= 1 && rawIp(b, off, end);
            case LINKTYPE_IPV4:
                return ipv4(b, off, end);
            case LINKTYPE_IPV6:
                return ipv6(b, off, end);
            case LINKTYPE_NULL, LINKTYPE_LOOP:
                return capLen >= 4 && loopback(b, off, end, linkType);
            default:
                return false;
        }
    }

    private boolean etherType(ByteBuffer b, int typeAt, int end) {
        int type = b.getShort(typeAt) & 0xFFFF;
        int next = typeAt + 2;
        // Stacked VLAN tags (802.1Q 0x8100, QinQ 0x88A8, legacy 0x9100): 4 bytes each.
        while (type == 0x8100 || type == 0x88A8 || type == 0x9100) {
            if (next + 4 > end) {
                return false;
            }
            type = b.getShort(next + 2) & 0xFFFF;
            next += 4;
        }
        return network(b, type, next, end);
    }

    private boolean network(ByteBuffer b, int etherType, int off, int end) {
        if (etherType == ETHERTYPE_IPV4) {
            return ipv4(b, off, end);
        }
        if (etherType == ETHERTYPE_IPV6) {
            return ipv6(b, off, end);
        }
        return false;
    }

    private boolean rawIp(ByteBuffer b, int off, int end) {
        int version = (b.get(off) & 0xF0) >>> 4;
        return version == 4 ? ipv4(b, off, end) : version == 6 && ipv6(b, off, end);
    }

    private boolean loopback(ByteBuffer b, int off, int end, int linkType) {
        int family = linkType == LINKTYPE_LOOP ? b.getInt(off) : Integer.reverseBytes(b.getInt(off));
        if (linkType == LINKTYPE_NULL && (family & 0xFFFF0000) != 0) {
            family = b.getInt(off); // written by a big-endian host
        }
        if (family == 2) {
            return ipv4(b, off + 4, end);
        }
        // AF_INET6 differs per OS: 10 Linux, 24 NetBSD/OpenBSD, 28 FreeBSD, 30 macOS
        return (family == 10 || family == 24 || family == 28 || family == 30) && ipv6(b, off + 4, end);
    }

    private boolean ipv4(ByteBuffer b, int off, int end) {
        if (off + 20 > end) {
            return false;
        }
        int vihl = b.get(off) & 0xFF;
        int headerLength = (vihl & 0x0F) * 4;
        if ((vihl >>> 4) != 4 || headerLength < 20) {
            return false;
        }
        int totalLength = b.getShort(off + 2) & 0xFFFF;
        int fragment = b.getShort(off + 6) & 0xFFFF;
        if ((fragment & 0x3FFF) != 0 || (b.get(off + 9) & 0xFF) != IPPROTO_UDP) {
            return false; // MF flag or non-zero offset: a fragment; or not UDP
        }
        // Ethernet pads short frames; the IP total length says where the datagram really ends.
        // A total length of 0 appears with TCP segmentation offload captures: trust the frame.
        int ipEnd = totalLength >= headerLength ? Math.min(end, off + totalLength) : end;
        ipVersion = 4;
        srcHi = 0;
        dstHi = 0;
        srcLo = b.getInt(off + 12) & 0xFFFF_FFFFL;
        dstLo = b.getInt(off + 16) & 0xFFFF_FFFFL;
        return udp(b, off + headerLength, ipEnd);
    }

    private boolean ipv6(ByteBuffer b, int off, int end) {
        if (off + 40 > end || (b.get(off) & 0xF0) != 0x60) {
            return false;
        }
        int payload = b.getShort(off + 4) & 0xFFFF;
        int next = b.get(off + 6) & 0xFF;
        int ipEnd = payload == 0 ? end : Math.min(end, off + 40 + payload); // 0: jumbogram
        srcHi = b.getLong(off + 8);
        srcLo = b.getLong(off + 16);
        dstHi = b.getLong(off + 24);
        dstLo = b.getLong(off + 32);
        ipVersion = 6;
        int at = off + 40;
        while (true) {
            switch (next) {
                case IPPROTO_UDP:
                    return udp(b, at, ipEnd);
                case 0, 43, 60, 135: // hop-by-hop, routing, destination options, mobility
                    if (at + 8 > ipEnd) {
                        return false;
                    }
                    next = b.get(at) & 0xFF;
                    at += ((b.get(at + 1) & 0xFF) + 1) * 8;
                    break;
                case 44: // fragment: only an unfragmented "atomic" fragment header is usable
                    if (at + 8 > ipEnd || (b.getShort(at + 2) & 0xFFF9) != 0) {
                        return false;
                    }
                    next = b.get(at) & 0xFF;
                    at += 8;
                    break;
                case 51: // authentication header counts 4-byte words minus 2
                    if (at + 8 > ipEnd) {
                        return false;
                    }
                    next = b.get(at) & 0xFF;
                    at += ((b.get(at + 1) & 0xFF) + 2) * 4;
                    break;
                default:
                    return false;
            }
        }
    }

    private boolean udp(ByteBuffer b, int off, int ipEnd) {
        if (off + 8 > ipEnd) {
            return false;
        }
        int udpLength = b.getShort(off + 4) & 0xFFFF;
        if (udpLength < 8) {
            if (udpLength != 0) {
                return false;
            }
            udpLength = ipEnd - off; // 0 is legal for IPv6 jumbograms
        }
        srcPort = b.getShort(off) & 0xFFFF;
        dstPort = b.getShort(off + 2) & 0xFFFF;
        payloadOffset = off + 8;
        payloadLength = udpLength - 8;
        capturedPayloadLength = Math.min(payloadLength, ipEnd - payloadOffset);
        return true;
    }
}
