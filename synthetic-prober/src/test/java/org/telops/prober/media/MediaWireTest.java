package org.telops.prober.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MediaWireTest {
  @Test
  @DisplayName("Twilio frames are read with their string chunk and timestamp, and our audio goes back with the streamSid")
  void twilio() {
    MediaWire w = MediaWire.of("twilio");
    assertThat(w.parse("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}").kind())
        .isEqualTo(MediaEvent.Kind.CONNECTED);
    MediaEvent start = w.parse("{\"event\":\"start\",\"sequenceNumber\":\"1\",\"start\":{\"streamSid\":\"MZ1\",\"callSid\":\"CA1\"},\"streamSid\":\"MZ1\"}");
    assertThat(start.kind()).isEqualTo(MediaEvent.Kind.START);
    assertThat(start.streamId()).isEqualTo("MZ1");
    MediaEvent m = w.parse("{\"event\":\"media\",\"streamSid\":\"MZ1\",\"media\":{\"track\":\"inbound\",\"chunk\":\"7\","
        + "\"timestamp\":\"120\",\"payload\":\"//8=\"}}");
    assertThat(m.kind()).isEqualTo(MediaEvent.Kind.MEDIA);
    assertThat(m.chunk()).isEqualTo(7);
    assertThat(m.timestampMs()).isEqualTo(120);
    assertThat(m.payload()).containsExactly((byte) 0xFF, (byte) 0xFF);
    JsonObject out = new JsonObject(w.media("MZ1", new byte[] {(byte) 0xFF}));
    assertThat(out.getString("event")).isEqualTo("media");
    assertThat(out.getString("streamSid")).isEqualTo("MZ1");
    assertThat(out.getJsonObject("media").getString("payload")).isEqualTo("/w==");
    assertThat(w.parse("not json").kind()).isEqualTo(MediaEvent.Kind.MALFORMED);
    assertThat(w.parse("{\"event\":\"media\",\"media\":{}}").kind()).isEqualTo(MediaEvent.Kind.MALFORMED);
  }

  @Test
  @DisplayName("Telnyx frames are read snake_case with numeric or string fields, and are reordered before analysis")
  void telnyx() {
    MediaWire w = MediaWire.of("telnyx");
    assertThat(w.parse("{\"event\":\"start\",\"stream_id\":\"S1\",\"start\":{\"call_control_id\":\"v3:x\"}}").streamId())
        .isEqualTo("S1");
    MediaEvent m = w.parse("{\"event\":\"media\",\"stream_id\":\"S1\",\"media\":{\"chunk\":3,\"timestamp\":40,\"payload\":\"AA==\"}}");
    assertThat(m.chunk()).isEqualTo(3);
    assertThat(m.timestampMs()).isEqualTo(40);
    assertThat(new JsonObject(w.media("S1", new byte[] {0})).containsKey("stream_id")).isFalse();
    assertThat(w.reorderFrames()).isPositive();
    assertThat(MediaWire.of("twilio").reorderFrames()).isZero();
  }
}
