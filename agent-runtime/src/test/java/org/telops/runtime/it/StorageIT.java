package org.telops.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telops.runtime.it.RuntimeHarness.await;

import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.call.CallIds;
import org.telops.runtime.Fixtures;
import org.telops.signatures.twilio.TwilioSignatures;

/** On a real (embedded) PostgreSQL with the project's migrations: the runtime stores its samples and turns. */
class StorageIT {

  @Test
  @DisplayName("Quality samples and turn records of a call are stored in call_quality_samples and call_turns")
  void storesSamplesAndTurns() throws Exception {
    Vertx carrier = Vertx.vertx();
    try (RuntimeHarness rt = RuntimeHarness.startWithDatabase(Map.of("TELOPS_QUALITY_SAMPLE_SECONDS", "1"))) {
      String sid = "CAstore1";
      String wsUrl = "ws://127.0.0.1:" + rt.port + "/media/twilio";
      try (CarrierStream call = CarrierStream.connect(carrier, rt.port, "/media/twilio",
          Map.of(TwilioSignatures.HEADER, TwilioSignatures.sign(RuntimeHarness.TWILIO_TOKEN, wsUrl, Map.of())),
          CarrierStream.Dialect.TWILIO, 8)) {
        call.start(sid, Map.of("tenant", "demo", "region", "eu-west"), null);
        call.openMicrophone();
        await("greeting played", Duration.ofSeconds(10), () -> call.marksEchoed.contains("u1.end"));
        call.dtmf('1');                                   // turn 1: hours
        await("hours played", Duration.ofSeconds(10), () -> call.marksEchoed.contains("u3.end"));
        call.say(Fixtures.audio("caller-agent"));        // turn 2: speech → no-match
        await("no-match answer", Duration.ofSeconds(10), () -> call.received.stream().anyMatch(t -> t.contains("\"u5.")));
        Thread.sleep(1_200);                              // at least one more sample
        call.stop();
        await("CDR", Duration.ofSeconds(10), () -> !rt.cdrs.isEmpty());
      }
      assertThat(rt.module.writer().awaitDrained(Duration.ofSeconds(10))).isTrue();
      String callId = CallIds.of("twilio", sid);
      try (Connection c = rt.dataSource.getConnection(); Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("SELECT count(*), min(mos), max(jitter_ms), sum(frames_received), max(loss_percent), "
            + "min(region), min(tenant_id) FROM call_quality_samples WHERE call_id = '" + callId + "'")) {
          rs.next();
          assertThat(rs.getInt(1)).as("samples").isGreaterThanOrEqualTo(3);
          assertThat(rs.getDouble(2)).as("MOS").isBetween(4.0, 4.5);
          assertThat(rs.getDouble(3)).as("jitter ms").isLessThan(20);
          assertThat(rs.getLong(4)).as("frames").isGreaterThan(100);
          assertThat(rs.getDouble(5)).as("loss %").isZero();
          assertThat(rs.getString(6)).isEqualTo("eu-west");
          assertThat(rs.getString(7)).isEqualTo("demo");
        }
        try (ResultSet rs = s.executeQuery("SELECT turn_no, eos_detect_ms, first_audio_ms, engine, barged_in FROM call_turns "
            + "WHERE call_id = '" + callId + "' ORDER BY turn_no")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt("eos_detect_ms")).as("DTMF turn").isZero();
          assertThat(rs.getInt("first_audio_ms")).isGreaterThanOrEqualTo(0);
          assertThat(rs.getString("engine")).isEqualTo("scripted");
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt("eos_detect_ms")).as("speech turn").isBetween(300, 320);
          assertThat(rs.getInt("first_audio_ms")).isGreaterThanOrEqualTo(300);
        }
      }
    } finally {
      carrier.close().toCompletionStage().toCompletableFuture().get();
    }
  }
}
