package org.telops.cdr.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.TreeSet;
import org.telops.contracts.call.Attestation;
import org.telops.contracts.call.CallOutcome;
import org.telops.contracts.call.CallRecord;
import org.telops.contracts.call.CallState;
import org.telops.contracts.call.Cost;
import org.telops.contracts.call.Direction;
import org.telops.contracts.call.QualitySummary;
import org.telops.contracts.call.RecordSource;
import org.telops.contracts.call.Usage;

/** The statements on {@code calls} and the mapping between its rows and {@link CallRecord}. */
public final class CallsSql {
  private CallsSql() {}

  /** Column order shared by SELECT and COPY (the CSV export has its own, in {@code CdrFormats}). */
  public static final String[] COLUMNS = {
    "call_id", "carrier_call_id", "carrier", "region", "tenant_id", "agent", "direction", "from_number",
    "to_number", "attempted_at", "answered_at", "ended_at", "state", "outcome", "hangup_cause", "codec",
    "media_path", "attestation", "mos", "jitter_ms", "loss_percent", "one_way_latency_ms", "turn_latency_p50_ms",
    "turn_latency_p95_ms", "telephony_seconds", "stt_seconds", "llm_tokens_in", "llm_tokens_out",
    "tts_characters", "currency", "cost_telephony_micros", "cost_stt_micros", "cost_llm_micros",
    "cost_tts_micros", "cost_total_micros", "carrier_seq", "sources", "carrier_fields", "updated_at"
  };

  public static final String COLUMN_LIST = String.join(", ", COLUMNS);

  /** One writer per lane at a time, across processes too (the lane splits calls by call id). */
  public static final String LOCK_WRITER_LANE = "SELECT pg_advisory_xact_lock(7243001, ?)";
  public static final String SELECT_BY_IDS = "SELECT " + COLUMN_LIST + " FROM calls WHERE call_id = ANY (?)";
  public static final String DELETE_BY_IDS = "DELETE FROM calls WHERE call_id = ANY (?)";
  public static final String COPY_IN = "COPY calls (" + COLUMN_LIST + ") FROM STDIN";
  public static final String SELECT_ONE = "SELECT " + COLUMN_LIST + " FROM calls WHERE call_id = ?";

  public static CdrMerge.Stored read(ResultSet rs) throws SQLException {
    CallRecord r = CallRecord.builder(rs.getString("call_id"))
        .carrierCallId(rs.getString("carrier_call_id"))
        .carrier(rs.getString("carrier"))
        .region(rs.getString("region"))
        .tenant(rs.getString("tenant_id"))
        .agent(rs.getString("agent"))
        .direction(enumOrNull(rs.getString("direction"), Direction::fromWire))
        .fromNumber(rs.getString("from_number"))
        .toNumber(rs.getString("to_number"))
        .attemptedAt(instant(rs, "attempted_at"))
        .answeredAt(instant(rs, "answered_at"))
        .endedAt(instant(rs, "ended_at"))
        .state(enumOrNull(rs.getString("state"), CallState::fromWire))
        .outcome(enumOrNull(rs.getString("outcome"), CallOutcome::fromWire))
        .hangupCause(rs.getString("hangup_cause"))
        .codec(rs.getString("codec"))
        .mediaPath(rs.getString("media_path"))
        .attestation(enumOrNull(rs.getString("attestation"), Attestation::fromWire))
        .quality(new QualitySummary(dbl(rs, "mos"), dbl(rs, "jitter_ms"), dbl(rs, "loss_percent"),
            dbl(rs, "one_way_latency_ms"), integer(rs, "turn_latency_p50_ms"), integer(rs, "turn_latency_p95_ms")))
        .usage(new Usage(lng(rs, "telephony_seconds"), dbl(rs, "stt_seconds"), lng(rs, "llm_tokens_in"),
            lng(rs, "llm_tokens_out"), lng(rs, "tts_characters")))
        .cost(new Cost(trimToNull(rs.getString("currency")), lng(rs, "cost_telephony_micros"),
            lng(rs, "cost_stt_micros"), lng(rs, "cost_llm_micros"), lng(rs, "cost_tts_micros")))
        .source(RecordSource.API)
        .sequence(lng(rs, "carrier_seq"))
        .build();
    return new CdrMerge.Stored(r, r.sequence(), split(rs.getString("sources")), split(rs.getString("carrier_fields")));
  }

  /** Appends one row in COPY text format (tab-separated, \N for null, backslash escapes). */
  public static void appendCopyRow(StringBuilder out, CdrMerge.Stored s, Instant updatedAt) {
    CallRecord r = s.record();
    QualitySummary q = r.quality();
    Usage u = r.usage();
    Cost c = r.cost();
    Instant attempted = r.attemptedAt() != null ? r.attemptedAt()
        : r.answeredAt() != null ? r.answeredAt() : r.endedAt() != null ? r.endedAt() : updatedAt;
    Object[] values = {
      r.callId(), r.carrierCallId(), r.carrier(), r.region(), r.tenant(), r.agent(),
      r.direction() == null ? null : r.direction().wire(), r.fromNumber(), r.toNumber(),
      attempted, r.answeredAt(), r.endedAt(), r.state() == null ? CallState.ATTEMPTED.wire() : r.state().wire(),
      r.outcome() == null ? null : r.outcome().wire(), r.hangupCause(), r.codec(), r.mediaPath(),
      r.attestation() == null ? null : r.attestation().wire(),
      q.mos(), q.jitterMs(), q.lossPercent(), q.oneWayLatencyMs(), q.turnLatencyP50Ms(), q.turnLatencyP95Ms(),
      u.telephonySeconds(), u.sttSeconds(), u.llmTokensIn(), u.llmTokensOut(), u.ttsCharacters(),
      c.currency(), c.telephonyMicros(), c.sttMicros(), c.llmMicros(), c.ttsMicros(), c.totalMicros(),
      s.carrierSeq(), s.sourcesText(), s.carrierFieldsText(), updatedAt
    };
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append('\t');
      }
      Object v = values[i];
      if (v == null) {
        out.append("\\N");
      } else if (v instanceof String str) {
        escape(out, str);
      } else {
        out.append(v); // numbers and Instant.toString() (ISO-8601 UTC) need no escaping
      }
    }
    out.append('\n');
  }

  private static void escape(StringBuilder out, String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '\\': out.append("\\\\"); break;
        case '\t': out.append("\\t"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\0': break; // PostgreSQL text cannot hold NUL; one such byte would fail the whole COPY
        default: out.append(ch);
      }
    }
  }

  private static Instant instant(ResultSet rs, String col) throws SQLException {
    Timestamp t = rs.getTimestamp(col);
    return t == null ? null : t.toInstant();
  }

  private static Double dbl(ResultSet rs, String col) throws SQLException {
    double v = rs.getDouble(col);
    return rs.wasNull() ? null : v;
  }

  private static Long lng(ResultSet rs, String col) throws SQLException {
    long v = rs.getLong(col);
    return rs.wasNull() ? null : v;
  }

  private static Integer integer(ResultSet rs, String col) throws SQLException {
    int v = rs.getInt(col);
    return rs.wasNull() ? null : v;
  }

  private static TreeSet<String> split(String list) {
    TreeSet<String> set = new TreeSet<>();
    if (list != null && !list.isBlank()) {
      set.addAll(Arrays.asList(list.split(",")));
    }
    return set;
  }

  private static String trimToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static <E> E enumOrNull(String s, java.util.function.Function<String, E> parse) {
    return s == null ? null : parse.apply(s);
  }
}
