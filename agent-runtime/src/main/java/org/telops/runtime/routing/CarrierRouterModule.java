package org.telops.runtime.routing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.contracts.bus.Addresses;
import org.telops.contracts.config.CarrierCredentials;
import org.telops.contracts.json.CallRecordJson;
import org.telops.contracts.module.ModuleContext;
import org.telops.contracts.module.TelopsModule;
import org.telops.runtime.drills.BreakerFaultInjector;
import org.telops.runtime.drills.DrillApi;
import org.telops.runtime.drills.DrillConfig;
import org.telops.runtime.drills.DrillService;
import org.telops.runtime.drills.DrillStore;
import org.telops.runtime.drills.FaultInjector;
import org.telops.runtime.drills.SimFaultInjector;

/**
 * The carrier router and chaos drills, part of the agent-runtime role: outbound calls over the carriers'
 * REST APIs with per-carrier circuit breakers and CPS limits, operator overrides, health figures, and
 * drills that break a carrier on purpose and prove failover works.
 */
public final class CarrierRouterModule implements TelopsModule {
  private static final Logger log = LoggerFactory.getLogger(CarrierRouterModule.class);

  private final String instance = "router-" + UUID.randomUUID().toString().substring(0, 8);
  private CarrierRouter router;
  private CarrierBus bus;
  private DrillService drills;
  private WebClient client;
  private Vertx vertx;
  private long expiryTimer = -1;

  @Override
  public String role() {
    return "agent-runtime";
  }

  @Override
  public Future<Void> start(ModuleContext ctx) {
    vertx = ctx.vertx();
    Map<String, String> env = ctx.config().environment();
    RouterConfig cfg = RouterConfig.fromEnv(env);
    DrillConfig drillCfg = DrillConfig.fromEnv(env, cfg.twilioApiBaseUrl());
    // Enough connections that a slow carrier (every call held for the timeout) does not queue the next calls.
    client = WebClient.create(vertx, new WebClientOptions().setUserAgent("telops-carrier-router")
        .setConnectTimeout(Math.min(cfg.timeoutMs(), 5_000)), new PoolOptions().setHttp1MaxSize(200).setMaxWaitQueueSize(1_000));
    CarrierCredentials creds = ctx.config().carriers();
    String publicBase = ctx.config().http().publicBaseUrl();
    // The HTTP request outlives the breaker's timeout so a late success is seen, and hung up, not left ringing.
    long requestTimeoutMs = cfg.timeoutMs() + 30_000L;
    List<CarrierApi> apis = new ArrayList<>();
    for (String c : cfg.carriers()) {
      apis.add(c.equals("twilio")
          ? new TwilioCallApi(client, cfg.twilioApiBaseUrl(), creds.twilioAccountSid(), creds.twilioAuthToken(), publicBase,
              requestTimeoutMs)
          : new TelnyxCallApi(client, cfg.telnyxApiBaseUrl(), creds.telnyxApiKey(), cfg.telnyxConnectionId(), publicBase,
              requestTimeoutMs));
    }
    apis.stream().filter(a -> a.notConfiguredReason() != null).forEach(a -> log.warn("carrier {} cannot place calls: {} "
        + "— set it, or leave {} out of TELOPS_CARRIERS", a.carrier(), a.notConfiguredReason(), a.carrier()));
    router = new CarrierRouter(vertx, cfg, apis, ctx.meters());
    CarrierStore store = new CarrierStore(ctx.dataSource());
    router.onStateChange(ch -> vertx.executeBlocking(() -> {
      store.record(ch, router.board().status(ch.carrier()).priority());
      return null;
    }, false).onFailure(t -> log.warn("carrier state change not stored ({}): {}", t.getMessage(), ch.message())));
    router.sendCdrsTo(r -> vertx.eventBus().request(Addresses.CDR_INGEST, CallRecordJson.toJson(r),
        new DeliveryOptions().setSendTimeout(5_000)).onFailure(t -> log.debug("CDR fragment of call {} not taken: {}",
        r.callId(), t.getMessage())));
    registerGauges(ctx.meters(), cfg);
    bus = new CarrierBus(vertx, router, instance);
    DrillStore drillStore = new DrillStore(ctx.dataSource());
    Map<String, FaultInjector> injectors = new LinkedHashMap<>();
    injectors.put("breaker", new BreakerFaultInjector(router));
    if (drillCfg.simFaultsUrl() != null) {
      injectors.put("sim", new SimFaultInjector(client, drillCfg.simFaultsUrl(),
          ctx.config().environment().get("TELOPS_INTERNAL_TOKEN")));
    }
    drills = new DrillService(vertx, drillCfg, drillStore, store, router, injectors, cfg.timeoutMs(), instance);
    new RouterApi(vertx, router, store, cfg, ctx.config().environment()).mount(ctx.router());
    new DrillApi(vertx, drills, drillStore, store, router, drillCfg).mount(ctx.router());
    expiryTimer = vertx.setPeriodic(60_000, id -> {
      int expired = router.inFlight().expire(Instant.now().minusSeconds(cfg.inFlightMaxMinutes() * 60L)).size();
      if (expired > 0) {
        log.info("{} call(s) stopped counting as in flight: no end reported within {} min", expired, cfg.inFlightMaxMinutes());
      }
    });
    return vertx.executeBlocking(() -> store.ensureAndLoad(cfg.carriers()), false)
        .map(stored -> {
          for (CarrierStore.StoredState s : stored) {
            if (router.board().knows(s.carrier()) && !"normal".equals(s.mode())) {
              // An operator's (or an interrupted drill's) override outlives a restart.
              router.adoptMode(s.carrier(), CarrierBoard.Mode.fromWire(s.mode()), s.changedBy(), s.reason(), s.changedAt());
            }
          }
          return null;
        })
        .compose(x -> vertx.executeBlocking(store::removedRegions, false).map(regions -> {
          // The prober republishes only on changes: a restarted router starts from its stored verdicts.
          for (String[] r : regions) {
            if (r[1] == null || router.board().knows(r[1])) {
              router.board().removeRegion(r[1], r[0], r[2] == null ? "removed by the prober" : r[2]);
            }
          }
          return null;
        }).recover(t -> {
          log.warn("could not read the prober's removed regions ({}); routing to every region until it reports", t.getMessage());
          return Future.succeededFuture();
        }))
        .compose(x -> bus.start(cfg.healthPublishMs()))
        .compose(x -> drills.start())
        .onSuccess(x -> log.info("carrier router {} ready: carriers {} (timeout {} ms, open after {} failures, {} calls/s); "
            + "drills via {}", instance, cfg.carriers(), cfg.timeoutMs(), cfg.maxFailures(), cfg.callsPerSecond(),
            drillCfg.faultMode()));
  }

  private void registerGauges(MeterRegistry meters, RouterConfig cfg) {
    for (String c : cfg.carriers()) {
      CarrierRouter r = router;
      Gauge.builder("telops_carrier_calls_in_flight", () -> r.inFlight().count(c)).tag("carrier", c)
          .description("Calls placed through this carrier that have not ended").register(meters);
      Gauge.builder("telops_carrier_error_rate_percent", () -> orNaN(r.health(c).errorRatePercent())).tag("carrier", c)
          .description("Failed API attempts over the last 60 s, percent").register(meters);
      Gauge.builder("telops_carrier_connect_success_percent", () -> orNaN(r.health(c).connectSuccessPercent()))
          .tag("carrier", c).description("Answered share of calls with a known outcome, last 60 s").register(meters);
      Gauge.builder("telops_carrier_circuit_state", () -> r.board().status(c).circuit().ordinal()).tag("carrier", c)
          .description("0 closed, 1 half-open, 2 open").register(meters);
      Gauge.builder("telops_carrier_available", () -> r.board().unavailableReason(c, null, Instant.now()) == null ? 1 : 0)
          .tag("carrier", c).description("1 when new calls may go to this carrier").register(meters);
      Gauge.builder("telops_carrier_cps_queue_depth", () -> r.cpsQueued(c)).tag("carrier", c)
          .description("Calls waiting for a CPS slot").register(meters);
    }
  }

  private static double orNaN(Double d) {
    return d == null ? Double.NaN : d;
  }

  @Override
  public Future<Void> stop() {
    if (drills != null) {
      drills.stop();
    }
    if (bus != null) {
      bus.stop();
    }
    if (vertx != null && expiryTimer >= 0) {
      vertx.cancelTimer(expiryTimer);
    }
    return Future.succeededFuture();
  }

  @Override
  public Map<String, String> describeConfig(Map<String, String> environment) {
    RouterConfig cfg = RouterConfig.fromEnv(environment);
    Map<String, String> m = new LinkedHashMap<>(cfg.describe());
    m.putAll(DrillConfig.fromEnv(environment, cfg.twilioApiBaseUrl()).describe());
    return m;
  }

  /** For tests and the bench. */
  public CarrierRouter router() {
    return router;
  }

  /** For tests. */
  public DrillService drills() {
    return drills;
  }
}
