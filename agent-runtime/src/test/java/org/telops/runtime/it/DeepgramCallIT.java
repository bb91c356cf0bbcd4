package org.telops.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telops.runtime.it.RuntimeHarness.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.call.CallIds;
import org.telops.runtime.Fixtures;
import org.telops.signatures.twilio.TwilioSignatures;

/**
 * Engine "pipeline" with Deepgram as its recogniser (a local server speaking Deepgram's live API): the caller's audio
 * goes up while they speak, so when the runtime's VAD ends the utterance only CloseStream is left, and the transcript
 * drives the flow.
 */
class DeepgramCallIT {
  static RuntimeHarness rt;
  static Vertx vertx;
  static final AtomicLong firstAudioNanos = new AtomicLong();
  static final AtomicLong closeStreamNanos = new AtomicLong();
  static final AtomicLong audioBytes = new AtomicLong();
  static final List<String> auth = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    HttpServer deepgram = vertx.createHttpServer().webSocketHandler(ws -> {
      auth.add(ws.headers().get("Authorization"));
      ws.binaryMessageHandler(b -> {
        firstAudioNanos.compareAndSet(0, System.nanoTime());
        audioBytes.addAndGet(b.length());
      });
      ws.textMessageHandler(t -> {
        if ("CloseStream".equals(new JsonObject(t).getString("type"))) {
          closeStreamNanos.compareAndSet(0, System.nanoTime());
          ws.writeTextMessage(new JsonObject().put("type", "Results").put("is_final", true).put("speech_final", true)
              .put("channel", new JsonObject().put("alternatives", new JsonArray()
                  .add(new JsonObject().put("transcript", "what are your opening hours").put("confidence", 0.97)))).encode());
          ws.writeTextMessage(new JsonObject().put("type", "Metadata").put("request_id", "r1").encode());
          ws.close();
        }
      });
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    rt = RuntimeHarness.start(Map.of("TELOPS_AGENT_ENGINE", "pipeline",
        "TELOPS_DEEPGRAM_URL", "ws://127.0.0.1:" + deepgram.actualPort() + "/v1/listen",
        "TELOPS_DEEPGRAM_API_KEY", "dg-it-0123456789"));
  }

  @AfterAll
  static void stop() throws Exception {
    rt.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("The utterance streams to Deepgram while the caller speaks; at the end of speech only CloseStream is left")
  void streamsWhileSpeaking() throws Exception {
    String callSid = "CAdg" + System.nanoTime();
    String wsUrl = "ws://127.0.0.1:" + rt.port + "/media/twilio";
    byte[] question = Fixtures.audio("caller-hours");
    try (CarrierStream call = CarrierStream.connect(vertx, rt.port, "/media/twilio",
        Map.of(TwilioSignatures.HEADER, TwilioSignatures.sign(RuntimeHarness.TWILIO_TOKEN, wsUrl, Map.of())),
        CarrierStream.Dialect.TWILIO, 1)) {
      call.start(callSid, Map.of(), null);
      call.openMicrophone();
      await("greeting played", Duration.ofSeconds(20), () -> call.marksEchoed.contains("u1.end"));
      int before = call.mediaFrames.get();
      call.say(question);
      call.say(Fixtures.silence(1_000));
      String callId = CallIds.of("twilio", callSid);
      await("Deepgram asked for the transcript", Duration.ofSeconds(20), () -> closeStreamNanos.get() != 0);
      await("the flow answers", Duration.ofSeconds(20), () -> call.saidAll() && call.mediaFrames.get() > before + 5);
      call.stop();
      // A turn is published when the next one begins or the call ends.
      await("the turn", Duration.ofSeconds(20), () -> rt.turns.stream().anyMatch(t -> callId.equals(t.getString("callId"))
          && "speech".equals(t.getString("trigger")) && t.getInteger("sttMs") != null));
      JsonObject turn = rt.turns.stream().filter(t -> callId.equals(t.getString("callId"))
          && t.getInteger("sttMs") != null).findFirst().orElseThrow();
      long streamedBeforeEndMs = (closeStreamNanos.get() - firstAudioNanos.get()) / 1_000_000;
      System.out.printf("deepgram live: audio streamed for %d ms before CloseStream; STT %d ms after end of speech%n",
          streamedBeforeEndMs, turn.getInteger("sttMs"));
      assertThat(auth).contains("Token dg-it-0123456789");
      assertThat(streamedBeforeEndMs).as("audio went up while the caller spoke (the question is %d ms)", question.length / 8)
          .isGreaterThan(question.length / 8 / 2);
      assertThat(audioBytes.get()).as("16-bit 16 kHz: 4 bytes per μ-law byte, pre-roll and trailing silence included")
          .isGreaterThanOrEqualTo(question.length * 4L * 8 / 10);
      assertThat(rt.moments.stream().filter(m -> callId.equals(m.getString("callId")))
          .noneMatch(m -> "provider-failure".equals(m.getString("kind")))).as("Deepgram answered").isTrue();
    }
  }
}
