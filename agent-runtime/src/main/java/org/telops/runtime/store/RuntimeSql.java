package org.telops.runtime.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import org.telops.runtime.quality.QualitySample;
import org.telops.runtime.quality.TurnRecord;

/**
 * The runtime is the single writer of {@code call_quality_samples} and {@code call_turns}. Plain INSERTs
 * that skip rows already stored (a retried batch after a lost commit acknowledgement): the conflict
 * target is each table's primary key, which includes the time column, so the same SQL works on a
 * TimescaleDB hypertable.
 */
final class RuntimeSql {
  private RuntimeSql() {}

  static final String INSERT_SAMPLE = "INSERT INTO call_quality_samples (call_id, sampled_at, tenant_id, carrier, region, "
      + "mos, jitter_ms, loss_percent, frames_received, frames_missing, frames_reordered, max_gap_ms, mark_rtt_ms) "
      + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

  static final String INSERT_TURN = "INSERT INTO call_turns (call_id, turn_no, started_at, tenant_id, carrier, region, "
      + "engine, eos_detect_ms, stt_ms, llm_first_token_ms, tts_first_byte_ms, first_audio_ms, barged_in) "
      + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

  static final String INSERT_EVENT = "INSERT INTO call_events (call_id, at, seq, kind, detail) VALUES (?, ?, ?, ?, ?) "
      + "ON CONFLICT DO NOTHING";

  static void bind(PreparedStatement ps, org.telops.runtime.quality.CallEventRecord e) throws SQLException {
    ps.setString(1, e.callId());
    ps.setTimestamp(2, Timestamp.from(e.at()));
    ps.setInt(3, e.seq());
    ps.setString(4, e.kind());
    ps.setString(5, e.detail());
  }

  static void bind(PreparedStatement ps, QualitySample s) throws SQLException {
    ps.setString(1, s.callId());
    ps.setTimestamp(2, Timestamp.from(s.sampledAt()));
    ps.setString(3, s.tenant());
    ps.setString(4, s.carrier());
    ps.setString(5, s.region());
    ps.setDouble(6, s.mos());
    ps.setDouble(7, s.jitterMs());
    ps.setDouble(8, s.lossPercent());
    ps.setLong(9, s.framesReceived());
    ps.setLong(10, s.framesMissing());
    ps.setLong(11, s.framesReordered());
    ps.setDouble(12, s.maxGapMs());
    if (s.markRttMs() == null) {
      ps.setNull(13, Types.DOUBLE);
    } else {
      ps.setDouble(13, s.markRttMs());
    }
  }

  static void bind(PreparedStatement ps, TurnRecord t) throws SQLException {
    ps.setString(1, t.callId());
    ps.setInt(2, t.turnNo());
    ps.setTimestamp(3, Timestamp.from(t.startedAt()));
    ps.setString(4, t.tenant());
    ps.setString(5, t.carrier());
    ps.setString(6, t.region());
    ps.setString(7, t.engine());
    setInt(ps, 8, t.eosDetectMs());
    setInt(ps, 9, t.sttMs());
    setInt(ps, 10, t.llmFirstTokenMs());
    setInt(ps, 11, t.ttsFirstByteMs());
    setInt(ps, 12, t.firstAudioMs());
    ps.setBoolean(13, t.bargedIn());
  }

  private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setInt(i, v);
    }
  }
}
