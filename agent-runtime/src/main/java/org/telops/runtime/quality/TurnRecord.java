package org.telops.runtime.quality;

import java.time.Instant;

/**
 * Where one conversational turn's time went, as stored in {@code call_turns} and published on
 * {@code telops.call.turns}. Every duration is ms after {@code startedAt} (the end of the caller's
 * speech, or the key press); null when the stage did not happen (no STT in the scripted engine).
 *
 * @param eosDetectMs end of speech → the VAD deciding so (≈ the configured silence); 0 for DTMF
 * @param firstAudioMs end of speech → first agent frame sent; includes eosDetectMs
 * @param trigger "speech" or "dtmf"
 */
public record TurnRecord(String callId, int turnNo, Instant startedAt, String tenant, String carrier, String region,
                         String engine, Integer eosDetectMs, Integer sttMs, Integer llmFirstTokenMs,
                         Integer ttsFirstByteMs, Integer firstAudioMs, boolean bargedIn, String trigger) {

  /** What the runtime itself added: first audio minus the silence wait and the engine's own stages. */
  public Integer runtimeAddedMs() {
    if (firstAudioMs == null) {
      return null;
    }
    // stage times are durations, one after another
    int engineMs = (sttMs == null ? 0 : sttMs) + (llmFirstTokenMs == null ? 0 : llmFirstTokenMs)
        + (ttsFirstByteMs == null ? 0 : ttsFirstByteMs);
    return firstAudioMs - (eosDetectMs == null ? 0 : eosDetectMs) - engineMs;
  }
}
