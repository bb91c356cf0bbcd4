package org.telops.carriersim;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CallbackChaosIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  @DisplayName("With reorder and duplicate at 100 %, every status callback arrives twice and out of order, still signed and numbered")
  void twilioCallbacksShuffled() {
    try (SimHarness h = new SimHarness(Map.of("TELOPS_SIM_CALLBACK_REORDER_PERCENT", "100",
        "TELOPS_SIM_CALLBACK_DUPLICATE_PERCENT", "100", "TELOPS_SIM_CALLBACK_HOLD_MS", "5000"))) {
      Call call = Call.creator(new PhoneNumber("+12025550400"), new PhoneNumber("+12025550100"),
              new Twiml("<Response><Pause length=\"60\"/></Response>"))
          .setStatusCallback(URI.create(h.app.base + "/carriers/twilio/status"))
          .setStatusCallbackEvent(List.of("initiated", "ringing", "answered", "completed")).create(h.twilioSdk());
      Await.until("the answered callback", WAIT, () -> h.app.statusFor(call.getSid()).stream()
          .anyMatch(m -> "ringing".equals(m.get("CallStatus"))));
      Await.sleep(200);
      Call.updater(call.getSid()).setStatus(Call.UpdateStatus.COMPLETED).update(h.twilioSdk());
      Await.until("eight callbacks", WAIT, () -> h.app.statusFor(call.getSid()).size() == 8);
      List<String> order = h.app.statusFor(call.getSid()).stream().map(m -> m.get("SequenceNumber")).toList();
      assertThat(order).containsExactly("1", "1", "0", "0", "3", "3", "2", "2");
      Map<String, String> statusBySeq = h.app.statusFor(call.getSid()).stream()
          .collect(Collectors.toMap(m -> m.get("SequenceNumber"), m -> m.get("CallStatus"), (a, b) -> a));
      assertThat(statusBySeq).containsExactlyInAnyOrderEntriesOf(Map.of("0", "initiated", "1", "ringing",
          "2", "in-progress", "3", "completed"));
      assertThat(h.app.signatureFailures).isEmpty();
    }
  }

  @Test
  @DisplayName("Telnyx events are shuffled and doubled the same way, each copy signed")
  void telnyxEventsShuffled() {
    try (SimHarness h = new SimHarness(Map.of("TELOPS_SIM_CALLBACK_REORDER_PERCENT", "100",
        "TELOPS_SIM_CALLBACK_DUPLICATE_PERCENT", "100", "TELOPS_SIM_CALLBACK_HOLD_MS", "300"))) {
      WebClient client = WebClient.create(h.vertx);
      String id = Await.result(client.postAbs(h.base() + "/v2/calls").putHeader("Authorization", "Bearer " + SimHarness.TELNYX_KEY)
              .sendJsonObject(new JsonObject().put("to", "+12025550401").put("from", "+12025550100")))
          .bodyAsJsonObject().getJsonObject("data").getString("call_control_id");
      Await.until("call.answered", WAIT, () -> types(h, id).contains("call.answered"));
      Await.result(client.postAbs(h.base() + "/v2/calls/" + id + "/actions/hangup")
          .putHeader("Authorization", "Bearer " + SimHarness.TELNYX_KEY).sendJsonObject(new JsonObject()));
      Await.until("six events", WAIT, () -> types(h, id).size() == 6);
      assertThat(types(h, id)).containsExactlyInAnyOrder("call.initiated", "call.initiated", "call.answered",
          "call.answered", "call.hangup", "call.hangup");
      assertThat(types(h, id).get(0)).isNotEqualTo("call.initiated");
      assertThat(h.app.signatureFailures).isEmpty();
      client.close();
    }
  }

  private static List<String> types(SimHarness h, String id) {
    return h.app.eventsFor(id).stream().map(e -> e.getJsonObject("data").getString("event_type")).toList();
  }
}
