package org.telops.carriersim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ImpairmentIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static SimHarness h;
  private static WebClient client;

  @BeforeAll
  static void start() {
    h = new SimHarness(Map.of(
        "TELOPS_SIM_IMPAIRMENTS", "lossy=60/0/30,jittery=40/30/0",
        "TELOPS_SIM_REGIONS", "+1555009=lossy,+1555008=jittery,+1=us-east",
        "TELOPS_SIM_FAR_END_AUDIO", "echo"));
    client = WebClient.create(h.vertx);
  }

  @AfterAll
  static void stop() {
    client.close();
    h.close();
  }

  private static List<Long> chunks(TestApp.Stream s) {
    return s.events("media").stream().map(m -> Long.parseLong(m.getJsonObject("media").getString("chunk"))).toList();
  }

  private TestApp.Stream twilioCall(String from, String to) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("To", to).add("From", from)
        .add("Twiml", "<Response><Connect><Stream url=\"" + h.app.ws("/caller-media") + "\"/></Connect></Response>");
    String sid = Await.result(client.postAbs(h.base() + "/2010-04-01/Accounts/" + SimHarness.ACCOUNT_SID + "/Calls.json")
        .basicAuthentication(SimHarness.ACCOUNT_SID, SimHarness.AUTH_TOKEN).sendForm(form)).bodyAsJsonObject().getString("sid");
    return Await.value("the caller stream", WAIT, () -> {
      synchronized (h.app.streams) {
        return h.app.streams.stream().filter(s -> s.events("start").stream()
            .anyMatch(m -> sid.equals(m.getJsonObject("start").getString("callSid")))).findFirst().orElse(null);
      }
    });
  }

  @Test
  @DisplayName("A caller in a region with 30 % random loss misses about 30 % of its 20 ms frames, seen as chunk gaps with timestamps kept")
  void randomLoss() {
    TestApp.Stream caller = twilioCall("+15550090001", "+12025550700");
    Await.until("250 frames' worth of stream", WAIT, () -> chunks(caller).stream().mapToLong(Long::longValue).max().orElse(0) >= 250);
    List<Long> chunks = chunks(caller);
    long highest = chunks.get(chunks.size() - 1);
    double lossPercent = 100.0 * (highest - chunks.size()) / highest;
    assertThat(lossPercent).isCloseTo(30.0, within(10.0));
    for (int i = 1; i < chunks.size(); i++) {
      assertThat(chunks.get(i)).isGreaterThan(chunks.get(i - 1));
    }
    for (JsonObject m : caller.events("media")) {
      long chunk = Long.parseLong(m.getJsonObject("media").getString("chunk"));
      assertThat(m.getJsonObject("media").getString("timestamp")).isEqualTo(String.valueOf((chunk - 1) * 20));
    }
    caller.ws.close();
  }

  @Test
  @DisplayName("Jitter reorders a Telnyx stream's frames but never a Twilio stream's, and no frame is lost or doubled")
  void jitterOrder() {
    TestApp.Stream twilio = twilioCall("+15550080001", "+12025550701");
    String id = Await.result(client.postAbs(h.base() + "/v2/calls").putHeader("Authorization", "Bearer " + SimHarness.TELNYX_KEY)
            .sendJsonObject(new JsonObject().put("to", "+12025550702").put("from", "+15550080002")
                .put("stream_url", h.app.ws("/caller-telnyx-jitter"))))
        .bodyAsJsonObject().getJsonObject("data").getString("call_control_id");
    TestApp.Stream telnyx = h.app.stream("/caller-telnyx-jitter");
    Await.until("200 frames on both streams", WAIT, () -> chunks(twilio).size() >= 200 && chunks(telnyx).size() >= 200);
    List<Long> t = chunks(twilio);
    for (int i = 1; i < t.size(); i++) {
      assertThat(t.get(i)).isGreaterThan(t.get(i - 1));
    }
    List<Long> x = chunks(telnyx);
    long inversions = 0;
    for (int i = 1; i < x.size(); i++) {
      if (x.get(i) < x.get(i - 1)) {
        inversions++;
      }
    }
    assertThat(inversions).isPositive();
    Set<Long> unique = new HashSet<>(x);
    assertThat(unique).hasSize(x.size());
    twilio.ws.close();
    Await.result(client.postAbs(h.base() + "/v2/calls/" + id + "/actions/hangup")
        .putHeader("Authorization", "Bearer " + SimHarness.TELNYX_KEY).sendJsonObject(new JsonObject()));
  }

  @Test
  @DisplayName("Telnyx's call.hangup reports the lost packets and a lower MOS for a lossy region")
  void qualityStats() {
    String id = Await.result(client.postAbs(h.base() + "/v2/calls").putHeader("Authorization", "Bearer " + SimHarness.TELNYX_KEY)
            .sendJsonObject(new JsonObject().put("to", "+12025550703").put("from", "+15550090002")))
        .bodyAsJsonObject().getJsonObject("data").getString("call_control_id");
    Await.until("call.answered", WAIT, () -> h.app.eventsFor(id).size() >= 2);
    Await.sleep(1_500);
    Await.result(client.postAbs(h.base() + "/v2/calls/" + id + "/actions/hangup")
        .putHeader("Authorization", "Bearer " + SimHarness.TELNYX_KEY).sendJsonObject(new JsonObject()));
    JsonObject hangup = Await.value("call.hangup", WAIT, () -> h.app.eventsFor(id).stream()
        .filter(e -> e.getJsonObject("data").getString("event_type").equals("call.hangup")).findFirst().orElse(null));
    JsonObject inbound = hangup.getJsonObject("data").getJsonObject("payload").getJsonObject("call_quality_stats")
        .getJsonObject("inbound");
    long lost = Long.parseLong(inbound.getString("skip_packet_count"));
    long got = Long.parseLong(inbound.getString("packet_count"));
    assertThat(lost).isPositive();
    assertThat(100.0 * lost / (lost + got)).isCloseTo(30.0, within(15.0));
    assertThat(Double.parseDouble(inbound.getString("mos"))).isLessThan(4.0);
  }
}
