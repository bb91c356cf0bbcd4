package org.telops.runtime.engine.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.contracts.config.ConfigException;
import org.telops.contracts.config.Env;
import org.telops.runtime.engine.scripted.Flow;
import org.telops.runtime.engine.scripted.ScriptedEngine;

/**
 * Builds engine "pipeline" from TELOPS_STT_* variables: the offline recogniser, its grammar (the flow's keywords
 * plus the phrases file) and its worker threads. Built lazily: a runtime that never serves "pipeline" starts no
 * threads and needs no pocketsphinx.
 */
public final class PipelineSetup {
  private static final Logger log = LoggerFactory.getLogger(PipelineSetup.class);
  static final String SYSTEM_PROMPT = "You are a phone agent. Answer in one or two short spoken sentences, no lists or markup.";
  private PipelineSetup() {}

  public static PipelineEngine build(Map<String, String> environment, Flow flow, ScriptedEngine transcriptFlow,
                                     io.vertx.core.Vertx vertx) {
    Env env = new Env(environment);
    Breakers breakers = new Breakers(vertx, env.integer("TELOPS_PROVIDER_BREAKER_FAILURES", 3, 1, 1_000),
        env.integer("TELOPS_PROVIDER_BREAKER_RESET_MS", 30_000, 100, 3_600_000));
    String phrasesFile = env.string("TELOPS_STT_PHRASES", null);
    int timeoutMs = env.integer("TELOPS_STT_TIMEOUT_MS", 5_000, 100, 120_000);
    int workers = env.integer("TELOPS_STT_WORKERS", Runtime.getRuntime().availableProcessors(), 1, 256);
    String jsgf = PhraseGrammar.jsgf(PhraseGrammar.phrases(flow, phrases(phrasesFile)));
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "telops-stt");
      t.setDaemon(true);
      return t;
    });
    SpeechToText stt = new PocketsphinxStt(jsgf, pool, timeoutMs);
    String deepgramKey = env.string("TELOPS_DEEPGRAM_API_KEY", null);
    if (deepgramKey != null) {
      stt = new FallbackStt(breakers.guard((SpeechToText) new DeepgramStt(
          env.string("TELOPS_DEEPGRAM_URL", "wss://api.deepgram.com/v1/listen"),
          deepgramKey, env.string("TELOPS_DEEPGRAM_MODEL", "nova-2-phonecall"),
          env.integer("TELOPS_DEEPGRAM_TIMEOUT_MS", 3_000, 100, 60_000))), stt);
      log.info("engine pipeline: STT deepgram (key {}), pocketsphinx when it fails", ChatCompletionsClient.mask(deepgramKey));
    }
    String llmUrl = env.string("TELOPS_LLM_BASE_URL", null);
    if (llmUrl == null) {
      log.info("engine pipeline: STT {}, answers from the scripted flow's keywords (TELOPS_LLM_BASE_URL not set)", stt.name());
      return new PipelineEngine(transcriptFlow, stt);
    }
    String key = env.string("TELOPS_LLM_API_KEY", null);
    String model = env.string("TELOPS_LLM_MODEL", "gpt-4o-mini");
    int llmTimeoutMs = env.integer("TELOPS_LLM_TIMEOUT_MS", 10_000, 100, 300_000);
    EspeakTts tts = new EspeakTts(pool, env.integer("TELOPS_TTS_TIMEOUT_MS", 5_000, 100, 120_000));
    TextToSpeech primaryTts = tts;
    String ttsUrl = env.string("TELOPS_TTS_OPENAI_BASE_URL", null);
    if (ttsUrl != null) {
      primaryTts = breakers.guard((TextToSpeech) new OpenAiSpeechTts(ttsUrl, env.string("TELOPS_TTS_OPENAI_API_KEY", key),
          env.string("TELOPS_TTS_OPENAI_MODEL", "gpt-4o-mini-tts"), env.string("TELOPS_TTS_OPENAI_VOICE", "alloy"),
          Duration.ofMillis(env.integer("TELOPS_TTS_TIMEOUT_MS", 5_000, 100, 120_000))));
    }
    log.info("engine pipeline: STT {}, LLM {} model {} (key {}), TTS {} (fallback {})", stt.name(), llmUrl, model,
        ChatCompletionsClient.mask(key), primaryTts.name(), tts.name());
    LlmDialogue dialogue = new LlmDialogue(breakers.guard((LanguageModel) new ChatCompletionsClient(llmUrl, key, model,
        Duration.ofMillis(llmTimeoutMs))),
        primaryTts, tts, env.string("TELOPS_LLM_SYSTEM_PROMPT", SYSTEM_PROMPT),
        env.string("TELOPS_LLM_GREETING", "Hello, how can I help you?"));
    return new PipelineEngine(dialogue, stt);
  }

  static List<String> phrases(String file) {
    try {
      if (file == null) {
        try (InputStream in = PipelineSetup.class.getClassLoader().getResourceAsStream("stt/phrases.txt")) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
      }
      return Files.readAllLines(Path.of(file));
    } catch (IOException e) {
      throw new ConfigException("TELOPS_STT_PHRASES=" + file + " cannot be read (" + e.getMessage()
          + "): give a text file of caller phrases, one a line");
    }
  }
}
