import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.telops.contracts.call.Usage;
import org.telops.runtime.engine.CallInfo;
import org.telops.runtime.engine.EngineOutput;
import org.telops.runtime.engine.EngineSession;
import org.telops.runtime.engine.LatencyStage;
import org.telops.runtime.engine.Scheduler;
import org.telops.runtime.engine.Utterance;
import org.telops.runtime.engine.pipeline.EspeakTts;
import org.telops.runtime.engine.pipeline.LanguageModel;
import org.telops.runtime.engine.pipeline.LlmDialogue;

/**
 * First audio after a transcript, sentence buffering vs whole-reply TTS: an in-process LLM streams a three-sentence
 * reply one word per GAP ms; espeak-ng speaks. "whole reply" = the same LLM delivering all words at its end.
 * Usage: java FirstAudioBench [runs] [gapMs]
 */
public class FirstAudioBench {
  static final String REPLY = "We are open from nine in the morning to five in the evening on weekdays. "
      + "On Saturdays we open at ten and close at two in the afternoon. Is there anything else I can help you with today?";

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    long gap = args.length > 1 ? Long.parseLong(args[1]) : 30;
    var pool = Executors.newFixedThreadPool(2);
    EspeakTts tts = new EspeakTts(pool, 10_000);
    System.out.printf("reply: %d words, one per %d ms (LLM done after %d ms); %d runs each%n",
        REPLY.split(" ").length, gap, REPLY.split(" ").length * gap, runs);
    for (boolean whole : new boolean[] {false, true}) {
      List<Long> ms = new ArrayList<>();
      for (int r = 0; r < runs + 2; r++) {
        long t = firstAudio(tts, gap, whole);
        if (r >= 2) {
          ms.add(t);   // two warm-up runs
        }
      }
      long[] a = ms.stream().mapToLong(Long::longValue).sorted().toArray();
      System.out.printf("%-20s first audio after transcript: p50 %d ms, max %d ms%n",
          whole ? "whole-reply TTS" : "sentence buffering", a[a.length / 2], a[a.length - 1]);
    }
    pool.shutdownNow();
    System.exit(0);
  }

  static long firstAudio(EspeakTts tts, long gap, boolean whole) throws Exception {
    ScheduledExecutorService call = Executors.newSingleThreadScheduledExecutor();
    ScheduledExecutorService llmThread = Executors.newSingleThreadScheduledExecutor();
    LanguageModel llm = new LanguageModel() {
      public String name() { return "in-process"; }
      public Runnable stream(List<Message> conversation, Listener l) {
        String[] words = REPLY.split("(?<= )");
        AtomicInteger i = new AtomicInteger();
        var f = llmThread.scheduleAtFixedRate(() -> {
          int k = i.getAndIncrement();
          if (k < words.length) {
            if (!whole) l.onToken(words[k]);
          } else if (k == words.length) {
            if (whole) l.onToken(REPLY);
            l.onDone(null, null);
          }
        }, gap, gap, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
      }
    };
    CountDownLatch firstAudio = new CountDownLatch(1);
    CountDownLatch greeted = new CountDownLatch(1);
    EngineOutput out = new EngineOutput() {
      int n;
      public Utterance say(String label) {
        String id = "u" + (++n);
        return new Utterance() {
          public String id() { return id; }
          public void append(byte[] ulaw) { (label.equals("greeting") ? greeted : firstAudio).countDown(); }
          public void appendPcm(short[] pcm, int rate) { }
          public void finish() { }
          public boolean cancelled() { return false; }
        };
      }
      public void stopSpeaking() { }
      public void hangup(String reason) { }
      public void transfer(String target, String reason) { }
      public void reportUsage(Usage delta) { }
      public void reportLatency(LatencyStage stage, long millis) { }
      public Scheduler scheduler() {
        return (delay, task) -> {
          var f = call.schedule(task, delay, TimeUnit.MILLISECONDS);
          return () -> f.cancel(false);
        };
      }
    };
    LlmDialogue d = new LlmDialogue(llm, tts, tts, "system", "Hi.");
    CallInfo info = new CallInfo("bench", "twilio", "CA1", "MZ1", "t", "a", "r", "pipeline", "+1", "+2", "inbound", null);
    EngineSession s = call.submit(() -> d.open(info, out)).get();
    call.submit(s::onStart).get();
    greeted.await();
    long t0 = System.nanoTime();
    call.submit(() -> s.onTranscript("what are your opening hours", true)).get();
    firstAudio.await();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    call.submit(s::onStop).get();
    call.shutdownNow();
    llmThread.shutdownNow();
    return ms;
  }
}
