-- Billing (issue 17): rate cards as versioned imports, provider prices, rating state on the CDR,
-- invoices recognised by file hash, invoice lines with both carriers' call ids, reconciliation classes,
-- re-rating jobs. Writer of every table here: cdr-collector (billing). Money: bigint micros + currency.

-- Rate cards: each CSV import is one version; a row is effective on [valid_from, valid_to).
CREATE TABLE rate_card_versions (
  version      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  imported_at  timestamptz NOT NULL DEFAULT now(),
  imported_by  text NOT NULL,
  source_file  text,
  file_sha256  text NOT NULL,
  row_count    integer NOT NULL
);
COMMENT ON TABLE rate_card_versions IS 'writer: cdr-collector (billing). One row per rate-card CSV import.';

ALTER TABLE rate_cards
  ADD COLUMN version                 bigint REFERENCES rate_card_versions (version),
  ADD COLUMN connect_fee_micros      bigint NOT NULL DEFAULT 0 CHECK (connect_fee_micros >= 0),
  ADD COLUMN first_increment_seconds integer NOT NULL DEFAULT 60 CHECK (first_increment_seconds > 0),
  ADD COLUMN rounding                text NOT NULL DEFAULT 'up' CHECK (rounding IN ('up', 'half-up', 'down')),
  ADD COLUMN superseded_at           timestamptz;
COMMENT ON COLUMN rate_cards.increment_seconds IS 'T2: next increments, seconds';
COMMENT ON COLUMN rate_cards.first_increment_seconds IS 'T1: first increment, seconds';
COMMENT ON COLUMN rate_cards.rounding IS 'how a price in fractions of a micro is rounded';
COMMENT ON COLUMN rate_cards.minimum_seconds IS 'unused by the rater (T1 is the minimum); kept for the outline';

-- Provider prices for the AI legs of a call (effective-dated like rate cards).
CREATE TABLE provider_prices (
  component       text NOT NULL CHECK (component IN ('stt', 'llm-in', 'llm-out', 'tts')),
  currency        char(3) NOT NULL,
  -- stt: per second of audio; llm-in/llm-out: per 1,000 tokens; tts: per 1,000 characters
  price_micros    bigint NOT NULL CHECK (price_micros >= 0),
  valid_from      timestamptz NOT NULL DEFAULT '2000-01-01',
  valid_to        timestamptz,
  PRIMARY KEY (component, valid_from)
);
COMMENT ON TABLE provider_prices IS 'writer: cdr-collector (billing)';
-- Defaults of list prices in the field (USD): STT 0.0043/min = 72 micros/s (rounded), LLM 0.15/0.60 per
-- 1M tokens = 150/600 micros per 1k, TTS 15 per 1M characters = 15,000 micros per 1k.
INSERT INTO provider_prices (component, currency, price_micros) VALUES
  ('stt', 'USD', 72), ('llm-in', 'USD', 150), ('llm-out', 'USD', 600), ('tts', 'USD', 15000);

-- The CDR: the carrier's own price beside ours, and when we rated it (null = to rate). The collector's
-- writer rewrites a row on every merge, which clears rated_at, so a late fragment gets the row re-rated.
ALTER TABLE calls
  ADD COLUMN carrier_price_micros bigint,
  ADD COLUMN billed_seconds       integer,
  ADD COLUMN rate_card_id         bigint,
  ADD COLUMN rated_at             timestamptz;
CREATE INDEX calls_to_rate_idx ON calls (attempted_at) WHERE rated_at IS NULL AND state = 'ended';

-- Invoices: recognised by file hash (the same file twice adds nothing); one current invoice per
-- carrier and period (a corrected file replaces it on request).
ALTER TABLE invoices
  ADD COLUMN file_sha256 text,
  ADD COLUMN status      text NOT NULL DEFAULT 'imported' CHECK (status IN ('imported', 'reconciled')),
  ADD COLUMN format      text;
CREATE UNIQUE INDEX invoices_file_sha256_idx ON invoices (file_sha256);

-- Invoice lines: carrier_call_id is the id matched to calls.carrier_call_id (Twilio CallSid, Telnyx
-- call_control_id or else call_leg_id). Subscriber numbers are in from_number and to_number (erasure).
ALTER TABLE invoice_lines
  ADD COLUMN call_leg_id     text,
  ADD COLUMN call_session_id text,
  ADD COLUMN rate_micros     bigint,
  ADD COLUMN currency        char(3);
COMMENT ON COLUMN invoice_lines.from_number IS 'subscriber number (E.164): erased on request';
COMMENT ON COLUMN invoice_lines.to_number IS 'subscriber number (E.164): erased on request';

-- Reconciliation: one item per invoice line and per unbilled call, with the class and both sides.
ALTER TABLE reconciliation_items DROP CONSTRAINT IF EXISTS reconciliation_items_kind_check;
ALTER TABLE reconciliation_items
  ADD CONSTRAINT reconciliation_items_kind_check CHECK (kind IN ('matched', 'duration-mismatch',
    'rate-mismatch', 'phantom', 'unbilled', 'duplicate')),
  ADD COLUMN carrier_call_id       text,
  ADD COLUMN our_seconds           integer,
  ADD COLUMN our_billed_seconds    integer,
  ADD COLUMN billed_seconds        integer,
  ADD COLUMN day                   date;

-- Re-rating jobs with progress.
CREATE TABLE rerate_jobs (
  job_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  period_from  timestamptz NOT NULL,
  period_to    timestamptz NOT NULL,
  carrier      text,
  state        text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'done', 'failed')),
  total_calls  bigint NOT NULL DEFAULT 0,
  done_calls   bigint NOT NULL DEFAULT 0,
  error        text,
  started_by   text NOT NULL,
  started_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz
);
COMMENT ON TABLE rerate_jobs IS 'writer: cdr-collector (billing)';
