package org.telops.runtime.engine;

/**
 * A conversation engine: what talks to the caller. One instance serves every call; {@link #open} makes
 * the per-call {@link EngineSession}. Engines are plain Java: the runtime feeds them decoded audio,
 * speech boundaries and digits on the call's own thread and gives them an {@link EngineOutput} to speak
 * through, so a cloud engine (streaming STT → LLM → TTS) fits the same SPI as the offline ones.
 */
public interface ConversationEngine {

  /** Name used in configuration, TwiML parameters and turn records (e.g. "scripted"). */
  String name();

  EngineSession open(CallInfo call, EngineOutput output);
}
