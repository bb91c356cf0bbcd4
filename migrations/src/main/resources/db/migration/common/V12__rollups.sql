-- Five-minute rollups the dashboards read at 10 M calls, kept by the writers: the plain-PostgreSQL equivalent of
-- continuous aggregates, on TimescaleDB too. Each writer marks, in its own transaction, the buckets its rows fall in
-- (rollup_dirty: the CDR writer, the billing rater, the runtime's sample/turn writer; retention trims the rollups
-- itself); telops_refresh_rollups() (run every TELOPS_ROLLUP_REFRESH_SECONDS by the quality-analyzer) recomputes the
-- marked buckets, and always the last 15 minutes, from the raw rows. A late CDR, a spool replay or a re-rating months
-- later therefore reaches the rollups too; a write made outside telops reaches them only within the last 15 minutes.

CREATE FUNCTION telops_bucket5(t timestamptz) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT to_timestamp(floor(extract(epoch FROM t) / 300) * 300) $$;

-- Turn latency histogram bins (lower bound, ms): 50 ms wide below 2 s, 250 ms below 5 s, 1 s below 20 s, then one.
CREATE FUNCTION telops_latency_bin(ms integer) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN ms < 0 THEN 0 WHEN ms < 2000 THEN ms / 50 * 50 WHEN ms < 5000 THEN ms / 250 * 250
                    WHEN ms < 20000 THEN ms / 1000 * 1000 ELSE 20000 END $$;

-- What a percentile read from a bin reports: the bin's middle (at most 25 ms off below 2 s).
CREATE FUNCTION telops_latency_bin_mid(bin integer) RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN bin < 2000 THEN bin + 25 WHEN bin < 5000 THEN bin + 125 WHEN bin < 20000 THEN bin + 500
                    ELSE bin END::double precision $$;

CREATE TABLE rollup_calls_5m (
  bucket          timestamptz NOT NULL,
  tenant_id       text NOT NULL,          -- 'none' when the CDR has none (the dashboards' variable value)
  carrier         text NOT NULL,          -- 'unknown' when none
  region          text NOT NULL,          -- 'unknown' when none
  currency        text NOT NULL,          -- '' when none
  calls           bigint NOT NULL,
  answered        bigint NOT NULL,
  mos_n           bigint NOT NULL,
  mos_sum         double precision,
  mos_bands       bigint[] NOT NULL,      -- calls per MOS band: index floor(mos * 2) + 1 (0.0, 0.5, … 5.0)
  latency_n       bigint NOT NULL,
  latency_sum     double precision,       -- one-way latency, ms
  seconds         bigint,                 -- telephony seconds, all calls
  costed_calls    bigint NOT NULL,        -- calls with a total cost
  costed_total    bigint,                 -- their total cost, micros
  costed_seconds  bigint,                 -- their telephony seconds
  cost_telephony  bigint,
  cost_stt        bigint,
  cost_llm        bigint,
  cost_tts        bigint,
  cost_total      bigint,
  rated_price     bigint,                 -- carrier price of rated calls, micros
  PRIMARY KEY (bucket, tenant_id, carrier, region, currency)
);
COMMENT ON TABLE rollup_calls_5m IS 'writer: telops_refresh_rollups(). calls by 5 minutes of attempted_at';

-- The 50 lowest-MOS calls of each bucket and scope: the worst-calls panel's 50 over any range and any choice of
-- variables are among them (a call outside its own group's 50 has 50 lower ones beside it), so the panel is exact
-- without an index on calls (which the CDR writer would pay for on every row).
CREATE TABLE rollup_worst_calls_5m (
  bucket              timestamptz NOT NULL,
  tenant_id           text NOT NULL,
  carrier             text NOT NULL,
  region              text NOT NULL,
  call_id             text NOT NULL,
  attempted_at        timestamptz NOT NULL,
  codec               text,
  mos                 double precision NOT NULL,
  jitter_ms           double precision,
  loss_percent        double precision,
  one_way_latency_ms  double precision,
  outcome             text,
  hangup_cause        text,
  PRIMARY KEY (bucket, tenant_id, carrier, region, call_id)
);
CREATE INDEX rollup_worst_calls_mos_idx ON rollup_worst_calls_5m (mos, attempted_at DESC);
COMMENT ON TABLE rollup_worst_calls_5m IS 'writer: telops_refresh_rollups(). 50 lowest-MOS calls per bucket and scope';

CREATE TABLE rollup_samples_5m (
  bucket       timestamptz NOT NULL,
  tenant_id    text NOT NULL,
  carrier      text NOT NULL,
  region       text NOT NULL,
  samples      bigint NOT NULL,
  jitter_n     bigint NOT NULL,
  jitter_sum   double precision,
  loss_n       bigint NOT NULL,
  loss_sum     double precision,
  PRIMARY KEY (bucket, tenant_id, carrier, region)
);
COMMENT ON TABLE rollup_samples_5m IS 'writer: telops_refresh_rollups(). call_quality_samples by 5 minutes of sampled_at';

CREATE TABLE rollup_turns_5m (
  bucket     timestamptz NOT NULL,
  tenant_id  text NOT NULL,
  carrier    text NOT NULL,
  region     text NOT NULL,
  turns      bigint NOT NULL,
  barged     bigint NOT NULL,
  eos_n bigint NOT NULL, eos_sum double precision,
  stt_n bigint NOT NULL, stt_sum double precision,
  llm_n bigint NOT NULL, llm_sum double precision,
  tts_n bigint NOT NULL, tts_sum double precision,
  PRIMARY KEY (bucket, tenant_id, carrier, region)
);
COMMENT ON TABLE rollup_turns_5m IS 'writer: telops_refresh_rollups(). call_turns by 5 minutes of started_at';

CREATE TABLE rollup_turn_latency_5m (
  bucket     timestamptz NOT NULL,
  tenant_id  text NOT NULL,
  carrier    text NOT NULL,
  region     text NOT NULL,
  bin_ms     integer NOT NULL,            -- telops_latency_bin(first_audio_ms)
  turns      bigint NOT NULL,
  PRIMARY KEY (bucket, tenant_id, carrier, region, bin_ms)
);
COMMENT ON TABLE rollup_turn_latency_5m IS 'writer: telops_refresh_rollups(). first_audio_ms histogram by 5 minutes of started_at';

-- Which buckets a write touched since the last refresh (org.telops.contracts.store.RollupMarks). No key: a writer
-- never waits on another's mark, and a refresh deletes only the marks its statement saw (a mark committed later is
-- kept for the next one).
CREATE TABLE rollup_dirty (
  source  text NOT NULL,                  -- calls, samples, turns
  bucket  timestamptz NOT NULL
);
COMMENT ON TABLE rollup_dirty IS 'writers: the CDR writer, the billing rater, the runtime sample/turn writer';

-- Recomputes the given buckets of every rollup from the raw rows.
CREATE FUNCTION telops_rollup_buckets(src text, buckets timestamptz[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF buckets IS NULL OR cardinality(buckets) = 0 THEN
    RETURN;
  END IF;
  IF src = 'calls' THEN
    DELETE FROM rollup_calls_5m WHERE bucket = ANY (buckets);
    INSERT INTO rollup_calls_5m
    SELECT b.bucket, coalesce(c.tenant_id, 'none'), coalesce(c.carrier, 'unknown'), coalesce(c.region, 'unknown'),
           coalesce(c.currency, ''), count(*), count(c.answered_at),
           count(c.mos), sum(c.mos),
           ARRAY[count(*) FILTER (WHERE least(10, greatest(0, floor(c.mos * 2))) = 0), count(*) FILTER (WHERE least(10, greatest(0, floor(c.mos * 2))) = 1), count(*) FILTER (WHERE least(10, greatest(0, floor(c.mos * 2))) = 2), count(*) FILTER (WHERE least(10, greatest(0, floor(c.mos * 2))) = 3), count(*) FILTER (WHERE least(10, greatest(0, floor(c.mos * 2))) = 4), count(*) FILTER (WHERE least(10, greatest(0, floor(c.mos * 2))) = 5), count(*) FILTER (WHERE least(10, greatest(0, floor(c.mos * 2))) = 6), count(*) FILTER (WHERE least(10, greatest(0, floor(c.mos * 2))) = 7), count(*) FILTER (WHERE least(10, greatest(0, floor(c.mos * 2))) = 8), count(*) FILTER (WHERE least(10, greatest(0, floor(c.mos * 2))) = 9), count(*) FILTER (WHERE least(10, greatest(0, floor(c.mos * 2))) = 10)],
           count(c.one_way_latency_ms), sum(c.one_way_latency_ms), sum(c.telephony_seconds),
           count(c.cost_total_micros), sum(c.cost_total_micros),
           sum(c.telephony_seconds) FILTER (WHERE c.cost_total_micros IS NOT NULL),
           sum(c.cost_telephony_micros), sum(c.cost_stt_micros), sum(c.cost_llm_micros), sum(c.cost_tts_micros),
           sum(c.cost_total_micros), sum(c.carrier_price_micros) FILTER (WHERE c.rated_at IS NOT NULL)
    FROM unnest(buckets) AS b(bucket)
    JOIN calls c ON c.attempted_at >= b.bucket AND c.attempted_at < b.bucket + interval '5 minutes'
    GROUP BY 1, 2, 3, 4, 5;
    DELETE FROM rollup_worst_calls_5m WHERE bucket = ANY (buckets);
    INSERT INTO rollup_worst_calls_5m
    SELECT bucket, tenant_id, carrier, region, call_id, attempted_at, codec, mos, jitter_ms, loss_percent,
           one_way_latency_ms, outcome, hangup_cause
    FROM (SELECT b.bucket, coalesce(c.tenant_id, 'none') AS tenant_id, coalesce(c.carrier, 'unknown') AS carrier,
                 coalesce(c.region, 'unknown') AS region, c.call_id, c.attempted_at, c.codec, c.mos, c.jitter_ms,
                 c.loss_percent, c.one_way_latency_ms, c.outcome, c.hangup_cause,
                 row_number() OVER (PARTITION BY b.bucket, coalesce(c.tenant_id, 'none'), coalesce(c.carrier, 'unknown'),
                                    coalesce(c.region, 'unknown') ORDER BY c.mos, c.attempted_at DESC) AS rank
          FROM unnest(buckets) AS b(bucket)
          JOIN calls c ON c.attempted_at >= b.bucket AND c.attempted_at < b.bucket + interval '5 minutes'
          WHERE c.mos IS NOT NULL) ranked
    WHERE rank <= 50;
  ELSIF src = 'samples' THEN
    DELETE FROM rollup_samples_5m WHERE bucket = ANY (buckets);
    INSERT INTO rollup_samples_5m
    SELECT b.bucket, coalesce(s.tenant_id, 'none'), coalesce(s.carrier, 'unknown'), coalesce(s.region, 'unknown'),
           count(*), count(s.jitter_ms), sum(s.jitter_ms), count(s.loss_percent), sum(s.loss_percent)
    FROM unnest(buckets) AS b(bucket)
    JOIN call_quality_samples s ON s.sampled_at >= b.bucket AND s.sampled_at < b.bucket + interval '5 minutes'
    GROUP BY 1, 2, 3, 4;
  ELSIF src = 'turns' THEN
    DELETE FROM rollup_turns_5m WHERE bucket = ANY (buckets);
    DELETE FROM rollup_turn_latency_5m WHERE bucket = ANY (buckets);
    INSERT INTO rollup_turns_5m
    SELECT b.bucket, coalesce(t.tenant_id, 'none'), coalesce(t.carrier, 'unknown'), coalesce(t.region, 'unknown'),
           count(*), count(*) FILTER (WHERE t.barged_in),
           count(t.eos_detect_ms), sum(t.eos_detect_ms), count(t.stt_ms), sum(t.stt_ms),
           count(t.llm_first_token_ms), sum(t.llm_first_token_ms), count(t.tts_first_byte_ms), sum(t.tts_first_byte_ms)
    FROM unnest(buckets) AS b(bucket)
    JOIN call_turns t ON t.started_at >= b.bucket AND t.started_at < b.bucket + interval '5 minutes'
    GROUP BY 1, 2, 3, 4;
    INSERT INTO rollup_turn_latency_5m
    SELECT b.bucket, coalesce(t.tenant_id, 'none'), coalesce(t.carrier, 'unknown'), coalesce(t.region, 'unknown'),
           telops_latency_bin(t.first_audio_ms), count(*)
    FROM unnest(buckets) AS b(bucket)
    JOIN call_turns t ON t.started_at >= b.bucket AND t.started_at < b.bucket + interval '5 minutes'
    WHERE t.first_audio_ms IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5;
  END IF;
END $$;

-- One refresh: the marked buckets (marks consumed) and the trailing 15 minutes. Returns the buckets recomputed.
CREATE FUNCTION telops_refresh_rollups() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  src text;
  b timestamptz[];
  n integer := 0;
  recent timestamptz[] := ARRAY(SELECT generate_series(telops_bucket5(now() - interval '15 minutes'),
                                                       telops_bucket5(now()), interval '5 minutes'));
BEGIN
  FOREACH src IN ARRAY ARRAY['calls', 'samples', 'turns'] LOOP
    WITH consumed AS (DELETE FROM rollup_dirty WHERE source = src RETURNING bucket)
    SELECT ARRAY(SELECT DISTINCT x FROM (SELECT bucket AS x FROM consumed UNION SELECT unnest(recent)) u ORDER BY x)
    INTO b;
    PERFORM telops_rollup_buckets(src, b);
    n := n + cardinality(b);
  END LOOP;
  RETURN n;
END $$;

-- Everything already stored, once.
SELECT telops_rollup_buckets('calls', ARRAY(SELECT DISTINCT telops_bucket5(attempted_at) FROM calls WHERE attempted_at IS NOT NULL));
SELECT telops_rollup_buckets('samples', ARRAY(SELECT DISTINCT telops_bucket5(sampled_at) FROM call_quality_samples));
SELECT telops_rollup_buckets('turns', ARRAY(SELECT DISTINCT telops_bucket5(started_at) FROM call_turns));

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'telops_grafana') THEN
    GRANT SELECT ON rollup_calls_5m, rollup_worst_calls_5m, rollup_samples_5m, rollup_turns_5m, rollup_turn_latency_5m
      TO telops_grafana;
    GRANT EXECUTE ON FUNCTION telops_latency_bin_mid(integer) TO telops_grafana;
  END IF;
END $$;
