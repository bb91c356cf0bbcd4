package org.telops.runtime.engine.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
  private PipelineSetup() {}

  public static PipelineEngine build(Map<String, String> environment, Flow flow, ScriptedEngine transcriptFlow) {
    Env env = new Env(environment);
    String phrasesFile = env.string("TELOPS_STT_PHRASES", null);
    int timeoutMs = env.integer("TELOPS_STT_TIMEOUT_MS", 5_000, 100, 120_000);
    int workers = env.integer("TELOPS_STT_WORKERS", Runtime.getRuntime().availableProcessors(), 1, 256);
    String jsgf = PhraseGrammar.jsgf(PhraseGrammar.phrases(flow, phrases(phrasesFile)));
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "telops-stt");
      t.setDaemon(true);
      return t;
    });
    return new PipelineEngine(transcriptFlow, new PocketsphinxStt(jsgf, pool, timeoutMs));
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
