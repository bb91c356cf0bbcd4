-- The same name and columns as the plain-PostgreSQL view in V1, as a continuous aggregate.
CREATE MATERIALIZED VIEW calls_5m
WITH (timescaledb.continuous) AS
SELECT time_bucket(INTERVAL '5 minutes', attempted_at)                 AS bucket,
       carrier,
       region,
       count(*)                                                       AS calls,
       sum(CASE WHEN answered_at IS NOT NULL THEN 1 ELSE 0 END)       AS answered,
       sum(CASE WHEN outcome = 'completed' THEN 1 ELSE 0 END)         AS completed,
       sum(CASE WHEN outcome IN ('failed', 'dropped') THEN 1 ELSE 0 END) AS failed,
       avg(mos)                                                       AS mos_avg,
       min(mos)                                                       AS mos_min,
       avg(jitter_ms)                                                 AS jitter_ms_avg,
       avg(loss_percent)                                              AS loss_percent_avg,
       avg(one_way_latency_ms)                                        AS one_way_latency_ms_avg,
       avg(turn_latency_p50_ms)                                       AS turn_latency_p50_ms_avg,
       max(turn_latency_p95_ms)                                       AS turn_latency_p95_ms_max
FROM calls
GROUP BY 1, 2, 3
WITH NO DATA;

-- Real-time aggregation on, so the newest (not yet materialised) buckets still show.
ALTER MATERIALIZED VIEW calls_5m SET (timescaledb.materialized_only = false);

SELECT add_continuous_aggregate_policy('calls_5m',
  start_offset => INTERVAL '2 days', end_offset => INTERVAL '5 minutes', schedule_interval => INTERVAL '1 minute');
SELECT add_retention_policy('calls_5m', INTERVAL '400 days');
