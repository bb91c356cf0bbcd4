package org.telops.quality;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Rows the way the agent runtime, the CDR collector and the prober store them, written in one transaction
 * so an evaluation sees all of them or none.
 */
final class Telemetry {
    private record Row(String sql, Object[] args) {}

    private final List<Row> rows = new ArrayList<>();

    static OffsetDateTime at(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    Telemetry sample(String callId, String tenant, String carrier, String region, Instant at, double mos,
                     double jitterMs, double lossPercent, Double markRttMs) {
        rows.add(new Row("INSERT INTO call_quality_samples (call_id, sampled_at, tenant_id, carrier, region, mos, "
                + "jitter_ms, loss_percent, mark_rtt_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new Object[] {callId, at(at), tenant, carrier, region, mos, jitterMs, lossPercent, markRttMs}));
        return this;
    }

    /** A finished call: answered and ended 30 s after the attempt unless it failed. */
    Telemetry call(String callId, String tenant, String carrier, String region, Instant attemptedAt, String outcome,
                   String hangupCause, Double oneWayLatencyMs) {
        boolean answered = outcome.equals("completed") || outcome.equals("dropped");
        rows.add(new Row("INSERT INTO calls (call_id, tenant_id, carrier, region, attempted_at, answered_at, ended_at, "
                + "state, outcome, hangup_cause, one_way_latency_ms, sources) VALUES (?, ?, ?, ?, ?, ?, ?, 'ended', ?, ?, ?, "
                + "'runtime')", new Object[] {callId, tenant, carrier, region, at(attemptedAt),
                answered ? at(attemptedAt.plusSeconds(2)) : null, at(attemptedAt.plusSeconds(answered ? 30 : 3)),
                outcome, hangupCause, oneWayLatencyMs}));
        return this;
    }

    Telemetry turn(String callId, int turnNo, String tenant, String carrier, String region, Instant startedAt,
                   Integer eosMs, Integer sttMs, Integer llmMs, Integer ttsMs, int firstAudioMs) {
        rows.add(new Row("INSERT INTO call_turns (call_id, turn_no, started_at, tenant_id, carrier, region, "
                + "eos_detect_ms, stt_ms, llm_first_token_ms, tts_first_byte_ms, first_audio_ms) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new Object[] {callId, turnNo, at(startedAt), tenant, carrier, region, eosMs, sttMs, llmMs, ttsMs,
                        firstAudioMs}));
        return this;
    }

    Telemetry probe(String carrier, String region, Instant at, boolean success, String reason, String callId) {
        rows.add(new Row("INSERT INTO probe_results (probe_id, probed_at, region, carrier, target, call_id, outcome, "
                + "reason) VALUES (?, ?, ?, ?, '+15550100', ?, ?, ?)",
                new Object[] {UUID.randomUUID(), at(at), region, carrier, callId, success ? "success" : "failure",
                        reason}));
        return this;
    }

    /** A successful probe that spoke a phrase: its WER and the loss and MOS it measured. */
    Telemetry werProbe(String carrier, String region, Instant at, double wer, double loss, double mos, String callId) {
        rows.add(new Row("INSERT INTO probe_results (probe_id, probed_at, region, carrier, target, call_id, outcome, "
                + "wer, loss_percent, mos, phrase_sent, phrase_heard) VALUES (?, ?, ?, ?, '+15550100', ?, 'success', ?, ?, ?, "
                + "'red tiger seven four', 'red tiger one four')",
                new Object[] {UUID.randomUUID(), at(at), region, carrier, callId, wer, loss, mos}));
        return this;
    }

    void write(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection()) {
            write(c);
        }
    }

    void write(Connection c) throws Exception {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (Row r : rows) {
                try (PreparedStatement ps = c.prepareStatement(r.sql())) {
                    for (int i = 0; i < r.args().length; i++) {
                        ps.setObject(i + 1, r.args()[i]);
                    }
                    ps.executeUpdate();
                }
            }
            c.commit();
        } catch (Exception e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
        rows.clear();
    }
}
