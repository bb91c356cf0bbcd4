package org.telops.runtime.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.telops.runtime.telnyx.TelnyxSerializer;
import org.telops.runtime.twilio.TwilioSerializer;

/** The byte-level media reader reads what the carriers send and hands everything else to the tree parser. */
class MediaFrameReaderTest {
  static final byte[] AUDIO = new byte[160];

  static {
    new Random(7).nextBytes(AUDIO);
  }

  static final String B64 = Base64.getEncoder().encodeToString(AUDIO);

  static InboundFrame.Media read(String json) {
    byte[] b = ("xx" + json + "yy").getBytes(StandardCharsets.UTF_8); // an offset into a larger array, as from a socket
    return MediaFrameReader.read(b, 2, b.length - 4);
  }

  @Test
  void readsTwilioAndTelnyxMediaFrames() {
    InboundFrame.Media t = read("{\"event\":\"media\",\"sequenceNumber\":\"3\",\"streamSid\":\"MZ1\",\"media\":{\"track\":\"inbound\","
        + "\"chunk\":\"2\",\"timestamp\":\"40\",\"payload\":\"" + B64 + "\"}}");
    assertNotNull(t);
    assertTrue(t.inbound());
    assertEquals(2, t.chunk());
    assertEquals(40, t.timestampMs());
    assertArrayEquals(AUDIO, t.ulaw());
    // Telnyx: snake_case, stream id last, chunk missing → sequence number; numbers as numbers, spaces.
    InboundFrame.Media x = read("{\"event\":\"media\", \"sequence_number\": 9, \"media\": {\"track\": \"inbound_track\", "
        + "\"timestamp\": 160, \"payload\": \"" + B64 + "\"}, \"stream_id\": \"abc\"}");
    assertNotNull(x);
    assertTrue(x.inbound());
    assertEquals(9, x.chunk());
    assertEquals(160, x.timestampMs());
    assertArrayEquals(AUDIO, x.ulaw());
    assertFalse(read("{\"event\":\"media\",\"media\":{\"track\":\"outbound\",\"payload\":\"" + B64 + "\"}}").inbound());
    // Unknown fields, nested, with braces inside strings, are skipped.
    assertNotNull(read("{\"event\":\"media\",\"extra\":{\"a\":[1,{\"b\":\"}]\"}],\"c\":null},\"media\":{\"payload\":\"" + B64
        + "\",\"more\":[true]},\"n\":-1.5e3}"));
  }

  @Test
  void leavesEverythingUnusualToTheTreeParser() {
    assertNull(read("{\"event\":\"mark\",\"mark\":{\"name\":\"x\"}}"), "other events");
    assertNull(read("{\"streamSid\":\"MZ1\",\"event\":\"media\",\"media\":{\"payload\":\"" + B64 + "\"}}"), "event not first");
    assertNull(read("{\"event\":\"media\",\"media\":{\"payload\":\"AAA\\u0041\"}}"), "escapes");
    assertNull(read("{\"event\":\"media\",\"media\":{\"payload\":\"not base64!\"}}"), "bad base64");
    assertNull(read("{\"event\":\"media\",\"media\":{\"payload\":\"AAA\"}}"), "unpadded base64");
    assertNull(read("{\"event\":\"media\",\"media\":{\"chunk\":\"x1\",\"payload\":\"" + B64 + "\"}}"), "a chunk that is not a number");
    assertNull(read("{\"event\":\"media\",\"media\":{\"track\":\"inbound\"}}"), "no payload");
    assertNull(read("{\"event\":\"media\"}"), "no media");
    assertNull(read("{\"event\":\"media\",\"media\":{\"payload\":\"" + B64 + "\"}"), "truncated");
    assertNull(read("{\"event\":\"media\",\"media\":{\"payload\":\"" + B64 + "\"}} trailing"), "trailing bytes");
    assertNull(read("{\"event\":\"media\""), "cut short");
  }

  @Test
  void serializersGiveTheSameFrameEitherWay() {
    // A frame the fast reader declines still parses (tree path) to the same values.
    TwilioSerializer twilio = new TwilioSerializer();
    InboundFrame slow = twilio.parse("{\"streamSid\":\"MZ1\",\"event\":\"media\",\"media\":{\"chunk\":7,\"timestamp\":\"140\",\"payload\":\"" + B64 + "\"}}");
    InboundFrame.Media m = assertInstanceOf(InboundFrame.Media.class, slow);
    assertEquals(7, m.chunk());
    assertArrayEquals(AUDIO, m.ulaw());
    InboundFrame bad = twilio.parse("{\"event\":\"media\",\"media\":{\"payload\":\"not base64!\"}}");
    assertEquals(BadInput.BAD_BASE64, assertInstanceOf(InboundFrame.Bad.class, bad).kind());
    InboundFrame telnyx = new TelnyxSerializer().parse("{\"event\":\"media\",\"sequence_number\":\"4\",\"media\":{\"track\":\"inbound\","
        + "\"chunk\":\"2\",\"timestamp\":\"5\",\"payload\":\"" + B64 + "\"},\"stream_id\":\"s\"}");
    assertEquals(2, assertInstanceOf(InboundFrame.Media.class, telnyx).chunk());
  }

  @Test
  void base64MatchesTheJdkBothWays() {
    Random r = new Random(1);
    for (int n = 0; n < 400; n++) {
      byte[] src = new byte[n];
      r.nextBytes(src);
      byte[] out = new byte[3 + MediaFrameReader.base64Length(n)];
      int end = MediaFrameReader.encodeBase64(src, out, 3);
      String expected = Base64.getEncoder().encodeToString(src);
      assertEquals(expected, new String(out, 3, end - 3, StandardCharsets.US_ASCII));
      byte[] enc = expected.getBytes(StandardCharsets.US_ASCII);
      assertArrayEquals(src, MediaFrameReader.base64(enc, 0, enc.length), "length " + n);
    }
  }

  @Test
  void encodedMediaBytesAreTheSameTextAsTheStringEncoder() {
    TwilioSerializer twilio = new TwilioSerializer();
    assertEquals(twilio.encodeMedia(AUDIO), new String(twilio.encodeMediaBytes(AUDIO), StandardCharsets.UTF_8));
    twilio.parse("{\"event\":\"start\",\"start\":{\"streamSid\":\"MZ\\\"odd\",\"callSid\":\"CA1\"}}");
    assertEquals(twilio.encodeMedia(AUDIO), new String(twilio.encodeMediaBytes(AUDIO), StandardCharsets.UTF_8));
    TelnyxSerializer telnyx = new TelnyxSerializer();
    assertEquals(telnyx.encodeMedia(AUDIO), new String(telnyx.encodeMediaBytes(AUDIO), StandardCharsets.UTF_8));
  }

  static InboundFrame.Media socketFrame(TwilioSerializer t, long chunk, byte[] audio) {
    byte[] b = ("{\"event\":\"media\",\"media\":{\"chunk\":\"" + chunk + "\",\"payload\":\""
        + Base64.getEncoder().encodeToString(audio) + "\"}}").getBytes(StandardCharsets.UTF_8);
    return assertInstanceOf(InboundFrame.Media.class, t.parse(b, 0, b.length));
  }

  @Test
  void audioTheSocketReusesSurvivesReordering() {
    TwilioSerializer t = new TwilioSerializer();
    byte[][] audio = new byte[3][160];
    for (int i = 0; i < 3; i++) {
      java.util.Arrays.fill(audio[i], (byte) (i + 1));
    }
    ChunkReorderer r = new ChunkReorderer(4);
    java.util.List<byte[]> got = new java.util.ArrayList<>();
    java.util.function.Consumer<InboundFrame.Media> deliver = f -> got.add(f.ulaw().clone());
    r.offer(socketFrame(t, 1, audio[0]), deliver);
    r.offer(socketFrame(t, 3, audio[2]), deliver); // held back; the next parse reuses the array
    r.offer(socketFrame(t, 2, audio[1]), deliver);
    assertEquals(3, got.size());
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(audio[i], got.get(i), "frame " + (i + 1));
    }
  }
}
