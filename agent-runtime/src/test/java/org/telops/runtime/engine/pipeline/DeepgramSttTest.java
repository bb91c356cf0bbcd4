package org.telops.runtime.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Against a local server speaking Deepgram's live WebSocket format (Results, Metadata, CloseStream). */
class DeepgramSttTest {
  final Vertx vertx = Vertx.vertx();
  final AtomicInteger audioBytes = new AtomicInteger();
  volatile String auth;
  volatile String query;

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  String server(boolean answers) throws Exception {
    HttpServer s = vertx.createHttpServer().webSocketHandler(ws -> {
      auth = ws.headers().get("Authorization");
      query = ws.query();
      ws.binaryMessageHandler(b -> audioBytes.addAndGet(b.length()));
      ws.textMessageHandler(t -> {
        if (answers && "CloseStream".equals(new JsonObject(t).getString("type"))) {
          ws.writeTextMessage(results("what are your", false).encode());
          ws.writeTextMessage(results("what are your opening hours", true).encode());
          ws.writeTextMessage(new JsonObject().put("type", "Metadata").put("request_id", "r1").put("duration", 1.0).encode());
          ws.close();
        }
      });
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return "ws://127.0.0.1:" + s.actualPort() + "/v1/listen";
  }

  static JsonObject results(String transcript, boolean isFinal) {
    return new JsonObject().put("type", "Results").put("is_final", isFinal).put("speech_final", isFinal)
        .put("channel", new JsonObject().put("alternatives", new JsonArray()
            .add(new JsonObject().put("transcript", transcript).put("confidence", 0.98))));
  }

  @Test
  @DisplayName("The utterance goes up as 16-bit PCM with the key as a Token header; final results make the transcript")
  void transcribes() throws Exception {
    DeepgramStt stt = new DeepgramStt(server(true), "dg-key-123456789", "nova-2-phonecall", 5_000);
    String text = stt.transcribe(new short[16_000]).get(10, TimeUnit.SECONDS);
    assertThat(text).isEqualTo("what are your opening hours");
    assertThat(auth).isEqualTo("Token dg-key-123456789");
    assertThat(query).contains("encoding=linear16").contains("sample_rate=16000").contains("model=nova-2-phonecall");
    assertThat(audioBytes.get()).isEqualTo(32_000);
  }

  @Test
  @DisplayName("Live: each frame goes up while the caller speaks; at the end only CloseStream is left, then the transcript")
  void live() throws Exception {
    DeepgramStt stt = new DeepgramStt(server(true), "dg-key-123456789", "nova-2-phonecall", 5_000);
    LiveTranscription live = stt.live();
    short[] frame = new short[320];
    for (int i = 0; i < 50; i++) {
      live.audio(frame); // the same array each time, as the runtime passes it: the client must copy
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (audioBytes.get() < 32_000 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(audioBytes.get()).as("the second of audio is up before the utterance ends").isEqualTo(32_000);
    assertThat(live.finish().get(10, TimeUnit.SECONDS)).isEqualTo("what are your opening hours");
    assertThat(query).contains("encoding=linear16").contains("sample_rate=16000");
  }

  @Test
  @DisplayName("A Deepgram that never answers times out and the second provider transcribes the utterance")
  void fallsBack() throws Exception {
    DeepgramStt dg = new DeepgramStt(server(false), "k", "nova-2", 500);
    SpeechToText second = new SpeechToText() {
      public String name() { return "second"; }
      public CompletableFuture<String> transcribe(short[] pcm) { return CompletableFuture.completedFuture("goodbye"); }
    };
    long t0 = System.nanoTime();
    assertThat(new FallbackStt(dg, second).transcribe(new short[1_600]).get(10, TimeUnit.SECONDS)).isEqualTo("goodbye");
    assertThat((System.nanoTime() - t0) / 1_000_000).as("ms until the fallback answered").isGreaterThanOrEqualTo(500);
  }
}
