package org.telops.runtime.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.audio.MuLaw;

/** Against a local server answering as OpenAI's /audio/speech does with response_format pcm (24 kHz 16-bit LE). */
class OpenAiSpeechTtsTest {
  final Vertx vertx = Vertx.vertx();
  volatile JsonObject request;
  volatile String auth;

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  String server(int status) throws Exception {
    Buffer tone = Buffer.buffer();
    for (int i = 0; i < 24_000; i++) {   // one second of 1 kHz at half scale
      short s = (short) (16_000 * Math.sin(2 * Math.PI * 1_000 * i / 24_000.0));
      tone.appendShortLE(s);
    }
    var s = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      request = b.toJsonObject();
      auth = req.getHeader("Authorization");
      if (status != 200) {
        req.response().setStatusCode(status).end("{\"error\":{\"message\":\"quota\"}}");
      } else {
        req.response().putHeader("Content-Type", "audio/pcm").end(tone);
      }
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return "http://127.0.0.1:" + s.actualPort() + "/v1";
  }

  @Test
  @DisplayName("A sentence becomes μ-law 8 kHz: one second of 24 kHz PCM gives 8,000 bytes holding the same 1 kHz tone")
  void converts() throws Exception {
    OpenAiSpeechTts tts = new OpenAiSpeechTts(server(200), "sk-key-1234567890", "gpt-4o-mini-tts", "alloy", Duration.ofSeconds(5));
    byte[] ulaw = tts.speak("We open at nine.").get(10, TimeUnit.SECONDS);
    assertThat(ulaw).hasSize(8_000);
    assertThat(request.getString("input")).isEqualTo("We open at nine.");
    assertThat(request.getString("response_format")).isEqualTo("pcm");
    assertThat(auth).isEqualTo("Bearer sk-key-1234567890");
    short[] pcm = MuLaw.decode(ulaw);
    double rms = 0;
    for (int i = 100; i < pcm.length - 100; i++) {
      rms += (double) pcm[i] * pcm[i];
    }
    rms = Math.sqrt(rms / (pcm.length - 200));
    assertThat(rms).as("tone level kept (16,000 peak ≈ 11,300 RMS)").isBetween(10_000.0, 12_500.0);
  }

  @Test
  @DisplayName("An HTTP error is reported with the provider and the server's message")
  void httpError() throws Exception {
    OpenAiSpeechTts tts = new OpenAiSpeechTts(server(429), "k", "m", "alloy", Duration.ofSeconds(5));
    assertThatThrownBy(() -> tts.speak("hi").get(10, TimeUnit.SECONDS)).hasMessageContaining("HTTP 429").hasMessageContaining("quota");
  }
}
