package org.telops.runtime.engine.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Deepgram's live transcription WebSocket ({@code wss://api.deepgram.com/v1/listen}): header
 * {@code Authorization: Token <key>}, query {@code encoding=linear16&sample_rate=16000&channels=1&model=…}, binary
 * audio frames, then the text message {@code {"type":"CloseStream"}}; the server answers {@code {"type":"Results",
 * "is_final":…, "channel":{"alternatives":[{"transcript":…}]}}} messages, a {@code {"type":"Metadata"}} summary and
 * closes. Final results are joined into the utterance's transcript. One connection per utterance: {@link #live()}
 * opens it when the caller starts speaking and streams each 20 ms frame as it arrives, so only the last frames and
 * the final result are left when speech ends; {@link #transcribe} sends a whole utterance at once (the fallback path).
 */
public final class DeepgramStt implements SpeechToText {
  public static final String NAME = "deepgram";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CHUNK_SAMPLES = 1_600;   // 100 ms frames

  private final URI url;
  private final String apiKey;
  private final long timeoutMs;
  private final HttpClient http;

  /** @param baseUrl wss://api.deepgram.com/v1/listen, or a local stand-in */
  public DeepgramStt(String baseUrl, String apiKey, String model, long timeoutMs) {
    this.url = URI.create(baseUrl + (baseUrl.contains("?") ? "&" : "?")
        + "encoding=linear16&sample_rate=16000&channels=1&punctuate=true&model=" + model);
    this.apiKey = apiKey;
    this.timeoutMs = timeoutMs;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(timeoutMs)).build();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CompletableFuture<String> transcribe(short[] pcm16k) {
    CompletableFuture<String> result = new CompletableFuture<>();
    connect(result).thenCompose(ws -> send(ws, pcm16k, 0))
        .whenComplete((ws, err) -> {
          if (err != null) {
            result.completeExceptionally(err);
          }
        });
    return result.orTimeout(timeoutMs, TimeUnit.MILLISECONDS);
  }

  @Override
  public LiveTranscription live() {
    CompletableFuture<String> result = new CompletableFuture<>();
    CompletableFuture<WebSocket> connected = connect(result);
    connected.whenComplete((ws, err) -> {
      if (err != null) {
        result.completeExceptionally(err);
      }
    });
    return new LiveTranscription() {
      /** Sends in order, one at a time (java.net.http.WebSocket allows one outstanding send); only the call's thread sets it. */
      CompletableFuture<WebSocket> tail = connected;
      boolean finished;

      @Override
      public void audio(short[] pcm16k) {
        if (finished || result.isDone()) {
          return;
        }
        ByteBuffer b = pcm(pcm16k, 0, pcm16k.length);
        tail = tail.thenCompose(ws -> ws.sendBinary(b, true));
      }

      @Override
      public CompletableFuture<String> finish() {
        if (!finished) {
          finished = true;
          tail = tail.thenCompose(ws -> ws.sendText("{\"type\":\"CloseStream\"}", true));
          tail.whenComplete((ws, err) -> {
            if (err != null) {
              result.completeExceptionally(err);
            }
          });
        }
        return result.orTimeout(timeoutMs, TimeUnit.MILLISECONDS);
      }

      @Override
      public void cancel() {
        finished = true;
        result.cancel(false);
        connected.thenAccept(WebSocket::abort);
      }
    };
  }

  /** Opens the connection; its listener completes {@code result} with the final transcript. */
  private CompletableFuture<WebSocket> connect(CompletableFuture<String> result) {
    StringBuilder text = new StringBuilder();
    WebSocket.Listener listener = new WebSocket.Listener() {
      final StringBuilder partial = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          try {
            JsonNode msg = JSON.readTree(partial.toString());
            if ("Results".equals(msg.path("type").asText()) && msg.path("is_final").asBoolean()) {
              String t = msg.path("channel").path("alternatives").path(0).path("transcript").asText("").trim();
              if (!t.isEmpty()) {
                text.append(text.length() == 0 ? "" : " ").append(t);
              }
            } else if ("Metadata".equals(msg.path("type").asText())) {
              result.complete(text.toString());
            }
          } catch (Exception e) {
            result.completeExceptionally(new IllegalStateException(NAME + " sent a message that is not JSON: " + e.getMessage()));
          }
          partial.setLength(0);
        }
        ws.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
        if (status == 1000 || status == 1005) {
          result.complete(text.toString());
        } else {
          result.completeExceptionally(new IllegalStateException(NAME + " closed the stream: " + status + " " + reason));
        }
        return null;
      }

      @Override
      public void onError(WebSocket ws, Throwable error) {
        result.completeExceptionally(error);
      }
    };
    return http.newWebSocketBuilder().header("Authorization", "Token " + apiKey).connectTimeout(Duration.ofMillis(timeoutMs))
        .buildAsync(url, listener);
  }

  private static ByteBuffer pcm(short[] pcm, int from, int n) {
    ByteBuffer b = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      b.putShort(pcm[from + i]);
    }
    return b.flip();
  }

  private CompletableFuture<WebSocket> send(WebSocket ws, short[] pcm, int from) {
    if (from >= pcm.length) {
      return ws.sendText("{\"type\":\"CloseStream\"}", true);
    }
    int n = Math.min(CHUNK_SAMPLES, pcm.length - from);
    return ws.sendBinary(pcm(pcm, from, n), true).thenCompose(w -> send(w, pcm, from + n));
  }
}
