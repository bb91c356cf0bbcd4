package org.telops.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

/** Data for the console tests and screenshots: an hour of calls, turns, region health, two open incidents. */
final class ConsoleFixtures {
  private ConsoleFixtures() {}

  /** Debian's Chromium from PATH; the test fails (not skips) without it, naming the package. */
  static Path chromium() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      for (String name : new String[] {"chromium", "chromium-browser"}) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    throw new IllegalStateException("no chromium on PATH: install Debian's package 'chromium' (.ci/run does)");
  }

  /** docs/screenshots of the repository (the README links them); created if missing. */
  static Path screenshotDir() throws Exception {
    Path docs = Path.of(System.getProperty("user.dir")).resolve("../docs/screenshots").normalize();
    Files.createDirectories(docs);
    return docs;
  }

  static void seed(TestPlatform p) throws Exception {
    Instant now = Instant.now();
    String[] regions = {"us-east", "us-west", "eu-west"};
    String[] outcomes = {"completed", "completed", "completed", "completed", "no-answer", "failed", "completed", "busy"};
    try (Connection c = p.platform.dataSource().getConnection()) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO calls (call_id, carrier_call_id, carrier, region, tenant_id, "
          + "direction, from_number, to_number, attempted_at, answered_at, ended_at, state, outcome, hangup_cause, codec, mos, "
          + "jitter_ms, loss_percent, turn_latency_p95_ms, currency, cost_telephony_micros, cost_total_micros, sources) "
          + "VALUES (?, ?, ?, ?, 'demo', ?, ?, ?, ?, ?, ?, 'ended', ?, ?, 'PCMU', ?, ?, ?, ?, 'USD', ?, ?, 'fixture')");
           PreparedStatement turn = c.prepareStatement("INSERT INTO call_turns (call_id, turn_no, started_at, carrier, region, engine, "
               + "eos_detect_ms, stt_ms, llm_first_token_ms, tts_first_byte_ms, first_audio_ms) VALUES (?, 1, ?, ?, ?, 'scripted', ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < 48; i++) {
          String id = String.format("fixture-call-%03d", i);
          String carrier = i % 4 == 3 ? "telnyx" : "twilio";
          String region = regions[i % 3];
          String outcome = outcomes[i % outcomes.length];
          Instant at = now.minusSeconds(60L * (i + 1));
          boolean answered = outcome.equals("completed");
          ps.setString(1, id);
          ps.setString(2, "CA" + String.format("%032x", i));
          ps.setString(3, carrier);
          ps.setString(4, region);
          ps.setString(5, i % 5 == 0 ? "outbound" : "inbound");
          ps.setString(6, "+1415555" + String.format("%04d", 100 + i));
          ps.setString(7, "+1415555" + String.format("%04d", 9000 + i));
          ps.setTimestamp(8, Timestamp.from(at));
          ps.setTimestamp(9, answered ? Timestamp.from(at.plusSeconds(3)) : null);
          ps.setTimestamp(10, Timestamp.from(at.plusSeconds(answered ? 45 : 20)));
          ps.setString(11, outcome);
          ps.setString(12, answered ? "caller-hangup" : outcome);
          ps.setObject(13, answered ? (region.equals("eu-west") ? 3.1 + (i % 5) * 0.05 : 4.2 + (i % 3) * 0.05) : null);
          ps.setObject(14, answered ? 4.0 + i % 7 : null);
          ps.setObject(15, answered ? (region.equals("eu-west") ? 3.5 : 0.2) : null);
          ps.setObject(16, answered ? 600 + (i % 9) * 40 : null);
          ps.setLong(17, answered ? 14_000 : 0);
          ps.setLong(18, answered ? 14_000 : 0);
          ps.addBatch();
          if (answered) {
            turn.setString(1, id);
            turn.setTimestamp(2, Timestamp.from(at.plusSeconds(10)));
            turn.setString(3, carrier);
            turn.setString(4, region);
            turn.setInt(5, 300);
            turn.setInt(6, 90 + i);
            turn.setInt(7, 180 + 3 * i);
            turn.setInt(8, 120);
            turn.setInt(9, 640 + 5 * i);
            turn.addBatch();
          }
        }
        ps.executeBatch();
        turn.executeBatch();
      }
      try (Statement s = c.createStatement()) {
        // Call 000's stream dropped mid-call and the call went on over the record path: its timeline and media path.
        s.execute("UPDATE calls SET media_path = CASE WHEN call_id = 'fixture-call-000' THEN 'stream+record' ELSE 'stream' END "
            + "WHERE call_id LIKE 'fixture-call-%'");
        s.execute("INSERT INTO call_events (call_id, at, seq, kind, detail) SELECT 'fixture-call-000', answered_at + e.off, e.seq, "
            + "e.kind, e.detail FROM calls, (VALUES (interval '0 s', 0, 'stream-start', 'stream MZ0f3a, PCMU 8 kHz, engine scripted'), "
            + "(interval '12 s', 1, 'stream-drop', 'media stream closed (socket-closed) without a stop event; the call waits up to "
            + "3 s for the carrier to restart the stream or to continue it on the record path'), "
            + "(interval '12.4 s', 2, 'record-path', 'the media stream dropped; the call goes on over <Play>/<Record> (same engine "
            + "and conversation)'), (interval '41 s', 3, 'stream-stop', 'completed (caller-hangup (carrier status completed)), "
            + "600 frames received')) AS e(off, seq, kind, detail) WHERE call_id = 'fixture-call-000'");
        s.execute("INSERT INTO region_health (region, carrier, status, consecutive_failures, last_reason) VALUES "
            + "('us-east', NULL, 'healthy', 0, NULL), ('us-west', NULL, 'healthy', 0, NULL), "
            + "('eu-west', NULL, 'removed', 3, 'one-way-audio: no agent audio heard within 5 s') ON CONFLICT (region) DO NOTHING");
        // Probes of the last hour: spoken phrases scored (WER), a region that fails, round trips per region.
        s.execute("INSERT INTO probe_results (probe_id, probed_at, region, carrier, target, call_id, outcome, reason, "
            + "round_trip_ms, mos, wer, phrase_sent, phrase_heard) SELECT gen_random_uuid(), now() - make_interval(secs => 30 * g), "
            + "r.region, 'twilio', '+15550100', 'CAprobe' || r.region || g, CASE WHEN r.region = 'eu-west' AND g < 4 THEN 'failure' "
            + "ELSE 'success' END, CASE WHEN r.region = 'eu-west' AND g < 4 THEN 'one-way-audio' END, r.rtt + (g % 7) * 9, 4.3, "
            + "CASE WHEN r.region = 'eu-west' AND g < 4 THEN NULL WHEN g % 5 = 0 THEN 0.25 ELSE 0 END, "
            + "CASE WHEN r.region = 'eu-west' AND g < 4 THEN NULL ELSE 'golden turtle fifty eight' END, "
            + "CASE WHEN r.region = 'eu-west' AND g < 4 THEN NULL WHEN g % 5 = 0 THEN 'golden turtle fifty eleven' "
            + "ELSE 'golden turtle fifty eight' END "
            + "FROM (VALUES ('us-east', 60), ('us-west', 95), ('eu-west', 180)) AS r(region, rtt), generate_series(1, 40) g");
        s.execute("INSERT INTO incidents (stack, title, status, carrier, region, opened_at, target_resolution_minutes) VALUES "
            + "('telephony', 'eu-west removed from routing: 3 probe failures in a row', 'open', NULL, 'eu-west', now() - interval '3 minutes', 5), "
            + "('audio', 'MOS below 3.5 on twilio eu-west (mean 3.2 over 5 min)', 'acknowledged', 'twilio', 'eu-west', now() - interval '12 minutes', 10)");
        s.execute("UPDATE incidents SET acknowledged_at = now() - interval '8 minutes', acknowledged_by = 'oncall-ana' WHERE status = 'acknowledged'");
        s.execute("INSERT INTO alerts (rule, carrier, region, status, value, threshold, window_seconds, evidence, incident_id) "
            + "SELECT 'R2-mos-low', 'twilio', 'eu-west', 'open', 3.2, 3.5, 300, jsonb_build_object('triage', 'loss 3.5 % on the carrier leg', "
            + "'latest', jsonb_build_object('summary', 'mean MOS 3.2 < 3.5 over 5 min', 'callIds', jsonb_build_array('fixture-call-002', 'fixture-call-005'))), "
            + "incident_id FROM incidents WHERE stack = 'audio'");
      }
    }
  }
}
