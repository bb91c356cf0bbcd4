package org.telops.runtime.engine.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
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
import org.telops.runtime.engine.Utterance;

/**
 * The LLM half of engine "pipeline": each final transcript goes to a {@link LanguageModel}; streamed tokens are
 * cut into sentences ({@link SentenceBuffer}) and each sentence goes to {@link TextToSpeech} at once, so the first
 * audio leaves after the first sentence. Caller speech during a reply cancels the LLM request and drops pending
 * TTS (the runtime sends the carrier {@code clear} and marks the turn barged-in). A failed LLM or TTS is logged
 * with the provider and replaced by a polite line spoken by the fallback TTS.
 */
public final class LlmDialogue implements ConversationEngine {
  static final String SORRY = "Sorry, I am having trouble answering right now. Please try again in a moment.";
  private static final Logger log = LoggerFactory.getLogger(LlmDialogue.class);

  private final LanguageModel llm;
  private final TextToSpeech tts;
  private final TextToSpeech fallbackTts;
  private final String systemPrompt;
  private final String greeting;

  public LlmDialogue(LanguageModel llm, TextToSpeech tts, TextToSpeech fallbackTts, String systemPrompt, String greeting) {
    this.llm = llm;
    this.tts = tts;
    this.fallbackTts = fallbackTts;
    this.systemPrompt = systemPrompt;
    this.greeting = greeting;
  }

  @Override
  public String name() {
    return PipelineEngine.NAME;
  }

  @Override
  public EngineSession open(CallInfo call, EngineOutput output) {
    return new Session(call, output);
  }

  /** What the LLM's threads hand to the call's thread. */
  private record Event(String token, boolean done, Long in, Long out, Throwable error) {}

  private final class Session implements EngineSession {
    private final CallInfo call;
    private final EngineOutput output;
    private final List<LanguageModel.Message> conversation = new ArrayList<>();
    private Reply reply;
    private long transcriptNanos;
    private boolean stopped;

    Session(CallInfo call, EngineOutput output) {
      this.call = call;
      this.output = output;
      conversation.add(new LanguageModel.Message("system", systemPrompt));
    }

    @Override
    public void onStart() {
      reply = new Reply(false);
      reply.sentence(greeting, LlmDialogue.this.tts);
      reply.llmDone = true;
      conversation.add(new LanguageModel.Message("assistant", greeting));
      poll(reply);
    }

    @Override
    public void onSpeechStarted() {
      cancelReply("caller speech");
    }

    @Override
    public void onTranscript(String text, boolean isFinal) {
      if (stopped || !isFinal || text == null || text.isBlank()) {
        return;
      }
      cancelReply("new transcript");
      transcriptNanos = System.nanoTime();
      conversation.add(new LanguageModel.Message("user", text));
      Reply r = new Reply(true);
      reply = r;
      r.cancelLlm = llm.stream(List.copyOf(conversation), new LanguageModel.Listener() {
        public void onToken(String t) { r.events.add(new Event(t, false, null, null, null)); r.kick(); }
        public void onDone(Long in, Long out) { r.events.add(new Event(null, true, in, out, null)); r.kick(); }
        public void onError(Throwable e) { r.events.add(new Event(null, true, null, null, e)); r.kick(); }
      });
      poll(r);
    }

    private void poll(Reply r) {
      if (stopped || r != reply || r.cancelled) {
        return;
      }
      for (Event e; (e = r.events.poll()) != null; ) {
        r.onEvent(e);
      }
      r.drainAudio();
    }

    private void cancelReply(String why) {
      Reply r = reply;
      if (r != null && !r.finished()) {
        r.cancelled = true;
        if (r.cancelLlm != null) {
          r.cancelLlm.run();
        }
        r.pending.forEach(f -> f.cancel(true));
        log.info("{}: reply cancelled ({}): LLM request and {} pending TTS requests dropped", call.callId(), why, r.pending.size());
        if (r.utterance != null && !r.utterance.cancelled()) {
          output.stopSpeaking();
        }
      }
      reply = null;
    }

    @Override
    public void onInterrupted(Interruption interruption) {
      cancelReply("barge-in");
    }

    @Override
    public void onStop() {
      stopped = true;
      cancelReply("call ended");
    }

    /** One agent reply: LLM tokens → sentences → TTS futures, appended in order to one utterance. */
    private final class Reply {
      final Queue<Event> events = new ConcurrentLinkedQueue<>();
      /** "provider: error" of TTS requests that failed (told on a worker thread, reported on the call's). */
      final Queue<String> ttsFailures = new ConcurrentLinkedQueue<>();
      final Deque<CompletableFuture<byte[]>> pending = new ArrayDeque<>();
      final SentenceBuffer sentences = new SentenceBuffer();
      final StringBuilder text = new StringBuilder();
      final boolean fromLlm;
      /** A poll is queued on the call's thread (LLM events and finished TTS requests each ask for one). */
      final java.util.concurrent.atomic.AtomicBoolean kicked = new java.util.concurrent.atomic.AtomicBoolean();
      final Scheduler onCall = output.scheduler();
      Runnable cancelLlm;
      Utterance utterance;
      boolean llmDone;
      boolean firstToken;
      boolean cancelled;
      boolean failed;
      long firstSentenceNanos;

      Reply(boolean fromLlm) {
        this.fromLlm = fromLlm;
      }

      /** From any thread: something arrived; the call's thread takes it at once (no polling interval). */
      void kick() {
        if (kicked.compareAndSet(false, true)) {
          onCall.execute(() -> {
            kicked.set(false);
            poll(this);
          });
        }
      }

      void onEvent(Event e) {
        if (e.error() != null) {
          failed = true;
          llmDone = true;
          if (!firstToken && fromLlm) {
            firstToken = true;   // the LLM stage took this long and failed: triage blames Intelligence
            output.reportLatency(LatencyStage.LLM_FIRST_TOKEN, (System.nanoTime() - transcriptNanos) / 1_000_000);
          }
          log.warn("{}: LLM {} failed ({}): speaking the fallback line", call.callId(), llm.name(), e.error().toString());
          output.providerFailed("llm", llm.name(), e.error().toString());
          pending.clear();
          sentence(SORRY, fallbackTts);
          return;
        }
        if (e.token() != null) {
          if (!firstToken) {
            firstToken = true;
            output.reportLatency(LatencyStage.LLM_FIRST_TOKEN, (System.nanoTime() - transcriptNanos) / 1_000_000);
          }
          text.append(e.token());
          sentences.add(e.token()).forEach(s -> sentence(s, tts));
        }
        if (e.done()) {
          llmDone = true;
          String rest = sentences.finish();
          if (rest != null) {
            sentence(rest, tts);
          }
          if (fromLlm) {
            conversation.add(new LanguageModel.Message("assistant", text.toString()));
          }
          if (e.in() != null || e.out() != null) {
            output.reportUsage(new Usage(null, null, e.in(), e.out(), null));
          }
        }
      }

      void sentence(String s, TextToSpeech engine) {
        output.reportUsage(new Usage(null, null, null, null, (long) s.length()));
        if (firstSentenceNanos == 0) {
          firstSentenceNanos = System.nanoTime();
        }
        CompletableFuture<byte[]> f = engine.speak(s);
        CompletableFuture<byte[]> audio = engine == fallbackTts ? f
            : f.exceptionallyCompose(err -> {
              log.warn("{}: TTS {} failed ({}): {} speaks instead", call.callId(), engine.name(), err.toString(), fallbackTts.name());
              ttsFailures.add(engine.name() + ": " + err);
              return fallbackTts.speak(s);
            });
        pending.add(audio);
        audio.whenComplete((bytes, err) -> kick());
      }

      void drainAudio() {
        for (String failed; (failed = ttsFailures.poll()) != null; ) {
          int colon = failed.indexOf(": ");
          output.providerFailed("tts", failed.substring(0, colon), failed.substring(colon + 2));
        }
        while (!pending.isEmpty() && pending.peekFirst().isDone()) {
          CompletableFuture<byte[]> f = pending.pollFirst();
          if (f.isCompletedExceptionally()) {
            continue;
          }
          byte[] audio = f.join();
          if (utterance == null) {
            if (fromLlm) {
              output.reportLatency(LatencyStage.TTS_FIRST_BYTE, (System.nanoTime() - firstSentenceNanos) / 1_000_000);
            }
            utterance = output.say(fromLlm ? "llm-reply" : "greeting");
          }
          utterance.append(audio);
        }
        if (finished() && utterance != null) {
          utterance.finish();
        }
      }

      boolean finished() {
        return cancelled || (llmDone && pending.isEmpty());
      }
    }
  }
}
