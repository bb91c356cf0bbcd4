package org.telops.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.call.CallEvent;

class CallEventJsonTest {

  @Test
  @DisplayName("A call event with every field survives toJson, encoding and fromJson unchanged")
  void roundTrip() {
    CallEvent e = new CallEvent(CallEvent.Type.ANSWERED, "c-1", "CA1", "twilio", "us-east", "acme",
        Instant.parse("2026-11-21T03:00:08Z"), Map.of("reason", "hangup"));
    JsonObject json = CallEventJson.toJson(e);
    assertThat(json.getString("type")).isEqualTo("answered");
    assertThat(CallEventJson.fromJson(new JsonObject(json.encode()))).isEqualTo(e);
  }

  @Test
  @DisplayName("Optional fields of a call event are omitted when absent")
  void omitsAbsent() {
    CallEvent e = new CallEvent(CallEvent.Type.STARTED, "c-1", null, null, null, null,
        Instant.parse("2026-11-21T03:00:00Z"), null);
    assertThat(CallEventJson.toJson(e).fieldNames()).containsExactlyInAnyOrder("type", "callId", "at");
  }

  @Test
  @DisplayName("A call event without type, callId or a valid time is refused naming the field")
  void refusesMissing() {
    JsonObject ok = new JsonObject().put("type", "ended").put("callId", "c-1").put("at", "2026-11-21T03:00:00Z");
    assertThat(CallEventJson.fromJson(ok).type()).isEqualTo(CallEvent.Type.ENDED);
    for (String field : new String[] {"type", "callId", "at"}) {
      JsonObject missing = ok.copy();
      missing.remove(field);
      assertThatThrownBy(() -> CallEventJson.fromJson(missing)).isInstanceOf(InvalidFieldException.class)
          .extracting(x -> ((InvalidFieldException) x).field()).isEqualTo(field);
    }
    assertThatThrownBy(() -> CallEventJson.fromJson(ok.copy().put("type", "paused")))
        .isInstanceOf(InvalidFieldException.class).hasMessageContaining("type");
    assertThatThrownBy(() -> CallEventJson.fromJson(ok.copy().put("at", "now")))
        .isInstanceOf(InvalidFieldException.class).hasMessageContaining("'now'");
  }
}
