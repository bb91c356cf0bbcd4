package org.telops.quality.rtp;

/**
 * Static RTP payload types (RFC 3551 / IANA): the short names Wireshark prints in its stream
 * list and the RTP clock rates its RTP analysis uses.
 *
 * <p>Dynamic types (96..127) have no name or clock rate without signalling (SDP), so jitter is
 * not computed for them, exactly as Wireshark does when it has not seen the SDP.
 */
public final class RtpPayloadTypes {

    public static final int PCMU = 0;
    public static final int PCMA = 8;
    public static final int G722 = 9;
    public static final int CN = 13;
    public static final int G729 = 18;
    public static final int CN_OLD = 19;

    private static final String[] SHORT_NAMES = new String[128];
    private static final int[] CLOCK_RATES = new int[128];

    static {
        String[] names = {
            "g711U", "fs-1016", "g721", "GSM", "g723", "DVI4 8k", "DVI4 16k", "Exp. from Xerox PARC",
            "g711A", "g722", "16-bit audio, stereo", "16-bit audio, monaural", "Qualcomm", "CN",
            "MPEG-I/II Audio", "g728", "DVI4 11k", "DVI4 22k", "g729", "CN(old)",
        };
        for (int pt = 0; pt < 128; pt++) {
            SHORT_NAMES[pt] = pt < names.length ? names[pt] : pt >= 96 ? "RTPType-" + pt : "Unassigned";
        }
        SHORT_NAMES[25] = "CellB";
        SHORT_NAMES[26] = "JPEG";
        SHORT_NAMES[28] = "NV";
        SHORT_NAMES[31] = "h261";
        SHORT_NAMES[32] = "MPEG-I/II Video";
        SHORT_NAMES[33] = "MPEG-II streams";
        SHORT_NAMES[34] = "h263";
        for (int pt = 72; pt <= 76; pt++) {
            SHORT_NAMES[pt] = "Reserved for RTCP conflict avoidance";
        }
        int[][] rates = {
            {0, 8000}, {1, 8000}, {2, 8000}, {3, 8000}, {4, 8000}, {5, 8000}, {6, 16000}, {7, 8000},
            {8, 8000}, {9, 8000}, // G.722 samples at 16 kHz but RFC 3551 fixes its RTP clock at 8000
            {10, 44100}, {11, 44100}, {12, 8000}, {13, 8000}, {14, 90000}, {15, 8000}, {16, 11025},
            {17, 22050}, {18, 8000}, {19, 8000}, {25, 90000}, {26, 90000}, {28, 90000}, {31, 90000},
            {32, 90000}, {33, 90000}, {34, 90000},
        };
        for (int[] rate : rates) {
            CLOCK_RATES[rate[0]] = rate[1];
        }
    }

    private RtpPayloadTypes() {
    }

    /** Wireshark's short name ("g711U", "g729", "RTPType-96"). */
    public static String shortName(int payloadType) {
        return SHORT_NAMES[payloadType & 0x7F];
    }

    /** RTP clock rate in Hz, or 0 when unknown (dynamic or unassigned types). */
    public static int clockRate(int payloadType) {
        return CLOCK_RATES[payloadType & 0x7F];
    }

    /** Comfort noise (current or pre-RFC 3389 number). */
    public static boolean isComfortNoise(int payloadType) {
        return payloadType == CN || payloadType == CN_OLD;
    }

    /**
     * Plausible for audio/video RTP: assigned/unassigned static range 0..34 or dynamic 96..127.
     * 35..95 are never used by real endpoints without signalling, and 72..76 collide with RTCP
     * packet types, so treating them as "not RTP" keeps random UDP from becoming streams.
     */
    public static boolean isPlausible(int payloadType) {
        return payloadType <= 34 || (payloadType >= 96 && payloadType <= 127);
    }
}
