package org.telops.prober.media;

import org.telops.audio.DtmfDetector;
import org.telops.audio.Goertzel;
import org.telops.audio.MuLaw;
import org.telops.audio.ToneDetector;
import org.telops.quality.stream.MediaQualitySnapshot;
import org.telops.quality.stream.MediaStreamQuality;

/**
 * Everything the probe learns from the agent's audio: stream quality (jitter, loss, MOS through the
 * quality-analyzer's {@link MediaStreamQuality}, fed in arrival order as a receiver sees it), and —
 * after reordering and re-cutting into 20 ms blocks — the DTMF keys heard, whether any sound came back,
 * and when the echoed 1004 Hz tone arrived. Plain Java, confined to the probe's context.
 */
public final class ReceivedAudio {
  static final int BLOCK_SAMPLES = 160;
  /** Anything above this counts as sound: μ-law silence decodes to 0 and line noise sits far lower. */
  static final double AUDIBLE_DBFS = -45;

  private final MediaStreamQuality quality = new MediaStreamQuality();
  private final ChunkReorder reorder;
  private final DtmfDetector dtmf = new DtmfDetector();
  private final ToneDetector testTone = ToneDetector.testTone();
  private final StringBuilder keys = new StringBuilder();
  private final short[] block = new short[BLOCK_SAMPLES];
  private int filled;
  private long frames;
  private long firstFrameNanos = -1;
  private long listenFromNanos = Long.MAX_VALUE;
  private long audibleBlocks;
  private long toneArmedNanos = Long.MAX_VALUE;
  private long toneEchoNanos = -1;

  /** @param reorderFrames frames held to restore order: 0 for ordered carriers (Twilio), a few for Telnyx */
  public ReceivedAudio(int reorderFrames) {
    this.reorder = new ChunkReorder(reorderFrames);
  }

  /**
   * One media frame as it arrived.
   *
   * @param arrivalNanos System.nanoTime() when it was read from the socket
   * @param mediaTimestampMs the frame's media timestamp, ms since the stream's start
   * @param chunk the frame's chunk number
   */
  public void onFrame(long arrivalNanos, long mediaTimestampMs, long chunk, byte[] payload) {
    frames++;
    if (firstFrameNanos < 0) {
      firstFrameNanos = arrivalNanos;
    }
    quality.onFrame(arrivalNanos, mediaTimestampMs, chunk, payload.length);
    reorder.offer(chunk, arrivalNanos, payload, this::analyse);
  }

  /** Count keys and sound only from now on (a step starts): earlier audio, and keys heard before, are not its answer. */
  public void listenFrom(long nanos) {
    listenFromNanos = nanos;
    keys.setLength(0);
    audibleBlocks = 0;
  }

  /** Look for the echoed test tone in audio that arrives from now on. */
  public void armToneEcho(long nanos) {
    toneArmedNanos = nanos;
    toneEchoNanos = -1;
  }

  private void analyse(long arrivalNanos, byte[] payload) {
    int i = 0;
    while (i < payload.length) {
      int take = Math.min(BLOCK_SAMPLES - filled, payload.length - i);
      for (int k = 0; k < take; k++) {
        block[filled + k] = MuLaw.decode(payload[i + k]);
      }
      filled += take;
      i += take;
      if (filled == BLOCK_SAMPLES) {
        filled = 0;
        onBlock(arrivalNanos, block);
      }
    }
  }

  private void onBlock(long arrivalNanos, short[] pcm) {
    if (arrivalNanos >= listenFromNanos) {
      if (Goertzel.levelDbfs(Goertzel.energy(pcm, 0, pcm.length), pcm.length) > AUDIBLE_DBFS) {
        audibleBlocks++;
      }
      char key = dtmf.process(pcm);
      if (key != 0) {
        keys.append(key);
      }
    }
    if (toneEchoNanos < 0 && arrivalNanos >= toneArmedNanos && testTone.isTone(pcm)) {
      toneEchoNanos = arrivalNanos;
    }
  }

  public long frames() {
    return frames;
  }

  /** Arrival of the first frame, or −1. */
  public long firstFrameNanos() {
    return firstFrameNanos;
  }

  /** DTMF keys heard since {@link #listenFrom}. */
  public String keys() {
    return keys.toString();
  }

  /** 20 ms blocks with sound since {@link #listenFrom}. */
  public long audibleBlocks() {
    return audibleBlocks;
  }

  /** Arrival of the first test-tone block after {@link #armToneEcho}, or −1. */
  public long toneEchoNanos() {
    return toneEchoNanos;
  }

  /** Whole-stream quality; the round trip, when known, is fed to the E-model as twice the one-way delay. */
  public MediaQualitySnapshot quality(Double roundTripMs) {
    if (roundTripMs != null) {
      quality.onRoundTripMs(roundTripMs);
    }
    return quality.snapshot();
  }
}
