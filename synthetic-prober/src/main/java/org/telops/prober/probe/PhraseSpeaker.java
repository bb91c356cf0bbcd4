package org.telops.prober.probe;

import java.util.concurrent.ThreadLocalRandom;
import org.telops.audio.speech.Espeak;
import org.telops.audio.speech.ProbePhrase;

/** Speaks a probe's phrase as μ-law 8 kHz audio. Blocking: the probe calls it on a worker thread. */
@FunctionalInterface
public interface PhraseSpeaker {
  byte[] speak(ProbePhrase phrase);

  /**
   * espeak-ng with the voice varied per probe (150–185 words a minute, pitch 35–65), so a recogniser is not scored
   * on one fixed recording.
   */
  static PhraseSpeaker espeak() {
    return phrase -> Espeak.ulaw8k(phrase.text(), 150 + ThreadLocalRandom.current().nextInt(36),
        35 + ThreadLocalRandom.current().nextInt(31), 5_000);
  }
}
