package org.telops.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * WAV files as telephony uses them: mono 8 kHz, 16-bit PCM or G.711 μ-law (format 7). Writes PCM (what every
 * player and carrier {@code <Play>} accepts); reads either, to μ-law 8 kHz bytes.
 */
public final class Wav {
  private static final int PCM = 1;
  private static final int MULAW = 7;

  private Wav() {}

  /** A 16-bit PCM WAV of μ-law 8 kHz audio. */
  public static byte[] pcmFromMuLaw(byte[] ulaw) {
    short[] pcm = new short[ulaw.length];
    MuLaw.decode(ulaw, 0, ulaw.length, pcm, 0);
    ByteBuffer b = ByteBuffer.allocate(44 + pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(36 + pcm.length * 2).put(new byte[] {'W', 'A', 'V', 'E'});
    b.put(new byte[] {'f', 'm', 't', ' '}).putInt(16).putShort((short) PCM).putShort((short) 1).putInt(8000)
        .putInt(16000).putShort((short) 2).putShort((short) 16);
    b.put(new byte[] {'d', 'a', 't', 'a'}).putInt(pcm.length * 2);
    for (short s : pcm) {
      b.putShort(s);
    }
    return b.array();
  }

  /**
   * The audio of a mono 8 kHz WAV (16-bit PCM or μ-law) as μ-law bytes.
   *
   * @throws IllegalArgumentException naming what the file is when it is not that
   */
  public static byte[] toMuLaw(byte[] wav) {
    ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    if (wav.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
      throw new IllegalArgumentException("not a WAV file (no RIFF/WAVE header, " + wav.length + " bytes)");
    }
    int format = -1;
    int channels = 0;
    int rate = 0;
    int bits = 0;
    int pos = 12;
    while (pos + 8 <= wav.length) {
      int id = b.getInt(pos);
      int size = b.getInt(pos + 4);
      int body = pos + 8;
      if (size < 0 || body + size > wav.length) {
        size = wav.length - body; // a streamed WAV may leave the data size at 0 or too large: read what is there
      }
      if (id == 0x20746d66) { // "fmt "
        format = b.getShort(body) & 0xffff;
        channels = b.getShort(body + 2);
        rate = b.getInt(body + 4);
        bits = b.getShort(body + 14);
      } else if (id == 0x61746164) { // "data"
        if (format < 0) {
          throw new IllegalArgumentException("WAV data before its fmt chunk");
        }
        if (channels != 1 || rate != 8000) {
          throw new IllegalArgumentException("WAV is " + channels + " channel(s) at " + rate + " Hz: mono 8000 Hz expected");
        }
        if (format == MULAW && bits == 8) {
          byte[] out = new byte[size];
          System.arraycopy(wav, body, out, 0, size);
          return out;
        }
        if (format == PCM && bits == 16) {
          short[] pcm = new short[size / 2];
          for (int i = 0; i < pcm.length; i++) {
            pcm[i] = b.getShort(body + 2 * i);
          }
          return MuLaw.encode(pcm);
        }
        throw new IllegalArgumentException("WAV format " + format + " with " + bits + " bits: 16-bit PCM (1) or μ-law (7) expected");
      }
      pos = body + size + (size & 1);
    }
    throw new IllegalArgumentException("WAV without a data chunk");
  }
}
