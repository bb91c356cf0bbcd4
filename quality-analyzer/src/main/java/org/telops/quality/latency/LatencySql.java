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
