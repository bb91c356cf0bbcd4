package org.telops.quality.rtp;

/**
 * One RTP stream: the key Wireshark uses (source address/port, destination address/port, SSRC)
 * and its running statistics. Addresses are held as two longs each (IPv4 in the low 32 bits of
 * {@code lo} with {@code hi} = 0) so the key needs no byte arrays and compares in a few
 * instructions.
 */
public final class RtpStream {
    final int ipVersion;
    final long srcHi;
    final long srcLo;
    final long dstHi;
    final long dstLo;
    /** srcPort (16 bits) | dstPort (16 bits) | SSRC (32 bits). */
    final long portsAndSsrc;
    final int hash;
    private final RtpStreamStats stats = new RtpStreamStats();

    RtpStream(int ipVersion, long srcHi, long srcLo, long dstHi, long dstLo, long portsAndSsrc, int hash) {
        this.ipVersion = ipVersion;
        this.srcHi = srcHi;
        this.srcLo = srcLo;
        this.dstHi = dstHi;
        this.dstLo = dstLo;
        this.portsAndSsrc = portsAndSsrc;
        this.hash = hash;
    }

    boolean matches(int version, long sHi, long sLo, long dHi, long dLo, long ports) {
        return portsAndSsrc == ports && srcLo == sLo && dstLo == dLo && srcHi == sHi && dstHi == dHi
                && ipVersion == version;
    }

    public RtpStreamStats stats() {
        return stats;
    }

    public int ipVersion() {
        return ipVersion;
    }

    public String sourceAddress() {
        return IpAddressText.format(ipVersion, srcHi, srcLo);
    }

    public String destinationAddress() {
        return IpAddressText.format(ipVersion, dstHi, dstLo);
    }

    public int sourcePort() {
        return (int) (portsAndSsrc >>> 48);
    }

    public int destinationPort() {
        return (int) (portsAndSsrc >>> 32) & 0xFFFF;
    }

    public long ssrc() {
        return portsAndSsrc & 0xFFFF_FFFFL;
    }

    /** Payload type names seen, in payload-type order, joined like Wireshark ("g711U, CN"). */
    public String payloadNames() {
        StringBuilder names = new StringBuilder();
        for (int pt = 0; pt < 128; pt++) {
            if (stats.sawPayloadType(pt)) {
                if (names.length() > 0) {
                    names.append(", ");
                }
                names.append(RtpPayloadTypes.shortName(pt));
            }
        }
        return names.toString();
    }

    /** Lowest payload type seen, the one a MOS codec guess is based on. */
    public int firstPayloadType() {
        for (int pt = 0; pt < 128; pt++) {
            if (stats.sawPayloadType(pt)) {
                return pt;
            }
        }
        return -1;
    }
}
