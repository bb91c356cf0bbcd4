package org.telops.quality.evaluation;

import java.time.Duration;
import org.telops.quality.alerting.Direction;
import org.telops.quality.alerting.RuleKind;

/**
 * The statements behind the alert rules: one per rule, each returning one row per scope (tenant,
 * carrier, region) with samples, value, affected and call_ids (up to 20), plus rule-specific columns.
 * Plain SQL (percentile_cont, FILTER, window functions) that runs on PostgreSQL 15+ and on TimescaleDB
 * hypertables alike; every statement bounds the hypertable's time column so only recent chunks are read.
 */
public final class AlertingSql {
    private AlertingSql() {}

    /** Most call ids kept as evidence per alert. */
    static final int MAX_CALL_IDS = 20;

    /**
     * How long before its end a call may have started and still count through its CDR figures: bounds the
     * calls read by attempted_at (the indexed, hypertable time column) instead of scanning for ended_at.
     * Longer calls still count through their live samples.
     */
    public static final Duration LONGEST_CALL = Duration.ofHours(4);

    /**
     * Per-call quality in the window: live samples averaged per call, or for calls that ended in the
     * window without samples (carrier-reported quality, older runtimes) the CDR's own figures. One-way
     * latency from samples is half the mark round trip. Parameters: from, to, from, to, attempted_floor,
     * from, to, where attempted_floor = from − {@link #LONGEST_CALL}.
     */
    public static final String PER_CALL_QUALITY = """
            WITH per_call AS (
                SELECT s.call_id, s.tenant_id, s.carrier, s.region,
                       avg(s.mos) AS mos, avg(s.jitter_ms) AS jitter_ms, avg(s.loss_percent) AS loss_percent,
                       avg(s.mark_rtt_ms) / 2 AS one_way_ms
                FROM call_quality_samples s
                WHERE s.sampled_at >= ? AND s.sampled_at < ?
                GROUP BY s.call_id, s.tenant_id, s.carrier, s.region
                UNION ALL
                SELECT c.call_id, c.tenant_id, c.carrier, c.region,
                       c.mos, c.jitter_ms, c.loss_percent, c.one_way_latency_ms
                FROM calls c
                WHERE c.ended_at >= ? AND c.ended_at < ? AND c.attempted_at >= ?
                  AND NOT EXISTS (SELECT 1 FROM call_quality_samples x
                                  WHERE x.call_id = c.call_id AND x.sampled_at >= ? AND x.sampled_at < ?)
            )
            """;

    /** Column of {@link #PER_CALL_QUALITY} a quality rule reads. */
    static String qualityColumn(RuleKind kind) {
        return switch (kind) {
            case MOS_LOW -> "mos";
            case JITTER_HIGH -> "jitter_ms";
            case LOSS_HIGH -> "loss_percent";
            case ONE_WAY_LATENCY_HIGH -> "one_way_ms";
            default -> throw new IllegalArgumentException(kind.id() + " is not a per-call quality rule");
        };
    }

    /**
     * Mean of the per-call figure per scope; affected = calls whose own figure breaches. Parameters: the
     * {@link #PER_CALL_QUALITY} ones, then threshold, threshold.
     */
    static String quality(RuleKind kind) {
        String col = qualityColumn(kind);
        boolean below = kind.direction() == Direction.BELOW;
        String op = below ? "<" : ">";
        String worstFirst = below ? "ASC" : "DESC";
        return PER_CALL_QUALITY + """
                SELECT tenant_id, carrier, region, count(%1$s) AS samples, avg(%1$s) AS value,
                       count(*) FILTER (WHERE %1$s %2$s ?) AS affected,
                       (array_agg(call_id ORDER BY %1$s %3$s) FILTER (WHERE %1$s %2$s ?))[1:%4$d] AS call_ids
                FROM per_call
                WHERE %1$s IS NOT NULL
                GROUP BY tenant_id, carrier, region
                """.formatted(col, op, worstFirst, MAX_CALL_IDS);
    }

    /**
     * Turn latency percentile (end of the caller's speech → first agent audio) per scope, with the mean
     * of each stage over the slow turns (first_audio_ms above the threshold) for triage. Parameters:
     * threshold, from, to, fraction (0.95 / 0.99).
     */
    static final String TURN_LATENCY = """
            WITH t AS (
                SELECT call_id, tenant_id, carrier, region, first_audio_ms, eos_detect_ms, stt_ms,
                       llm_first_token_ms, tts_first_byte_ms, first_audio_ms > ? AS slow
                FROM call_turns
                WHERE started_at >= ? AND started_at < ? AND first_audio_ms IS NOT NULL
            )
            SELECT tenant_id, carrier, region, count(*) AS samples,
                   percentile_cont(?::float8) WITHIN GROUP (ORDER BY first_audio_ms) AS value,
                   count(DISTINCT call_id) FILTER (WHERE slow) AS affected,
                   (array_agg(DISTINCT call_id) FILTER (WHERE slow))[1:%1$d] AS call_ids,
                   avg(eos_detect_ms) FILTER (WHERE slow) AS eos_detect_ms,
                   avg(stt_ms) FILTER (WHERE slow) AS stt_ms,
                   avg(llm_first_token_ms) FILTER (WHERE slow) AS llm_first_token_ms,
                   avg(tts_first_byte_ms) FILTER (WHERE slow) AS tts_first_byte_ms
            FROM t
            GROUP BY tenant_id, carrier, region
            """.formatted(MAX_CALL_IDS);

    /**
     * Call success % = completed / (completed + failed + dropped) of the calls attempted in the window.
     * Busy, no-answer and canceled are the callee's doing and count neither way; calls still running
     * (no outcome yet) are not counted. Parameters: from, to.
     */
    /**
     * R19: per tenant and carrier, cost per call and cost per talk minute of the calls that ended in the window,
     * each over the same figure for the 7 days before it; the value is the larger ratio (2.0 = twice the baseline).
     * Args: window from, to; baseline from, to.
     */
    static final String COST_ANOMALY = """
            WITH w AS (
                SELECT tenant_id, carrier, count(*) AS samples, sum(cost_total_micros)::float8 AS cost,
                       sum(greatest(coalesce(telephony_seconds, 0), 1))::float8 AS secs,
                       (array_agg(call_id ORDER BY cost_total_micros DESC))[1:%1$d] AS call_ids
                FROM calls WHERE ended_at >= ? AND ended_at < ? AND cost_total_micros IS NOT NULL
                GROUP BY tenant_id, carrier),
            b AS (
                SELECT tenant_id, carrier, sum(cost_total_micros)::float8 / count(*) AS per_call,
                       sum(cost_total_micros)::float8 / sum(greatest(coalesce(telephony_seconds, 0), 1)) AS per_sec
                FROM calls WHERE ended_at >= ? AND ended_at < ? AND cost_total_micros IS NOT NULL
                GROUP BY tenant_id, carrier HAVING count(*) >= 20 AND sum(cost_total_micros) > 0)
            SELECT w.tenant_id, w.carrier, NULL::text AS region, w.samples,
                   greatest((w.cost / w.samples) / b.per_call, (w.cost / w.secs) / nullif(b.per_sec, 0)) AS value,
                   w.samples AS affected, w.call_ids,
                   CASE WHEN (w.cost / w.samples) / b.per_call >= (w.cost / w.secs) / nullif(b.per_sec, 0)
                        THEN 'cost per call ' || round((w.cost / w.samples / 1e6)::numeric, 4) || ' vs '
                             || round((b.per_call / 1e6)::numeric, 4) || ' over 7 days'
                        ELSE 'cost per minute ' || round((w.cost / w.secs * 60 / 1e6)::numeric, 4) || ' vs '
                             || round((b.per_sec * 60 / 1e6)::numeric, 4) || ' over 7 days' END AS top_reason
            FROM w JOIN b ON b.tenant_id IS NOT DISTINCT FROM w.tenant_id AND b.carrier IS NOT DISTINCT FROM w.carrier
            """.formatted(MAX_CALL_IDS);

    /**
     * Provider failures per 100 turns per scope: the pipeline engine's {@code provider-failure} moments
     * ({@code call_events}, detail "stage provider: error") of calls with turns in the window, scoped by those turns;
     * top_reason is the stage failing most (stt, llm, tts). Parameters: from, to, from, to.
     */
    static final String PROVIDER_FAILURES = """
            WITH t AS (
                SELECT call_id, tenant_id, carrier, region FROM call_turns WHERE started_at >= ? AND started_at < ?),
            per_call AS (SELECT DISTINCT ON (call_id) call_id, tenant_id, carrier, region FROM t ORDER BY call_id),
            f AS (
                SELECT c.tenant_id, c.carrier, c.region, e.call_id, split_part(e.detail, ' ', 1) AS stage
                FROM call_events e JOIN per_call c ON c.call_id = e.call_id
                WHERE e.kind = 'provider-failure' AND e.at >= ? AND e.at < ?),
            turns AS (SELECT tenant_id, carrier, region, count(*) AS n FROM t GROUP BY tenant_id, carrier, region)
            SELECT turns.tenant_id, turns.carrier, turns.region, turns.n AS samples,
                   100.0 * count(f.call_id) / turns.n AS value,
                   count(DISTINCT f.call_id) AS affected,
                   (array_agg(DISTINCT f.call_id) FILTER (WHERE f.call_id IS NOT NULL))[1:%1$d] AS call_ids,
                   mode() WITHIN GROUP (ORDER BY f.stage) AS top_reason
            FROM turns LEFT JOIN f ON f.tenant_id IS NOT DISTINCT FROM turns.tenant_id
                AND f.carrier IS NOT DISTINCT FROM turns.carrier AND f.region IS NOT DISTINCT FROM turns.region
            GROUP BY turns.tenant_id, turns.carrier, turns.region, turns.n
            """.formatted(MAX_CALL_IDS);

    static final String CALL_SUCCESS = """
            WITH c AS (
                SELECT call_id, tenant_id, carrier, region, attempted_at,
                       coalesce(hangup_cause, outcome) AS cause, outcome IN ('failed', 'dropped') AS failed
                FROM calls
                WHERE attempted_at >= ? AND attempted_at < ? AND outcome IN ('completed', 'failed', 'dropped')
            )
            SELECT tenant_id, carrier, region, count(*) AS samples,
                   100.0 * count(*) FILTER (WHERE NOT failed) / count(*) AS value,
                   count(*) FILTER (WHERE failed) AS affected,
                   (array_agg(call_id ORDER BY attempted_at DESC) FILTER (WHERE failed))[1:%1$d] AS call_ids,
                   mode() WITHIN GROUP (ORDER BY cause) FILTER (WHERE failed) AS top_reason
            FROM c
            GROUP BY tenant_id, carrier, region
            """.formatted(MAX_CALL_IDS);

    /**
     * Consecutive failed probes per carrier and region, counted back from the newest probe in the window
     * to the newest success. Probes have no tenant. Parameters: from, to.
     */
    static final String PROBE_FAILURES = """
            WITH p AS (
                SELECT carrier, region, outcome, reason, call_id, probed_at,
                       max(probed_at) FILTER (WHERE outcome = 'success') OVER (PARTITION BY carrier, region) AS last_ok
                FROM probe_results
                WHERE probed_at >= ? AND probed_at < ?
            ), s AS (
                SELECT *, outcome = 'failure' AND (last_ok IS NULL OR probed_at > last_ok) AS streak FROM p
            )
            SELECT NULL::text AS tenant_id, carrier, region, count(*) AS samples,
                   count(*) FILTER (WHERE streak) AS value,
                   count(*) FILTER (WHERE streak) AS affected,
                   (array_agg(call_id ORDER BY probed_at DESC) FILTER (WHERE streak AND call_id IS NOT NULL))[1:%1$d]
                       AS call_ids,
                   mode() WITHIN GROUP (ORDER BY coalesce(reason, 'unknown')) FILTER (WHERE streak) AS top_reason
            FROM s
            GROUP BY carrier, region
            """.formatted(MAX_CALL_IDS);

    /** Probes with a WER in the 24 h before the window needed before the wer-high rule compares against them. */
    static final int WER_BASELINE_MIN_PROBES = 10;

    /**
     * wer-high: per carrier and region, the mean WER of the window's probes minus the mean of the 24 h before the
     * window, in percentage points. top_reason starts with "audio" when the window's probes also measured loss above
     * 1 % or a MOS below 4.0 (the loss-high and mos-low defaults: the path garbles the speech), else "stt" (a clean
     * path, so the recogniser got worse), then the figures. Parameters: from, to, baseline from, baseline to,
     * minimum baseline probes.
     */
    static final String WER_HIGH = """
            WITH w AS (
                SELECT carrier, region, count(*) AS samples, avg(wer) AS wer, avg(loss_percent) AS loss, avg(mos) AS mos,
                       count(*) FILTER (WHERE wer > 0) AS affected,
                       (array_agg(call_id ORDER BY wer DESC, probed_at DESC) FILTER (WHERE call_id IS NOT NULL))[1:%1$d]
                           AS call_ids
                FROM probe_results WHERE probed_at >= ? AND probed_at < ? AND wer IS NOT NULL
                GROUP BY carrier, region),
            b AS (
                SELECT carrier, region, avg(wer) AS wer, count(*) AS n
                FROM probe_results WHERE probed_at >= ? AND probed_at < ? AND wer IS NOT NULL
                GROUP BY carrier, region)
            SELECT NULL::text AS tenant_id, w.carrier, w.region, w.samples, 100.0 * (w.wer - b.wer) AS value,
                   w.affected, w.call_ids,
                   CASE WHEN coalesce(w.loss, 0) > 1.0 OR coalesce(w.mos, 5) < 4.0 THEN 'audio' ELSE 'stt' END
                       || ': WER ' || round((100 * w.wer)::numeric) || ' %% vs ' || round((100 * b.wer)::numeric)
                       || ' %% over the previous 24 h (' || b.n || ' probes); loss '
                       || coalesce(round(w.loss::numeric, 1)::text, 'n/a') || ' %%, MOS '
                       || coalesce(round(w.mos::numeric, 2)::text, 'n/a') AS top_reason
            FROM w JOIN b ON b.carrier = w.carrier AND b.region = w.region
            WHERE b.n >= ?
            """.formatted(MAX_CALL_IDS);
}
