package org.telops.runtime.engine;

/** Stages of a turn an engine reports (ms after end of speech), stored in call_turns. */
public enum LatencyStage {
  STT,
  LLM_FIRST_TOKEN,
  TTS_FIRST_BYTE
}
