package org.telops.quality.pcap;

/**
 * What a capture read produced.
 *
 * @param format "pcap" or "pcapng"
 * @param frames frames handed to the handler
 * @param warning null, or a one-line description of a recoverable problem (e.g. a truncated
 *     last record, which happens when a capture is copied while still being written)
 */
public record ReadSummary(String format, long frames, String warning) {
}
