package org.telops.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.runtime.telnyx.TelnyxSerializer;
import org.telops.runtime.twilio.TwilioSerializer;

class SerializersTest {
  static final String PAYLOAD = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, (byte) 0xFF});

  @Test
  @DisplayName("Twilio frames become runtime frames, with string numbers and custom parameters read")
  void twilioIn() {
    TwilioSerializer t = new TwilioSerializer();
    assertThat(t.parse("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}")).isInstanceOf(InboundFrame.Connected.class);
    InboundFrame.Start s = (InboundFrame.Start) t.parse("{\"event\":\"start\",\"sequenceNumber\":\"1\",\"streamSid\":\"MZ1\","
        + "\"start\":{\"streamSid\":\"MZ1\",\"accountSid\":\"AC1\",\"callSid\":\"CA1\",\"tracks\":[\"inbound\"],"
        + "\"customParameters\":{\"tenant\":\"acme\",\"to\":\"+15550100\"},"
        + "\"mediaFormat\":{\"encoding\":\"audio/x-mulaw\",\"sampleRate\":8000,\"channels\":1}}}");
    assertThat(s.carrierCallId()).isEqualTo("CA1");
    assertThat(s.streamId()).isEqualTo("MZ1");
    assertThat(s.params()).containsEntry("tenant", "acme");
    assertThat(s.toNumber()).isEqualTo("+15550100");
    assertThat(s.sampleRateHz()).isEqualTo(8000);
    InboundFrame.Media m = (InboundFrame.Media) t.parse("{\"event\":\"media\",\"sequenceNumber\":\"3\",\"streamSid\":\"MZ1\","
        + "\"media\":{\"track\":\"inbound\",\"chunk\":\"2\",\"timestamp\":\"20\",\"payload\":\"" + PAYLOAD + "\"}}");
    assertThat(m.inbound()).isTrue();
    assertThat(m.chunk()).isEqualTo(2);
    assertThat(m.timestampMs()).isEqualTo(20);
    assertThat(m.ulaw()).containsExactly(1, 2, 3, 0xFF);
    assertThat(t.parse("{\"event\":\"dtmf\",\"streamSid\":\"MZ1\",\"dtmf\":{\"track\":\"inbound_track\",\"digit\":\"#\"}}"))
        .isEqualTo(new InboundFrame.Dtmf('#'));
    assertThat(t.parse("{\"event\":\"mark\",\"streamSid\":\"MZ1\",\"mark\":{\"name\":\"u1.end\"}}")).isEqualTo(new InboundFrame.Mark("u1.end"));
    assertThat(t.parse("{\"event\":\"stop\",\"streamSid\":\"MZ1\",\"stop\":{\"callSid\":\"CA1\"}}")).isInstanceOf(InboundFrame.Stop.class);
  }

  @Test
  @DisplayName("Twilio outbound frames carry the stream sid and are valid JSON")
  void twilioOut() {
    TwilioSerializer t = new TwilioSerializer();
    t.parse("{\"event\":\"start\",\"start\":{\"streamSid\":\"MZ\\\"x\",\"callSid\":\"CA1\"}}");
    JsonObject media = new JsonObject(t.encodeMedia(new byte[] {1, 2, 3, (byte) 0xFF}));
    assertThat(media.getString("event")).isEqualTo("media");
    assertThat(media.getString("streamSid")).isEqualTo("MZ\"x");
    assertThat(media.getJsonObject("media").getString("payload")).isEqualTo(PAYLOAD);
    assertThat(new JsonObject(t.encodeMark("u1.500")).getJsonObject("mark").getString("name")).isEqualTo("u1.500");
    assertThat(new JsonObject(t.encodeClear()).getString("event")).isEqualTo("clear");
  }

  @Test
  @DisplayName("Bad input becomes a counted kind instead of an exception")
  void badInput() {
    TwilioSerializer t = new TwilioSerializer();
    assertThat(kind(t.parse("not json"))).isEqualTo(BadInput.NON_JSON);
    assertThat(kind(t.parse("[1,2]"))).isEqualTo(BadInput.NON_JSON);
    assertThat(kind(t.parse("{\"foo\":1}"))).isEqualTo(BadInput.MISSING_FIELD);
    assertThat(kind(t.parse("{\"event\":\"party\"}"))).isEqualTo(BadInput.UNKNOWN_EVENT);
    assertThat(kind(t.parse("{\"event\":\"media\"}"))).isEqualTo(BadInput.MISSING_FIELD);
    assertThat(kind(t.parse("{\"event\":\"media\",\"media\":{\"payload\":\"@@@\"}}"))).isEqualTo(BadInput.BAD_BASE64);
    assertThat(kind(t.parse("{\"event\":\"media\",\"media\":{\"chunk\":\"x\",\"payload\":\"AA==\"}}"))).isEqualTo(BadInput.BAD_VALUE);
    assertThat(kind(t.parse("{\"event\":\"dtmf\",\"dtmf\":{\"digit\":\"Z\"}}"))).isEqualTo(BadInput.BAD_VALUE);
    assertThat(kind(t.parse("{\"event\":\"start\",\"start\":{}}"))).isEqualTo(BadInput.MISSING_FIELD);
  }

  @Test
  @DisplayName("Telnyx frames: snake_case, ids from client_state, error frames, outbound track recognised")
  void telnyxIn() {
    TelnyxSerializer t = new TelnyxSerializer();
    String state = Base64.getEncoder().encodeToString("{\"tenant\":\"acme\",\"engine\":\"echo\"}".getBytes(StandardCharsets.UTF_8));
    InboundFrame.Start s = (InboundFrame.Start) t.parse("{\"event\":\"start\",\"sequence_number\":\"1\",\"stream_id\":\"S1\","
        + "\"start\":{\"call_control_id\":\"v3:abc\",\"from\":\"+1555\",\"to\":\"+1666\",\"client_state\":\"" + state + "\","
        + "\"custom_parameters\":{\"agent\":\"bot\"},\"media_format\":{\"encoding\":\"PCMU\",\"sample_rate\":8000,\"channels\":1}}}");
    assertThat(s.carrierCallId()).isEqualTo("v3:abc");
    assertThat(s.streamId()).isEqualTo("S1");
    assertThat(s.params()).containsEntry("tenant", "acme").containsEntry("engine", "echo").containsEntry("agent", "bot");
    assertThat(s.encoding()).isEqualTo("PCMU");
    InboundFrame.Media m = (InboundFrame.Media) t.parse("{\"event\":\"media\",\"sequence_number\":\"7\",\"stream_id\":\"S1\","
        + "\"media\":{\"track\":\"outbound\",\"chunk\":\"5\",\"timestamp\":\"100\",\"payload\":\"" + PAYLOAD + "\"}}");
    assertThat(m.inbound()).isFalse();
    assertThat(m.chunk()).isEqualTo(5);
    InboundFrame.CarrierError e = (InboundFrame.CarrierError) t.parse(
        "{\"event\":\"error\",\"stream_id\":\"S1\",\"payload\":{\"code\":100003,\"title\":\"malformed_frame\",\"detail\":\"x\"}}");
    assertThat(e.code()).isEqualTo("100003");
    assertThat(e.title()).isEqualTo("malformed_frame");
    assertThat(new JsonObject(t.encodeMedia(new byte[] {1})).containsKey("stream_id")).isFalse();
    assertThat(new JsonObject(t.encodeClear()).getString("event")).isEqualTo("clear");
  }

  private static BadInput kind(InboundFrame f) {
    assertThat(f).isInstanceOf(InboundFrame.Bad.class);
    return ((InboundFrame.Bad) f).kind();
  }
}
