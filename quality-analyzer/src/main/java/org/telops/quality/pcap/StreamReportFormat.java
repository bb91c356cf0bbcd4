package org.telops.quality.pcap;

import java.util.List;
import java.util.Locale;
import org.telops.quality.rtp.RtpStreamReport;

/**
 * Renders stream reports as a tshark-like table ({@link StreamReportJson} does JSON, kept apart so
 * the table needs no Jackson on the class path). The table keeps tshark's column
 * widths and precision (3 decimals for ms figures) so the two outputs can be compared by eye.
 */
public final class StreamReportFormat {

    private StreamReportFormat() {
    }

    public static String table(List<RtpStreamReport> reports) {
        StringBuilder out = new StringBuilder();
        out.append("========================= RTP Streams ========================\n");
        out.append(String.format(Locale.ROOT,
                "%13s %13s %15s %5s %15s %5s %10s %16s %5s %12s %15s %15s %15s %15s %15s %15s %5s %s%n",
                "Start time", "End time", "Src IP addr", "Port", "Dest IP addr", "Port", "SSRC", "Payload",
                "Pkts", "Lost", "Min Delta(ms)", "Mean Delta(ms)", "Max Delta(ms)", "Min Jitter(ms)",
                "Mean Jitter(ms)", "Max Jitter(ms)", "MOS", "Problems?"));
        for (RtpStreamReport r : reports) {
            out.append(String.format(Locale.ROOT,
                    "%13.6f %13.6f %15s %5d %15s %5d %10s %16s %5d %5d (%.1f%%) %15.3f %15.3f %15.3f %15.3f %15.3f %15.3f %5.2f %s%n",
                    r.startSeconds(), r.endSeconds(), r.sourceAddress(), r.sourcePort(), r.destinationAddress(),
                    r.destinationPort(), r.ssrcHex(), r.payloadNames(), r.packets(), r.lost(), r.lostPercent(),
                    r.minDeltaMs(), r.meanDeltaMs(), r.maxDeltaMs(), r.minJitterMs(), r.meanJitterMs(),
                    r.maxJitterMs(), r.mos(), r.problems() ? "X" : ""));
        }
        out.append("==============================================================\n");
        return out.toString();
    }
}
