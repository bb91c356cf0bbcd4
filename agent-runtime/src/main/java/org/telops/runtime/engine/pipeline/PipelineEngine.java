package org.telops.runtime.engine.pipeline;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.contracts.call.Usage;
import org.telops.runtime.engine.CallInfo;
import org.telops.runtime.engine.ConversationEngine;
import org.telops.runtime.engine.EngineOutput;
import org.telops.runtime.engine.EngineSession;
import org.telops.runtime.engine.Interruption;
import org.telops.runtime.engine.LatencyStage;
import org.telops.runtime.engine.Scheduler;

/**
 * Engine "pipeline": the caller's speech goes through a {@link SpeechToText} stage and the transcript drives the
 * scripted flow's keyword branches (the offline intent matcher) or, when an LLM is configured, an {@link LlmDialogue}. Each utterance (from a pre-roll before the VAD's
 * speech start to its end) is transcribed on a worker; the result comes back on the call's thread, the STT time
 * lands in {@code call_turns.stt_ms} and the audio seconds on the CDR's usage. A failed or timed-out STT counts
 * as a no-match (the flow's polite re-prompt) and is logged with the provider's name.
 */
public final class PipelineEngine implements ConversationEngine {
  public static final String NAME = "pipeline";
  private static final Logger log = LoggerFactory.getLogger(PipelineEngine.class);
  private static final int RATE = 16_000;
  private static final int PRE_ROLL = RATE * 400 / 1000;   // the VAD reports speech after its minimum speech time
  private static final int MAX_UTTERANCE = RATE * 15;

  private final ConversationEngine flow;
  private final SpeechToText stt;

  /**
   * @param flow what answers the transcripts: a scripted engine built with {@code transcriptsExpected} true
   *     (offline intents) or an {@link LlmDialogue}
   */
  public PipelineEngine(ConversationEngine flow, SpeechToText stt) {
    this.flow = flow;
    this.stt = stt;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public EngineSession open(CallInfo call, EngineOutput output) {
    return new Session(call, output, flow.open(call, output));
  }

  private final class Session implements EngineSession {
    private final CallInfo call;
    private final EngineOutput output;
    private final EngineSession script;
    private short[] audio = new short[RATE * 2];
    private int length;          // samples held: a rolling pre-roll until speech starts, then the utterance
    private boolean inSpeech;
    private boolean stopped;
    /** The utterance being transcribed live (a streaming provider), null when none. */
    private LiveTranscription live;
    /** Primary STT providers that failed for an utterance (told on a worker thread, reported on the call's). */
    private final java.util.Queue<String> primaryFailures = new java.util.concurrent.ConcurrentLinkedQueue<>();

    Session(CallInfo call, EngineOutput output, EngineSession script) {
      this.call = call;
      this.output = output;
      this.script = script;
    }

    @Override
    public int inputSampleRateHz() {
      return RATE;
    }

    @Override
    public boolean interruptible() {
      return script.interruptible();
    }

    @Override
    public void onStart() {
      script.onStart();
    }

    @Override
    public void onAudio(short[] pcm, int sampleRateHz) {
      if (!inSpeech && length + pcm.length > PRE_ROLL) {
        int drop = Math.min(length, length + pcm.length - PRE_ROLL);
        System.arraycopy(audio, drop, audio, 0, length - drop);
        length -= drop;
      }
      if (length + pcm.length > MAX_UTTERANCE) {
        return;   // a 15 s monologue: the rest is not transcribed
      }
      if (length + pcm.length > audio.length) {
        audio = Arrays.copyOf(audio, Math.max(audio.length * 2, length + pcm.length));
      }
      System.arraycopy(pcm, 0, audio, length, pcm.length);
      length += pcm.length;
      if (live != null) {
        live.audio(pcm);
      }
    }

    @Override
    public void onSpeechStarted() {
      inSpeech = true;
      if (live != null) {
        live.cancel();
      }
      try {
        live = stt.live();
        if (live != null) {
          live.audio(Arrays.copyOf(audio, length)); // the pre-roll, this frame included
        }
      } catch (RuntimeException e) {
        live = null; // the whole utterance goes to transcribe() at the end
      }
      script.onSpeechStarted();
    }

    @Override
    public void onSpeechEnded(long speechMs) {
      inSpeech = false;
      short[] utterance = Arrays.copyOf(audio, length);
      length = 0;
      script.onSpeechEnded(speechMs);
      long endNanos = System.nanoTime();
      CompletableFuture<String> result;
      try {
        if (live != null) {
          CompletableFuture<String> streamed = live.finish();
          result = stt instanceof FallbackStt f ? f.orSecondary(streamed, utterance, primaryFailures::add) : streamed;
        } else {
          result = stt instanceof FallbackStt f ? f.transcribe(utterance, primaryFailures::add) : stt.transcribe(utterance);
        }
      } catch (RuntimeException e) {
        result = CompletableFuture.failedFuture(e);
      }
      live = null;
      output.reportUsage(new Usage(null, utterance.length / (double) RATE, null, null, null));
      await(result, endNanos);
    }

    /** The transcript is handed to the call's thread the moment it is ready (no polling: its time is the provider's). */
    private void await(CompletableFuture<String> result, long endNanos) {
      if (stopped) {
        result.cancel(true);
        return;
      }
      Scheduler onCall = output.scheduler();
      result.whenComplete((text, err) -> onCall.execute(() -> transcribed(result, endNanos)));
    }

    private void transcribed(CompletableFuture<String> result, long endNanos) {
      if (stopped) {
        return;
      }
      output.reportLatency(LatencyStage.STT, (System.nanoTime() - endNanos) / 1_000_000);
      String text;
      try {
        text = result.join();
        log.info("{}: {} heard \"{}\"", call.callId(), stt.name(), text);
      } catch (RuntimeException e) {
        text = "";
        String why = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
        log.warn("{}: STT provider {} failed ({}); the flow re-prompts the caller", call.callId(), stt.name(), why);
        output.providerFailed("stt", stt.name(), why);
      }
      for (String failed; (failed = primaryFailures.poll()) != null; ) {
        output.providerFailed("stt", failed, "failed; the fallback recognizer transcribed the utterance");
      }
      script.onTranscript(text, true);
    }

    @Override
    public void onDtmf(char digit) {
      script.onDtmf(digit);
    }

    @Override
    public void onTranscript(String text, boolean isFinal) {
      script.onTranscript(text, isFinal);
    }

    @Override
    public void onPlaybackFinished(String utteranceId) {
      script.onPlaybackFinished(utteranceId);
    }

    @Override
    public void onInterrupted(Interruption interruption) {
      script.onInterrupted(interruption);
    }

    @Override
    public void onStop() {
      stopped = true;
      if (live != null) {
        live.cancel();
        live = null;
      }
      script.onStop();
    }
  }
}
