package org.telops.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MuLawTest {

  @Test
  @DisplayName("Encoding follows the 16-bit G.711 vectors from the reference")
  void encodeVectors() {
    assertThat(MuLaw.encode((short) 0)).isEqualTo((byte) 0xFF);
    assertThat(MuLaw.encode((short) 100)).isEqualTo((byte) 0xF2);
    assertThat(MuLaw.encode((short) -100)).isEqualTo((byte) 0x72);
    assertThat(MuLaw.encode((short) 1000)).isEqualTo((byte) 0xCE);
    assertThat(MuLaw.encode((short) -1000)).isEqualTo((byte) 0x4E);
    assertThat(MuLaw.encode((short) 16000)).isEqualTo((byte) 0x90);
    assertThat(MuLaw.encode((short) 32767)).isEqualTo((byte) 0x80);
    assertThat(MuLaw.encode((short) -32768)).isEqualTo((byte) 0x00);
  }

  @Test
  @DisplayName("Decoding follows the reference vectors")
  void decodeVectors() {
    assertThat(MuLaw.decode((byte) 0xFF)).isEqualTo((short) 0);
    assertThat(MuLaw.decode((byte) 0xFE)).isEqualTo((short) 8);
    assertThat(MuLaw.decode((byte) 0x7E)).isEqualTo((short) -8);
    assertThat(MuLaw.decode((byte) 0x80)).isEqualTo((short) 32124);
    assertThat(MuLaw.decode((byte) 0x00)).isEqualTo((short) -32124);
  }

  @Test
  @DisplayName("Every code word survives decode then encode (except negative zero, which becomes positive zero)")
  void roundTrip() {
    for (int i = 0; i < 256; i++) {
      byte b = (byte) i;
      byte back = MuLaw.encode(MuLaw.decode(b));
      assertThat(back).as("code 0x%02X", i).isEqualTo(i == 0x7F ? (byte) 0xFF : b);
    }
  }

  @Test
  @DisplayName("The tables agree with the bit-level algorithm for every 16-bit sample")
  void tablesMatchAlgorithm() {
    for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s += 7) {
      assertThat(MuLaw.encode((short) s)).isEqualTo(MuLaw.encodeSlow((short) s));
    }
  }
}
