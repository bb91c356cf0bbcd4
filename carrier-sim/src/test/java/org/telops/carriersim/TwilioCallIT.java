package org.telops.carriersim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TwilioCallIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static SimHarness h;
  private static TwilioRestClient sdk;

  @BeforeAll
  static void start() {
    h = new SimHarness(Map.of());
    sdk = h.twilioSdk();
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @Test
  @DisplayName("A call placed with the official Twilio SDK to a hosted number reaches the agent, bridges both legs at 20 ms and signs every webhook as Twilio does")
  void hostedCallThroughSdk() {
    Call created = Call.creator(new PhoneNumber("+15550010001"), new PhoneNumber("+12025550100"),
        new Twiml("<Response><Connect><Stream url=\"" + h.app.ws("/caller-media") + "\"/></Connect></Response>")).create(sdk);
    assertThat(created.getSid()).matches("CA[0-9a-f]{32}");
    assertThat(created.getStatus()).isEqualTo(Call.Status.QUEUED);
    assertThat(created.getDirection()).isEqualTo("outbound-api");
    assertThat(created.getAccountSid()).isEqualTo(SimHarness.ACCOUNT_SID);

    TestApp.Stream agent = h.app.stream("/agent-media");
    TestApp.Stream caller = h.app.stream("/caller-media");
    Await.until("the agent to hear the caller and the caller the agent", WAIT,
        () -> agent.heard(TestApp.CALLER_AUDIO) && caller.heard(TestApp.AGENT_AUDIO));
    Await.until("both marks to come back after their audio played", WAIT,
        () -> !agent.events("mark").isEmpty() && !caller.events("mark").isEmpty());

    Map<String, String> voice = h.app.voiceRequests.get(0);
    String inboundSid = voice.get("CallSid");
    assertThat(voice).containsEntry("Direction", "inbound").containsEntry("CallStatus", "ringing")
        .containsEntry("To", "+15550010001").containsEntry("From", "+12025550100")
        .containsEntry("AccountSid", SimHarness.ACCOUNT_SID);
    assertThat(inboundSid).matches("CA[0-9a-f]{32}").isNotEqualTo(created.getSid());
    JsonObject start = agent.events("start").get(0).getJsonObject("start");
    assertThat(start.getString("callSid")).isEqualTo(inboundSid);
    assertThat(start.getJsonObject("customParameters").getMap()).containsEntry("tenant", "demo")
        .containsEntry("agent", "support-bot");
    assertThat(start.getJsonObject("mediaFormat").getMap()).containsEntry("encoding", "audio/x-mulaw")
        .containsEntry("sampleRate", 8000).containsEntry("channels", 1);
    assertThat(agent.messages.get(0).getMap()).containsEntry("event", "connected").containsEntry("protocol", "Call");
    assertThat(caller.events("start").get(0).getJsonObject("start").getString("callSid")).isEqualTo(created.getSid());

    h.clock.advance(Duration.ofSeconds(5)); // five seconds of talk time on the sim's clock: billed as one minute
    Call hungUp = Call.updater(created.getSid()).setStatus(Call.UpdateStatus.COMPLETED).update(sdk);
    assertThat(hungUp.getStatus()).isEqualTo(Call.Status.COMPLETED);
    Await.until("both streams to get stop and close", WAIT, () -> agent.closed.isDone() && caller.closed.isDone());
    assertThat(agent.events("stop")).hasSize(1);
    assertThat(caller.events("stop")).hasSize(1);
    assertThat(agent.closed.join()).isEqualTo((short) 1000);

    assertPaced(agent);
    assertPaced(caller);

    for (String sid : List.of(created.getSid(), inboundSid)) {
      Await.until("the completed callback of " + sid, WAIT,
          () -> h.app.statusFor(sid).stream().anyMatch(m -> "completed".equals(m.get("CallStatus"))));
      List<Map<String, String>> callbacks = h.app.statusFor(sid);
      assertThat(callbacks).extracting(m -> m.get("CallStatus"))
          .containsExactly("initiated", "ringing", "in-progress", "completed");
      assertThat(callbacks).extracting(m -> m.get("SequenceNumber")).containsExactly("0", "1", "2", "3");
      Map<String, String> completed = callbacks.get(3);
      assertThat(completed).containsKeys("CallDuration", "Duration", "Timestamp", "Price")
          .containsEntry("CallbackSource", "call-progress-events").containsEntry("PriceUnit", "USD");
      assertThat(Long.parseLong(completed.get("CallDuration"))).isBetween(5L, 20L);
      assertThat(completed.get("Duration")).isEqualTo("1");
      assertThat(completed.get("Timestamp")).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000");
    }
    assertThat(h.app.statusFor(inboundSid).get(3).get("Price")).isEqualTo("-0.00850");
    assertThat(h.app.statusFor(created.getSid()).get(3).get("Price")).isEqualTo("-0.01400");

    Call fetched = Call.fetcher(created.getSid()).fetch(sdk);
    assertThat(fetched.getStatus()).isEqualTo(Call.Status.COMPLETED);
    assertThat(fetched.getPrice()).isEqualTo("-0.01400");
    assertThat(fetched.getPriceUnit().getCurrencyCode()).isEqualTo("USD");
    assertThat(fetched.getStartTime()).isNotNull();
    assertThat(fetched.getEndTime()).isAfterOrEqualTo(fetched.getStartTime());

    Await.until("the stream status callbacks", WAIT, () -> h.app.streamStatus.size() >= 2);
    assertThat(h.app.streamStatus).extracting(m -> m.get("StreamEvent")).containsExactly("stream-started", "stream-stopped");
    assertThat(h.app.signatureFailures).isEmpty();
    assertThat(h.app.signaturesChecked.get()).isGreaterThanOrEqualTo(11);
  }

  /**
   * Chunks count up by one from 1 and timestamps by exactly 20 ms (a clean region loses nothing); every
   * message after connected carries the next sequence number (start 1, then media and marks).
   */
  private static void assertPaced(TestApp.Stream stream) {
    List<JsonObject> media = stream.events("media");
    assertThat(media.size()).isGreaterThanOrEqualTo(25);
    for (int i = 0; i < media.size(); i++) {
      JsonObject m = media.get(i).getJsonObject("media");
      assertThat(m.getString("chunk")).isEqualTo(String.valueOf(i + 1));
      assertThat(m.getString("timestamp")).isEqualTo(String.valueOf(i * 20));
      assertThat(m.getString("track")).isEqualTo("inbound");
    }
    List<String> sequence;
    synchronized (stream.messages) {
      sequence = stream.messages.stream().skip(1).map(m -> m.getString("sequenceNumber")).toList();
    }
    for (int i = 0; i < sequence.size(); i++) {
      assertThat(sequence.get(i)).isEqualTo(String.valueOf(i + 1));
    }
  }

  @Test
  @DisplayName("A call to a public number runs the caller's TwiML URL, gets the far end's echo, and a StatusCallback without events gets only completed")
  void farEndWithUrlAndExplicitCallback() {
    String callback = h.app.base + "/carriers/twilio/status?tenant=t1&region=us-east";
    Call created = Call.creator(new PhoneNumber("+12025550111"), new PhoneNumber("+12025550100"),
        URI.create(h.app.base + "/caller/twiml")).setStatusCallback(URI.create(callback)).create(sdk);
    Await.until("the caller's TwiML request", WAIT,
        () -> h.app.appRequests.stream().anyMatch(m -> created.getSid().equals(m.get("CallSid"))));
    Map<String, String> appRequest = h.app.appRequests.stream().filter(m -> created.getSid().equals(m.get("CallSid")))
        .findFirst().orElseThrow();
    assertThat(appRequest).containsEntry("CallStatus", "in-progress").containsEntry("Direction", "outbound-api");
    TestApp.Stream caller = Await.value("the caller's stream", WAIT, () -> {
      synchronized (h.app.streams) {
        return h.app.streams.stream().filter(s -> s.path.equals("/caller-media") && s.events("start").stream()
            .anyMatch(m -> created.getSid().equals(m.getJsonObject("start").getString("callSid")))).findFirst().orElse(null);
      }
    });
    Await.until("the far end to echo the caller's audio", WAIT, () -> caller.heard(TestApp.CALLER_AUDIO));
    Call.updater(created.getSid()).setStatus(Call.UpdateStatus.COMPLETED).update(sdk);
    Await.until("the completed callback", WAIT, () -> !h.app.statusFor(created.getSid()).isEmpty());
    Await.sleep(300);
    assertThat(h.app.statusFor(created.getSid())).extracting(m -> m.get("CallStatus")).containsExactly("completed");
    assertThat(h.app.signatureFailures).isEmpty();
  }

  @Test
  @DisplayName("Errors come back in Twilio's shape: bad credentials 401/20003, a bad To 400/21211, an unknown call 404/20404")
  void errors() {
    TwilioRestClient wrong = LocalTwilioHttpClient.client(h.base(), SimHarness.ACCOUNT_SID, "not-the-token");
    assertThatThrownBy(() -> Call.creator(new PhoneNumber("+15550010001"), new PhoneNumber("+12025550100"),
        new Twiml("<Response/>")).create(wrong))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(401);
          assertThat(e.getCode()).isEqualTo(20003);
        });
    assertThatThrownBy(() -> Call.creator(new PhoneNumber("5550010001"), new PhoneNumber("+12025550100"),
        new Twiml("<Response/>")).create(sdk))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(400);
          assertThat(e.getCode()).isEqualTo(21211);
          assertThat(e.getMessage()).contains("5550010001");
        });
    assertThatThrownBy(() -> Call.fetcher("CA00000000000000000000000000000000").fetch(sdk))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20404));
  }

  @Test
  @DisplayName("The sim-only SimOutcome=busy makes the far end busy: no answer, SIP 486, nothing charged")
  void busyFarEnd() {
    WebClient client = WebClient.create(h.vertx);
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("To", "+12025550112").add("From", "+12025550100")
        .add("Twiml", "<Response><Pause length=\"5\"/></Response>").add("SimOutcome", "busy");
    var resp = Await.result(client.postAbs(h.base() + "/2010-04-01/Accounts/" + SimHarness.ACCOUNT_SID + "/Calls.json")
        .basicAuthentication(SimHarness.ACCOUNT_SID, SimHarness.AUTH_TOKEN).sendForm(form));
    assertThat(resp.statusCode()).isEqualTo(201);
    String sid = resp.bodyAsJsonObject().getString("sid");
    Await.until("the busy callback", WAIT, () -> h.app.statusFor(sid).stream().anyMatch(m -> "busy".equals(m.get("CallStatus"))));
    Map<String, String> last = h.app.statusFor(sid).get(h.app.statusFor(sid).size() - 1);
    assertThat(last).containsEntry("CallStatus", "busy").containsEntry("SipResponseCode", "486")
        .containsEntry("CallDuration", "0").containsEntry("Price", "0.00000");
    client.close();
  }
}
