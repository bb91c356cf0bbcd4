-- telops_grafana: the read-only role the Grafana dashboards (dashboards/) connect as. SELECT on what the panels
-- read and nothing else; subscriber numbers (calls.from_number/to_number, invoice_lines.from_number/to_number)
-- and the raw invoice line are left out (the grafana_calls view, a column grant on invoice_lines). The role
-- cannot log in until an operator gives it a password: ALTER ROLE telops_grafana LOGIN PASSWORD '…'
-- (see dashboards/README.md).
-- A migrating user without CREATEROLE cannot create it: the migration then warns and grants nothing; an
-- administrator creates the role and runs the GRANTs below by hand.

-- The CDR without subscriber numbers. A view rather than column grants on calls: TimescaleDB refuses column
-- grants on a compressed hypertable (it forwards them to the compressed table, whose columns differ).
CREATE VIEW grafana_calls AS
SELECT call_id, carrier_call_id, carrier, region, tenant_id, agent, direction, attempted_at, answered_at, ended_at,
       state, outcome, hangup_cause, codec, attestation, mos, jitter_ms, loss_percent, one_way_latency_ms,
       turn_latency_p50_ms, turn_latency_p95_ms, telephony_seconds, stt_seconds, llm_tokens_in, llm_tokens_out,
       tts_characters, currency, cost_telephony_micros, cost_stt_micros, cost_llm_micros, cost_tts_micros,
       cost_total_micros, carrier_price_micros, billed_seconds, rate_card_id, rated_at
FROM calls;
COMMENT ON VIEW grafana_calls IS 'reader: Grafana (telops_grafana). calls without from_number/to_number';

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'telops_grafana') THEN
    IF NOT (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
      RAISE WARNING 'role telops_grafana not created: % lacks CREATEROLE. For the Grafana dashboards, an administrator '
        'runs CREATE ROLE telops_grafana NOLOGIN and the GRANTs of V8__grafana_reader.sql', current_user;
      RETURN;
    END IF;
    CREATE ROLE telops_grafana NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;

  GRANT USAGE ON SCHEMA public TO telops_grafana;

  GRANT SELECT ON call_quality_samples, call_turns, probe_results, region_health, region_health_events,
    carrier_state, failover_events, incidents, alerts, tenants, invoices TO telops_grafana;

  GRANT SELECT ON grafana_calls TO telops_grafana;

  GRANT SELECT (invoice_id, line_no, carrier_call_id, started_at, duration_seconds, billed_seconds, amount_micros,
    direction, rate_micros, currency) ON invoice_lines TO telops_grafana;
END
$$;
