package org.telops.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telops.runtime.it.RuntimeHarness.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.call.CallIds;
import org.telops.contracts.call.CallRecord;
import org.telops.runtime.Fixtures;
import org.telops.runtime.engine.pipeline.Speech;
import org.telops.signatures.twilio.TwilioSignatures;

/**
 * A whole Twilio call on engine "pipeline" with spoken caller audio (espeak-ng over μ-law 8 kHz): the caller
 * barges into the menu asking for the opening hours, hears them, says goodbye and the agent hangs up.
 * Needs Debian pocketsphinx, pocketsphinx-en-us, espeak-ng and sox (.ci/run installs them).
 */
class PipelineCallIT {
  static RuntimeHarness rt;
  static Vertx carrierVertx;

  @BeforeAll
  static void start() throws Exception {
    rt = RuntimeHarness.start(Map.of("TELOPS_AGENT_ENGINE", "pipeline", "TELOPS_STT_TIMEOUT_MS", "20000"));
    carrierVertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    carrierVertx.close().toCompletionStage().toCompletableFuture().get();
    rt.close();
  }

  static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Test
  @DisplayName("A caller asks for the opening hours by voice over the menu, hears them, says goodbye; turns carry STT time, the CDR STT seconds")
  void spokenCall() throws Exception {
    String callSid = "CApipe" + System.nanoTime();
    HttpResponse<String> twiml = TwilioCallIT.twilioPost(rt, "/carriers/twilio/voice?tenant=acme",
        Map.of("CallSid", callSid, "From", "+15550001", "To", "+15550002", "Direction", "inbound"), RuntimeHarness.TWILIO_TOKEN);
    String wsUrl = "ws://127.0.0.1:" + rt.port + "/media/twilio";
    byte[] hoursQuestion = Speech.ulaw("what are your opening hours");
    byte[] goodbye = Speech.ulaw("goodbye");
    try (CarrierStream call = CarrierStream.connect(carrierVertx, rt.port, "/media/twilio",
        Map.of(TwilioSignatures.HEADER, TwilioSignatures.sign(RuntimeHarness.TWILIO_TOKEN, wsUrl, Map.of())),
        CarrierStream.Dialect.TWILIO, 4)) {
      call.start(callSid, TwilioCallIT.parameters(twiml.body()), null);
      call.openMicrophone();
      await("greeting played to the end", Duration.ofSeconds(15), () -> call.marksEchoed.contains("u1.end"));
      byte[] greeting = Fixtures.prompt("greeting");
      await("menu playing", Duration.ofSeconds(5), () -> call.mediaFrames.get() > greeting.length / 160 + 25);

      call.say(hoursQuestion);
      await("barge-in clear", Duration.ofSeconds(10), () -> call.clears.get() == 1);
      await("the opening hours heard in full", Duration.ofSeconds(30), () -> contains(call.heard(), Fixtures.prompt("hours")));
      await("back in the menu", Duration.ofSeconds(30), () -> call.marksEchoed.stream().anyMatch(m -> m.startsWith("u4.")));

      call.say(goodbye);
      await("agent hangs up after the goodbye prompt", Duration.ofSeconds(40), call::isClosed);
      assertThat(contains(call.heard(), Fixtures.prompt("goodbye"))).as("goodbye prompt heard").isTrue();
      assertThat(contains(call.heard(), Fixtures.prompt("nomatch"))).as("no utterance was misheard").isFalse();
    }

    String callId = CallIds.of("twilio", callSid);
    await("CDR on the bus", Duration.ofSeconds(10), () -> rt.cdrs.stream().anyMatch(c -> c.callId().equals(callId)));
    CallRecord cdr = rt.cdrs.stream().filter(c -> c.callId().equals(callId)).findFirst().orElseThrow();
    assertThat(cdr.hangupCause()).isEqualTo("agent-hangup");
    double spoken = (hoursQuestion.length + goodbye.length) / 8000.0;
    assertThat(cdr.usage().sttSeconds()).as("STT seconds: both utterances plus pre-roll and trailing silence")
        .isBetween(spoken, spoken + 2.0);

    var speechTurns = rt.turns.stream().filter(t -> callId.equals(t.getString("callId")))
        .filter(t -> "speech".equals(t.getString("trigger"))).toList();
    assertThat(speechTurns).hasSize(2);
    for (JsonObject t : speechTurns) {
      assertThat(t.getInteger("sttMs")).as("STT time recorded").isNotNull().isPositive();
      assertThat(t.getInteger("firstAudioMs")).as("first audio after the transcript").isGreaterThanOrEqualTo(t.getInteger("sttMs"));
      assertThat(t.getString("engine")).isEqualTo("pipeline");
    }
    assertThat(speechTurns.get(0).getBoolean("bargedIn")).as("the question cut the menu short").isTrue();
  }
}
