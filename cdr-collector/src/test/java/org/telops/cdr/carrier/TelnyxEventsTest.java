package org.telops.cdr.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.call.CallIds;
import org.telops.contracts.call.CallOutcome;
import org.telops.contracts.call.CallRecord;
import org.telops.contracts.call.CallState;
import org.telops.contracts.call.Direction;
import org.telops.contracts.call.RecordSource;

class TelnyxEventsTest {
  private static final String CCID = "v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg";
  private static final Instant RECEIVED = Instant.parse("2026-11-21T03:00:00Z");

  /** The call.hangup example of the Telnyx Call Control documentation. */
  private static final String HANGUP_EXAMPLE = """
      {
        "data": {
          "record_type": "event",
          "event_type": "call.hangup",
          "id": "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0",
          "occurred_at": "2018-02-02T22:25:27.521992Z",
          "payload": {
            "call_control_id": "v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg",
            "connection_id": "7267xxxxxxxxxxxxxx",
            "call_leg_id": "428c31b6-7af4-4bcb-b7f5-5013ef9657c1",
            "call_session_id": "428c31b6-abf3-3bc1-b7f4-5013ef9657c1",
            "client_state": "aGF2ZSBhIG5pY2UgZGF5ID1d",
            "from": "+35319605860",
            "to": "+13129457420",
            "start_time": "2018-02-02T22:20:27.521992Z",
            "end_time": "2018-02-02T22:25:27.521992Z",
            "hangup_cause": "call_rejected",
            "hangup_source": "caller",
            "sip_hangup_cause": "603",
            "call_quality_stats": {
              "inbound": {"jitter_max_variance": "2.74", "jitter_packet_count": "0", "mos": "4.50",
                          "packet_count": "591", "skip_packet_count": "9"},
              "outbound": {"packet_count": "0", "skip_packet_count": "0"}
            }
          }
        },
        "meta": {"attempt": 1, "delivered_to": "http://example.com/webhooks"}
      }
      """;

  private static JsonObject example() {
    return new JsonObject(HANGUP_EXAMPLE);
  }

  private static JsonObject payload(JsonObject webhook) {
    return webhook.getJsonObject("data").getJsonObject("payload");
  }

  private static CallRecord fragment(JsonObject webhook) {
    Optional<CallRecord> f = TelnyxEvents.toFragment(webhook, RECEIVED);
    assertThat(f).isPresent();
    return f.get();
  }

  private static JsonObject event(String type, JsonObject payload) {
    return new JsonObject().put("data", new JsonObject().put("event_type", type)
        .put("occurred_at", "2026-11-21T03:00:05Z").put("payload", payload.put("call_control_id", CCID)));
  }

  private static String clientState(String json) {
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("The documented call.hangup example is a failed call with its quality and SIP cause")
  void documentedHangup() {
    CallRecord r = fragment(example());
    assertThat(r.callId()).isEqualTo(CallIds.of("telnyx", CCID));
    assertThat(r.carrierCallId()).isEqualTo(CCID);
    assertThat(r.carrier()).isEqualTo("telnyx");
    assertThat(r.source()).isEqualTo(RecordSource.CARRIER);
    assertThat(r.state()).isEqualTo(CallState.ENDED);
    assertThat(r.outcome()).isEqualTo(CallOutcome.FAILED);
    assertThat(r.hangupCause()).isEqualTo("call_rejected (sip 603)");
    assertThat(r.attemptedAt()).isEqualTo(Instant.parse("2018-02-02T22:20:27.521992Z"));
    assertThat(r.endedAt()).isEqualTo(Instant.parse("2018-02-02T22:25:27.521992Z"));
    assertThat(r.fromNumber()).isEqualTo("+35319605860");
    assertThat(r.toNumber()).isEqualTo("+13129457420");
    assertThat(r.quality().mos()).isEqualTo(4.5);
    assertThat(r.quality().jitterMs()).isEqualTo(2.74);
    assertThat(r.quality().lossPercent()).isCloseTo(1.5, within(1e-9));
    assertThat(r.usage().telephonySeconds()).as("only a normal clearing is billed time").isNull();
    assertThat(r.sequence()).isEqualTo(1_517_610_327_521L);
  }

  @Test
  @DisplayName("A foreign client_state, like the example's 'have a nice day', is ignored rather than refused")
  void foreignClientStateIgnored() {
    CallRecord r = fragment(example());
    assertThat(r.tenant()).isNull();
    assertThat(r.region()).isNull();
    assertThat(r.agent()).isNull();
    JsonObject notBase64 = example();
    payload(notBase64).put("client_state", "%%% not base64 %%%");
    assertThat(fragment(notBase64).tenant()).isNull();
    JsonObject array = example();
    payload(array).put("client_state", clientState("[\"acme\"]"));
    assertThat(fragment(array).tenant()).isNull();
  }

  @Test
  @DisplayName("Our client_state (base64 JSON with tenant, region, agent) is read")
  void ownClientState() {
    JsonObject w = example();
    payload(w).put("client_state", clientState("{\"tenant\":\"acme\",\"region\":\"eu-west\",\"agent\":\"support-bot\"}"));
    CallRecord r = fragment(w);
    assertThat(r.tenant()).isEqualTo("acme");
    assertThat(r.region()).isEqualTo("eu-west");
    assertThat(r.agent()).isEqualTo("support-bot");
  }

  @Test
  @DisplayName("normal_clearing is a completed call whose telephony seconds run from start to end")
  void normalClearing() {
    JsonObject w = example();
    payload(w).put("hangup_cause", "normal_clearing").remove("sip_hangup_cause");
    CallRecord r = fragment(w);
    assertThat(r.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(r.hangupCause()).isEqualTo("normal_clearing");
    assertThat(r.usage().telephonySeconds()).isEqualTo(300L);
  }

  @Test
  @DisplayName("Hang-up causes map to busy, no-answer, canceled and failed")
  void hangupCauses() {
    String[][] cases = {{"user_busy", "BUSY"}, {"USER_BUSY", "BUSY"}, {"timeout", "NO_ANSWER"},
        {"originator_cancel", "CANCELED"}, {"time_limit", "COMPLETED"}, {"unallocated_number", "FAILED"}};
    for (String[] c : cases) {
      JsonObject w = example();
      payload(w).put("hangup_cause", c[0]);
      assertThat(fragment(w).outcome()).as(c[0]).isEqualTo(CallOutcome.valueOf(c[1]));
    }
    JsonObject noCause = example();
    payload(noCause).remove("hangup_cause");
    assertThat(fragment(noCause).outcome()).isEqualTo(CallOutcome.FAILED);
    assertThat(fragment(noCause).hangupCause()).startsWith("unspecified");
  }

  @Test
  @DisplayName("A hangup whose hangup_cause is JSON null reads like one without a cause instead of crashing")
  void nullHangupCause() {
    JsonObject w = example();
    payload(w).putNull("hangup_cause");
    CallRecord r = fragment(w);
    assertThat(r.outcome()).isEqualTo(CallOutcome.FAILED);
    assertThat(r.hangupCause()).startsWith("unspecified");
  }

  @Test
  @DisplayName("call.initiated is an attempt at start_time and call.answered an answer at occurred_at")
  void initiatedAndAnswered() {
    CallRecord initiated = fragment(event("call.initiated",
        new JsonObject().put("start_time", "2026-11-21T03:00:04Z").put("direction", "incoming").put("from", "+1555")));
    assertThat(initiated.state()).isEqualTo(CallState.ATTEMPTED);
    assertThat(initiated.attemptedAt()).isEqualTo(Instant.parse("2026-11-21T03:00:04Z"));
    assertThat(initiated.direction()).isEqualTo(Direction.INBOUND);
    assertThat(initiated.fromNumber()).isEqualTo("+1555");
    assertThat(initiated.outcome()).isNull();

    CallRecord answered = fragment(event("call.answered", new JsonObject().put("direction", "outgoing")));
    assertThat(answered.state()).isEqualTo(CallState.ANSWERED);
    assertThat(answered.answeredAt()).isEqualTo(Instant.parse("2026-11-21T03:00:05Z"));
    assertThat(answered.direction()).isEqualTo(Direction.OUTBOUND);
    assertThat(answered.sequence()).isEqualTo(Instant.parse("2026-11-21T03:00:05Z").toEpochMilli());
  }

  @Test
  @DisplayName("Events that say nothing about the CDR, like call.playback.ended, give no fragment")
  void otherEventsEmpty() {
    assertThat(TelnyxEvents.toFragment(event("call.playback.ended", new JsonObject()), RECEIVED)).isEmpty();
    assertThat(TelnyxEvents.toFragment(new JsonObject().put("data", new JsonObject()), RECEIVED)).isEmpty();
  }

  @Test
  @DisplayName("Without occurred_at the receive time is the event time and the sequence")
  void occurredAtFallback() {
    JsonObject w = event("call.answered", new JsonObject());
    w.getJsonObject("data").remove("occurred_at");
    CallRecord r = fragment(w);
    assertThat(r.answeredAt()).isEqualTo(RECEIVED);
    assertThat(r.sequence()).isEqualTo(RECEIVED.toEpochMilli());
  }

  @Test
  @DisplayName("A webhook without data, payload or call_control_id, or with a bad time, is refused naming what is wrong")
  void refused() {
    assertThatThrownBy(() -> TelnyxEvents.toFragment(new JsonObject(), RECEIVED))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data");
    JsonObject noPayload = example();
    noPayload.getJsonObject("data").remove("payload");
    assertThatThrownBy(() -> TelnyxEvents.toFragment(noPayload, RECEIVED))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload");
    JsonObject noId = example();
    payload(noId).remove("call_control_id");
    assertThatThrownBy(() -> TelnyxEvents.toFragment(noId, RECEIVED))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("call_control_id");
    JsonObject badTime = example();
    badTime.getJsonObject("data").put("occurred_at", "02/02/2018 22:25");
    assertThatThrownBy(() -> TelnyxEvents.toFragment(badTime, RECEIVED))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("02/02/2018 22:25");
  }

  @Test
  @DisplayName("A MOS outside 1–4.5 is clamped and missing packet counts give no loss figure")
  void qualityBounds() {
    JsonObject w = example();
    payload(w).getJsonObject("call_quality_stats").put("inbound", new JsonObject().put("mos", 4.9));
    CallRecord r = fragment(w);
    assertThat(r.quality().mos()).isEqualTo(4.5);
    assertThat(r.quality().lossPercent()).isNull();
    payload(w).remove("call_quality_stats");
    assertThat(fragment(w).quality().isEmpty()).isTrue();
  }
}
