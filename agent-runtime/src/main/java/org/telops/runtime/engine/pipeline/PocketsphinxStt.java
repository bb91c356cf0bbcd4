package org.telops.runtime.engine.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Offline STT: Debian's {@code pocketsphinx_continuous} with the 16 kHz en-us model, decoding each utterance
 * against a JSGF grammar of the flow's phrases. Telephone audio upsampled to 16 kHz has nothing above 4 kHz,
 * which the model's filterbank (130–6800 Hz) never saw; the empty band is filled with low-level noise first
 * (bench/pipeline/stt-wer.sh measures each choice). One process per utterance (~1 s, mostly model load).
 */
public final class PocketsphinxStt implements SpeechToText {
  public static final String NAME = "pocketsphinx";
  static final String BINARY = "pocketsphinx_continuous";

  private final Path grammar;
  private final ExecutorService workers;
  private final long timeoutMs;

  public PocketsphinxStt(String jsgf, ExecutorService workers, long timeoutMs) {
    this.workers = workers;
    this.timeoutMs = timeoutMs;
    try {
      grammar = Files.createTempFile("telops-stt-", ".gram");
      grammar.toFile().deleteOnExit();
      Files.writeString(grammar, jsgf);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the STT grammar to the temp dir: " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CompletableFuture<String> transcribe(short[] pcm16k) {
    return CompletableFuture.supplyAsync(() -> decode(pcm16k), workers);
  }

  private String decode(short[] pcm16k) {
    Path wav = null;
    try {
      wav = Files.createTempFile("telops-utt-", ".wav");
      Files.write(wav, wav16k(fillHighBand(pcm16k, 7L ^ pcm16k.length)));
      Process p = new ProcessBuilder(BINARY, "-infile", wav.toString(), "-jsgf", grammar.toString(), "-logfn", "/dev/null")
          .redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      try (OutputStream ignored = p.getOutputStream()) {
        // no input on stdin
      }
      if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(NAME + " did not finish within " + timeoutMs + " ms (TELOPS_STT_TIMEOUT_MS)");
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(NAME + " exited " + p.exitValue() + ": is Debian's pocketsphinx-en-us installed?");
      }
      return String.join(" ", List.of(out.trim().split("\\s*\\n\\s*"))).trim();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + BINARY + " (apt-get install pocketsphinx pocketsphinx-en-us): "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(NAME + " interrupted", e);
    } finally {
      if (wav != null) {
        wav.toFile().delete();
      }
    }
  }

  /** Windowed-sinc high-pass, 4.2 kHz at 16 kHz, 63 taps (the band above the telephone channel). */
  private static final double[] HIGH_PASS = highPass(4200.0 / 16000, 63);

  /**
   * Adds white noise high-passed at 4.2 kHz, about −50 dBFS (the sox recipe the bench measured: whitenoise
   * vol 0.01, sinc 4200), so the model's upper mel filters see a floor rather than nothing.
   */
  static short[] fillHighBand(short[] pcm16k, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = HIGH_PASS.length;
    double[] noise = new double[pcm16k.length + n];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (rnd.nextDouble() * 2 - 1) * 328;
    }
    short[] out = new short[pcm16k.length];
    for (int i = 0; i < pcm16k.length; i++) {
      double acc = 0;
      for (int k = 0; k < n; k++) {
        acc += HIGH_PASS[k] * noise[i + k];
      }
      out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, pcm16k[i] + Math.round(acc)));
    }
    return out;
  }

  static double[] highPass(double cutoff, int taps) {
    double[] h = new double[taps];
    int m = taps / 2;
    for (int i = 0; i < taps; i++) {
      int k = i - m;
      double lp = k == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * k) / (Math.PI * k);
      double window = 0.54 - 0.46 * Math.cos(2 * Math.PI * i / (taps - 1));
      h[i] = ((k == 0 ? 1 : 0) - lp) * window;
    }
    return h;
  }

  static byte[] wav16k(short[] pcm) {
    ByteBuffer b = ByteBuffer.allocate(44 + pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + pcm.length * 2).put("WAVE".getBytes(StandardCharsets.US_ASCII));
    b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
        .putInt(16000).putInt(32000).putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(pcm.length * 2);
    for (short s : pcm) {
      b.putShort(s);
    }
    return b.array();
  }
}
