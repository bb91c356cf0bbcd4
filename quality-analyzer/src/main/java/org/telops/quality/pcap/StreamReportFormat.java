package org.telops.quality.pcap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.telops.quality.rtp.RtpStreamReport;

/**
 * Renders stream reports as a tshark-like table or as JSON. The table keeps tshark's column
 * widths and precision (3 decimals for ms figures) so the two outputs can be compared by eye.
 */
public final class StreamReportFormat {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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

    public static String json(List<RtpStreamReport> reports) {
        List<Map<String, Object>> rows = new ArrayList<>(reports.size());
        for (RtpStreamReport r : reports) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("startSeconds", r.startSeconds());
            row.put("endSeconds", r.endSeconds());
            row.put("ipVersion", r.ipVersion());
            row.put("srcAddr", r.sourceAddress());
            row.put("srcPort", r.sourcePort());
            row.put("dstAddr", r.destinationAddress());
            row.put("dstPort", r.destinationPort());
            row.put("ssrc", r.ssrcHex());
            row.put("payloadType", r.payloadType());
            row.put("payload", r.payloadNames());
            row.put("packets", r.packets());
            row.put("expected", r.expected());
            row.put("lost", r.lost());
            row.put("lostPercent", r.lostPercent());
            row.put("minDeltaMs", r.minDeltaMs());
            row.put("meanDeltaMs", r.meanDeltaMs());
            row.put("maxDeltaMs", r.maxDeltaMs());
            row.put("minJitterMs", r.minJitterMs());
            row.put("meanJitterMs", r.meanJitterMs());
            row.put("maxJitterMs", r.maxJitterMs());
            row.put("sequenceErrors", r.sequenceErrors());
            row.put("problems", r.problems());
            row.put("rFactor", finiteOrNull(r.rFactor()));
            row.put("mos", finiteOrNull(r.mos()));
            rows.add(row);
        }
        try {
            return JSON.writeValueAsString(rows) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render stream reports as JSON", e);
        }
    }

    /** JSON has no NaN; an unavailable estimate is null rather than an invalid document. */
    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
