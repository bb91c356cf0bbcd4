package org.telops.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telops.runtime.it.RuntimeHarness.await;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.call.CallIds;
import org.telops.runtime.Fixtures;
import org.telops.signatures.twilio.TwilioSignatures;

/** 10,000 malformed frames on live calls: every call goes on and the process stays healthy. */
class FuzzIT {
  static RuntimeHarness rt;
  static Vertx carrierVertx;

  @BeforeAll
  static void start() throws Exception {
    rt = RuntimeHarness.start(Map.of("TELOPS_AGENT_ENGINE", "echo"));
    carrierVertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    carrierVertx.close().toCompletionStage().toCompletableFuture().get();
    rt.close();
  }

  static String malformed(Random r, int i) {
    String b64 = Base64.getEncoder().encodeToString(new byte[160]);
    switch (i % 16) {
      case 0: return "not json at all " + r.nextInt();
      case 1: return "{\"event\":\"media\",\"media\":{\"payload\":\"%%%notbase64%%%\"}}";
      case 2: return "{\"event\":\"" + Long.toHexString(r.nextLong()) + "\"}";
      case 3: return "{\"event\":\"media\"}";
      case 4: return "{\"event\":\"media\",\"media\":{\"chunk\":\"abc\",\"payload\":\"" + b64 + "\"}}";
      case 5: return "[\"event\",\"media\"]";
      case 6: return "{\"event\":\"dtmf\",\"dtmf\":{\"digit\":\"" + (char) ('a' + r.nextInt(20)) + "\"}}";
      case 7: return "{\"event\":\"mark\",\"mark\":{}}";
      case 8: return "{\"event\":null,\"media\":7}";
      case 9: return "{\"event\":\"start\",\"start\":{\"streamSid\":\"x\"}}";
      case 10: return "{\"event\":\"media\",\"media\":{\"chunk\":\"" + Long.MAX_VALUE + "\",\"timestamp\":\"-5\",\"payload\":\"AAAA\"}}";
      case 11: return "{\"event\":\"mark\",\"mark\":{\"name\":\"u999.end\"}}";
      case 12: return "{\"event\":\"media\",\"media\":{\"payload\":\"\"}}";
      case 13: return "{\"event\":\"media\",\"media\":{\"payload\":{\"nested\":[1,2,3]}}}";
      case 14: return "{\"event\":\"connected\",\"extra\":" + "[".repeat(50) + "]".repeat(50) + "}";
      default: return "{\"event\":\"media\",\"media\":{\"chunk\":\"1\",\"timestamp\":\"0\",\"payload\":\"" + b64 + "\"}}";
    }
  }

  @Test
  @DisplayName("10,000 malformed, binary and oversized frames are counted and logged once per kind; the call still echoes and a new call works")
  void fuzz() throws Exception {
    String sid = "CAfuzz";
    String wsUrl = "ws://127.0.0.1:" + rt.port + "/media/twilio";
    Map<String, String> signed = Map.of(TwilioSignatures.HEADER, TwilioSignatures.sign(RuntimeHarness.TWILIO_TOKEN, wsUrl, Map.of()));
    Random random = new Random(42);
    try (CarrierStream call = CarrierStream.connect(carrierVertx, rt.port, "/media/twilio", signed, CarrierStream.Dialect.TWILIO, 1)) {
      // Garbage before the start event too.
      for (int i = 0; i < 200; i++) {
        call.sendText(malformed(random, i));
      }
      call.start(sid, Map.of(), null);
      String bigPayload = "x".repeat(70 * 1024);
      int expectedBad = 200; // everything before start is refused
      for (int i = 200; i < 10_000; i++) {
        if (i % 500 == 0) {
          call.sendText("{\"event\":\"media\",\"media\":{\"payload\":\"" + bigPayload + "\"}}"); // over 64 KiB
          expectedBad++;
        } else if (i % 97 == 0) {
          call.sendBinary(new byte[] {1, 2, 3, (byte) i});
          expectedBad++;
        } else {
          call.sendText(malformed(random, i));
          // 11, 12, 14, 15 are odd but valid (an unknown mark, an empty payload, extra fields, a duplicate
          // of chunk 1); 10 is well-formed media whose chunk jumps by 2^63, which is refused too.
          expectedBad += List.of(11, 12, 14, 15).contains(i % 16) ? 0 : 1;
        }
      }
      int expected = expectedBad;
      try {
        await("every bad frame counted", Duration.ofSeconds(30), () -> rt.counterTotal("telops_media_bad_frames") >= expected);
      } catch (AssertionError e) {
        StringBuilder sb = new StringBuilder(e.getMessage() + ": expected " + expected + ", counted");
        rt.meters.find("telops_media_bad_frames").counters().forEach(c -> sb.append(' ').append(c.getId().getTag("kind")).append('=').append(c.count()));
        throw new AssertionError(sb.toString());
      }
      // The same call still works: audio sent now comes back from the echo engine (after one second in
      // which the session learns that the fuzz's absurd chunk numbers were not the real numbering).
      int before = call.mediaFrames.get();
      call.stream(Fixtures.concat(Fixtures.audio("caller-hours"), Fixtures.audio("caller-hours")), null).get(10, java.util.concurrent.TimeUnit.SECONDS);
      await("echo after the fuzz", Duration.ofSeconds(5), () -> call.mediaFrames.get() >= before + 50);
      assertThat(call.isClosed()).isFalse();
    }
    assertThat(rt.counter("telops_media_bad_frames", "carrier", "twilio", "kind", "oversize-frame")).isEqualTo(19);
    assertThat(rt.counter("telops_media_bad_frames", "carrier", "twilio", "kind", "binary-frame")).isPositive();
    assertThat(rt.counter("telops_media_bad_frames", "carrier", "twilio", "kind", "non-json")).isPositive();
    assertThat(rt.counter("telops_media_bad_frames", "carrier", "twilio", "kind", "bad-base64")).isPositive();
    assertThat(rt.counter("telops_media_bad_frames", "carrier", "twilio", "kind", "before-start")).isPositive();
    assertThat(rt.ready()).isTrue();
    await("CDR of the fuzzed call", Duration.ofSeconds(10), () -> rt.cdrs.stream().anyMatch(c -> c.callId().equals(CallIds.of("twilio", sid))));

    // A fresh call on the same process works.
    try (CarrierStream next = CarrierStream.connect(carrierVertx, rt.port, "/media/twilio", signed, CarrierStream.Dialect.TWILIO, 1)) {
      next.start("CAafterfuzz", Map.of(), null);
      next.stream(Fixtures.audio("caller-hours"), null).get(10, java.util.concurrent.TimeUnit.SECONDS);
      await("echo on a new call", Duration.ofSeconds(5), () -> next.mediaFrames.get() >= 50);
    }
  }

  @Test
  @DisplayName("fragmented messages are put together: media in fragments is played, a fragmented oversize or binary message is refused and the call goes on")
  void fragments() throws Exception {
    String wsUrl = "ws://127.0.0.1:" + rt.port + "/media/twilio";
    Map<String, String> signed = Map.of(TwilioSignatures.HEADER, TwilioSignatures.sign(RuntimeHarness.TWILIO_TOKEN, wsUrl, Map.of()));
    double oversize = rt.counter("telops_media_bad_frames", "carrier", "twilio", "kind", "oversize-frame");
    double binary = rt.counter("telops_media_bad_frames", "carrier", "twilio", "kind", "binary-frame");
    try (CarrierStream call = CarrierStream.connect(carrierVertx, rt.port, "/media/twilio", signed, CarrierStream.Dialect.TWILIO, 1)) {
      call.start("CAfragments", Map.of(), null);
      call.sendFragmented(("{\"event\":\"media\",\"media\":{\"payload\":\"" + "A".repeat(80 * 1024) + "\"}}")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8), 4, false);
      call.sendFragmented(new byte[300], 2, true);
      await("the oversize and the binary message counted", Duration.ofSeconds(10),
          () -> rt.counter("telops_media_bad_frames", "carrier", "twilio", "kind", "oversize-frame") == oversize + 1
              && rt.counter("telops_media_bad_frames", "carrier", "twilio", "kind", "binary-frame") == binary + 1);
      byte[] audio = Fixtures.audio("caller-hours");
      int frames = audio.length / 160;
      call.stream(audio, null).get(10, java.util.concurrent.TimeUnit.SECONDS); // chunks 1..frames
      await("echo after the refused messages", Duration.ofSeconds(5), () -> call.mediaFrames.get() >= frames - 5);
      int before = call.mediaFrames.get();
      for (int c = frames + 1; c <= frames + 60; c++) {
        int off = (c - frames - 1) * 160;
        String b64 = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(audio, off, off + 160));
        String frame = "{\"event\":\"media\",\"streamSid\":\"MZ1\",\"media\":{\"track\":\"inbound\",\"chunk\":\"" + c
            + "\",\"timestamp\":\"" + (c - 1) * 20 + "\",\"payload\":\"" + b64 + "\"}}";
        call.sendFragmented(frame.getBytes(java.nio.charset.StandardCharsets.UTF_8), 3, false);
      }
      await("60 fragmented media frames echoed", Duration.ofSeconds(10), () -> call.mediaFrames.get() >= before + 60);
      assertThat(call.isClosed()).isFalse();
    }
  }
}
