-- A day of telops data relative to now(), enough for every panel of every dashboard to return rows.
INSERT INTO tenants (tenant_id, name) VALUES ('acme', 'Acme'), ('globex', 'Globex');

INSERT INTO calls (call_id, carrier_call_id, carrier, region, tenant_id, agent, direction, from_number, to_number,
  attempted_at, answered_at, ended_at, state, outcome, hangup_cause, codec, attestation, mos, jitter_ms, loss_percent,
  one_way_latency_ms, turn_latency_p50_ms, turn_latency_p95_ms, telephony_seconds, stt_seconds, llm_tokens_in,
  llm_tokens_out, tts_characters, currency, cost_telephony_micros, cost_stt_micros, cost_llm_micros, cost_tts_micros,
  cost_total_micros, carrier_price_micros, billed_seconds, rated_at, sources)
SELECT 'call-' || g, 'CA' || g, CASE WHEN g % 2 = 0 THEN 'twilio' ELSE 'telnyx' END,
       CASE WHEN g % 3 = 0 THEN 'eu-west' ELSE 'us-east' END,
       CASE WHEN g % 10 = 0 THEN NULL WHEN g % 2 = 0 THEN 'acme' ELSE 'globex' END,
       'support', 'outbound', '+14155550100', '+14155550199',
       now() - g * interval '5 minutes',
       CASE WHEN g % 7 = 0 THEN NULL ELSE now() - g * interval '5 minutes' + interval '3 seconds' END,
       now() - g * interval '5 minutes' + interval '2 minutes', 'ended',
       CASE WHEN g % 7 = 0 THEN 'failed' ELSE 'completed' END, 'normal', 'PCMU', 'A',
       1 + (g % 35) / 10.0, (g % 40) / 2.0, (g % 10) / 5.0, 40 + g % 120, 450 + g % 300, 700 + g % 400,
       120, 110.5, 1000 + g, 300 + g, 900 + g, 'USD', 17000, 7956, 330000, 13500, 368456, 17000, 120, now(),
       'carrier,runtime'
FROM generate_series(1, 200) g;

INSERT INTO call_quality_samples (call_id, sampled_at, tenant_id, carrier, region, mos, jitter_ms, loss_percent,
  frames_received, frames_missing, frames_reordered, max_gap_ms, mark_rtt_ms)
SELECT call_id, attempted_at + s * interval '10 seconds', tenant_id, carrier, region, mos, jitter_ms + s,
       loss_percent, 500, 2, 0, 40, 120
FROM calls, generate_series(1, 3) s;

INSERT INTO call_turns (call_id, turn_no, started_at, tenant_id, carrier, region, engine, eos_detect_ms, stt_ms,
  llm_first_token_ms, tts_first_byte_ms, first_audio_ms, barged_in)
SELECT call_id, t, attempted_at + t * interval '15 seconds', tenant_id, carrier, region, 'pipeline', 200, 120,
       250 + (t * 37) % 200, 90, 500 + (length(call_id) * 97 + t * 131) % 600, t = 3
FROM calls, generate_series(1, 3) t;

INSERT INTO probe_results (probe_id, probed_at, region, carrier, target, call_id, outcome, reason, connect_ms,
  first_audio_ms, round_trip_ms, jitter_ms, loss_percent, mos, digits_sent, digits_received, wer, duration_seconds,
  currency, cost_micros)
SELECT gen_random_uuid(), now() - g * interval '10 minutes', CASE WHEN g % 2 = 0 THEN 'us-east' ELSE 'eu-west' END,
       CASE WHEN g % 3 = 0 THEN 'telnyx' ELSE 'twilio' END, '+14155550142', NULL,
       CASE WHEN g % 5 = 0 THEN 'failure' ELSE 'success' END,
       CASE WHEN g % 10 = 0 THEN 'no-audio' WHEN g % 5 = 0 THEN 'one-way-audio' END,
       900 + g, 400 + g, 300 + g % 80, 4.5, 0.2, 4.2, '1234', '1234', 0.05, 30, 'USD', 4250
FROM generate_series(1, 120) g;

INSERT INTO region_health (region, carrier, status, consecutive_failures, consecutive_successes, last_reason) VALUES
  ('us-east', 'twilio', 'healthy', 0, 12, NULL), ('eu-west', 'telnyx', 'degraded', 3, 0, 'one-way-audio');
INSERT INTO region_health_events (region, at, from_status, to_status, reason) VALUES
  ('eu-west', now() - interval '2 hours', 'healthy', 'degraded', 'one-way-audio'),
  ('us-east', now() - interval '5 hours', 'degraded', 'healthy', NULL);

INSERT INTO carrier_state (carrier, priority, circuit, mode, reason, changed_by) VALUES
  ('twilio', 10, 'closed', 'normal', NULL, 'system:router'), ('telnyx', 20, 'open', 'normal', 'error rate 35%', 'system:router');
INSERT INTO failover_events (at, from_carrier, to_carrier, trigger, reason, detection_ms) VALUES
  (now() - interval '3 hours', 'telnyx', 'twilio', 'breaker', 'error rate 35%', 4200),
  (now() - interval '1 hour', 'twilio', 'telnyx', 'drill', 'weekly drill', 1800);

INSERT INTO incidents (stack, title, status, carrier, region, tenant_id, opened_at, target_resolution_minutes,
  acknowledged_at, acknowledged_by, resolved_at, resolved_by, sla_breached) VALUES
  ('telephony', 'telnyx error rate', 'resolved', 'telnyx', 'us-east', 'globex', now() - interval '6 hours', 5,
   now() - interval '6 hours' + interval '1 minute', 'ana', now() - interval '6 hours' + interval '4 minutes', 'ana', false),
  ('audio', 'one-way audio eu-west', 'resolved', 'telnyx', 'eu-west', 'acme', now() - interval '4 hours', 10,
   NULL, NULL, now() - interval '4 hours' + interval '12 minutes', 'bo', true),
  ('intelligence', 'LLM first token slow', 'resolved', 'twilio', 'us-east', 'acme', now() - interval '3 hours', 15,
   NULL, NULL, now() - interval '3 hours' + interval '9 minutes', 'bo', false),
  ('output', 'TTS errors', 'acknowledged', 'twilio', 'eu-west', 'globex', now() - interval '20 minutes', 10,
   now() - interval '15 minutes', 'ana', NULL, NULL, false);
INSERT INTO alerts (rule, tenant_id, carrier, region, status, opened_at, value, threshold, window_seconds) VALUES
  ('mos-low', 'acme', 'telnyx', 'eu-west', 'resolved', now() - interval '4 hours', 3.1, 3.5, 300),
  ('turn-latency-p95', 'acme', 'twilio', 'us-east', 'open', now() - interval '3 hours', 950, 800, 300);

INSERT INTO invoices (carrier, period_start, period_end, currency, total_micros, line_count, file_sha256)
VALUES ('twilio', current_date - 30, current_date, 'USD', 1700000, 100, repeat('a', 64));
INSERT INTO invoice_lines (invoice_id, line_no, carrier_call_id, started_at, duration_seconds, billed_seconds,
  amount_micros, direction, from_number, to_number, currency)
SELECT (SELECT invoice_id FROM invoices), g, 'CA' || (2 * g), now() - 2 * g * interval '5 minutes', 120, 120,
       17000 + CASE WHEN g % 20 = 0 THEN 8500 ELSE 0 END, 'outbound', '+14155550100', '+14155550199', 'USD'
FROM generate_series(1, 100) g;
