package org.telops.runtime.engine.pipeline;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Vert.x circuit breaker per hosted provider: after {@code maxFailures} failed requests in a row it opens and
 * requests fail at once (so the fallback provider or the polite line answers without waiting for a timeout); after
 * {@code resetMs} one request is let through to test the provider again. The providers keep their own timeouts.
 */
public final class Breakers {
  private static final Logger log = LoggerFactory.getLogger(Breakers.class);

  private final Vertx vertx;
  private final int maxFailures;
  private final long resetMs;

  public Breakers(Vertx vertx, int maxFailures, long resetMs) {
    this.vertx = vertx;
    this.maxFailures = maxFailures;
    this.resetMs = resetMs;
  }

  private CircuitBreaker breaker(String provider) {
    return CircuitBreaker.create("telops-" + provider, vertx, new CircuitBreakerOptions()
            .setMaxFailures(maxFailures).setTimeout(-1).setResetTimeout(resetMs))
        .openHandler(v -> log.warn("circuit breaker for {} opened after {} failures in a row: requests go to the fallback for {} ms",
            provider, maxFailures, resetMs))
        .closeHandler(v -> log.info("circuit breaker for {} closed: the provider answers again", provider));
  }

  private static <T> CompletableFuture<T> guard(CircuitBreaker b, java.util.function.Supplier<CompletableFuture<T>> call) {
    CompletableFuture<T> out = new CompletableFuture<>();
    b.<T>execute(p -> call.get().whenComplete((v, e) -> {
      if (e != null) {
        p.fail(e);
      } else {
        p.complete(v);
      }
    })).onComplete(ar -> {
      if (ar.succeeded()) {
        out.complete(ar.result());
      } else {
        out.completeExceptionally(ar.cause());
      }
    });
    return out;
  }

  public SpeechToText guard(SpeechToText stt) {
    CircuitBreaker b = breaker(stt.name());
    return new SpeechToText() {
      public String name() { return stt.name(); }
      public CompletableFuture<String> transcribe(short[] pcm) { return guard(b, () -> stt.transcribe(pcm)); }

      public LiveTranscription live() {
        if (b.state() == io.vertx.circuitbreaker.CircuitBreakerState.OPEN) {
          return null; // the whole utterance goes to transcribe(), which fails at once to the fallback
        }
        LiveTranscription l = stt.live();
        return l == null ? null : new LiveTranscription() {
          public void audio(short[] pcm) { l.audio(pcm); }
          public CompletableFuture<String> finish() { return guard(b, l::finish); }
          public void cancel() { l.cancel(); }
        };
      }
    };
  }

  public TextToSpeech guard(TextToSpeech tts) {
    CircuitBreaker b = breaker(tts.name());
    return new TextToSpeech() {
      public String name() { return tts.name(); }
      public CompletableFuture<byte[]> speak(String s) { return guard(b, () -> tts.speak(s)); }
    };
  }

  /** The breaker counts a reply as a success at its first token, as a failure when it fails before one. */
  public LanguageModel guard(LanguageModel llm) {
    CircuitBreaker b = breaker(llm.name());
    return new LanguageModel() {
      public String name() { return llm.name(); }

      public Runnable stream(List<Message> conversation, Listener listener) {
        AtomicBoolean started = new AtomicBoolean();
        Runnable[] cancel = {() -> { }};
        b.<Void>execute(p -> {
          started.set(true);
          cancel[0] = llm.stream(conversation, new Listener() {
            public void onToken(String t) { p.tryComplete(); listener.onToken(t); }
            public void onDone(Long in, Long out) { p.tryComplete(); listener.onDone(in, out); }
            public void onError(Throwable e) { p.tryFail(e); listener.onError(e); }
          });
        }).onFailure(e -> {
          if (!started.get()) {
            listener.onError(e);   // open: the request was not made
          }
        });
        return () -> cancel[0].run();
      }
    };
  }
}
