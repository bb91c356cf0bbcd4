package org.telops.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WavTest {
  @Test
  @DisplayName("μ-law → 16-bit PCM WAV → μ-law gives the same bytes; the header says mono 8 kHz 16-bit")
  void roundTrip() {
    byte[] ulaw = MuLaw.encode(ToneGenerator.tone(440, 500, 8000));
    byte[] wav = Wav.pcmFromMuLaw(ulaw);
    ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(wav.length).isEqualTo(44 + ulaw.length * 2);
    assertThat(b.getShort(20)).as("PCM").isEqualTo((short) 1);
    assertThat(b.getShort(22)).as("mono").isEqualTo((short) 1);
    assertThat(b.getInt(24)).isEqualTo(8000);
    assertThat(b.getShort(34)).as("bits").isEqualTo((short) 16);
    assertThat(Wav.toMuLaw(wav)).isEqualTo(ulaw);
  }

  @Test
  @DisplayName("a μ-law WAV (format 7) is read as is; other formats are refused naming what they are")
  void formats() {
    byte[] ulaw = {1, 2, 3, (byte) 0xFF};
    ByteBuffer b = ByteBuffer.allocate(44 + ulaw.length + 12).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + ulaw.length).put("WAVE".getBytes());
    b.put("LIST".getBytes()).putInt(4).put("INFO".getBytes()); // a chunk to skip
    b.put("fmt ".getBytes()).putInt(16).putShort((short) 7).putShort((short) 1).putInt(8000).putInt(8000)
        .putShort((short) 1).putShort((short) 8);
    b.put("data".getBytes()).putInt(ulaw.length).put(ulaw);
    assertThat(Wav.toMuLaw(b.array())).isEqualTo(ulaw);
    byte[] stereo = Wav.pcmFromMuLaw(ulaw);
    ByteBuffer.wrap(stereo).order(ByteOrder.LITTLE_ENDIAN).putShort(22, (short) 2);
    assertThatThrownBy(() -> Wav.toMuLaw(stereo)).hasMessageContaining("2 channel(s) at 8000 Hz");
    assertThatThrownBy(() -> Wav.toMuLaw("ID3 mp3 data".getBytes())).hasMessageContaining("not a WAV file");
  }
}
