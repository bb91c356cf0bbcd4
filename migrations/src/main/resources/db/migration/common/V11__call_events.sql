-- The media stream's moments of each call, for the console's call timeline (/calls/{callId}).
CREATE TABLE call_events (
  call_id  text NOT NULL,
  at       timestamptz NOT NULL,
  seq      integer NOT NULL,      -- order within the call
  kind     text NOT NULL,         -- stream-start, dtmf, barge-in, playback-finished, carrier-error, provider-failure, stream-stop
  detail   text,
  PRIMARY KEY (call_id, at, seq)
);
COMMENT ON TABLE call_events IS 'writer: agent-runtime. Stream start/stop, DTMF (digits only with TELOPS_CALL_EVENTS_DTMF=digits), barge-ins, playback finished (marks), carrier errors, STT/LLM/TTS provider failures. Retention: TELOPS_RETENTION_EVENTS_DAYS.';
CREATE INDEX call_events_at_idx ON call_events (at);
