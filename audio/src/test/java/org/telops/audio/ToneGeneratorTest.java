package org.telops.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ToneGeneratorTest {

  @Test
  @DisplayName("A key sequence is each key's tone then its gap of silence, 8 samples per ms")
  void sequenceLayout() {
    short[] pcm = ToneGenerator.dtmfSequence("1a", 160, 100, 6000);
    assertThat(pcm).hasSize(2 * 260 * 8);
    assertThat(Arrays.copyOfRange(pcm, 0, 160 * 8)).isEqualTo(ToneGenerator.dtmf('1', 160, 6000));
    assertThat(Arrays.copyOfRange(pcm, 160 * 8, 260 * 8)).containsOnly((short) 0);
    assertThat(Arrays.copyOfRange(pcm, 260 * 8, 420 * 8)).isEqualTo(ToneGenerator.dtmf('A', 160, 6000));
    assertThat(ToneGenerator.silence(20)).hasSize(160).containsOnly((short) 0);
  }

  @Test
  @DisplayName("A pure tone peaks at the amplitude asked for and carries its whole energy at its frequency")
  void pureTone() {
    short[] pcm = ToneGenerator.tone(1004, 100, 10000);
    int peak = 0;
    for (short s : pcm) {
      peak = Math.max(peak, Math.abs(s));
    }
    assertThat(peak).isBetween(9900, 10000);
    double share = Goertzel.relativePower(pcm, 0, pcm.length, 1004, 8000, Goertzel.energy(pcm, 0, pcm.length));
    assertThat(share).isGreaterThan(0.98);
  }

  @Test
  @DisplayName("A character that is not a DTMF key is refused by name")
  void badKey() {
    assertThatThrownBy(() -> ToneGenerator.dtmfSequence("12x", 100, 100, 6000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'x' is not a DTMF key");
  }
}
