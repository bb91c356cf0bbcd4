package org.telops.carriersim.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ToneTest {
  @Test
  @DisplayName("μ-law encoding matches the G.711 reference vectors")
  void vectors() {
    assertThat(Tone.encode((short) 0)).isEqualTo((byte) 0xFF);
    assertThat(Tone.encode((short) 100)).isEqualTo((byte) 0xF2);
    assertThat(Tone.encode((short) -100)).isEqualTo((byte) 0x72);
    assertThat(Tone.encode((short) 1000)).isEqualTo((byte) 0xCE);
    assertThat(Tone.encode((short) -1000)).isEqualTo((byte) 0x4E);
    assertThat(Tone.encode((short) 16000)).isEqualTo((byte) 0x90);
    assertThat(Tone.encode((short) 32767)).isEqualTo((byte) 0x80);
    assertThat(Tone.encode((short) -32768)).isEqualTo((byte) 0x00);
  }

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
  }
}
