-- telops storage outline. Written to run unchanged on plain PostgreSQL 15+; the TimescaleDB scripts in
-- db/migration/timescale (applied only when the extension is available) turn the time-series tables
-- into hypertables. Application SQL must work on both, so nothing here is Timescale-specific.
-- Every table has exactly one writer module (named in its comment); everyone else reads.
-- Time is timestamptz; durations carry their unit in the column name; money is bigint micros + currency.

CREATE TABLE tenants (
  tenant_id   text PRIMARY KEY CHECK (tenant_id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE tenants IS 'writer: platform (seed) / admin-ui';

CREATE TABLE users (
  user_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  display_name  text NOT NULL,
  role          text NOT NULL CHECK (role IN ('oncall', 'finance', 'admin', 'viewer')),
  tenant_id     text REFERENCES tenants (tenant_id),
  password_hash text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  disabled_at   timestamptz
);
COMMENT ON TABLE users IS 'writer: admin-ui';

-- The CDR: one row per call, merged from runtime, carrier and API fragments by the cdr-collector.
-- call_id is unique (enforced by the primary key here; on TimescaleDB the key becomes
-- (call_id, attempted_at) and the collector, the single writer, keeps call_id unique).
CREATE TABLE calls (
  call_id                 text NOT NULL,
  carrier_call_id         text,
  carrier                 text,
  region                  text,
  tenant_id               text,
  agent                   text,
  direction               text CHECK (direction IN ('inbound', 'outbound')),
  from_number             text,
  to_number               text,
  attempted_at            timestamptz NOT NULL,
  answered_at             timestamptz,
  ended_at                timestamptz,
  state                   text NOT NULL DEFAULT 'attempted'
                          CHECK (state IN ('attempted', 'ringing', 'answered', 'ended')),
  outcome                 text CHECK (outcome IN ('completed', 'busy', 'no-answer', 'failed', 'canceled', 'dropped')),
  hangup_cause            text,
  codec                   text,
  attestation             text CHECK (attestation IN ('A', 'B', 'C', 'unknown')),
  mos                     double precision CHECK (mos BETWEEN 1 AND 4.5),
  jitter_ms               double precision CHECK (jitter_ms >= 0),
  loss_percent            double precision CHECK (loss_percent BETWEEN 0 AND 100),
  one_way_latency_ms      double precision CHECK (one_way_latency_ms >= 0),
  turn_latency_p50_ms     integer CHECK (turn_latency_p50_ms >= 0),
  turn_latency_p95_ms     integer CHECK (turn_latency_p95_ms >= 0),
  telephony_seconds       bigint CHECK (telephony_seconds >= 0),
  stt_seconds             double precision CHECK (stt_seconds >= 0),
  llm_tokens_in           bigint CHECK (llm_tokens_in >= 0),
  llm_tokens_out          bigint CHECK (llm_tokens_out >= 0),
  tts_characters          bigint CHECK (tts_characters >= 0),
  currency                char(3),
  cost_telephony_micros   bigint,
  cost_stt_micros         bigint,
  cost_llm_micros         bigint,
  cost_tts_micros         bigint,
  cost_total_micros       bigint,
  carrier_seq             bigint,          -- highest carrier callback SequenceNumber merged so far
  sources                 text NOT NULL,   -- which fragments made this row: e.g. 'carrier,runtime'
  carrier_fields          text NOT NULL DEFAULT '',  -- carrier-owned fields holding a carrier's value (merge provenance)
  updated_at              timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT calls_pkey PRIMARY KEY (call_id)
);
COMMENT ON TABLE calls IS 'writer: cdr-collector. The call detail record.';
CREATE INDEX calls_attempted_at_idx ON calls (attempted_at DESC);
CREATE INDEX calls_carrier_attempted_idx ON calls (carrier, attempted_at DESC);
CREATE INDEX calls_region_attempted_idx ON calls (region, attempted_at DESC);
CREATE INDEX calls_tenant_attempted_idx ON calls (tenant_id, attempted_at DESC);
CREATE INDEX calls_carrier_call_idx ON calls (carrier, carrier_call_id);

-- Every 10 s per live call (agent-runtime).
CREATE TABLE call_quality_samples (
  call_id            text NOT NULL,
  sampled_at         timestamptz NOT NULL,
  tenant_id          text,
  carrier            text,
  region             text,
  mos                double precision,
  jitter_ms          double precision,
  loss_percent       double precision,
  frames_received    bigint,
  frames_missing     bigint,
  frames_reordered   bigint,
  max_gap_ms         double precision,
  mark_rtt_ms        double precision,
  PRIMARY KEY (call_id, sampled_at)
);
COMMENT ON TABLE call_quality_samples IS 'writer: agent-runtime';
CREATE INDEX call_quality_samples_time_idx ON call_quality_samples (sampled_at DESC);
CREATE INDEX call_quality_samples_carrier_idx ON call_quality_samples (carrier, region, sampled_at DESC);

-- One row per conversational turn: where the time between the caller's last word and our first audio went.
CREATE TABLE call_turns (
  call_id               text NOT NULL,
  turn_no               integer NOT NULL,
  started_at            timestamptz NOT NULL,   -- end of the caller's speech
  tenant_id             text,
  carrier               text,
  region                text,
  engine                text,
  eos_detect_ms         integer,
  stt_ms                integer,
  llm_first_token_ms    integer,
  tts_first_byte_ms     integer,
  first_audio_ms        integer,                -- end of speech → first agent frame sent
  barged_in             boolean NOT NULL DEFAULT false,
  PRIMARY KEY (call_id, turn_no, started_at)
);
COMMENT ON TABLE call_turns IS 'writer: agent-runtime';
CREATE INDEX call_turns_time_idx ON call_turns (started_at DESC);
CREATE INDEX call_turns_carrier_idx ON call_turns (carrier, region, started_at DESC);

CREATE TABLE probe_results (
  probe_id          uuid NOT NULL,
  probed_at         timestamptz NOT NULL,
  region            text NOT NULL,
  carrier           text NOT NULL,
  target            text NOT NULL,
  call_id           text,
  outcome           text NOT NULL CHECK (outcome IN ('success', 'failure')),
  reason            text,          -- named failure: no-answer, no-audio, wrong-digits, one-way-audio, carrier-error …
  connect_ms        integer,
  first_audio_ms    integer,
  round_trip_ms     integer,
  jitter_ms         double precision,
  loss_percent      double precision,
  mos               double precision,
  digits_sent       text,
  digits_received   text,
  wer               double precision,
  duration_seconds  integer,
  currency          char(3),
  cost_micros       bigint,
  PRIMARY KEY (probe_id, probed_at)
);
COMMENT ON TABLE probe_results IS 'writer: synthetic-prober';
CREATE INDEX probe_results_region_idx ON probe_results (region, probed_at DESC);

CREATE TABLE region_health (
  region                 text PRIMARY KEY,
  carrier                text,
  status                 text NOT NULL CHECK (status IN ('healthy', 'degraded', 'removed')),
  consecutive_failures   integer NOT NULL DEFAULT 0,
  consecutive_successes  integer NOT NULL DEFAULT 0,
  last_reason            text,
  changed_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE region_health IS 'writer: synthetic-prober. Current state; transitions in region_health_events.';

CREATE TABLE region_health_events (
  event_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region       text NOT NULL,
  at           timestamptz NOT NULL DEFAULT now(),
  from_status  text,
  to_status    text NOT NULL,
  reason       text
);
COMMENT ON TABLE region_health_events IS 'writer: synthetic-prober';
CREATE INDEX region_health_events_idx ON region_health_events (region, at DESC);

CREATE TABLE carrier_state (
  carrier     text PRIMARY KEY,
  priority    integer NOT NULL DEFAULT 100,         -- lower is preferred
  circuit     text NOT NULL DEFAULT 'closed' CHECK (circuit IN ('closed', 'open', 'half-open')),
  mode        text NOT NULL DEFAULT 'normal' CHECK (mode IN ('normal', 'forced-open', 'draining')),
  reason      text,
  changed_by  text,
  changed_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE carrier_state IS 'writer: agent-runtime (carrier router)';

CREATE TABLE failover_events (
  event_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT now(),
  from_carrier   text,
  to_carrier     text,
  trigger        text NOT NULL CHECK (trigger IN ('breaker', 'manual', 'drill', 'region')),
  reason         text,
  detection_ms   integer,
  drill_run_id   bigint
);
COMMENT ON TABLE failover_events IS 'writer: agent-runtime (carrier router)';
CREATE INDEX failover_events_at_idx ON failover_events (at DESC);

CREATE TABLE drills (
  drill_id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name              text NOT NULL UNIQUE,
  target_carrier    text NOT NULL,
  fault             text NOT NULL,
  duration_seconds  integer NOT NULL CHECK (duration_seconds > 0),
  criteria          jsonb NOT NULL DEFAULT '{}'::jsonb,
  schedule          text,                 -- cron-like; null = on demand only
  window_start      time,
  window_end        time,
  enabled           boolean NOT NULL DEFAULT true,
  created_by        text,
  created_at        timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE drills IS 'writer: agent-runtime (drills) / admin-ui';

CREATE TABLE drill_runs (
  run_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  drill_id      bigint NOT NULL REFERENCES drills (drill_id),
  started_at    timestamptz NOT NULL DEFAULT now(),
  ended_at      timestamptz,
  status        text NOT NULL CHECK (status IN ('running', 'passed', 'failed', 'aborted')),
  triggered_by  text NOT NULL,
  verdict       jsonb,
  timeline      jsonb NOT NULL DEFAULT '[]'::jsonb,
  restored_at   timestamptz           -- when the injected fault was removed; null while it is in force
);
COMMENT ON TABLE drill_runs IS 'writer: agent-runtime (drills)';
CREATE INDEX drill_runs_drill_idx ON drill_runs (drill_id, started_at DESC);

CREATE TABLE incidents (
  incident_id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  stack                      text NOT NULL CHECK (stack IN ('telephony', 'audio', 'intelligence', 'output')),
  title                      text NOT NULL,
  status                     text NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
  tenant_id                  text,
  carrier                    text,
  region                     text,
  opened_at                  timestamptz NOT NULL DEFAULT now(),
  target_resolution_minutes  integer NOT NULL,
  acknowledged_at            timestamptz,
  acknowledged_by            text,
  resolved_at                timestamptz,
  resolved_by                text,
  sla_breached               boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE incidents IS 'writer: quality-analyzer';
CREATE INDEX incidents_open_idx ON incidents (status, opened_at DESC);

CREATE TABLE incident_events (
  event_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  incident_id  bigint NOT NULL REFERENCES incidents (incident_id),
  at           timestamptz NOT NULL DEFAULT now(),
  kind         text NOT NULL,     -- opened, alert-joined, acknowledged, breached, resolved, note
  actor        text,
  detail       jsonb
);
COMMENT ON TABLE incident_events IS 'writer: quality-analyzer. The incident timeline.';
CREATE INDEX incident_events_idx ON incident_events (incident_id, at);

CREATE TABLE alerts (
  alert_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  rule            text NOT NULL,
  tenant_id       text,
  carrier         text,
  region          text,
  status          text NOT NULL CHECK (status IN ('open', 'resolved')),
  opened_at       timestamptz NOT NULL DEFAULT now(),
  last_seen_at    timestamptz NOT NULL DEFAULT now(),
  resolved_at     timestamptz,
  value           double precision,
  threshold       double precision,
  window_seconds  integer,
  evidence        jsonb,
  incident_id     bigint REFERENCES incidents (incident_id)
);
COMMENT ON TABLE alerts IS 'writer: quality-analyzer';
CREATE INDEX alerts_status_idx ON alerts (status, opened_at DESC);
-- One open alert per rule and scope: the evaluator relies on it to fire once.
CREATE UNIQUE INDEX alerts_one_open_idx ON alerts (rule, coalesce(tenant_id, ''), coalesce(carrier, ''), coalesce(region, ''))
  WHERE status = 'open';

CREATE TABLE notification_outbox (
  notification_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dedupe_key       text NOT NULL UNIQUE,   -- e.g. 'incident:42:opened': sent at most once
  target           text NOT NULL,
  payload          jsonb NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  sent_at          timestamptz,
  last_error       text
);
COMMENT ON TABLE notification_outbox IS 'writer: quality-analyzer';
CREATE INDEX notification_outbox_pending_idx ON notification_outbox (next_attempt_at) WHERE sent_at IS NULL;

CREATE TABLE rate_cards (
  rate_card_id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  carrier                    text NOT NULL,
  direction                  text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  prefix                     text NOT NULL DEFAULT '',   -- E.164 prefix, longest match wins
  currency                   char(3) NOT NULL,
  price_per_minute_micros    bigint NOT NULL CHECK (price_per_minute_micros >= 0),
  increment_seconds          integer NOT NULL DEFAULT 60 CHECK (increment_seconds > 0),
  minimum_seconds            integer NOT NULL DEFAULT 60 CHECK (minimum_seconds >= 0),
  valid_from                 timestamptz NOT NULL DEFAULT '2000-01-01',
  valid_to                   timestamptz
);
COMMENT ON TABLE rate_cards IS 'writer: cdr-collector (billing) / admin-ui';
CREATE INDEX rate_cards_lookup_idx ON rate_cards (carrier, direction, prefix);

CREATE TABLE invoices (
  invoice_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  carrier        text NOT NULL,
  period_start   date NOT NULL,
  period_end     date NOT NULL,
  currency       char(3) NOT NULL,
  total_micros   bigint NOT NULL,
  line_count     integer NOT NULL,
  source_file    text,
  imported_by    text,
  imported_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (carrier, period_start, period_end)
);
COMMENT ON TABLE invoices IS 'writer: cdr-collector (billing)';

CREATE TABLE invoice_lines (
  invoice_id        bigint NOT NULL REFERENCES invoices (invoice_id) ON DELETE CASCADE,
  line_no           integer NOT NULL,
  carrier_call_id   text,
  started_at        timestamptz,
  duration_seconds  integer,
  billed_seconds    integer,
  amount_micros     bigint NOT NULL,
  direction         text,
  from_number       text,
  to_number         text,
  raw               jsonb,
  PRIMARY KEY (invoice_id, line_no)
);
COMMENT ON TABLE invoice_lines IS 'writer: cdr-collector (billing)';
CREATE INDEX invoice_lines_call_idx ON invoice_lines (carrier_call_id);

CREATE TABLE reconciliation_items (
  item_id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  invoice_id       bigint NOT NULL REFERENCES invoices (invoice_id) ON DELETE CASCADE,
  line_no          integer,
  call_id          text,
  kind             text NOT NULL CHECK (kind IN ('matched', 'overcharge', 'undercharge', 'phantom', 'missing', 'rounding')),
  expected_micros  bigint,
  billed_micros    bigint,
  delta_micros     bigint,
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'disputed', 'accepted')),
  note             text,
  created_at       timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE reconciliation_items IS 'writer: cdr-collector (billing)';
CREATE INDEX reconciliation_items_invoice_idx ON reconciliation_items (invoice_id, kind);

CREATE TABLE audit_log (
  audit_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at        timestamptz NOT NULL DEFAULT now(),
  actor     text NOT NULL,
  action    text NOT NULL,     -- e.g. carrier.force-open, drill.run, incident.resolve
  target    text,
  reason    text,
  details   jsonb
);
COMMENT ON TABLE audit_log IS 'writer: the module that performs the action (append-only)';
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);

-- Call counts, success and quality per 5 minutes × carrier × region. On TimescaleDB this view is
-- replaced by a continuous aggregate of the same name and columns, so dashboards query calls_5m on both.
CREATE VIEW calls_5m AS
SELECT date_bin('5 minutes', attempted_at, TIMESTAMPTZ '2000-01-03 00:00:00+00') AS bucket,
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
GROUP BY 1, 2, 3;
