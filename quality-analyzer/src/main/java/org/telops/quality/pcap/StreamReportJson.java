package org.telops.quality.pcap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.telops.quality.rtp.RtpStreamReport;

/** Renders stream reports as a JSON array, one object per stream, for {@code analyze-pcap --json}. */
public final class StreamReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StreamReportJson() {
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
            return MAPPER.writeValueAsString(rows) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render stream reports as JSON", e);
        }
    }

    /** JSON has no NaN; an unavailable estimate is null rather than an invalid document. */
    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
