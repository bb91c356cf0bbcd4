package org.telops.quality.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.telops.quality.rtp.RtpHeader;
import org.telops.quality.rtp.RtpStream;
import org.telops.quality.rtp.RtpStreamReport;
import org.telops.quality.rtp.RtpStreamTable;

/**
 * Capture-to-streams pipeline: every frame goes through {@link UdpDecoder}, the RTP heuristic and
 * into its stream's statistics. Memory is proportional to the number of streams.
 *
 * <p>Times are relative to the first frame of the file (any protocol), as in Wireshark, so the
 * start/end columns and the delta/jitter arithmetic see the same numbers tshark does.
 */
public final class RtpCaptureAnalyzer implements PacketHandler {

    private final UdpDecoder udp = new UdpDecoder();
    private final RtpStreamTable table = new RtpStreamTable();
    private boolean sawFirstFrame;
    private long firstFrameNanos;
    private long frames;
    private long udpDatagrams;
    private long rtpPackets;

    /** Result of analysing a file. */
    public record Result(ReadSummary read, long udpDatagrams, long rtpPackets, List<RtpStream> streams) {

        /** Reports of the confirmed streams, in order of first packet. */
        public List<RtpStreamReport> reports(double oneWayDelayMs) {
            List<RtpStreamReport> out = new ArrayList<>(streams.size());
            for (RtpStream s : streams) {
                out.add(RtpStreamReport.of(s, oneWayDelayMs));
            }
            return out;
        }
    }

    /** Reads and analyses a capture file. */
    public static Result analyze(Path file) throws IOException {
        RtpCaptureAnalyzer analyzer = new RtpCaptureAnalyzer();
        ReadSummary read = CaptureReader.read(file, analyzer);
        return analyzer.result(read);
    }

    @Override
    public void onPacket(ByteBuffer frame, int offset, int capturedLength, int originalLength, int linkType, long epochNanos) {
        if (!sawFirstFrame) {
            sawFirstFrame = true;
            firstFrameNanos = epochNanos;
        }
        frames++;
        if (!udp.decode(frame, offset, capturedLength, linkType)) {
            return;
        }
        udpDatagrams++;
        int rtp = udp.payloadOffset;
        if (!RtpHeader.looksLikeRtp(frame, rtp, udp.capturedPayloadLength, udp.payloadLength)) {
            return;
        }
        rtpPackets++;
        RtpStream stream = table.lookup(udp.ipVersion, udp.srcHi, udp.srcLo, udp.dstHi, udp.dstLo,
                udp.srcPort, udp.dstPort, RtpHeader.ssrc(frame, rtp));
        stream.stats().onPacket(epochNanos - firstFrameNanos, RtpHeader.sequenceNumber(frame, rtp),
                RtpHeader.timestamp(frame, rtp), RtpHeader.payloadType(frame, rtp), RtpHeader.marker(frame, rtp));
    }

    /** Snapshot of what has been analysed; only confirmed streams (see RtpStreamStats#confirmed). */
    public Result result(ReadSummary read) {
        List<RtpStream> confirmed = new ArrayList<>();
        for (RtpStream s : table.streams()) {
            if (s.stats().confirmed()) {
                confirmed.add(s);
            }
        }
        return new Result(read, udpDatagrams, rtpPackets, confirmed);
    }

    public long frames() {
        return frames;
    }
}
