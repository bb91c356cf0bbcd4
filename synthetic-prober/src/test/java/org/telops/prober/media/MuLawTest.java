package org.telops.prober.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MuLawTest {
  @Test
  @DisplayName("Encoding and decoding match the G.711 reference vectors of the 16-bit algorithm")
  void referenceVectors() {
    assertThat(MuLaw.encode(0)).isEqualTo((byte) 0xFF);
    assertThat(MuLaw.encode(100)).isEqualTo((byte) 0xF2);
    assertThat(MuLaw.encode(-100)).isEqualTo((byte) 0x72);
    assertThat(MuLaw.encode(1000)).isEqualTo((byte) 0xCE);
    assertThat(MuLaw.encode(-1000)).isEqualTo((byte) 0x4E);
    assertThat(MuLaw.encode(16000)).isEqualTo((byte) 0x90);
    assertThat(MuLaw.encode(32767)).isEqualTo((byte) 0x80);
    assertThat(MuLaw.encode(-32768)).isEqualTo((byte) 0x00);
    assertThat(MuLaw.decode((byte) 0xFF)).isEqualTo((short) 0);
    assertThat(MuLaw.decode((byte) 0xFE)).isEqualTo((short) 8);
    assertThat(MuLaw.decode((byte) 0x7E)).isEqualTo((short) -8);
    assertThat(MuLaw.decode((byte) 0x80)).isEqualTo((short) 32124);
    assertThat(MuLaw.decode((byte) 0x00)).isEqualTo((short) -32124);
  }

  @Test
  @DisplayName("Every μ-law byte survives decode then encode")
  void roundTrip() {
    for (int b = 0; b < 256; b++) {
      byte u = (byte) b;
      if (b == 0x7F) {
        continue; // negative zero decodes to 0, which encodes as positive zero 0xFF
      }
      assertThat(MuLaw.encode(MuLaw.decode(u))).as("byte 0x%02X", b).isEqualTo(u);
    }
  }
}
