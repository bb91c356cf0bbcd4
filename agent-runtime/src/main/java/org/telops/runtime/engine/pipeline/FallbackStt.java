package org.telops.runtime.engine.pipeline;

import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A primary STT provider and a second one used when the primary fails or times out for an utterance. */
public final class FallbackStt implements SpeechToText {
  private static final Logger log = LoggerFactory.getLogger(FallbackStt.class);

  private final SpeechToText primary;
  private final SpeechToText secondary;

  public FallbackStt(SpeechToText primary, SpeechToText secondary) {
    this.primary = primary;
    this.secondary = secondary;
  }

  @Override
  public String name() {
    return primary.name() + "→" + secondary.name();
  }

  @Override
  public CompletableFuture<String> transcribe(short[] pcm16k) {
    return transcribe(pcm16k, name -> { });
  }

  /** @param primaryFailed told the primary's name (on any thread) when it failed and the secondary transcribes */
  public CompletableFuture<String> transcribe(short[] pcm16k, java.util.function.Consumer<String> primaryFailed) {
    return orSecondary(primary.transcribe(pcm16k), pcm16k, primaryFailed);
  }

  /** The primary's live transcription (the secondary takes whole utterances only, see {@link #orSecondary}). */
  @Override
  public LiveTranscription live() {
    return primary.live();
  }

  /** The primary's result, or when it fails the secondary's transcript of the whole utterance. */
  public CompletableFuture<String> orSecondary(CompletableFuture<String> primaryResult, short[] pcm16k,
                                               java.util.function.Consumer<String> primaryFailed) {
    return primaryResult.exceptionallyCompose(err -> {
      log.warn("STT provider {} failed ({}): {} transcribes this utterance", primary.name(), err.toString(), secondary.name());
      primaryFailed.accept(primary.name());
      return secondary.transcribe(pcm16k);
    });
  }
}
