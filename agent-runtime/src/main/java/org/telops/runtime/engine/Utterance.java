package org.telops.runtime.engine;

/** Agent audio being spoken. Append as it is produced; the runtime frames it, sends it and places marks. */
public interface Utterance {
  String id();

  /** μ-law 8 kHz bytes, any length, copied before this returns. Ignored once cancelled. */
  void append(byte[] ulaw);

  /** Linear PCM at 8000 or 16000 Hz (resampled to 8 kHz and encoded). */
  void appendPcm(short[] pcm, int sampleRateHz);

  /** No more audio: the final mark is placed; {@link EngineSession#onPlaybackFinished} follows when it played. */
  void finish();

  /** True once a barge-in cleared it: stop generating. */
  boolean cancelled();
}
