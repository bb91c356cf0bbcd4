package org.telops.audio;

/**
 * Energy VAD with an adaptive noise floor, for 8 kHz telephone audio in frames of any size.
 *
 * <p>A frame is voiced when its level is ≥ {@value #MARGIN_DB} dB above the noise floor and above
 * {@value #ABSOLUTE_MIN_DBFS} dBFS. The floor is the quietest 20 ms seen in the last ~2 s (minimum
 * statistics over ten 200 ms blocks), so steady line noise, hum or comfort noise lifts the floor
 * instead of reading as speech, while pauses between words keep it down during speech. Speech
 * starts after {@code minSpeechMs} of consecutive voiced audio (clicks and pops are shorter) and
 * ends after {@code silenceMs} without a voiced frame. Time is audio time (samples / 8), so the
 * detector gives the same answer however late frames arrive. Not thread-safe: one per call.
 */
public final class VoiceActivityDetector {
  public enum Event { NONE, SPEECH_START, SPEECH_END }

  static final double MARGIN_DB = 10;
  static final double ABSOLUTE_MIN_DBFS = -50;
  private static final int BLOCK_MS = 200;
  private static final int BLOCKS = 10;

  private final int silenceMs;
  private final int minSpeechMs;
  private final double[] blockMinDb = new double[BLOCKS];
  private int blocksFilled;
  private int blockIndex;
  private double currentBlockMinDb = Double.MAX_VALUE;
  private int currentBlockMs;

  private long audioMs;
  private boolean speaking;
  private int voicedRunMs;
  private long lastVoicedEndMs;
  private long speechStartMs;
  private double lastLevelDbfs = -120;

  public VoiceActivityDetector(int silenceMs, int minSpeechMs) {
    if (silenceMs < 20 || minSpeechMs < 0) {
      throw new IllegalArgumentException("silenceMs must be ≥ 20 and minSpeechMs ≥ 0, got " + silenceMs + ", " + minSpeechMs);
    }
    this.silenceMs = silenceMs;
    this.minSpeechMs = minSpeechMs;
  }

  /** Processes one frame of 8 kHz PCM and says whether speech started or ended with it. */
  public Event process(short[] frame) {
    int frameMs = Math.max(1, frame.length / 8);
    double levelDb = Goertzel.levelDbfs(Goertzel.energy(frame, 0, frame.length), frame.length);
    lastLevelDbfs = levelDb;
    double floorDb = noiseFloorDb();
    updateFloor(levelDb, frameMs);
    boolean voiced = levelDb >= ABSOLUTE_MIN_DBFS && (floorDb == Double.MAX_VALUE || levelDb >= floorDb + MARGIN_DB);
    long frameEndMs = audioMs + frameMs;
    audioMs = frameEndMs;
    if (voiced) {
      lastVoicedEndMs = frameEndMs;
      if (!speaking) {
        if (voicedRunMs == 0) {
          speechStartMs = frameEndMs - frameMs;
        }
        voicedRunMs += frameMs;
        if (voicedRunMs >= minSpeechMs) {
          speaking = true;
          return Event.SPEECH_START;
        }
      }
      return Event.NONE;
    }
    if (!speaking) {
      voicedRunMs = 0;
      return Event.NONE;
    }
    if (frameEndMs - lastVoicedEndMs >= silenceMs) {
      speaking = false;
      voicedRunMs = 0;
      return Event.SPEECH_END;
    }
    return Event.NONE;
  }

  private void updateFloor(double levelDb, int frameMs) {
    currentBlockMinDb = Math.min(currentBlockMinDb, levelDb);
    currentBlockMs += frameMs;
    if (currentBlockMs >= BLOCK_MS) {
      blockMinDb[blockIndex] = currentBlockMinDb;
      blockIndex = (blockIndex + 1) % BLOCKS;
      blocksFilled = Math.min(BLOCKS, blocksFilled + 1);
      currentBlockMinDb = Double.MAX_VALUE;
      currentBlockMs = 0;
    }
  }

  /** Quietest frame level over the window, dBFS; MAX_VALUE before the first frame. */
  public double noiseFloorDb() {
    double min = currentBlockMinDb;
    for (int i = 0; i < blocksFilled; i++) {
      min = Math.min(min, blockMinDb[i]);
    }
    return min;
  }

  public boolean speaking() {
    return speaking;
  }

  /** Audio time at the end of the last voiced frame, ms since the first frame. */
  public long lastVoicedEndMs() {
    return lastVoicedEndMs;
  }

  /** Audio time at which the current (or last) speech began, ms. */
  public long speechStartMs() {
    return speechStartMs;
  }

  /** Audio processed so far, ms. */
  public long audioMs() {
    return audioMs;
  }

  public double lastLevelDbfs() {
    return lastLevelDbfs;
  }

  public int silenceMs() {
    return silenceMs;
  }
}
