package org.telops.prober;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.contracts.bus.Addresses;
import org.telops.prober.api.ProbeJson;
import org.telops.prober.api.ProberView;
import org.telops.prober.probe.ProbeResult;
import org.telops.prober.region.HealthPolicy;
import org.telops.prober.region.HealthStatus;
import org.telops.prober.region.HealthTransition;
import org.telops.prober.region.Region;
import org.telops.prober.region.RegionHealth;
import org.telops.prober.store.HealthRow;
import org.telops.prober.store.ProbeStore;

/**
 * What happens to a finished probe: metrics, the region's health state machine, the database (result,
 * health row and transition in one transaction, in order, on the prober's worker), the bus
 * ({@code telops.probe.results}; {@code telops.region.health} when a region is removed or restored, which
 * the carrier router acts on) and the log. The state machines live on the prober's context; the API
 * reads thread-safe snapshots. Alerts come from the quality-analyzer's probe-failures rule, which reads
 * the stored results.
 */
final class ResultRecorder implements ProberView {
  private static final Logger log = LoggerFactory.getLogger(ResultRecorder.class);

  private final Vertx vertx;
  private final WorkerExecutor worker;
  private final ProbeStore store;
  private final List<Region> regions;
  private final int intervalSeconds;
  private final MeterRegistry meters;
  private final ToLongFunction<String> skipped;
  private final Map<String, RegionHealth> machines = new LinkedHashMap<>();
  private final Map<String, HealthRow> snapshots = new ConcurrentHashMap<>();
  private final List<Gauge> gauges = new java.util.ArrayList<>();

  ResultRecorder(Vertx vertx, WorkerExecutor worker, ProbeStore store, List<Region> regions, int intervalSeconds,
                 HealthPolicy policy, Map<String, HealthRow> stored, MeterRegistry meters, ToLongFunction<String> skipped) {
    this.vertx = vertx;
    this.worker = worker;
    this.store = store;
    this.regions = regions;
    this.intervalSeconds = intervalSeconds;
    this.meters = meters;
    this.skipped = skipped;
    for (Region r : regions) {
      HealthRow s = stored.get(r.name());
      RegionHealth h = s == null ? new RegionHealth(r.name(), r.carrier(), policy)
          : new RegionHealth(r.name(), r.carrier(), policy, s.status(), s.consecutiveFailures(), s.consecutiveSuccesses(),
              s.lastReason(), s.changedAt());
      machines.put(r.name(), h);
      snapshots.put(r.name(), HealthRow.of(h));
      gauges.add(Gauge.builder("telops_region_health", snapshots, m -> m.get(r.name()).status().ordinal())
          .description("region health: 0 healthy, 1 degraded, 2 removed").tag("region", r.name()).register(meters));
    }
  }

  /** A region still removed from before a restart is announced again, so routers started since learn it. */
  void announceRemoved() {
    machines.values().stream().filter(h -> h.status() == HealthStatus.REMOVED).forEach(h -> {
      log.warn("region {} ({}) is still removed from routing since {} (last failure: {}); announcing it again",
          h.region(), h.carrier(), h.changedAt(), h.lastReason());
      publishRegion(h.region(), h.carrier(), "removed", "still removed at prober start: " + h.lastReason(),
          h.changedAt() == null ? Instant.now() : h.changedAt());
    });
  }

  /** Call on the prober's context; completes once stored (a storage failure is logged and counted, not thrown). */
  Future<Void> record(ProbeResult r) {
    Counter.builder("telops_probe_total").description("finished probes").tag("region", r.region())
        .tag("carrier", r.carrier()).tag("outcome", r.outcome()).tag("reason", r.reason() == null ? "" : r.reason())
        .register(meters).increment();
    if (r.roundTripMs() != null) {
      DistributionSummary.builder("telops_probe_round_trip_ms").baseUnit("milliseconds")
          .description("probe audio round trip (1004 Hz tone sent → echo received)").tag("region", r.region())
          .publishPercentiles(0.5, 0.95, 0.99).register(meters).record(r.roundTripMs());
    }
    if (r.success()) {
      log.debug("probe {} → {} ok: connect {} ms, first audio {} ms, round trip {} ms, MOS {}", r.region(), r.target(),
          r.connectMs(), r.firstAudioMs(), r.roundTripMs(), r.mos());
    } else {
      log.info("probe {} → {} via {} failed: {} ({})", r.region(), r.target(), r.carrier(), r.reason(), r.detail());
    }
    RegionHealth h = machines.get(r.region());
    Optional<HealthTransition> t = h.record(r.success(), r.reason(), Instant.now());
    HealthRow snapshot = HealthRow.of(h);
    snapshots.put(r.region(), snapshot);
    t.ifPresent(this::announce);
    vertx.eventBus().publish(Addresses.PROBE_RESULTS, ProbeJson.result(r));
    return worker.executeBlocking(() -> {
      store.record(r, snapshot, t);
      return null;
    }, true).<Void>mapEmpty().recover(e -> {
      Counter.builder("telops_probe_store_failures_total").description("probe results that could not be stored")
          .register(meters).increment();
      log.warn("probe {} → {}: result not stored ({}); the region's health is kept in memory and stored with the next probe",
          r.region(), r.target(), e.getMessage());
      return Future.succeededFuture();
    });
  }

  private void announce(HealthTransition t) {
    String what = "region " + t.region() + " (" + t.carrier() + ") " + t.from().wire() + " → " + t.to().wire() + ": " + t.reason();
    if (t.to() == HealthStatus.REMOVED) {
      log.warn("{}; removed from routing: new calls skip {} until {} probes in a row succeed", what, t.region(),
          "TELOPS_PROBE_SUCCESSES_TO_RESTORE");
      publishRegion(t.region(), t.carrier(), "removed", t.reason(), t.at());
    } else if (t.from() == HealthStatus.REMOVED) {
      log.warn("{}; restored to routing", what);
      publishRegion(t.region(), t.carrier(), "restored", t.reason(), t.at());
    } else {
      log.info("{}", what);
    }
  }

  private void publishRegion(String region, String carrier, String state, String reason, Instant at) {
    vertx.eventBus().publish(Addresses.REGION_HEALTH, new JsonObject().put("region", region).put("carrier", carrier)
        .put("state", state).put("reason", reason).put("at", at.toString()));
  }

  /** Unregisters the gauges, which hold this instance's state (a restarted prober registers its own). */
  void close() {
    gauges.forEach(meters::remove);
    gauges.clear();
  }

  @Override
  public List<Region> regions() {
    return regions;
  }

  @Override
  public int intervalSeconds() {
    return intervalSeconds;
  }

  @Override
  public HealthRow health(String region) {
    return snapshots.get(region);
  }

  @Override
  public long skipped(String region) {
    return skipped.applyAsLong(region);
  }
}
