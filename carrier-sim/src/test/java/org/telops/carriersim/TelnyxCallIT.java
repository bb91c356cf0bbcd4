package org.telops.carriersim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TelnyxCallIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static SimHarness h;
  private static WebClient client;

  @BeforeAll
  static void start() {
    h = new SimHarness(Map.of("TELOPS_SIM_TELNYX_ANSWER_TIMEOUT_MS", "1500"));
    client = WebClient.create(h.vertx);
  }

  @AfterAll
  static void stop() {
    client.close();
    h.close();
  }

  private HttpResponse<Buffer> post(String path, JsonObject body, String key) {
    return Await.result(client.postAbs(h.base() + path).putHeader("Authorization", "Bearer " + key).sendJsonObject(body));
  }

  private static String type(JsonObject event) {
    return event.getJsonObject("data").getString("event_type");
  }

  private static JsonObject payload(JsonObject event) {
    return event.getJsonObject("data").getJsonObject("payload");
  }

  @Test
  @DisplayName("A Telnyx dial to a hosted number sends signed Call Control events, waits for the answer action and streams snake_case frames both ways")
  void hostedCall() {
    String clientState = Base64.getEncoder().encodeToString("{\"probe\":\"p1\"}".getBytes(StandardCharsets.UTF_8));
    HttpResponse<Buffer> dial = post("/v2/calls", new JsonObject().put("to", "+15550010002").put("from", "+12025550100")
        .put("connection_id", "1494404757140276705").put("stream_url", h.app.ws("/caller-media-telnyx"))
        .put("stream_bidirectional_mode", "rtp").put("client_state", clientState), SimHarness.TELNYX_KEY);
    assertThat(dial.statusCode()).isEqualTo(200);
    JsonObject data = dial.bodyAsJsonObject().getJsonObject("data");
    String callerId = data.getString("call_control_id");
    assertThat(callerId).startsWith("v3:");
    assertThat(data.getString("record_type")).isEqualTo("call");

    TestApp.Stream agent = h.app.stream("/agent-media-telnyx");
    TestApp.Stream caller = h.app.stream("/caller-media-telnyx");
    Await.until("audio both ways", WAIT, () -> agent.heard(TestApp.CALLER_AUDIO) && caller.heard(TestApp.AGENT_AUDIO));
    assertThat(agent.messages.get(0).getMap()).containsEntry("event", "connected").doesNotContainKey("protocol");
    JsonObject start = agent.events("start").get(0);
    assertThat(start.getString("stream_id")).isNotBlank();
    assertThat(start.getString("sequence_number")).isEqualTo("1");
    assertThat(start.getJsonObject("start").getJsonObject("media_format").getMap()).containsEntry("encoding", "PCMU")
        .containsEntry("sample_rate", 8000).containsEntry("channels", 1);
    String agentId = start.getJsonObject("start").getString("call_control_id");
    assertThat(agentId).startsWith("v3:").isNotEqualTo(callerId);
    JsonObject media = agent.events("media").get(0);
    assertThat(media.getString("stream_id")).isEqualTo(start.getString("stream_id"));
    assertThat(media.getJsonObject("media").getString("chunk")).isEqualTo("1");
    assertThat(media.getJsonObject("media").getString("timestamp")).isEqualTo("0");

    Await.until("streaming.started on both legs", WAIT, () -> h.app.eventsFor(agentId).stream()
        .anyMatch(e -> type(e).equals("streaming.started")) && h.app.eventsFor(callerId).stream()
        .anyMatch(e -> type(e).equals("streaming.started")));
    JsonObject initiated = h.app.eventsFor(agentId).get(0);
    assertThat(type(initiated)).isEqualTo("call.initiated");
    assertThat(initiated.getJsonObject("data").getString("record_type")).isEqualTo("event");
    assertThat(Instant.parse(initiated.getJsonObject("data").getString("occurred_at"))).isNotNull();
    assertThat(payload(initiated).getMap()).containsEntry("direction", "incoming").containsEntry("state", "parked")
        .containsEntry("to", "+15550010002").containsEntry("from", "+12025550100");
    assertThat(payload(h.app.eventsFor(callerId).get(0)).getMap()).containsEntry("direction", "outgoing")
        .containsEntry("client_state", clientState);
    assertThat(payload(initiated).getString("call_session_id")).isEqualTo(payload(h.app.eventsFor(callerId).get(0))
        .getString("call_session_id"));

    HttpResponse<Buffer> hangup = post("/v2/calls/" + callerId + "/actions/hangup", new JsonObject(), SimHarness.TELNYX_KEY);
    assertThat(hangup.statusCode()).isEqualTo(200);
    assertThat(hangup.bodyAsJsonObject().getJsonObject("data").getString("result")).isEqualTo("ok");
    Await.until("call.hangup on both legs", WAIT, () -> hangupOf(agentId) != null && hangupOf(callerId) != null);
    for (String id : List.of(agentId, callerId)) {
      JsonObject p = payload(hangupOf(id));
      assertThat(p.getString("hangup_cause")).isEqualTo("normal_clearing");
      assertThat(p.getString("hangup_source")).isEqualTo("caller");
      assertThat(p.getString("sip_hangup_cause")).isEqualTo("200");
      assertThat(p.getString("end_time")).isNotNull();
      JsonObject inbound = p.getJsonObject("call_quality_stats").getJsonObject("inbound");
      assertThat(Long.parseLong(inbound.getString("packet_count"))).isPositive();
      assertThat(inbound.getString("skip_packet_count")).isEqualTo("0");
      assertThat(Double.parseDouble(inbound.getString("mos"))).isGreaterThan(4.3);
    }
    Await.until("stop on both streams", WAIT, () -> !agent.events("stop").isEmpty() && !caller.events("stop").isEmpty());
    assertThat(h.app.eventsFor(agentId)).extracting(TelnyxCallIT::type).contains("call.answered", "streaming.stopped");
    HttpResponse<Buffer> status = Await.result(client.getAbs(h.base() + "/v2/calls/" + callerId)
        .putHeader("Authorization", "Bearer " + SimHarness.TELNYX_KEY).send());
    assertThat(status.bodyAsJsonObject().getJsonObject("data").getBoolean("is_alive")).isFalse();
    assertThat(h.app.signatureFailures).isEmpty();
    assertThat(h.app.signaturesChecked.get()).isGreaterThanOrEqualTo(10);
  }

  private JsonObject hangupOf(String id) {
    return h.app.eventsFor(id).stream().filter(e -> type(e).equals("call.hangup")).findFirst().orElse(null);
  }

  @Test
  @DisplayName("streaming_stop ends the agent's stream with a stop frame while the call itself goes on")
  void streamingStop() {
    int before = h.app.streams.size();
    String callerId = post("/v2/calls", new JsonObject().put("to", "+15550010005").put("from", "+12025550100"),
        SimHarness.TELNYX_KEY).bodyAsJsonObject().getJsonObject("data").getString("call_control_id");
    TestApp.Stream agent = Await.value("the agent stream", WAIT, () -> {
      synchronized (h.app.streams) {
        return h.app.streams.stream().skip(before).filter(s -> s.path.equals("/agent-media-telnyx")
            && !s.events("start").isEmpty()).findFirst().orElse(null);
      }
    });
    String agentId = agent.events("start").get(0).getJsonObject("start").getString("call_control_id");
    assertThat(post("/v2/calls/" + agentId + "/actions/streaming_stop", new JsonObject(), SimHarness.TELNYX_KEY)
        .statusCode()).isEqualTo(200);
    Await.until("the stop frame and close", WAIT, () -> agent.closed.isDone());
    assertThat(agent.events("stop")).hasSize(1);
    HttpResponse<Buffer> status = Await.result(client.getAbs(h.base() + "/v2/calls/" + agentId)
        .putHeader("Authorization", "Bearer " + SimHarness.TELNYX_KEY).send());
    assertThat(status.bodyAsJsonObject().getJsonObject("data").getBoolean("is_alive")).isTrue();
    assertThat(post("/v2/calls/" + callerId + "/actions/hangup", new JsonObject(), SimHarness.TELNYX_KEY).statusCode())
        .isEqualTo(200);
    Await.until("call.hangup", WAIT, () -> hangupOf(agentId) != null);
  }

  @Test
  @DisplayName("An inbound Telnyx leg nobody answers ends as no-answer (hangup_cause timeout) on both legs")
  void unanswered() {
    h.app.telnyxAutoAnswer = false;
    try {
      HttpResponse<Buffer> dial = post("/v2/calls", new JsonObject().put("to", "+15550010003").put("from", "+12025550100"),
          SimHarness.TELNYX_KEY);
      String callerId = dial.bodyAsJsonObject().getJsonObject("data").getString("call_control_id");
      Await.until("the caller's call.hangup", WAIT, () -> hangupOf(callerId) != null);
      assertThat(payload(hangupOf(callerId)).getString("hangup_cause")).isEqualTo("timeout");
    } finally {
      h.app.telnyxAutoAnswer = true;
    }
  }

  @Test
  @DisplayName("A reject action with USER_BUSY makes the caller's leg end busy")
  void rejected() {
    h.app.telnyxAutoAnswer = false;
    try {
      int before = h.app.telnyxEvents.size();
      HttpResponse<Buffer> dial = post("/v2/calls", new JsonObject().put("to", "+15550010004").put("from", "+12025550100"),
          SimHarness.TELNYX_KEY);
      String callerId = dial.bodyAsJsonObject().getJsonObject("data").getString("call_control_id");
      JsonObject incoming = Await.value("the incoming call.initiated", WAIT, () -> {
        synchronized (h.app.telnyxEvents) {
          return h.app.telnyxEvents.stream().skip(before).filter(e -> type(e).equals("call.initiated")
              && "incoming".equals(payload(e).getString("direction"))).findFirst().orElse(null);
        }
      });
      HttpResponse<Buffer> reject = post("/v2/calls/" + payload(incoming).getString("call_control_id") + "/actions/reject",
          new JsonObject().put("cause", "USER_BUSY"), SimHarness.TELNYX_KEY);
      assertThat(reject.statusCode()).isEqualTo(200);
      Await.until("the caller's call.hangup", WAIT, () -> hangupOf(callerId) != null);
      assertThat(payload(hangupOf(callerId)).getString("hangup_cause")).isEqualTo("user_busy");
      assertThat(payload(hangupOf(callerId)).getString("sip_hangup_cause")).isEqualTo("486");
    } finally {
      h.app.telnyxAutoAnswer = true;
    }
  }

  @Test
  @DisplayName("Errors come back in Telnyx's shape: a wrong key 401/10009, a bad number 422 with a source pointer, an ended call 422/90018")
  void errors() {
    HttpResponse<Buffer> auth = post("/v2/calls", new JsonObject().put("to", "+15550010002").put("from", "+12025550100"), "KEYwrong");
    assertThat(auth.statusCode()).isEqualTo(401);
    assertThat(auth.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("code")).isEqualTo("10009");
    HttpResponse<Buffer> bad = post("/v2/calls", new JsonObject().put("to", "5550010002").put("from", "+12025550100"),
        SimHarness.TELNYX_KEY);
    assertThat(bad.statusCode()).isEqualTo(422);
    JsonObject err = bad.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
    assertThat(err.getJsonObject("source").getString("pointer")).isEqualTo("/to");
    assertThat(err.getString("detail")).contains("5550010002");
    HttpResponse<Buffer> gone = post("/v2/calls/v3:nope/actions/hangup", new JsonObject(), SimHarness.TELNYX_KEY);
    assertThat(gone.statusCode()).isEqualTo(422);
    assertThat(gone.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("code")).isEqualTo("90018");
  }
}
