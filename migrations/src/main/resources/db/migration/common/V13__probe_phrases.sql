-- The spoken phrase of a probe and what the agent's recogniser heard (probe_results.wer is scored from them).
ALTER TABLE probe_results ADD COLUMN phrase_sent text;
ALTER TABLE probe_results ADD COLUMN phrase_heard text;
