package org.telops.quality.latency;

import java.util.List;
import java.util.stream.Collectors;
import org.telops.quality.evaluation.AlertingSql;

/**
 * P50/P95/P99 with percentile_cont (continuous, linear interpolation between the two nearest values):
 * plain PostgreSQL aggregates, so the same statement runs on TimescaleDB hypertables. Group columns come
 * from {@link LatencyQuery#GROUPS} only, never from the request text.
 */
final class LatencySql {
    private LatencySql() {}

    private static final String PERCENTILES = """
            count(*) AS samples,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY %1$s) AS p50_ms,
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY %1$s) AS p95_ms,
                   percentile_cont(0.99) WITHIN GROUP (ORDER BY %1$s) AS p99_ms""";

    /** Parameters: from, to. */
    static String turn(List<String> groupColumns) {
        return "SELECT " + select(groupColumns) + PERCENTILES.formatted("first_audio_ms")
                + "\nFROM call_turns WHERE started_at >= ? AND started_at < ? AND first_audio_ms IS NOT NULL"
                + tail(groupColumns);
    }

    /**
     * Turn percentiles from the dashboards' histogram rollup (V12 {@code rollup_turn_latency_5m}): whole five-minute
     * buckets from the one holding {@code from} up to the one holding {@code to}; each percentile is the middle of the
     * first 50 ms bin (below 2 s) whose cumulative count reaches it. Parameters: from, to.
     */
    static String turnRollup(List<String> groupColumns) {
        String keys = groupColumns.isEmpty() ? "" : String.join(", ", groupColumns) + ", ";
        String partition = groupColumns.isEmpty() ? "" : "PARTITION BY " + String.join(", ", groupColumns) + " ";
        return "WITH h AS (SELECT " + keys + "bin_ms, sum(turns) AS n FROM rollup_turn_latency_5m"
                + "\n  WHERE bucket >= telops_bucket5(?) AND bucket <= telops_bucket5(?) GROUP BY " + keys + "bin_ms),"
                + "\nc AS (SELECT " + keys + "bin_ms, n, sum(n) OVER (" + partition + "ORDER BY bin_ms) AS cum,"
                + " sum(n) OVER (" + partition.trim() + ") AS total FROM h)"
                + "\nSELECT " + keys + "sum(n) AS samples,"
                + "\n  telops_latency_bin_mid(min(bin_ms) FILTER (WHERE cum >= 0.5 * total)) AS p50_ms,"
                + "\n  telops_latency_bin_mid(min(bin_ms) FILTER (WHERE cum >= 0.95 * total)) AS p95_ms,"
                + "\n  telops_latency_bin_mid(min(bin_ms) FILTER (WHERE cum >= 0.99 * total)) AS p99_ms"
                + "\nFROM c" + tail(groupColumns);
    }

    /** Parameters: those of {@link AlertingSql#PER_CALL_QUALITY}. */
    static String oneWay(List<String> groupColumns) {
        return AlertingSql.PER_CALL_QUALITY + "SELECT " + select(groupColumns) + PERCENTILES.formatted("one_way_ms")
                + "\nFROM per_call WHERE one_way_ms IS NOT NULL" + tail(groupColumns);
    }

    private static String select(List<String> cols) {
        return cols.isEmpty() ? "" : String.join(", ", cols) + ", ";
    }

    /** HAVING keeps an empty window from returning one row of nulls when there is no GROUP BY. */
    private static String tail(List<String> cols) {
        if (cols.isEmpty()) {
            return "\nHAVING count(*) > 0";
        }
        String list = cols.stream().collect(Collectors.joining(", "));
        return "\nGROUP BY " + list + "\nORDER BY " + list;
    }
}
