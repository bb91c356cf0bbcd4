package org.telops.runtime.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.telops.runtime.engine.CallInfo;
import org.telops.runtime.engine.LatencyStage;
import org.telops.runtime.quality.TurnRecord;

/**
 * Turns of one call: a turn starts when the caller stops talking (or presses a key) and its latency is
 * measured to the first agent frame sent after it. A turn is reported when the next one starts or the
 * call ends, so that whether its answer was barged in on is known.
 */
public final class TurnTracker {
  private final CallInfo call;
  private final Consumer<TurnRecord> out;
  private final List<Integer> firstAudioMs = new ArrayList<>();
  private int turnNo;
  private Open current;

  private static final class Open {
    int no;
    Instant startedAt;
    long startNanos;
    int eosDetectMs;
    String trigger;
    Integer sttMs;
    Integer llmMs;
    Integer ttsMs;
    Integer firstAudioMs;
    boolean bargedIn;
  }

  public TurnTracker(CallInfo call, Consumer<TurnRecord> out) {
    this.call = call;
    this.out = out;
  }

  /**
   * @param endOfSpeech wall time of the end of the caller's speech
   * @param endOfSpeechNanos the same instant on the monotonic clock
   * @param eosDetectMs how long after the end of speech the VAD decided (≈ the configured silence)
   */
  public void onSpeechEnded(Instant endOfSpeech, long endOfSpeechNanos, int eosDetectMs) {
    begin(endOfSpeech, endOfSpeechNanos, eosDetectMs, "speech");
  }

  public void onDtmf(Instant at, long nanos) {
    begin(at, nanos, 0, "dtmf");
  }

  private void begin(Instant at, long nanos, int eosDetectMs, String trigger) {
    close();
    Open t = new Open();
    t.no = ++turnNo;
    t.startedAt = at;
    t.startNanos = nanos;
    t.eosDetectMs = eosDetectMs;
    t.trigger = trigger;
    current = t;
  }

  /** An agent frame left for the carrier. */
  public void onAudioSent(long nanos) {
    if (current != null && current.firstAudioMs == null) {
      current.firstAudioMs = (int) Math.max(0, (nanos - current.startNanos) / 1_000_000);
    }
  }

  public void onLatency(LatencyStage stage, long ms) {
    if (current == null) {
      return;
    }
    int v = (int) Math.min(Integer.MAX_VALUE, Math.max(0, ms));
    switch (stage) {
      case STT -> current.sttMs = v;
      case LLM_FIRST_TOKEN -> current.llmMs = v;
      case TTS_FIRST_BYTE -> current.ttsMs = v;
    }
  }

  /** The agent's answer to the current turn was cut short by the caller. */
  public void onBargeIn() {
    if (current != null && current.firstAudioMs != null) {
      current.bargedIn = true;
    }
  }

  /** Reports the open turn, if any. */
  public void close() {
    Open t = current;
    current = null;
    if (t == null) {
      return;
    }
    if (t.firstAudioMs != null) {
      firstAudioMs.add(t.firstAudioMs);
    }
    out.accept(new TurnRecord(call.callId(), t.no, t.startedAt, call.tenant(), call.carrier(), call.region(),
        call.engine(), t.eosDetectMs, t.sttMs, t.llmMs, t.ttsMs, t.firstAudioMs, t.bargedIn, t.trigger));
  }

  /** Percentile (nearest rank) of end-of-speech → first audio over the reported turns; null when none. */
  public Integer firstAudioPercentileMs(double p) {
    if (firstAudioMs.isEmpty()) {
      return null;
    }
    List<Integer> sorted = new ArrayList<>(firstAudioMs);
    sorted.sort(null);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  public int turns() {
    return turnNo;
  }
}
