package org.telops.admin.calls;

import java.sql.ResultSetMetaData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.telops.admin.Db;

/**
 * Everything stored about one call: the raw CDR, its 10 s samples, its turns, the media stream's moments
 * ({@code call_events}: stream start/stop, DTMF, barge-ins, playback finished, carrier errors), failovers in its
 * lifetime.
 */
record CallDetail(Map<String, Object> raw, List<Sample> samples, List<Turn> turns, List<Moment> events,
                  List<Moment> failovers) {

  record Sample(Instant at, Double mos, Double jitterMs, Double lossPercent, Double markRttMs) {}

  record Turn(int turnNo, Instant startedAt, String engine, Integer eosDetectMs, Integer sttMs, Integer llmFirstTokenMs,
              Integer ttsFirstByteMs, Integer firstAudioMs, boolean bargedIn) {}

  /** One line of the call's timeline. */
  record Moment(Instant at, String what, String detail) {}

  static CallDetail load(String callId) {
    Map<String, Object> raw = Db.one("SELECT * FROM calls WHERE call_id = ?", rs -> {
      ResultSetMetaData md = rs.getMetaData();
      Map<String, Object> m = new LinkedHashMap<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        Object v = rs.getObject(i);
        m.put(md.getColumnName(i), v instanceof java.sql.Timestamp t ? t.toInstant() : v);
      }
      return m;
    }, callId);
    if (raw == null) {
      return null;
    }
    List<Sample> samples = Db.list("SELECT sampled_at, mos, jitter_ms, loss_percent, mark_rtt_ms FROM call_quality_samples "
        + "WHERE call_id = ? ORDER BY sampled_at", rs -> new Sample(Db.instant(rs, "sampled_at"), Db.dbl(rs, "mos"),
        Db.dbl(rs, "jitter_ms"), Db.dbl(rs, "loss_percent"), Db.dbl(rs, "mark_rtt_ms")), callId);
    List<Turn> turns = Db.list("SELECT turn_no, started_at, engine, eos_detect_ms, stt_ms, llm_first_token_ms, tts_first_byte_ms, "
        + "first_audio_ms, barged_in FROM call_turns WHERE call_id = ? ORDER BY started_at, turn_no",
        rs -> new Turn(rs.getInt("turn_no"), Db.instant(rs, "started_at"), rs.getString("engine"),
            (Integer) rs.getObject("eos_detect_ms"), (Integer) rs.getObject("stt_ms"), (Integer) rs.getObject("llm_first_token_ms"),
            (Integer) rs.getObject("tts_first_byte_ms"), (Integer) rs.getObject("first_audio_ms"), rs.getBoolean("barged_in")), callId);
    List<Moment> events = Db.list("SELECT at, kind, detail FROM call_events WHERE call_id = ? ORDER BY at, seq",
        rs -> new Moment(Db.instant(rs, "at"), label(rs.getString("kind")), rs.getString("detail")), callId);
    Instant start = (Instant) raw.get("attempted_at");
    Instant end = raw.get("ended_at") == null ? Instant.now() : (Instant) raw.get("ended_at");
    List<Moment> failovers = Db.list("SELECT at, from_carrier, to_carrier, trigger, reason FROM failover_events "
        + "WHERE at BETWEEN ? AND ? ORDER BY at", rs -> new Moment(Db.instant(rs, "at"), "failover " + rs.getString("from_carrier")
        + " → " + rs.getString("to_carrier") + " (" + rs.getString("trigger") + ")", rs.getString("reason")),
        start.minusSeconds(5), end);
    return new CallDetail(raw, samples, turns, events, failovers);
  }

  /** What the timeline calls each stored kind. */
  static String label(String kind) {
    return switch (kind) {
      case "stream-start" -> "media stream started";
      case "stream-stop" -> "media stream stopped";
      case "dtmf" -> "DTMF";
      case "barge-in" -> "barge-in";
      case "playback-finished" -> "agent audio played (mark)";
      case "carrier-error" -> "carrier error on the stream";
      case "provider-failure" -> "AI provider failed (fallback used)";
      case "stream-drop" -> "media stream dropped";
      case "stream-resumed" -> "media stream restarted";
      case "record-path" -> "continued on the record path";
      default -> kind;
    };
  }

  /** How the call's audio reached the agent, in plain words (the CDR's media_path). */
  String mediaLabel() {
    return "Media: " + mediaLabel(raw.get("media_path") == null ? null : String.valueOf(raw.get("media_path")));
  }

  static String mediaLabel(String mediaPath) {
    if (mediaPath == null) {
      return "unknown";
    }
    return switch (mediaPath) {
      case "stream" -> "stream";
      case "record" -> "record path (no media stream)";
      case "stream+record" -> "stream, then record path";
      default -> mediaPath;
    };
  }

  /**
   * The call's life in order: the carrier's timestamps, the media stream's moments (or, for calls stored before those
   * were kept, its first and last quality sample), turns, failovers.
   */
  List<Moment> timeline() {
    List<Moment> m = new ArrayList<>();
    add(m, "attempted_at", "attempted", str("direction") + " via " + str("carrier") + " in " + str("region"));
    add(m, "answered_at", "answered", null);
    m.addAll(events);
    if (events.isEmpty() && !samples.isEmpty()) {
      m.add(new Moment(samples.get(0).at(), "media stream: first 10 s quality sample", null));
      if (samples.size() > 1) {
        m.add(new Moment(samples.get(samples.size() - 1).at(), "media stream: last quality sample", samples.size() + " samples"));
      }
    }
    for (Turn t : turns) {
      m.add(new Moment(t.startedAt(), "turn " + t.turnNo() + (t.bargedIn() ? ": caller barged in" : ": caller stopped speaking"),
          t.firstAudioMs() == null ? null : "first agent audio after " + t.firstAudioMs() + " ms"));
    }
    m.addAll(failovers);
    add(m, "ended_at", "ended", str("outcome") + (raw.get("hangup_cause") == null ? "" : ", " + raw.get("hangup_cause")));
    m.sort((a, b) -> a.at().compareTo(b.at()));
    return m;
  }

  private void add(List<Moment> m, String column, String what, String detail) {
    if (raw.get(column) instanceof Instant t) {
      m.add(new Moment(t, what, detail));
    }
  }

  String str(String column) {
    Object v = raw.get(column);
    return v == null ? "—" : String.valueOf(v).trim();
  }

  Long micros(String column) {
    return raw.get(column) instanceof Number n ? n.longValue() : null;
  }
}
