package org.telops.carriersim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.carriersim.billing.BilledCall;

class FaultsIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static SimHarness h;
  private static WebClient client;

  @BeforeAll
  static void start() {
    h = new SimHarness(Map.of());
    client = WebClient.create(h.vertx);
  }

  @AfterAll
  static void stop() {
    client.close();
    h.close();
  }

  @AfterEach
  void clearFaults() {
    Await.result(client.deleteAbs(h.base() + "/faults").send());
  }

  private JsonObject putFault(JsonObject fault) {
    HttpResponse<Buffer> r = Await.result(client.putAbs(h.base() + "/faults").sendJsonObject(fault));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private Future<HttpResponse<Buffer>> twilioCreate(String to, String from) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("To", to).add("From", from)
        .add("Twiml", "<Response><Connect><Stream url=\"" + h.app.ws("/caller-media") + "\"/></Connect></Response>");
    return client.postAbs(h.base() + "/2010-04-01/Accounts/" + SimHarness.ACCOUNT_SID + "/Calls.json")
        .basicAuthentication(SimHarness.ACCOUNT_SID, SimHarness.AUTH_TOKEN).sendForm(form);
  }

  private static String call(HttpResponse<Buffer> created) {
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("sid");
  }

  private TestApp.Stream streamOf(String path, String callSid) {
    return Await.value("the " + path + " stream of " + callSid, WAIT, () -> {
      synchronized (h.app.streams) {
        return h.app.streams.stream().filter(s -> s.path.equals(path) && s.events("start").stream()
            .anyMatch(m -> callSid.equals(m.getJsonObject("start").getString("callSid")))).findFirst().orElse(null);
      }
    });
  }

  @Test
  @DisplayName("Carrier down: the REST API closes the connection without an answer, and answers again once the fault is deleted")
  void down() {
    JsonObject f = putFault(new JsonObject().put("carrier", "twilio").put("kind", "down"));
    Future<HttpResponse<Buffer>> attempt = twilioCreate("+12025550500", "+12025550100");
    assertThatThrownBy(() -> attempt.toCompletionStage().toCompletableFuture().get())
        .hasMessageContaining("closed");
    HttpResponse<Buffer> telnyx = Await.result(client.getAbs(h.base() + "/v2/calls/v3:x")
        .putHeader("Authorization", "Bearer " + SimHarness.TELNYX_KEY).send());
    assertThat(telnyx.statusCode()).as("the other carrier is unaffected").isEqualTo(404);
    assertThat(Await.result(client.deleteAbs(h.base() + "/faults/" + f.getString("id")).send()).statusCode()).isEqualTo(204);
    call(Await.result(twilioCreate("+12025550500", "+12025550100")));
  }

  @Test
  @DisplayName("HTTP 5xx: the Twilio SDK sees a 503 with Twilio's error body; Telnyx 429 carries Retry-After and code 10011")
  void httpErrors() {
    putFault(new JsonObject().put("carrier", "twilio").put("kind", "http-error").put("httpStatus", 503));
    assertThatThrownBy(() -> Call.creator(new PhoneNumber("+12025550501"), new PhoneNumber("+12025550100"),
        new Twiml("<Response/>")).create(h.twilioSdk()))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(503);
          assertThat(e.getCode()).isEqualTo(20503);
        });
    putFault(new JsonObject().put("carrier", "telnyx").put("kind", "http-error").put("httpStatus", 429).put("retryAfterSeconds", 7));
    HttpResponse<Buffer> r = Await.result(client.postAbs(h.base() + "/v2/calls").putHeader("Authorization", "Bearer "
        + SimHarness.TELNYX_KEY).sendJsonObject(new JsonObject().put("to", "+12025550501").put("from", "+12025550100")));
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.getHeader("Retry-After")).isEqualTo("7");
    assertThat(r.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("code")).isEqualTo("10011");
  }

  @Test
  @DisplayName("Slow API: no answer comes before the configured delay")
  void slow() {
    putFault(new JsonObject().put("carrier", "telnyx").put("kind", "slow-api").put("delayMs", 800));
    long t0 = System.nanoTime();
    HttpResponse<Buffer> r = Await.result(client.getAbs(h.base() + "/v2/calls/v3:x")
        .putHeader("Authorization", "Bearer " + SimHarness.TELNYX_KEY).send());
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(800);
  }

  @Test
  @DisplayName("Media drop: the agent's stream is cut mid-call without a stop event, and the Twilio call then ends")
  void mediaDrop() {
    putFault(new JsonObject().put("carrier", "twilio").put("kind", "media-drop").put("afterSeconds", 0).put("leg", "agent"));
    String sid = call(Await.result(twilioCreate("+15550050001", "+12025550100")));
    TestApp.Stream caller = streamOf("/caller-media", sid);
    String inbound = h.app.voiceRequests.stream().filter(m -> "+15550050001".equals(m.get("To"))).findFirst().orElseThrow()
        .get("CallSid");
    TestApp.Stream agent = streamOf("/agent-media", inbound);
    Await.until("the agent stream to be cut", WAIT, agent.closed::isDone);
    assertThat(agent.closed.join()).isEqualTo((short) 1011);
    assertThat(agent.events("stop")).isEmpty();
    Await.until("the caller's stop", WAIT, () -> !caller.events("stop").isEmpty());
    Await.until("the caller leg completed", WAIT, () -> h.app.statusFor(sid).stream()
        .anyMatch(m -> "completed".equals(m.get("CallStatus"))));
  }

  @Test
  @DisplayName("One-way audio: the caller hears only silence while the agent still hears the caller")
  void oneWay() {
    putFault(new JsonObject().put("carrier", "twilio").put("kind", "one-way-audio").put("direction", "agent-to-caller"));
    String sid = call(Await.result(twilioCreate("+15550050002", "+12025550100")));
    TestApp.Stream caller = streamOf("/caller-media", sid);
    String inbound = h.app.voiceRequests.stream().filter(m -> "+15550050002".equals(m.get("To"))).findFirst().orElseThrow()
        .get("CallSid");
    TestApp.Stream agent = streamOf("/agent-media", inbound);
    Await.until("the agent to hear the caller and its own mark to come back", WAIT,
        () -> agent.heard(TestApp.CALLER_AUDIO) && !agent.events("mark").isEmpty());
    Await.until("the caller to have received a second of frames", WAIT, () -> caller.payloads().size() >= 50);
    assertThat(caller.payloads()).allSatisfy(p -> assertThat(p).containsOnly((byte) 0xFF));
    Await.result(client.postAbs(h.base() + "/2010-04-01/Accounts/" + SimHarness.ACCOUNT_SID + "/Calls/" + sid + ".json")
        .basicAuthentication(SimHarness.ACCOUNT_SID, SimHarness.AUTH_TOKEN)
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("Status", "completed")));
  }

  @Test
  @DisplayName("Webhook timeout: the agent's voice webhook never arrives, the inbound leg fails with 11205 and the caller's call fails")
  void webhookTimeout() {
    putFault(new JsonObject().put("carrier", "twilio").put("kind", "webhook-timeout").put("timeoutMs", 200));
    int voiceBefore = h.app.voiceRequests.size();
    String sid = call(Await.result(twilioCreate("+15550050003", "+12025550100")));
    Await.until("the caller leg to end", WAIT, () -> h.sim().history().find(sid).isPresent());
    assertThat(h.sim().history().find(sid).orElseThrow().status()).isEqualTo("failed");
    BilledCall inbound = h.sim().history().month("twilio", YearMonth.from(h.clock.instant().atZone(ZoneOffset.UTC))).stream()
        .filter(c -> c.inbound() && c.to().equals("+15550050003")).findFirst().orElseThrow();
    assertThat(inbound.status()).isEqualTo("failed");
    assertThat(h.app.voiceRequests).hasSize(voiceBefore);
    assertThat(h.app.statusFor(sid)).as("status callbacks time out as well").isEmpty();
  }

  @Test
  @DisplayName("A fault limited to a region and a duration hits only that region's callers and switches itself off")
  void regionAndDuration() {
    JsonObject f = putFault(new JsonObject().put("carrier", "twilio").put("kind", "http-error").put("httpStatus", 500)
        .put("region", "eu-west").put("durationSeconds", 30));
    assertThat(f.getString("expiresAt")).isNotNull();
    assertThat(Await.result(twilioCreate("+12025550600", "+15550020009")).statusCode()).isEqualTo(500);
    call(Await.result(twilioCreate("+12025550600", "+12025550100")));
    h.clock.advance(Duration.ofSeconds(31));
    call(Await.result(twilioCreate("+12025550600", "+15550020009")));
    JsonObject list = Await.result(client.getAbs(h.base() + "/faults").send()).bodyAsJsonObject();
    assertThat(list.getJsonArray("faults")).isEmpty();
  }

  @Test
  @DisplayName("The fault API refuses an unknown kind or carrier, naming the value and the choices")
  void validation() {
    HttpResponse<Buffer> r = Await.result(client.putAbs(h.base() + "/faults")
        .sendJsonObject(new JsonObject().put("carrier", "twilio").put("kind", "meteor")));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("error")).contains("meteor").contains("http-error");
    r = Await.result(client.putAbs(h.base() + "/faults").sendJsonObject(new JsonObject().put("carrier", "vonage").put("kind", "down")));
    assertThat(r.bodyAsJsonObject().getString("error")).contains("vonage");
  }
}
