package org.telops.runtime.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BreakersTest {
  final Vertx vertx = Vertx.vertx();
  final Breakers breakers = new Breakers(vertx, 3, 60_000);

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("After three failed STT requests in a row the breaker opens: the fourth fails at once without calling the provider")
  void sttOpens() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    SpeechToText guarded = breakers.guard(new SpeechToText() {
      public String name() { return "flaky-stt"; }
      public CompletableFuture<String> transcribe(short[] pcm) {
        calls.incrementAndGet();
        return CompletableFuture.failedFuture(new IllegalStateException("503"));
      }
    });
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> guarded.transcribe(new short[0]).get(5, TimeUnit.SECONDS)).hasMessageContaining("503");
    }
    assertThatThrownBy(() -> guarded.transcribe(new short[0]).get(5, TimeUnit.SECONDS)).hasMessageContaining("open circuit");
    assertThat(calls.get()).isEqualTo(3);
  }

  @Test
  @DisplayName("An LLM that fails before its first token trips the breaker; then replies fail at once with onError")
  void llmOpens() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    LanguageModel guarded = breakers.guard(new LanguageModel() {
      public String name() { return "flaky-llm"; }
      public Runnable stream(List<Message> c, Listener l) {
        calls.incrementAndGet();
        l.onError(new IllegalStateException("timeout"));
        return () -> { };
      }
    });
    LanguageModel.Listener listener = new LanguageModel.Listener() {
      public void onToken(String t) { }
      public void onDone(Long in, Long out) { }
      public void onError(Throwable e) { errors.add(e); }
    };
    for (int i = 0; i < 4; i++) {   // one reply after another, as turns come (the breaker counts on its context)
      guarded.stream(List.of(), listener);
      long deadline = System.currentTimeMillis() + 5_000;
      while (errors.size() < i + 1 && System.currentTimeMillis() < deadline) {
        Thread.sleep(10);
      }
      Thread.sleep(100);
    }
    assertThat(calls.get()).isEqualTo(3);
    assertThat(errors).hasSize(4);
    assertThat(errors.get(3).getMessage()).contains("open circuit");
  }
}
