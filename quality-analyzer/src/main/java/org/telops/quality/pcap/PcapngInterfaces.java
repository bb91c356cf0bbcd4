package org.telops.quality.pcap;

import java.util.Arrays;

/**
 * Interface description blocks of the current pcapng section: per-interface link type, snap
 * length and time-stamp resolution. Kept as parallel primitive arrays so a lookup per packet
 * costs two array reads.
 */
final class PcapngInterfaces {
    private int size;
    private int[] linkTypes = new int[4];
    private int[] snapLengths = new int[4];
    private int[] resolutions = new int[4];
    private long[] offsetSeconds = new long[4];

    void clear() {
        size = 0;
    }

    int size() {
        return size;
    }

    void add(int linkType, int snapLength, int resolution, long tsOffsetSeconds) {
        if (size == linkTypes.length) {
            linkTypes = Arrays.copyOf(linkTypes, size * 2);
            snapLengths = Arrays.copyOf(snapLengths, size * 2);
            resolutions = Arrays.copyOf(resolutions, size * 2);
            offsetSeconds = Arrays.copyOf(offsetSeconds, size * 2);
        }
        linkTypes[size] = linkType;
        snapLengths[size] = snapLength;
        resolutions[size] = resolution;
        offsetSeconds[size] = tsOffsetSeconds;
        size++;
    }

    int linkType(int iface) {
        return linkTypes[iface];
    }

    int snapLength(int iface) {
        return snapLengths[iface];
    }

    /**
     * Converts a raw 64-bit pcapng time stamp to epoch nanoseconds using the interface's
     * if_tsresol (high bit clear: 10^-n seconds, set: 2^-n seconds) and if_tsoffset.
     */
    long toEpochNanos(int iface, long ts) {
        int resolution = resolutions[iface];
        long offsetNanos = offsetSeconds[iface] * 1_000_000_000L;
        if ((resolution & 0x80) == 0) {
            int exponent = resolution;
            if (exponent <= 9) {
                return ts * POW10[9 - exponent] + offsetNanos;
            }
            return ts / POW10[Math.min(exponent - 9, 18)] + offsetNanos;
        }
        int bits = resolution & 0x7F;
        if (bits == 0) {
            return ts * 1_000_000_000L + offsetNanos;
        }
        if (bits >= 63) {
            return offsetNanos; // finer than anything a clock produces; treat as no information
        }
        long seconds = ts >>> bits;
        long fraction = ts & ((1L << bits) - 1);
        return seconds * 1_000_000_000L + (long) (fraction * 1e9 / (double) (1L << bits)) + offsetNanos;
    }

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }
}
