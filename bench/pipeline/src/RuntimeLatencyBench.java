import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.telops.runtime.Fixtures;
import org.telops.runtime.engine.pipeline.FakeChatServer;
import org.telops.runtime.it.CarrierStream;
import org.telops.runtime.it.RuntimeHarness;

/**
 * What the runtime adds to a turn when the hosted providers answer at once: engine "pipeline" with Deepgram STT,
 * an OpenAI-compatible LLM and OpenAI speech, each a local server speaking its documented wire format and answering
 * instantly. CALLS concurrent Twilio streams each speak TURNS questions; every turn's record gives
 * runtime-added = first audio out − end-of-speech detection − STT − LLM first token − TTS first byte.
 * Mode "offline" instead: no hosted provider, the offline recogniser (pocketsphinx, one process per utterance) and the
 * scripted flow's answers, to see how many concurrent calls a core carries before STT falls behind.
 * Usage: java RuntimeLatencyBench [calls] [turns] [hosted|offline]
 */
public class RuntimeLatencyBench {
  static final String KEY = "sk-bench-0123456789abcdefghij";

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int turns = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    boolean offline = args.length > 2 && args[2].equals("offline");
    Vertx fakes = Vertx.vertx();
    String deepgram = deepgram(fakes);
    String tts = speech(fakes);
    List<String> replies = new ArrayList<>();
    for (int i = 0; i < calls * (turns + 2); i++) {
      replies.add("Sure. We are open from nine to five on weekdays.");
    }
    FakeChatServer llm = new FakeChatServer(replies, 0, KEY);
    Map<String, String> env = new HashMap<>();
    env.put("TELOPS_AGENT_ENGINE", "pipeline");
    env.put("TELOPS_STT_TIMEOUT_MS", "30000");
    if (!offline) {
    env.put("TELOPS_DEEPGRAM_API_KEY", "dg-bench-123456789");
    env.put("TELOPS_DEEPGRAM_URL", deepgram);
    env.put("TELOPS_LLM_BASE_URL", llm.baseUrl());
    env.put("TELOPS_LLM_API_KEY", KEY);
    env.put("TELOPS_LLM_MODEL", "fake-model");
    env.put("TELOPS_TTS_OPENAI_BASE_URL", tts);
    env.put("TELOPS_TTS_OPENAI_API_KEY", KEY);
    }
    RuntimeHarness rt = RuntimeHarness.start(env);
    Vertx carrier = Vertx.vertx();
    byte[] question = Fixtures.audio("caller-hours");
    byte[] pause = Fixtures.silence(1_500);
    List<Thread> threads = new ArrayList<>();
    List<String> callSids = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int c = 0; c < calls; c++) {
      String sid = "CAbench" + c + "x" + System.nanoTime();
      callSids.add(sid);
      Thread t = new Thread(() -> {
        try (CarrierStream call = CarrierStream.connect(carrier, rt.port, "/media/twilio",
            Map.of("X-Twilio-Signature", org.telops.signatures.twilio.TwilioSignatures.sign(RuntimeHarness.TWILIO_TOKEN,
                "ws://127.0.0.1:" + rt.port + "/media/twilio", Map.of())), CarrierStream.Dialect.TWILIO, 1)) {
          call.start(sid, Map.of(), null);
          call.openMicrophone();
          RuntimeHarness.await("greeting", java.time.Duration.ofSeconds(30), () -> call.marksEchoed.contains("u1.end"));
          for (int i = 0; i < turns; i++) {
            int before = call.mediaFrames.get();
            call.say(question);
            call.say(pause);
            RuntimeHarness.await("reply", java.time.Duration.ofSeconds(30), () -> call.saidAll()
                && call.mediaFrames.get() > before + 5);
            Thread.sleep(300);
          }
          call.stop();
        } catch (Exception e) {
          System.err.println("call " + sid + " failed: " + e);
        }
      });
      t.start();
      threads.add(t);
      Thread.sleep(97); // spread the starts
    }
    for (Thread t : threads) {
      t.join();
    }
    Thread.sleep(1_000);
    int skipped = 0;
    List<Long> added = new ArrayList<>();
    List<Long> first = new ArrayList<>();
    List<Long> stt = new ArrayList<>();
    List<Long> llmMs = new ArrayList<>();
    List<Long> ttsMs = new ArrayList<>();
    for (JsonObject t : rt.turns) {
      if (!"speech".equals(t.getString("trigger")) || t.getInteger("firstAudioMs") == null || t.getInteger("sttMs") == null) {
        skipped++;
        continue;
      }
      long engine = nz(t.getInteger("sttMs")) + nz(t.getInteger("llmFirstTokenMs")) + nz(t.getInteger("ttsFirstByteMs"));
      added.add(t.getInteger("firstAudioMs") - nz(t.getInteger("eosDetectMs")) - engine);
      first.add((long) t.getInteger("firstAudioMs"));
      stt.add((long) nz(t.getInteger("sttMs")));
      llmMs.add((long) nz(t.getInteger("llmFirstTokenMs")));
      ttsMs.add((long) nz(t.getInteger("ttsFirstByteMs")));
    }
    System.out.printf("%s: %d calls × %d turns in %.1f s on %d cores; %d speech turns with all stages recorded%n",
        offline ? "offline (pocketsphinx, scripted answers)" : "hosted providers faked", calls, turns,
        (System.nanoTime() - t0) / 1e9, Runtime.getRuntime().availableProcessors(), added.size());
    if (skipped > 0) {
      System.out.println(skipped + " turn(s) without a full record (DTMF, or no answer audio) left out");
    }
    if (offline) {
      // The scripted flow answers with recorded prompts queued behind what is playing: first audio is not a runtime
      // figure here; the recogniser's time per utterance under load is.
      print("STT (pocketsphinx, per utterance)", stt);
      print("first audio (incl. 300 ms end-of-speech wait)", first);
    } else {
      print("runtime-added", added);
      print("first audio (incl. 300 ms end-of-speech wait)", first);
      print("STT (fake Deepgram)", stt);
      print("LLM first token (fake)", llmMs);
      print("TTS first byte (fake)", ttsMs);
    }
    rt.close();
    llm.close();
    carrier.close();
    fakes.close();
    System.exit(0);
  }

  static int nz(Integer v) {
    return v == null ? 0 : v;
  }

  static void print(String what, List<Long> v) {
    if (v.isEmpty()) {
      System.out.println(what + ": no samples");
      return;
    }
    List<Long> s = new ArrayList<>(v);
    s.sort(null);
    System.out.printf("%-48s p50 %4d ms  p95 %4d ms  p99 %4d ms  max %4d ms  (n=%d)%n", what, pct(s, 0.50), pct(s, 0.95),
        pct(s, 0.99), s.get(s.size() - 1), s.size());
  }

  static long pct(List<Long> sorted, double p) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
  }

  /** Deepgram's live API: the final transcript as soon as the client sends CloseStream. */
  static String deepgram(Vertx vertx) throws Exception {
    HttpServer s = vertx.createHttpServer().webSocketHandler(ws -> ws.textMessageHandler(t -> {
      if ("CloseStream".equals(new JsonObject(t).getString("type"))) {
        ws.writeTextMessage(new JsonObject().put("type", "Results").put("is_final", true).put("speech_final", true)
            .put("channel", new JsonObject().put("alternatives", new JsonArray()
                .add(new JsonObject().put("transcript", "what are your opening hours").put("confidence", 0.98)))).encode());
        ws.writeTextMessage(new JsonObject().put("type", "Metadata").put("request_id", "r").put("duration", 1.0).encode());
        ws.close();
      }
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return "ws://127.0.0.1:" + s.actualPort() + "/v1/listen";
  }

  /** OpenAI speech: half a second of 24 kHz PCM at once. */
  static String speech(Vertx vertx) throws Exception {
    Buffer pcm = Buffer.buffer();
    for (int i = 0; i < 12_000; i++) {
      pcm.appendShortLE((short) (8_000 * Math.sin(2 * Math.PI * 440 * i / 24_000.0)));
    }
    HttpServer s = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b ->
        req.response().putHeader("Content-Type", "audio/pcm").end(pcm)))
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return "http://127.0.0.1:" + s.actualPort() + "/v1";
  }
}
