package org.telops.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telops.runtime.it.RuntimeHarness.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.call.CallIds;
import org.telops.contracts.call.CallRecord;
import org.telops.runtime.engine.pipeline.EspeakTts;
import org.telops.runtime.engine.pipeline.FakeChatServer;
import org.telops.runtime.engine.pipeline.Speech;
import org.telops.signatures.twilio.TwilioSignatures;

/**
 * Engine "pipeline" with an LLM: offline STT, an OpenAI-compatible streaming server (local, the documented SSE
 * format), espeak-ng TTS. One call: greeting, a spoken question answered sentence by sentence, a barge-in that
 * cancels the reply, and an LLM that never answers (timeout → the polite fallback line).
 * Needs Debian pocketsphinx, pocketsphinx-en-us, espeak-ng and sox (.ci/run installs them).
 */
class LlmPipelineCallIT {
  static final String KEY = "sk-test-0123456789abcdefghij";
  static final String REPLY = "We are open from nine in the morning to five in the evening on weekdays. "
      + "On Saturdays we open at ten and close at two in the afternoon. Is there anything else I can help you with today?";
  static final long GAP_MS = 40;
  static FakeChatServer llm;
  static RuntimeHarness rt;
  static Vertx carrierVertx;

  @BeforeAll
  static void start() throws Exception {
    llm = new FakeChatServer(Arrays.asList(REPLY, null), GAP_MS, KEY);
    rt = RuntimeHarness.start(Map.of("TELOPS_AGENT_ENGINE", "pipeline", "TELOPS_STT_TIMEOUT_MS", "20000",
        "TELOPS_LLM_BASE_URL", llm.baseUrl(), "TELOPS_LLM_API_KEY", KEY, "TELOPS_LLM_MODEL", "fake-model",
        "TELOPS_LLM_TIMEOUT_MS", "1500"));
    carrierVertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    carrierVertx.close().toCompletionStage().toCompletableFuture().get();
    rt.close();
    llm.close();
  }

  @Test
  @DisplayName("A spoken question is answered sentence by sentence, a barge-in cancels the reply, a silent LLM gets the polite line; stages and usage recorded")
  void llmCall() throws Exception {
    String callSid = "CAllm" + System.nanoTime();
    HttpResponse<String> twiml = TwilioCallIT.twilioPost(rt, "/carriers/twilio/voice?tenant=acme",
        Map.of("CallSid", callSid, "From", "+15550001", "To", "+15550002", "Direction", "inbound"), RuntimeHarness.TWILIO_TOKEN);
    String wsUrl = "ws://127.0.0.1:" + rt.port + "/media/twilio";
    byte[] question = Speech.ulaw("what are your opening hours");
    byte[] goodbye = Speech.ulaw("goodbye");
    var pool = Executors.newSingleThreadExecutor();
    byte[] sorry = new EspeakTts(pool, 10_000).speak("Sorry, I am having trouble answering right now. Please try again in a moment.").get();
    pool.shutdown();
    try (CarrierStream call = CarrierStream.connect(carrierVertx, rt.port, "/media/twilio",
        Map.of(TwilioSignatures.HEADER, TwilioSignatures.sign(RuntimeHarness.TWILIO_TOKEN, wsUrl, Map.of())),
        CarrierStream.Dialect.TWILIO, 1)) {
      call.start(callSid, TwilioCallIT.parameters(twiml.body()), null);
      call.openMicrophone();
      await("spoken greeting played", Duration.ofSeconds(20), () -> call.marksEchoed.contains("u1.end"));

      int before = call.mediaFrames.get();
      call.say(question);
      await("the reply starts playing", Duration.ofSeconds(20), () -> call.mediaFrames.get() > before + question.length / 160 + 10);
      await("the LLM finished its reply", Duration.ofSeconds(10), () -> !llm.lastTokenNanos.isEmpty());
      call.say(goodbye);
      await("barge-in clear", Duration.ofSeconds(10), () -> call.clears.get() >= 1);
      // The runtime paces and marks what it plays, not the bytes: the polite line is the third utterance, played in
      // full, as long as espeak-ng's rendering of it.
      await("the polite line after the LLM timed out, played to the end", Duration.ofSeconds(30),
          () -> call.marksEchoed.contains("u3.end"));
      long u3Ms = call.marksEchoed.stream().filter(m -> m.startsWith("u3.") && !m.endsWith("end"))
          .mapToLong(m -> Long.parseLong(m.substring(3))).max().orElse(0);
      assertThat(u3Ms).as("polite line duration, ms").isBetween(sorry.length / 8L - 600, sorry.length / 8L);
      call.stop();
    }

    assertThat(llm.requests).hasSize(2);
    JsonObject first = llm.requests.get(0);
    assertThat(first.getBoolean("stream")).isTrue();
    assertThat(first.getString("model")).isEqualTo("fake-model");
    assertThat(first.getJsonArray("messages").getJsonObject(2).getString("content")).isEqualTo("what are your opening hours");
    assertThat(llm.requests.get(1).getJsonArray("messages").getJsonObject(4).getString("content")).isEqualTo("goodbye");

    String callId = CallIds.of("twilio", callSid);
    await("CDR on the bus", Duration.ofSeconds(10), () -> rt.cdrs.stream().anyMatch(c -> c.callId().equals(callId)));
    CallRecord cdr = rt.cdrs.stream().filter(c -> c.callId().equals(callId)).findFirst().orElseThrow();
    int replyTokens = REPLY.split("(?<= )").length;
    assertThat(cdr.usage().llmTokensIn()).as("prompt tokens as the server reported them").isEqualTo(30L);
    assertThat(cdr.usage().llmTokensOut()).isEqualTo((long) replyTokens);
    assertThat(cdr.usage().ttsCharacters()).as("greeting + reply + polite line")
        .isEqualTo((long) "Hello, how can I help you?".length()
            + List.of(REPLY.split("(?<=[.?]) ")).stream().mapToInt(String::length).sum()
            + "Sorry, I am having trouble answering right now. Please try again in a moment.".length());
    assertThat(cdr.usage().sttSeconds()).isGreaterThan((question.length + goodbye.length) / 8000.0);

    var turns = rt.turns.stream().filter(t -> callId.equals(t.getString("callId")))
        .filter(t -> "speech".equals(t.getString("trigger"))).toList();
    assertThat(turns).hasSizeGreaterThanOrEqualTo(2);
    JsonObject answered = turns.get(0);
    // Each stage's own time, one after another (what the quality analyzer's triage sums and compares).
    int eos = answered.getInteger("eosDetectMs");
    int stt = answered.getInteger("sttMs");
    int llmMs = answered.getInteger("llmFirstTokenMs");
    int ttsMs = answered.getInteger("ttsFirstByteMs");
    assertThat(stt).isPositive();
    assertThat(llmMs).as("LLM first token after the transcript (the local server sends it at once)").isPositive();
    assertThat(ttsMs).isPositive();
    assertThat(answered.getInteger("firstAudioMs")).as("stages fit in the first-audio time").isGreaterThanOrEqualTo(eos + stt + llmMs + ttsMs);
    long wholeReplyMs = replyTokens * GAP_MS;
    assertThat(answered.getInteger("firstAudioMs")).as("first audio before the LLM's last token (sentence buffering)")
        .isLessThan((int) (eos + stt + llmMs + wholeReplyMs));
    JsonObject timedOut = turns.get(1);
    assertThat(timedOut.getInteger("llmFirstTokenMs")).as("the failed LLM stage's time: to the timeout")
        .isBetween(1_400, 3_000);
    assertThat(turns.stream().anyMatch(t -> t.getBoolean("bargedIn"))).as("the goodbye cut the reply").isTrue();
    // The failure is on the call's timeline, where the provider-failures rule counts it.
    var failures = rt.moments.stream().filter(m -> callId.equals(m.getString("callId")))
        .filter(m -> "provider-failure".equals(m.getString("kind"))).toList();
    assertThat(failures).hasSize(1);
    assertThat(failures.get(0).getString("detail")).startsWith("llm ");
    assertThat(rt.moments.stream().filter(m -> callId.equals(m.getString("callId"))).map(m -> m.getString("kind")))
        .contains("stream-start", "barge-in", "stream-stop");
  }
}
