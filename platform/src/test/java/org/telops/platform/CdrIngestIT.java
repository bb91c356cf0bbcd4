package org.telops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.bus.Addresses;
import org.telops.contracts.call.CallIds;
import org.telops.signatures.telnyx.TelnyxSignatures;
import org.telops.signatures.twilio.TwilioSignatures;

@DisplayName("CDR ingest through HTTP, the event bus and signed carrier callbacks, on a real PostgreSQL")
class CdrIngestIT {
  static TestPlatform p;

  @BeforeAll
  static void start() throws Exception {
    p = TestPlatform.start(Map.of());
  }

  @AfterAll
  static void stop() {
    p.close();
  }

  @Test
  @DisplayName("CDRs of three days ago, then their rating, reach the dashboards' rollups at the next refresh (the writers mark their buckets)")
  void rollupsFollowTheWriters() throws Exception {
    java.time.Instant at = java.time.Instant.now().minus(java.time.Duration.ofDays(3));
    io.vertx.core.json.JsonArray a = new io.vertx.core.json.JsonArray();
    for (int i = 0; i < 7; i++) {
      a.add(new JsonObject().put("callId", "rollup-" + i).put("carrier", "twilio").put("region", "rollup-land")
          .put("tenant", "demo").put("direction", "outbound").put("attemptedAt", at.toString())
          .put("answeredAt", at.plusSeconds(2).toString()).put("endedAt", at.plusSeconds(62).toString())
          .put("outcome", "completed").put("quality", new JsonObject().put("mos", 4.0)));
    }
    assertThat(p.postJson("/api/v1/cdrs", a.encode()).statusCode()).isEqualTo(200);
    String sum = "SELECT coalesce(sum(calls), 0) FROM rollup_calls_5m WHERE region = 'rollup-land'";
    long calls = 0;
    for (int i = 0; i < 100 && calls < 7; i++) {
      p.count("SELECT telops_refresh_rollups()");
      calls = p.count(sum);
      Thread.sleep(100);
    }
    assertThat(calls).as("calls in the rollup of a bucket three days old").isEqualTo(7);
    assertThat(p.count("SELECT count(*) FROM rollup_calls_5m WHERE region = 'rollup-land' AND mos_n = 7")).isEqualTo(1);
  }

  @Test
  @DisplayName("A valid batch posted to /api/v1/cdrs is answered 200 only once stored: each call reads back at once by id")
  void httpIngest() throws Exception {
    String body = new JsonArray()
        .add(cdr("http-1").put("outcome", "completed").put("quality", new JsonObject().put("mos", 4.31).put("jitterMs", 3.5)))
        .add(cdr("http-2").put("outcome", "busy"))
        .encode();
    HttpResponse<String> r = p.postJson("/api/v1/cdrs", body);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(r.body()).getInteger("stored")).isEqualTo(2);
    // No wait: a 2xx means committed.
    JsonObject one = new JsonObject(p.get("/api/v1/cdrs/http-1").body());
    assertThat(one.getString("outcome")).isEqualTo("completed");
    assertThat(one.getString("state")).isEqualTo("ended");
    assertThat(one.getJsonObject("quality").getDouble("mos")).isEqualTo(4.31);
    assertThat(one.getJsonObject("cost").getLong("telephonyMicros")).isEqualTo(13_000L);
    assertThat(p.get("/api/v1/cdrs/no-such-call").statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("A CDR sent on the event bus is acknowledged 'queued' and stored")
  void busIngest() throws Exception {
    Object reply = p.platform.vertx().eventBus().request(Addresses.CDR_INGEST, cdr("bus-1").put("outcome", "completed"))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).body();
    assertThat(reply).isEqualTo("queued");
    p.awaitWritten();
    assertThat(p.count("SELECT count(*) FROM calls WHERE call_id = 'bus-1'")).isEqualTo(1);
  }

  @Test
  @DisplayName("A batch with one bad record is refused with 400 naming its index and field, and none of it is stored")
  void malformedBatch() throws Exception {
    String body = new JsonArray().add(cdr("bad-0")).add(cdr("bad-1").put("quality", new JsonObject().put("mos", 9)))
        .add(cdr("bad-2").put("attemptedAt", "yesterday")).encode();
    HttpResponse<String> r = p.postJson("/api/v1/cdrs", body);
    assertThat(r.statusCode()).isEqualTo(400);
    JsonObject err = new JsonObject(r.body());
    assertThat(err.getString("error")).contains("2 of 3").contains("record 1").contains("quality.mos");
    assertThat(err.getJsonArray("errors").getJsonObject(1).getInteger("index")).isEqualTo(2);
    assertThat(err.getJsonArray("errors").getJsonObject(1).getString("field")).isEqualTo("attemptedAt");
    assertThat(p.postJson("/api/v1/cdrs", "[{\"callId\": ").statusCode()).isEqualTo(400);
    assertThat(p.postJson("/api/v1/cdrs", "{\"callId\":\"x\"}").statusCode()).isEqualTo(400);
    p.awaitWritten();
    assertThat(p.count("SELECT count(*) FROM calls WHERE call_id LIKE 'bad-%'")).isZero();
  }

  @Test
  @DisplayName("Twilio callbacks arriving out of order and twice merge into one record that never goes backwards")
  void twilioOutOfOrder() throws Exception {
    String sid = "CA" + "0".repeat(30) + "01";
    String[][] order = {{"completed", "3"}, {"ringing", "1"}, {"completed", "3"}, {"initiated", "0"},
        {"in-progress", "2"}, {"ringing", "1"}};
    for (String[] cb : order) {
      assertThat(twilio(sid, cb[0], cb[1], true).statusCode()).isEqualTo(204);
    }
    p.awaitWritten();
    JsonObject r = new JsonObject(p.get("/api/v1/cdrs/" + CallIds.of("twilio", sid)).body());
    assertThat(r.getString("state")).isEqualTo("ended");
    assertThat(r.getString("outcome")).isEqualTo("completed");
    assertThat(r.getString("tenant")).isEqualTo("demo");
    assertThat(r.getString("region")).isEqualTo("us-east");
    assertThat(r.getJsonObject("usage").getLong("telephonySeconds")).isEqualTo(61);
    assertThat(r.getJsonObject("cost").getLong("telephonyMicros")).isEqualTo(26_000L);
    assertThat(Instant.parse(r.getString("attemptedAt"))).isEqualTo(Instant.parse("2026-11-21T03:00:00Z"));
    assertThat(p.count("SELECT count(*) FROM calls WHERE carrier_call_id = '" + sid + "'")).isEqualTo(1);
  }

  @Test
  @DisplayName("A posted CDR that claims source carrier is stored as an API fragment and overrides none of a signed callback's fields")
  void forgedCarrierSource() throws Exception {
    String sid = "CA" + "0".repeat(30) + "07";
    assertThat(twilio(sid, "completed", "3", true).statusCode()).isEqualTo(204);
    p.awaitWritten();
    String callId = CallIds.of("twilio", sid);
    JsonObject forged = new JsonObject().put("callId", callId).put("carrier", "twilio").put("carrierCallId", sid)
        .put("source", "carrier").put("sequence", 99).put("attemptedAt", "2026-11-21T03:00:00Z")
        .put("outcome", "failed").put("to", "+19005550000").put("endedAt", "2026-11-21T09:00:00Z");
    assertThat(p.postJson("/api/v1/cdrs", new JsonArray().add(forged).encode()).statusCode()).isEqualTo(200);
    p.awaitWritten();
    JsonObject r = new JsonObject(p.get("/api/v1/cdrs/" + callId).body());
    assertThat(r.getString("outcome")).isEqualTo("completed");
    assertThat(r.getString("to")).isEqualTo("+14155550199");
    assertThat(Instant.parse(r.getString("endedAt"))).isBefore(Instant.parse("2026-11-21T04:00:00Z"));
    assertThat(r.getString("sources")).isEqualTo("api,carrier");
  }

  @Test
  @DisplayName("A busy callback for a call the runtime never saw still makes a CDR")
  void callbackOnlyCall() throws Exception {
    String sid = "CA" + "0".repeat(30) + "02";
    assertThat(twilio(sid, "busy", "1", true).statusCode()).isEqualTo(204);
    p.awaitWritten();
    JsonObject r = new JsonObject(p.get("/api/v1/cdrs/" + CallIds.of("twilio", sid)).body());
    assertThat(r.getString("outcome")).isEqualTo("busy");
    assertThat(r.getString("sources")).isEqualTo("carrier");
  }

  @Test
  @DisplayName("Forged and unsigned Twilio callbacks are refused with 403 and counted by reason")
  void twilioForged() throws Exception {
    double before = p.metric("telops_webhook_rejected_total{carrier=\"twilio\",reason=\"mismatch\"}");
    String sid = "CA" + "0".repeat(30) + "03";
    assertThat(twilio(sid, "completed", "3", false).statusCode()).isEqualTo(403);
    HttpResponse<String> unsigned = p.post("/carriers/twilio/status", "application/x-www-form-urlencoded",
        "CallSid=" + sid + "&CallStatus=completed", Map.of());
    assertThat(unsigned.statusCode()).isEqualTo(403);
    assertThat(p.metric("telops_webhook_rejected_total{carrier=\"twilio\",reason=\"mismatch\"}")).isEqualTo(before + 1);
    assertThat(p.metric("telops_webhook_rejected_total{carrier=\"twilio\",reason=\"unsigned\"}")).isGreaterThanOrEqualTo(1);
    p.awaitWritten();
    assertThat(p.count("SELECT count(*) FROM calls WHERE carrier_call_id = '" + sid + "'")).isZero();
  }

  @Test
  @DisplayName("A signed Telnyx call.hangup makes a CDR; a forged or stale one is refused with 403")
  void telnyx() throws Exception {
    String ccid = "v3:telnyx-call-1";
    String clientState = java.util.Base64.getEncoder().encodeToString(
        new JsonObject().put("tenant", "demo").put("region", "eu-west").encode().getBytes(StandardCharsets.UTF_8));
    String body = new JsonObject().put("data", new JsonObject().put("event_type", "call.hangup")
        .put("occurred_at", "2026-11-21T03:01:00Z").put("payload", new JsonObject()
            .put("call_control_id", ccid).put("start_time", "2026-11-21T03:00:00Z").put("end_time", "2026-11-21T03:01:00Z")
            .put("hangup_cause", "normal_clearing").put("client_state", clientState)
            .put("call_quality_stats", new JsonObject().put("inbound", new JsonObject().put("mos", "4.40")
                .put("packet_count", "2990").put("skip_packet_count", "10"))))).encode();
    long now = Instant.now().getEpochSecond();
    assertThat(telnyx(body, now, body).statusCode()).isEqualTo(204);
    assertThat(telnyx(body, now, body.replace("normal_clearing", "user_busy")).statusCode()).isEqualTo(403);
    assertThat(telnyx(body, now - 3600, body).statusCode()).isEqualTo(403);
    p.awaitWritten();
    JsonObject r = new JsonObject(p.get("/api/v1/cdrs/" + CallIds.of("telnyx", ccid)).body());
    assertThat(r.getString("outcome")).isEqualTo("completed");
    assertThat(r.getString("region")).isEqualTo("eu-west");
    assertThat(r.getJsonObject("quality").getDouble("mos")).isEqualTo(4.4);
    assertThat(r.getJsonObject("usage").getLong("telephonySeconds")).isEqualTo(60);
    assertThat(p.metric("telops_webhook_rejected_total{carrier=\"telnyx\",reason=\"mismatch\"}")).isGreaterThanOrEqualTo(1);
    assertThat(p.metric("telops_webhook_rejected_total{carrier=\"telnyx\",reason=\"stale\"}")).isGreaterThanOrEqualTo(1);
  }

  @Test
  @DisplayName("Export streams the filtered window as RFC 4180 CSV with a header, as a JSON array and as NDJSON")
  void export() throws Exception {
    JsonArray batch = new JsonArray();
    for (int i = 0; i < 25; i++) {
      batch.add(cdr("exp-" + i).put("region", i % 2 == 0 ? "ap-south" : "eu-west")
          .put("attemptedAt", "2026-10-01T00:00:" + String.format("%02d", i) + "Z")
          .put("hangupCause", i == 0 ? "caller said \"bye\", then hung up" : null));
    }
    assertThat(p.postJson("/api/v1/cdrs?async=true", batch.encode()).statusCode()).as("bulk loaders: 202 when queued").isEqualTo(202);
    p.awaitWritten();
    String q = "/api/v1/cdrs?from=2026-10-01T00:00:00Z&to=2026-10-02T00:00:00Z&region=ap-south";
    HttpResponse<String> csv = p.get(q + "&format=csv");
    assertThat(csv.headers().firstValue("content-type").orElse("")).startsWith("text/csv");
    String[] lines = csv.body().split("\r\n");
    assertThat(lines[0]).startsWith("call_id,carrier_call_id,carrier,region");
    assertThat(lines).hasSize(1 + 13);
    assertThat(lines[1]).startsWith("exp-0,").contains("\"caller said \"\"bye\"\", then hung up\"").contains(",0.013000,");
    JsonArray json = new JsonArray(p.get(q + "&format=json").body());
    assertThat(json).hasSize(13);
    assertThat(json.getJsonObject(12).getString("callId")).isEqualTo("exp-24");
    String[] nd = p.get(q + "&format=ndjson").body().split("\n");
    assertThat(nd).hasSize(13);
    assertThat(new JsonObject(nd[0]).getString("region")).isEqualTo("ap-south");
    assertThat(p.get(q + "&format=xml").statusCode()).isEqualTo(400);
    assertThat(p.get("/api/v1/cdrs?from=tomorrow").statusCode()).isEqualTo(400);
  }

  @Test
  @DisplayName("Health, readiness and Prometheus metrics are served")
  void healthAndMetrics() throws Exception {
    assertThat(p.get("/health/live").statusCode()).isEqualTo(200);
    HttpResponse<String> ready = p.get("/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("\"database\"").contains("\"cdr-writer\"");
    String metrics = p.get("/metrics").body();
    assertThat(metrics).contains("telops_cdr_queue_depth").contains("jvm_memory_used_bytes");
  }

  private static JsonObject cdr(String id) {
    return new JsonObject().put("callId", id).put("carrier", "twilio").put("region", "us-east").put("tenant", "demo")
        .put("direction", "inbound").put("attemptedAt", "2026-11-21T03:00:00Z")
        .put("cost", new JsonObject().put("currency", "USD").put("telephonyMicros", 13_000));
  }

  private static HttpResponse<String> twilio(String sid, String status, String seq, boolean sign) throws Exception {
    String path = "/carriers/twilio/status?tenant=demo&region=us-east";
    Map<String, String> form = new LinkedHashMap<>();
    form.put("CallSid", sid);
    form.put("AccountSid", "AC" + "1".repeat(32));
    form.put("CallStatus", status);
    form.put("SequenceNumber", seq);
    form.put("Direction", "outbound-api");
    form.put("From", "+14155550100");
    form.put("To", "+14155550199");
    form.put("CallbackSource", "call-progress-events");
    Instant at = Instant.parse("2026-11-21T03:00:00Z").plusSeconds(Integer.parseInt(seq) * 10L
        + (status.equals("completed") ? 61 : 0));
    form.put("Timestamp", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atZone(java.time.ZoneOffset.UTC)));
    if (status.equals("completed")) {
      form.put("CallDuration", "61");
      form.put("Price", "-0.02600");
      form.put("PriceUnit", "USD");
    }
    String signature = TwilioSignatures.sign(sign ? TestPlatform.TWILIO_TOKEN : "forged-token-xxxxxxxxxxxxxxxxx",
        p.base() + path, form);
    String body = form.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return p.post(path, "application/x-www-form-urlencoded", body, Map.of(TwilioSignatures.HEADER, signature));
  }

  private static HttpResponse<String> telnyx(String signedBody, long ts, String sentBody) throws Exception {
    String sig = TelnyxSignatures.sign(p.telnyxKeys.getPrivate(), String.valueOf(ts), signedBody.getBytes(StandardCharsets.UTF_8));
    return p.post("/carriers/telnyx/webhook", "application/json", sentBody,
        Map.of(TelnyxSignatures.SIGNATURE_HEADER, sig, TelnyxSignatures.TIMESTAMP_HEADER, String.valueOf(ts)));
  }

}
