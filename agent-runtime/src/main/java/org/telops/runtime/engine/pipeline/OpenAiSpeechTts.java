package org.telops.runtime.engine.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.telops.audio.MuLaw;

/**
 * OpenAI speech ({@code POST {base}/audio/speech}, {@code {"model","input","voice","response_format":"pcm"}},
 * bearer key): the answer is raw 16-bit little-endian mono PCM at 24 kHz, low-passed at 3.4 kHz, decimated by 3
 * to 8 kHz and μ-law encoded here. One request per sentence (sentence buffering keeps them short).
 */
public final class OpenAiSpeechTts implements TextToSpeech {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double[] LOW_PASS = lowPass(3_400.0 / 24_000, 47);

  private final URI endpoint;
  private final String apiKey;
  private final String model;
  private final String voice;
  private final Duration timeout;
  private final HttpClient http;

  public OpenAiSpeechTts(String baseUrl, String apiKey, String model, String voice, Duration timeout) {
    this.endpoint = URI.create((baseUrl.endsWith("/") ? baseUrl : baseUrl + "/") + "audio/speech");
    this.apiKey = apiKey;
    this.model = model;
    this.voice = voice;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public String name() {
    return "openai-speech " + endpoint.getHost() + " " + model;
  }

  @Override
  public CompletableFuture<byte[]> speak(String sentence) {
    String body = JSON.createObjectNode().put("model", model).put("input", sentence).put("voice", voice)
        .put("response_format", "pcm").toString();
    HttpRequest.Builder req = HttpRequest.newBuilder(endpoint).timeout(timeout).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (apiKey != null) {
      req.header("Authorization", "Bearer " + apiKey);
    }
    return http.sendAsync(req.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(r -> {
      if (r.statusCode() != 200) {
        throw new IllegalStateException(name() + " answered HTTP " + r.statusCode() + ": "
            + new String(r.body(), 0, Math.min(300, r.body().length)));
      }
      return to8kUlaw(r.body());
    });
  }

  /** 16-bit LE PCM at 24 kHz → μ-law 8 kHz. */
  static byte[] to8kUlaw(byte[] pcm24) {
    int n = pcm24.length / 2;
    short[] in = new short[n];
    for (int i = 0; i < n; i++) {
      in[i] = (short) ((pcm24[2 * i] & 0xff) | (pcm24[2 * i + 1] << 8));
    }
    short[] out = new short[n / 3];
    int half = LOW_PASS.length / 2;
    for (int o = 0; o < out.length; o++) {
      double acc = 0;
      int c = o * 3;
      for (int k = 0; k < LOW_PASS.length; k++) {
        int i = c + k - half;
        if (i >= 0 && i < n) {
          acc += LOW_PASS[k] * in[i];
        }
      }
      out[o] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(acc)));
    }
    return MuLaw.encode(out);
  }

  static double[] lowPass(double cutoff, int taps) {
    double[] h = new double[taps];
    int m = taps / 2;
    double sum = 0;
    for (int i = 0; i < taps; i++) {
      int k = i - m;
      double sinc = k == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * k) / (Math.PI * k);
      h[i] = sinc * (0.54 - 0.46 * Math.cos(2 * Math.PI * i / (taps - 1)));
      sum += h[i];
    }
    for (int i = 0; i < taps; i++) {
      h[i] /= sum;
    }
    return h;
  }
}
