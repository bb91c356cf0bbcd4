package org.telops.prober;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.audio.speech.ProbePhrase;
import org.telops.contracts.config.CarrierCredentials;
import org.telops.contracts.module.ModuleContext;
import org.telops.contracts.module.TelopsModule;
import org.telops.prober.api.ProbeApi;
import org.telops.prober.carrier.CarrierCalls;
import org.telops.prober.carrier.TelnyxCalls;
import org.telops.prober.carrier.TwilioCalls;
import org.telops.prober.media.ProbeMediaEndpoint;
import org.telops.prober.probe.Challenge;
import org.telops.prober.probe.PhraseSpeaker;
import org.telops.prober.probe.ProbeCall;
import org.telops.prober.region.Region;
import org.telops.prober.schedule.ProbePlan;
import org.telops.prober.schedule.ProbeScheduler;
import org.telops.prober.schedule.ProbeSlot;
import org.telops.prober.store.HealthRow;
import org.telops.prober.store.ProbeReads;
import org.telops.prober.store.ProbeStore;

/**
 * The synthetic-prober role: from every configured region, a real test call to each target agent
 * number every TELOPS_PROBE_INTERVAL_SECONDS, through the region's carrier, with the prober's own
 * media stream on the caller leg; results stored and served under /api/v1; region health published
 * for the carrier router. Everything probe-related runs on one Vert.x context; JDBC on a small worker pool.
 */
public final class SyntheticProberModule implements TelopsModule {
  private static final Logger log = LoggerFactory.getLogger(SyntheticProberModule.class);
  private static final String WORKER_POOL = "telops-prober-db";

  private Vertx vertx;
  private ProbeScheduler scheduler;
  private WorkerExecutor worker;
  private ProbeStore store;
  private long replayTimer;
  private WebClient client;
  private ResultRecorder recorder;
  private final AtomicInteger inFlight = new AtomicInteger();

  @Override
  public String role() {
    return "synthetic-prober";
  }

  @Override
  public Future<Void> start(ModuleContext ctx) {
    ProberConfig cfg = ProberConfig.fromEnv(ctx.config().environment(), ctx.config().http().publicBaseUrl());
    if (!cfg.enabled()) {
      log.info("synthetic-prober is off (TELOPS_PROBE_ENABLED=false): no probe calls, no /api/v1/regions");
      return Future.succeededFuture();
    }
    if (ctx.dataSource() == null) {
      return Future.failedFuture("synthetic-prober needs the database to store probe results: set TELOPS_DB_URL "
          + "or run it inside the platform");
    }
    vertx = ctx.vertx();
    worker = vertx.createSharedWorkerExecutor(WORKER_POOL, 2);
    client = WebClient.create(vertx, new WebClientOptions().setUserAgent("telops-synthetic-prober")
        .setConnectTimeout(cfg.timeouts().apiMs()));
    Map<String, CarrierCalls> carriers = carriers(cfg, ctx.config().carriers());
    ProbeMediaEndpoint media = new ProbeMediaEndpoint(cfg.mediaBaseUrl());
    media.mount(ctx.router());
    ProbeStore store = new ProbeStore(ctx.dataSource(),
        ctx.config().database().dataDir().resolve("spool").resolve("probe-results.spool"),
        org.telops.contracts.store.DatabaseReachability.of(ctx.dataSource()));
    this.store = store;
    Gauge.builder("telops_probe_spool_records", store, ProbeStore::spooled)
        .description("probe results in the local spool, waiting for PostgreSQL").register(ctx.meters());
    replayTimer = vertx.setPeriodic(5_000, id -> {
      if (store.spooled() > 0) {
        worker.executeBlocking(store::replay, true);
      }
    });
    Context context = vertx.getOrCreateContext();
    record Loaded(Map<String, HealthRow> health, Map<ProbeSlot, Long> lastProbes) {}
    Promise<Void> started = Promise.promise();
    worker.executeBlocking(() -> new Loaded(store.health(), store.lastProbes()), false).onComplete(ar -> {
      if (ar.failed()) {
        started.fail("synthetic-prober cannot read its state from the database: " + ar.cause().getMessage());
        return;
      }
      context.runOnContext(v -> {
        recorder = new ResultRecorder(vertx, worker, store, cfg.regions(), cfg.intervalSeconds(),
            cfg.health(), ar.result().health(), ctx.meters(), region -> (long) ctx.meters()
                .find("telops_probe_skipped_total").tag("region", region).counters().stream()
                .mapToDouble(Counter::count).sum());
        new ProbeApi(new ProbeReads(ctx.dataSource()), worker, recorder).mount(ctx.router());
        Map<String, Region> byName = new LinkedHashMap<>();
        List<ProbeSlot> slots = new ArrayList<>();
        cfg.regions().forEach(r -> {
          byName.put(r.name(), r);
          r.targets().forEach(t -> slots.add(new ProbeSlot(r.name(), t)));
        });
        SplittableRandom random = new SplittableRandom();
        PhraseSpeaker speaker = PhraseSpeaker.espeak();
        ProbePlan plan = new ProbePlan(slots, cfg.intervalSeconds() * 1000L, cfg.jitterMs(), random.split());
        scheduler = new ProbeScheduler(vertx, context, plan, slot -> {
          Region r = byName.get(slot.region());
          inFlight.incrementAndGet();
          return new ProbeCall(vertx, context, r, slot.target(), carriers.get(r.carrier()), media, cfg.timeouts(),
              Challenge.random(cfg.digits(), random), cfg.rateMicrosPerMinute(r.carrier()), cfg.currency(),
              cfg.wer() ? ProbePhrase.random(random) : null, speaker)
              .run().compose(result -> recorder.record(result).map(result.success())).onComplete(x -> inFlight.decrementAndGet());
        }, cfg.confirmSeconds() * 1000L, ctx.meters());
        recorder.announceRemoved();
        scheduler.start(ar.result().lastProbes());
        log.info("synthetic-prober: {} probe schedule(s) every {} s (jitter ±{} ms, after a failure again in {} s) from {}; "
            + "media streams at {}{}:token", slots.size(), cfg.intervalSeconds(), plan.effectiveJitterMs(),
            cfg.confirmSeconds(), byName.keySet(), cfg.mediaBaseUrl(),
            ProbeMediaEndpoint.PATH);
        started.complete();
      });
    });
    return started.future();
  }

  /** The carrier clients on the module's WebClient; warns about regions that cannot dial. */
  private Map<String, CarrierCalls> carriers(ProberConfig cfg, CarrierCredentials creds) {
    Map<String, CarrierCalls> m = Map.of(
        TwilioCalls.CARRIER, new TwilioCalls(client, cfg.twilioApiBaseUrl(), creds.twilioAccountSid(),
            creds.twilioAuthToken(), cfg.timeouts().apiMs()),
        TelnyxCalls.CARRIER, new TelnyxCalls(client, cfg.telnyxApiBaseUrl(), creds.telnyxApiKey(),
            cfg.telnyxConnectionId(), cfg.timeouts().apiMs()));
    cfg.regions().forEach(r -> {
      String missing = m.get(r.carrier()).notConfiguredReason();
      if (missing != null) {
        log.warn("region {} probes through {} but {}: its probes will fail as carrier-error and the region will be "
            + "removed — set the carrier's credentials or change TELOPS_PROBE_REGIONS", r.name(), r.carrier(), missing);
      }
    });
    return m;
  }

  @Override
  public Future<Void> stop() {
    if (scheduler == null) {
      return Future.succeededFuture();
    }
    scheduler.stop();
    Promise<Void> drained = Promise.promise();
    long deadline = System.currentTimeMillis() + 10_000;
    // Probes in flight finish (they hang their calls up) for up to 10 s.
    vertx.setPeriodic(50, id -> {
      if (inFlight.get() == 0 || System.currentTimeMillis() > deadline) {
        vertx.cancelTimer(id);
        if (inFlight.get() > 0) {
          log.warn("synthetic-prober stopped with {} probe(s) still running", inFlight.get());
        }
        vertx.cancelTimer(replayTimer);
        client.close();
        // The last results: written, or spooled if PostgreSQL is away — before the pool closes.
        worker.executeBlocking(() -> {
          store.replay();
          store.close();
          return null;
        }, true).onComplete(x -> {
          worker.close();
          recorder.close();
          drained.complete();
        });
      }
    });
    return drained.future();
  }

  @Override
  public Map<String, String> describeConfig(Map<String, String> environment) {
    String base = environment.getOrDefault("TELOPS_PUBLIC_BASE_URL",
        "http://127.0.0.1:" + environment.getOrDefault("TELOPS_HTTP_PORT", "8080"));
    return ProberConfig.fromEnv(environment, base).describe();
  }

  /** For tests: the running schedule (null before start or when disabled). */
  public ProbeScheduler scheduler() {
    return scheduler;
  }
}
