package org.telops.quality.latency;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A validated {@code GET /api/v1/latency} request: window [from, to) (default: the hour before now),
 * metric {@code turn} (end of the caller's speech → first agent audio, per turn) or {@code one_way}
 * (per call: half the mark round trip from quality samples, else the CDR's one-way latency), grouped by
 * any of tenant, carrier, region (default carrier,region; empty = one row for everything).
 */
public record LatencyQuery(Instant from, Instant to, Metric metric, List<String> by) {

    public enum Metric { TURN, ONE_WAY }

    /** API name → column. */
    static final Map<String, String> GROUPS = Map.of("tenant", "tenant_id", "carrier", "carrier", "region", "region");
    private static final Set<String> PARAMS = Set.of("from", "to", "metric", "by");

    public static LatencyQuery parse(Map<String, String> params, Instant now) {
        Set<String> unknown = new TreeSet<>(params.keySet());
        unknown.removeAll(PARAMS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown query parameter(s) " + unknown + ": use " + new TreeSet<>(PARAMS));
        }
        Instant to = instant(params.get("to"), "to", now);
        Instant from = instant(params.get("from"), "from", to.minus(Duration.ofHours(1)));
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("'from' (" + from + ") must be before 'to' (" + to + ")");
        }
        String m = params.get("metric");
        Metric metric;
        if (m == null || m.isBlank() || m.trim().equals("turn")) {
            metric = Metric.TURN;
        } else if (m.trim().equals("one_way")) {
            metric = Metric.ONE_WAY;
        } else {
            throw new IllegalArgumentException("metric '" + m + "' is not one of turn, one_way");
        }
        String b = params.get("by");
        List<String> by = new ArrayList<>();
        if (b == null) {
            by = List.of("carrier", "region");
        } else {
            for (String part : b.split(",")) {
                String g = part.trim();
                if (g.isEmpty()) {
                    continue;
                }
                if (!GROUPS.containsKey(g)) {
                    throw new IllegalArgumentException("by '" + g + "' is not one of tenant, carrier, region");
                }
                if (!by.contains(g)) {
                    by.add(g);
                }
            }
        }
        return new LatencyQuery(from, to, metric, List.copyOf(by));
    }

    private static Instant instant(String v, String name, Instant fallback) {
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + name + "' must be an ISO-8601 instant like 2026-11-01T00:00:00Z, got '"
                    + v + "'");
        }
    }
}
