package org.telops.runtime;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.audio.speech.ProbePhrase;
import org.telops.contracts.config.CarrierCredentials;
import org.telops.contracts.config.Env;
import org.telops.contracts.module.ModuleContext;
import org.telops.contracts.module.TelopsModule;
import org.telops.runtime.cdr.CallReporter;
import org.telops.runtime.engine.ConversationEngine;
import org.telops.runtime.engine.EngineRegistry;
import org.telops.runtime.engine.echo.EchoEngine;
import org.telops.runtime.engine.probe.ProbeResponderEngine;
import org.telops.runtime.engine.pipeline.PipelineEngine;
import org.telops.runtime.engine.pipeline.PipelineSetup;
import org.telops.runtime.engine.pipeline.PocketsphinxStt;
import org.telops.runtime.engine.pipeline.SpeechToText;
import org.telops.runtime.engine.scripted.Flow;
import org.telops.runtime.engine.scripted.FlowLoader;
import org.telops.runtime.engine.scripted.PromptLibrary;
import org.telops.runtime.engine.scripted.ScriptedEngine;
import org.telops.runtime.lifecycle.Drain;
import org.telops.runtime.store.RuntimeTablesWriter;
import org.telops.runtime.stream.CallControl;
import org.telops.runtime.stream.MediaStreamEndpoint;
import org.telops.runtime.telnyx.TelnyxCallControl;
import org.telops.runtime.telnyx.TelnyxInbound;
import org.telops.runtime.telnyx.TelnyxSerializer;
import org.telops.runtime.twilio.TwilioCallControl;
import org.telops.runtime.twilio.TwilioSerializer;
import org.telops.runtime.twilio.TwilioWebhooks;
import org.telops.runtime.webhook.PublicUrls;
import org.telops.runtime.webhook.WebhookGuard;
import org.telops.signatures.telnyx.TelnyxSignatures;
import org.telops.signatures.twilio.TwilioSignatures;

/**
 * The agent-runtime role: carrier voice webhooks, Twilio and Telnyx media streams, one call session per
 * stream with a conversation engine, quality samples and turn records (bus + database), the runtime's
 * CDR fragment and call events. {@link #stop()} drains: no new calls, in-flight calls finish (up to
 * TELOPS_DRAIN_TIMEOUT_SECONDS), readiness "agent-runtime" reports KO meanwhile.
 */
public final class AgentRuntimeModule implements TelopsModule {
  private static final Logger log = LoggerFactory.getLogger(AgentRuntimeModule.class);

  private final Drain drain = new Drain();
  private ModuleContext ctx;
  private RuntimeConfig cfg;
  private RuntimeTablesWriter writer;

  @Override
  public String role() {
    return "agent-runtime";
  }

  @Override
  public Future<Void> start(ModuleContext context) {
    this.ctx = context;
    cfg = RuntimeConfig.fromEnv(context.config().environment());
    CarrierCredentials creds = context.config().carriers();
    TwilioSignatures twilio = new TwilioSignatures(creds.twilioAuthToken());
    TelnyxSignatures telnyx = new TelnyxSignatures(creds.telnyxPublicKey(), creds.telnyxToleranceSeconds());
    if (!twilio.configured()) {
      log.warn("TELOPS_TWILIO_AUTH_TOKEN is not set: Twilio voice webhooks and media streams will be refused (403)");
    }
    if (creds.telnyxApiKey() == null) {
      log.warn("TELOPS_TELNYX_API_KEY is not set: incoming Telnyx Call Control calls cannot be answered");
    }
    if (cfg.telnyxStreamToken() == null) {
      log.warn("TELOPS_TELNYX_STREAM_TOKEN is not set: /media/telnyx accepts any WebSocket (Telnyx does not sign them)");
    }
    EngineRegistry engines = new EngineRegistry(engines(cfg, context.config().environment(), context.vertx()), cfg.defaultEngine(),
        cfg.engineByNumber());
    PublicUrls urls = new PublicUrls(context.config().http().publicBaseUrl());
    WebhookGuard guard = new WebhookGuard(context.meters());
    CallReporter calls = new CallReporter(context.vertx(), context.meters());
    if (context.dataSource() != null) {
      writer = new RuntimeTablesWriter(context.dataSource(), cfg.storeQueueCapacity(), context.meters(),
          context.config().database().dataDir().resolve("spool").resolve("runtime-rows.spool"),
          org.telops.contracts.store.DatabaseReachability.of(context.dataSource()));
      writer.start();
      RuntimeTablesWriter w = writer;
      // Degraded, not down: calls go on and their rows are durable in the spool (see the cdr-writer check).
      context.readiness().register("runtime-store", p -> p.complete(w.healthy() ? Status.OK()
          : Status.OK(new JsonObject().put("degraded", w.spooledNow() > 0
                  ? "PostgreSQL unreachable: quality samples and turns are spooled to local disk"
                  : "PostgreSQL unreachable: quality samples and turns wait in memory")
              .put("spooled", w.spooledNow()).put("queued", w.queued()).put("error", String.valueOf(w.lastError())))));
    } else {
      log.warn("no database: quality samples and turns go on the bus only");
    }
    Map<String, String> transfers = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, String> e) {
        return size() > 10_000; // a transfer is read within seconds; never grow without bound
      }
    });
    TelnyxCallControl telnyxControl = new TelnyxCallControl(context.vertx(), cfg.telnyxApiBaseUrl(),
        creds.telnyxApiKey(), context.meters(), TelnyxCallControl.streamSettings(
            urls.ws(MediaStreamEndpoint.TELNYX_PATH), cfg.telnyxStreamTrack(), cfg.telnyxStreamToken()));
    org.telops.runtime.recordpath.RecordPathConfig recordCfg =
        org.telops.runtime.recordpath.RecordPathConfig.fromEnv(context.config().environment());
    Map<String, CallControl> controls = Map.of(TwilioSerializer.CARRIER, new TwilioCallControl(transfers, recordCfg.enabled()),
        TelnyxSerializer.CARRIER, telnyxControl);
    MediaStreamEndpoint media = new MediaStreamEndpoint(context.vertx(), cfg, drain, engines, context.meters(), calls,
        writer, twilio, urls, guard, controls);
    RuntimeTablesWriter rows = writer;
    org.telops.runtime.recordpath.RecordPath recordPath = new org.telops.runtime.recordpath.RecordPath(context.vertx(),
        recordCfg, cfg, engines, () -> new org.telops.runtime.stream.SessionReporter(context.vertx(), context.meters(),
            calls, rows), drain, urls, media.resumable(), context.meters(), creds.twilioAuthToken());
    recordPath.mount(context.router());
    new TwilioWebhooks(twilio, guard, urls, cfg, drain, calls, context.meters(), transfers, recordPath).mount(context.router());
    telnyxControl.recordPathForTexml(recordCfg.enabled());
    new TelnyxInbound(context.vertx(), cfg, telnyxControl, telnyx, guard, urls, drain, calls, context.meters())
        .recordPath(recordPath).mount(context.router());
    media.mount(context.router());
    context.meters().gauge("telops_runtime_calls_in_flight", drain, Drain::inFlight);
    context.readiness().register("agent-runtime", p -> p.complete(drain.draining()
        ? Status.KO(new JsonObject().put("reason", "draining").put("callsInFlight", drain.inFlight()))
        : Status.OK(new JsonObject().put("callsInFlight", drain.inFlight()))));
    log.info("agent-runtime ready: engines {} (default {}), media at {} and {}", engines.names(), cfg.defaultEngine(),
        urls.ws(MediaStreamEndpoint.TWILIO_PATH), urls.ws(MediaStreamEndpoint.TELNYX_PATH));
    return Future.succeededFuture();
  }

  static List<ConversationEngine> engines(RuntimeConfig cfg, java.util.Map<String, String> environment,
                                         io.vertx.core.Vertx vertx) {
    PromptLibrary prompts = new PromptLibrary(cfg.promptsDir() == null ? null : Path.of(cfg.promptsDir()));
    Flow flow = FlowLoader.load(cfg.flowLocation(), prompts);
    ScriptedEngine scripted = new ScriptedEngine(flow, prompts, cfg.transferTo(), false);
    List<ConversationEngine> all = new java.util.ArrayList<>(List.of(scripted, new ProbeResponderEngine(probeStt(environment)),
        new EchoEngine()));
    if (cfg.defaultEngine().equals(PipelineEngine.NAME) || cfg.engineByNumber().containsValue(PipelineEngine.NAME)) {
      all.add(PipelineSetup.build(environment, flow, new ScriptedEngine(flow, prompts, cfg.transferTo(), true), vertx));
    }
    return all;
  }

  /**
   * The recogniser the probe responder transcribes probe phrases with: pocketsphinx against the probe grammar, on up to
   * two threads started on first use (a runtime no prober calls starts none). Without pocketsphinx installed each
   * phrase is answered "not transcribed" and the probe stores no WER.
   */
  static SpeechToText probeStt(Map<String, String> environment) {
    Env env = new Env(environment);
    int timeoutMs = env.integer("TELOPS_STT_TIMEOUT_MS", 5_000, 100, 120_000);
    ExecutorService workers = Executors.newFixedThreadPool(
        Math.min(2, Runtime.getRuntime().availableProcessors()), r -> {
          Thread t = new Thread(r, "telops-probe-stt");
          t.setDaemon(true);
          return t;
        });
    return new PocketsphinxStt(ProbePhrase.jsgf(), workers,
        timeoutMs);
  }

  @Override
  public Future<Void> stop() {
    if (ctx == null) {
      return Future.succeededFuture();
    }
    log.info("agent-runtime draining: {} calls in flight, waiting up to {} s", drain.inFlight(), cfg.drainTimeoutSeconds());
    return drain.drain(ctx.vertx(), cfg.drainTimeoutSeconds() * 1000L).onComplete(ar -> {
      if (writer != null) {
        writer.close(Duration.ofSeconds(10));
      }
      log.info("agent-runtime drained");
    });
  }

  @Override
  public Map<String, String> describeConfig(Map<String, String> environment) {
    return RuntimeConfig.fromEnv(environment).describe();
  }

  /** For tests: the quality/turn writer (null without a database). */
  public RuntimeTablesWriter writer() {
    return writer;
  }

  /** For tests: calls in flight. */
  public int callsInFlight() {
    return drain.inFlight();
  }
}
