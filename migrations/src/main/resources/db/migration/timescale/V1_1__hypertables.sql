-- Applied only when the timescaledb extension is available (Migrate checks and creates it first).
-- Hypertables need the time column in every unique key, so the keys are widened here; uniqueness of
-- call_id is then kept by the cdr-collector, the only writer of calls (one batch writer, advisory lock).

DROP VIEW calls_5m;

ALTER TABLE calls DROP CONSTRAINT calls_pkey;
ALTER TABLE calls ADD CONSTRAINT calls_pkey PRIMARY KEY (call_id, attempted_at);
CREATE INDEX calls_call_id_idx ON calls (call_id);
SELECT create_hypertable('calls', 'attempted_at', chunk_time_interval => INTERVAL '1 day', migrate_data => true);
SELECT create_hypertable('call_quality_samples', 'sampled_at', chunk_time_interval => INTERVAL '1 day', migrate_data => true);
SELECT create_hypertable('call_turns', 'started_at', chunk_time_interval => INTERVAL '1 day', migrate_data => true);
SELECT create_hypertable('probe_results', 'probed_at', chunk_time_interval => INTERVAL '1 day', migrate_data => true);

-- Compression: chunks older than 7 days, segmented the way they are queried.
ALTER TABLE calls SET (timescaledb.compress, timescaledb.compress_segmentby = 'carrier, region',
                       timescaledb.compress_orderby = 'attempted_at DESC');
ALTER TABLE call_quality_samples SET (timescaledb.compress, timescaledb.compress_segmentby = 'carrier, region',
                       timescaledb.compress_orderby = 'sampled_at DESC');
ALTER TABLE call_turns SET (timescaledb.compress, timescaledb.compress_segmentby = 'carrier, region',
                       timescaledb.compress_orderby = 'started_at DESC');
ALTER TABLE probe_results SET (timescaledb.compress, timescaledb.compress_segmentby = 'region',
                       timescaledb.compress_orderby = 'probed_at DESC');
SELECT add_compression_policy('calls', INTERVAL '7 days');
SELECT add_compression_policy('call_quality_samples', INTERVAL '7 days');
SELECT add_compression_policy('call_turns', INTERVAL '7 days');
SELECT add_compression_policy('probe_results', INTERVAL '7 days');

-- Retention: CDRs 13 months (billing disputes run up to a year); raw samples 30 days; turns and probes 90.
SELECT add_retention_policy('calls', INTERVAL '400 days');
SELECT add_retention_policy('call_quality_samples', INTERVAL '30 days');
SELECT add_retention_policy('call_turns', INTERVAL '90 days');
SELECT add_retention_policy('probe_results', INTERVAL '90 days');
