package org.telops.runtime.engine;

/**
 * Stages of a turn an engine reports, each as the time that stage itself took (ms), stored in call_turns; the
 * quality analyzer's triage blames the stage that took the most time in slow turns (TTS → Output, else Intelligence).
 * STT: end-of-speech decision → final transcript. LLM_FIRST_TOKEN: transcript → first token (or → the failure).
 * TTS_FIRST_BYTE: first sentence sent → its first audio.
 */
public enum LatencyStage {
  STT,
  LLM_FIRST_TOKEN,
  TTS_FIRST_BYTE
}
