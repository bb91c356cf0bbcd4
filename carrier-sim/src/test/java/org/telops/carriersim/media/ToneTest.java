package org.telops.carriersim.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.audio.Goertzel;
import org.telops.audio.MuLaw;

class ToneTest {
  @Test
  @DisplayName("The far end's beep sounds for 400 ms of every 2 s and is silence otherwise")
  void beep() {
    byte[] first = Tone.frame(0);
    assertThat(first).hasSize(160);
    assertThat(new String(first, java.nio.charset.StandardCharsets.ISO_8859_1).chars().distinct().count()).isGreaterThan(10);
    assertThat(Tone.frame(5)).isNotEqualTo(Tone.frame(25));
    assertThat(Tone.frame(25)).containsOnly(Pipe.SILENCE);
    assertThat(Tone.frame(99)).containsOnly(Pipe.SILENCE);
    assertThat(Tone.frame(100)).isEqualTo(Tone.frame(0));
    assertThat(Tone.frame(119)).isEqualTo(Tone.frame(19));
  }

  @Test
  @DisplayName("The beep is 440 Hz and keeps its phase from one frame to the next")
  void beepIsA440HzSine() {
    short[] pcm = new short[Tone.BEEP_FRAMES * 160];
    for (int f = 0; f < Tone.BEEP_FRAMES; f++) {
      MuLaw.decode(Tone.frame(f), 0, 160, pcm, f * 160);
    }
    double energy = Goertzel.energy(pcm, 0, pcm.length);
    assertThat(Goertzel.relativePower(pcm, 0, pcm.length, 440, 8000, energy)).isGreaterThan(0.98);
  }
}
