-- quality-analyzer: the alert rules read probe_results by time alone (every carrier and region of the
-- window, every evaluation, 15 s by default). Without an index on the time column plain PostgreSQL scans
-- the whole table each time (no retention there); on TimescaleDB the hypertable's default index already
-- covers it and this one is merely redundant. The other tables the rules read have their time index.
CREATE INDEX IF NOT EXISTS probe_results_time_idx ON probe_results (probed_at DESC);
