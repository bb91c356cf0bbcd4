package org.telops.runtime.engine.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;

/** Caller speech for tests: espeak-ng speaks the text, sox puts it on the telephone path (μ-law 8 kHz, raw). */
public final class Speech {
  private Speech() {}

  public static byte[] ulaw(String text) throws Exception {
    Path dir = Files.createTempDirectory("telops-speech");
    try {
      Path wav = dir.resolve("s.wav");
      Path raw = dir.resolve("s.ul");
      run("espeak-ng", "-w", wav.toString(), text);
      run("sox", wav.toString(), "-r", "8000", "-c", "1", "-e", "u-law", "-t", "raw", raw.toString());
      return Files.readAllBytes(raw);
    } finally {
      try (var files = Files.list(dir)) {
        files.forEach(f -> f.toFile().delete());
      }
      Files.deleteIfExists(dir);
    }
  }

  private static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed (apt-get install espeak-ng sox): " + out);
    }
  }
}
