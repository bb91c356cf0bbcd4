package org.telops.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telops.runtime.it.RuntimeHarness.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.bus.Addresses;
import org.telops.contracts.call.CallIds;
import org.telops.contracts.call.CallOutcome;
import org.telops.contracts.call.CallRecord;
import org.telops.runtime.Fixtures;
import org.telops.signatures.telnyx.TelnyxSignatures;

/** Telnyx: Call Control answer from a published webhook event, TeXML, and a media stream with reordered frames. */
class TelnyxCallIT {
  static RuntimeHarness rt;
  static Vertx carrierVertx;
  static HttpServer telnyxApi;
  static final List<JsonObject> commands = new CopyOnWriteArrayList<>();
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    carrierVertx = Vertx.vertx();
    // A stand-in for api.telnyx.com that records each Call Control command.
    telnyxApi = carrierVertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      commands.add(new JsonObject().put("path", req.path()).put("auth", req.getHeader("Authorization"))
          .put("body", b.length() == 0 ? new JsonObject() : b.toJsonObject()));
      req.response().putHeader("Content-Type", "application/json").end("{\"data\":{\"result\":\"ok\"}}");
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    rt = RuntimeHarness.start(Map.of("TELOPS_TELNYX_API_BASE_URL", "http://127.0.0.1:" + telnyxApi.actualPort(),
        "TELOPS_TELNYX_STREAM_TOKEN", "stream-secret-123", "TELOPS_STREAM_RESUME_SECONDS", "3"));
  }

  @AfterAll
  static void stop() throws Exception {
    rt.close();
    carrierVertx.close().toCompletionStage().toCompletableFuture().get();
  }

  @Test
  @DisplayName("An incoming call.initiated event is answered by Call Control with a bidirectional PCMU stream and our ids in client_state")
  void answersIncomingCall() throws Exception {
    JsonObject event = new JsonObject().put("data", new JsonObject().put("event_type", "call.initiated")
        .put("occurred_at", "2026-11-21T10:00:00Z").put("payload", new JsonObject()
            .put("call_control_id", "v3:incoming-1").put("direction", "incoming").put("from", "+15550001").put("to", "+15550002")));
    rt.vertx.eventBus().publish(Addresses.TELNYX_EVENTS, event);
    // Outgoing calls and other events are not answered.
    rt.vertx.eventBus().publish(Addresses.TELNYX_EVENTS, new JsonObject().put("data", new JsonObject()
        .put("event_type", "call.initiated").put("payload", new JsonObject().put("call_control_id", "v3:out").put("direction", "outgoing"))));
    rt.vertx.eventBus().publish(Addresses.TELNYX_EVENTS, new JsonObject().put("data", "garbage"));
    await("answer command", Duration.ofSeconds(10), () -> !commands.isEmpty());
    Thread.sleep(200);
    assertThat(commands).hasSize(1);
    JsonObject c = commands.get(0);
    assertThat(c.getString("path")).isEqualTo("/v2/calls/v3:incoming-1/actions/answer");
    assertThat(c.getString("auth")).isEqualTo("Bearer " + RuntimeHarness.TELNYX_API_KEY);
    JsonObject body = c.getJsonObject("body");
    assertThat(body.getString("stream_url")).isEqualTo("ws://127.0.0.1:" + rt.port + "/media/telnyx");
    assertThat(body.getString("stream_track")).isEqualTo("both_tracks");
    assertThat(body.getString("stream_bidirectional_mode")).isEqualTo("rtp");
    assertThat(body.getString("stream_bidirectional_codec")).isEqualTo("PCMU");
    assertThat(body.getString("stream_auth_token")).isEqualTo("stream-secret-123");
    String callId = CallIds.of("telnyx", "v3:incoming-1");
    assertThat(body.getString("command_id")).isEqualTo(callId + "-answer");
    JsonObject state = new JsonObject(new String(Base64.getDecoder().decode(body.getString("client_state")), StandardCharsets.UTF_8));
    assertThat(state.getString("callId")).isEqualTo(callId);
    assertThat(state.getString("tenant")).isEqualTo("demo");
  }

  @Test
  @DisplayName("A signed TeXML request gets <Connect><Stream bidirectionalMode=rtp>; a forged one gets 403")
  void texml() throws Exception {
    String body = "CallSid=v3%3Atexml-1&From=%2B15550001&To=%2B15550002&Direction=inbound";
    String ts = String.valueOf(System.currentTimeMillis() / 1000);
    String sig = TelnyxSignatures.sign(rt.telnyxKeys.getPrivate(), ts, body.getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> ok = post("/carriers/telnyx/texml", body, ts, sig);
    assertThat(ok.statusCode()).isEqualTo(200);
    // The action continues the call over the record path when the stream ends with the call still up.
    assertThat(ok.body()).contains("<Connect action=\"" + rt.base() + "/carriers/telnyx/texml/stream-ended\" method=\"POST\"><Stream")
        .contains("bidirectionalMode=\"rtp\"").contains("name=\"app\" value=\"texml\"")
        .contains("url=\"ws://127.0.0.1:" + rt.port + "/media/telnyx\"")
        .contains("name=\"callId\" value=\"" + CallIds.of("telnyx", "v3:texml-1") + "\"");
    double before = rt.counter("telops_webhook_rejected", "carrier", "telnyx", "reason", "mismatch");
    HttpResponse<String> forged = post("/carriers/telnyx/texml", body.replace("texml-1", "texml-2"), ts, sig);
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(rt.counter("telops_webhook_rejected", "carrier", "telnyx", "reason", "mismatch")).isEqualTo(before + 1);
    assertThat(post("/carriers/telnyx/texml", body, null, null).statusCode()).as("unsigned").isEqualTo(403);
    // The record path's TeXML requests are checked the same way.
    for (String path : new String[] {"/carriers/telnyx/texml/stream-ended", "/carriers/telnyx/texml/record-path",
        "/carriers/telnyx/texml/status"}) {
      assertThat(post(path, body.replace("texml-1", "texml-3"), ts, sig).statusCode()).as(path + " forged").isEqualTo(403);
      assertThat(post(path, body, null, null).statusCode()).as(path + " unsigned").isEqualTo(403);
    }
  }

  static HttpResponse<String> post(String path, String body, String ts, String sig) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(rt.base() + path))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
    if (ts != null) {
      b.header(TelnyxSignatures.TIMESTAMP_HEADER, ts).header(TelnyxSignatures.SIGNATURE_HEADER, sig);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @DisplayName("A media socket without the stream token is refused; with it, shuffled frames are reordered and the call runs")
  void mediaStream() throws Exception {
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> CarrierStream.connect(carrierVertx, rt.port,
        "/media/telnyx", Map.of("x-telnyx-streaming-auth-token", "wrong"), CarrierStream.Dialect.TELNYX, 1)))
        .hasMessageContaining("403");
    String ccid = "v3:media-" + System.nanoTime();
    String state = Base64.getEncoder().encodeToString("{\"tenant\":\"acme\",\"region\":\"us-east\",\"direction\":\"inbound\"}"
        .getBytes(StandardCharsets.UTF_8));
    try (CarrierStream call = CarrierStream.connect(carrierVertx, rt.port, "/media/telnyx",
        Map.of("x-telnyx-streaming-auth-token", "stream-secret-123"), CarrierStream.Dialect.TELNYX, 8)) {
      call.start(ccid, Map.of(), state);
      // Caller speech with every third pair of frames swapped (Telnyx does not guarantee order), then silence.
      call.stream(Fixtures.concat(Fixtures.silence(400), Fixtures.audio("caller-hours"), Fixtures.silence(600)), new int[] {0, 2, 1})
          .get(10, TimeUnit.SECONDS);
      call.sendText("{\"event\":\"error\",\"stream_id\":\"x\",\"payload\":{\"code\":100003,\"title\":\"malformed_frame\",\"detail\":\"test\"}}");
      call.dtmf('9');
      await("greeting heard", Duration.ofSeconds(10), () -> call.marksEchoed.contains("u1.end"));
      call.stop();
      await("CDR", Duration.ofSeconds(10), () -> rt.cdrs.stream().anyMatch(c -> c.carrierCallId().equals(ccid)));
    }
    CallRecord cdr = rt.cdrs.stream().filter(c -> c.carrierCallId().equals(ccid)).findFirst().orElseThrow();
    assertThat(cdr.carrier()).isEqualTo("telnyx");
    assertThat(cdr.tenant()).isEqualTo("acme");
    assertThat(cdr.region()).isEqualTo("us-east");
    assertThat(cdr.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(cdr.quality().lossPercent()).as("reordered frames are late, not lost").isZero();
    assertThat(cdr.fromNumber()).isEqualTo("+15550001");
    assertThat(rt.counter("telops_media_carrier_errors", "carrier", "telnyx", "code", "100003")).isEqualTo(1);
    JsonObject sample = rt.samples.stream().filter(s -> cdr.callId().equals(s.getString("callId"))).reduce((a, b) -> b).orElseThrow();
    assertThat(sample.getLong("framesReordered")).as("swapped frames counted").isPositive();
    assertThat(rt.counter("telops_media_socket_path", "path", "netty")).as("frames took the Netty media path").isPositive();
    assertThat(rt.counter("telops_media_socket_path", "path", "vertx")).isZero();
  }

  private static CarrierStream telnyxStream() throws Exception {
    return CarrierStream.connect(carrierVertx, rt.port, "/media/telnyx",
        Map.of("x-telnyx-streaming-auth-token", "stream-secret-123"), CarrierStream.Dialect.TELNYX, 8);
  }

  private static List<String> moments(String callId) {
    return rt.moments.stream().filter(m -> callId.equals(m.getString("callId"))).map(m -> m.getString("kind")).toList();
  }

  @Test
  @DisplayName("A Telnyx stream that drops mid-call is restarted with streaming_start; the new stream carries on the same conversation under the same call id")
  void streamResumes() throws Exception {
    String ccid = "v3:resume-" + System.nanoTime();
    String callId = CallIds.of("telnyx", ccid);
    String state = Base64.getEncoder().encodeToString("{\"region\":\"us-east\"}".getBytes(StandardCharsets.UTF_8));
    CarrierStream first = telnyxStream();
    first.start(ccid, Map.of(), state);
    await("greeting heard", Duration.ofSeconds(10), () -> first.marksEchoed.contains("u1.end"));
    first.close(); // the socket goes away without a stop event: a drop
    String resumePath = "/v2/calls/" + ccid + "/actions/streaming_start";
    await("streaming_start", Duration.ofSeconds(5), () -> commands.stream().anyMatch(c -> resumePath.equals(c.getString("path"))));
    JsonObject body = commands.stream().filter(c -> resumePath.equals(c.getString("path"))).findFirst().orElseThrow()
        .getJsonObject("body");
    assertThat(body.getString("stream_url")).isEqualTo("ws://127.0.0.1:" + rt.port + "/media/telnyx");
    assertThat(body.getString("stream_bidirectional_codec")).isEqualTo("PCMU");
    assertThat(body.getString("stream_auth_token")).isEqualTo("stream-secret-123");
    Thread.sleep(500); // Telnyx takes a moment to open the new stream
    try (CarrierStream second = telnyxStream()) {
      second.start(ccid, Map.of(), state);
      second.stream(Fixtures.concat(Fixtures.silence(300), Fixtures.audio("caller-hours"), Fixtures.silence(800)), null)
          .get(10, TimeUnit.SECONDS);
      await("the agent answers on the new stream", Duration.ofSeconds(10), () -> second.mediaFrames.get() > 0);
      second.stop();
      await("CDR", Duration.ofSeconds(10), () -> rt.cdrs.stream().anyMatch(c -> c.carrierCallId().equals(ccid)));
    }
    Thread.sleep(300);
    List<CallRecord> records = rt.cdrs.stream().filter(c -> c.carrierCallId().equals(ccid)).toList();
    assertThat(records).as("one call, not two").hasSize(1);
    CallRecord cdr = records.get(0);
    assertThat(cdr.callId()).isEqualTo(callId);
    assertThat(cdr.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(cdr.region()).as("the call's own parameters, from its first stream").isEqualTo("us-east");
    assertThat(cdr.quality().lossPercent()).as("the gap between the streams is not loss").isLessThan(1.0);
    assertThat(moments(callId)).containsSubsequence("stream-start", "stream-drop", "stream-resumed", "stream-stop");
    assertThat(rt.turns.stream().filter(t -> callId.equals(t.getString("callId")))).as("the caller's turn on the new stream")
        .isNotEmpty();
  }

  @Test
  @DisplayName("A dropped Telnyx stream that does not come back within TELOPS_STREAM_RESUME_SECONDS ends the call as dropped, saying why")
  void streamNotResumed() throws Exception {
    String ccid = "v3:gone-" + System.nanoTime();
    CarrierStream first = telnyxStream();
    first.start(ccid, Map.of(), null);
    await("greeting heard", Duration.ofSeconds(10), () -> first.marksEchoed.contains("u1.end"));
    long dropped = System.nanoTime();
    first.close();
    await("CDR", Duration.ofSeconds(10), () -> rt.cdrs.stream().anyMatch(c -> c.carrierCallId().equals(ccid)));
    long waitedMs = (System.nanoTime() - dropped) / 1_000_000;
    CallRecord cdr = rt.cdrs.stream().filter(c -> c.carrierCallId().equals(ccid)).findFirst().orElseThrow();
    assertThat(cdr.outcome()).isEqualTo(CallOutcome.DROPPED);
    assertThat(cdr.hangupCause()).contains("did not restart the stream within 3 s");
    assertThat(waitedMs).as("held for the resume window, then ended").isBetween(2_900L, 8_000L);
    assertThat(moments(CallIds.of("telnyx", ccid))).containsSubsequence("stream-drop", "stream-stop");
  }
}
