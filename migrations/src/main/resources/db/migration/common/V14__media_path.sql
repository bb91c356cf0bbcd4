-- How the call's audio reached the agent (runtime-owned, written by the cdr-collector from the runtime's fragments):
--   stream         a carrier media stream the whole call
--   record         no media stream: the call ran over TwiML <Play>/<Record> webhooks
--   stream+record  the stream died mid-call and the call went on over the record path
-- NULL when unknown (carrier-only records, API records without it, calls stored before this column).
-- Nullable with no default, so adding it rewrites nothing, on a plain table or a compressed hypertable alike.
ALTER TABLE calls ADD COLUMN media_path text
  CONSTRAINT calls_media_path_check CHECK (media_path IN ('stream', 'record', 'stream+record'));

-- The Grafana reader sees calls only through this view (V8), whose column list is explicit: add the column at the
-- end (CREATE OR REPLACE keeps the view's grants). It holds no subscriber data.
CREATE OR REPLACE VIEW grafana_calls AS
SELECT call_id, carrier_call_id, carrier, region, tenant_id, agent, direction, attempted_at, answered_at, ended_at,
       state, outcome, hangup_cause, codec, attestation, mos, jitter_ms, loss_percent, one_way_latency_ms,
       turn_latency_p50_ms, turn_latency_p95_ms, telephony_seconds, stt_seconds, llm_tokens_in, llm_tokens_out,
       tts_characters, currency, cost_telephony_micros, cost_stt_micros, cost_llm_micros, cost_tts_micros,
       cost_total_micros, carrier_price_micros, billed_seconds, rate_card_id, rated_at, media_path
FROM calls;
