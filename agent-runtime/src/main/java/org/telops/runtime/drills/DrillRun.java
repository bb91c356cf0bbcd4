package org.telops.runtime.drills;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.runtime.routing.CallRequest;
import org.telops.runtime.routing.CarrierBoard;
import org.telops.runtime.routing.CarrierRouter;
import org.telops.runtime.routing.CarrierStore;
import org.telops.runtime.routing.StateChange;

/**
 * One drill run: calls in flight on the target, the fault, test calls through the router while it
 * lasts, then the fault removed, the target restored, every drill call hung up and the verdict stored.
 * A guard (no carrier can place calls; another carrier fails or is taken out) ends it early, restoring
 * just the same. Its state is touched from several contexts, hence the synchronized methods.
 */
final class DrillRun {
  private static final Logger log = LoggerFactory.getLogger(DrillRun.class);
  private static final long CDR_SETTLE_MS = 3_000;

  private final Vertx vertx;
  private final DrillDefinition drill;
  private final long runId;
  private final CarrierRouter router;
  private final FaultInjector injector;
  private final DrillStore store;
  private final CarrierStore carriers;
  private final int routerTimeoutMs;
  private final Connection lock;
  private final DrillTimeline timeline = new DrillTimeline();
  private final Promise<DrillJudge.Verdict> done = Promise.promise();
  private final DrillSignals signals;
  private final Consumer<StateChange> guardListener = this::guard;
  /** callId → carrier call id, per role. */
  private final Map<String, String[]> inFlight = new LinkedHashMap<>();
  private final Map<String, String[]> testCalls = new LinkedHashMap<>();
  private final Map<String, List<Double>> mosByCall = new HashMap<>();
  private int dropped;
  private int placed;
  private int connected;
  private int consecutiveFailures;
  private Long faultAtMs;
  private Long failoverMs;
  private String failoverCarrier;
  private boolean injected;
  private boolean finishing;
  private long tick = -1;
  private long endTimer = -1;

  DrillRun(Vertx vertx, DrillDefinition drill, long runId, CarrierRouter router, FaultInjector injector, DrillStore store,
           CarrierStore carriers, int routerTimeoutMs, Connection lock) {
    this.vertx = vertx;
    this.drill = drill;
    this.runId = runId;
    this.router = router;
    this.injector = injector;
    this.store = store;
    this.carriers = carriers;
    this.routerTimeoutMs = routerTimeoutMs;
    this.lock = lock;
    this.signals = new DrillSignals(vertx);
  }

  long runId() {
    return runId;
  }

  DrillDefinition drill() {
    return drill;
  }

  Future<DrillJudge.Verdict> completion() {
    return done.future();
  }

  void start(String triggeredBy, String reason) {
    note("requested", triggeredBy + ": " + reason);
    note("started", "drill '" + drill.name() + "' run " + runId + " by " + triggeredBy + ": fault " + drill.fault().spec()
        + " on " + drill.targetCarrier() + " via " + injector.mode() + " for " + drill.durationSeconds() + " s");
    signals.start(this::callEnded, this::qualitySample);
    router.onStateChange(guardListener);
    List<Future<CarrierRouter.RoutedCall>> calls = new ArrayList<>();
    for (int i = 0; i < drill.plan().inFlightCalls(); i++) {
      calls.add(router.placeOn(drill.targetCarrier(), request()));
    }
    Future.join(calls).onComplete(ar -> {
      for (Future<CarrierRouter.RoutedCall> f : calls) {
        if (f.succeeded()) {
          synchronized (this) {
            inFlight.put(f.result().callId(), new String[] {f.result().carrier(), f.result().carrierCallId()});
          }
        }
      }
      if (ar.failed()) {
        finish("could not place the calls that should stay in flight on " + drill.targetCarrier() + ": "
            + ar.cause().getMessage());
        return;
      }
      note("in-flight-placed", calls.size() + " call(s) in flight on " + drill.targetCarrier());
      inject();
    });
  }

  private void inject() {
    Instant expires = Instant.now().plusSeconds(drill.durationSeconds() + 120L);
    injector.inject(drill.targetCarrier(), drill.fault(), runId, expires).onComplete(ar -> {
      if (ar.failed()) {
        finish("could not inject the fault: " + ar.cause().getMessage());
        return;
      }
      synchronized (this) {
        if (finishing) {
          return; // aborted while injecting: finish() removes it (removal is idempotent)
        }
        injected = true;
        faultAtMs = System.currentTimeMillis();
      }
      note("fault-injected", ar.result());
      saveTimeline();
      tick = vertx.setPeriodic(1, Math.max(1, 1000 / drill.plan().callsPerSecond()), id -> placeTestCall());
      endTimer = vertx.setTimer(drill.durationSeconds() * 1000L, id -> finish(null));
    });
  }

  private void placeTestCall() {
    synchronized (this) {
      if (finishing) {
        return;
      }
      placed++;
    }
    router.place(request()).onComplete(ar -> {
      String abort = null;
      boolean first = false;
      synchronized (this) {
        if (ar.succeeded()) {
          CarrierRouter.RoutedCall c = ar.result();
          connected++;
          consecutiveFailures = 0;
          testCalls.put(c.callId(), new String[] {c.carrier(), c.carrierCallId()});
          if (failoverMs == null && !c.carrier().equals(drill.targetCarrier())) {
            failoverMs = System.currentTimeMillis() - faultAtMs;
            failoverCarrier = c.carrier();
            first = true;
          }
        } else if (++consecutiveFailures >= drill.plan().guardFailures()) {
          abort = "guard: " + consecutiveFailures + " test calls in a row could not be placed on any carrier (last: "
              + ar.cause().getMessage() + ")";
        }
      }
      if (first) {
        note("first-failover", "first new call connected on " + failoverCarrier + " " + failoverMs
            + " ms after the fault (" + ar.result().attempts().size() + " attempt(s))");
        recordFailover();
      }
      if (abort != null) {
        finish(abort);
      }
    });
  }

  private void recordFailover() {
    long ms;
    synchronized (this) {
      ms = failoverMs;
    }
    vertx.executeBlocking(() -> {
      carriers.failover(Instant.now(), drill.targetCarrier(), failoverCarrier, "drill", "drill '" + drill.name() + "' run "
          + runId + ": fault " + drill.fault().spec(), (int) ms, runId);
      return null;
    }, false).onFailure(t -> log.warn("drill run {}: failover event not stored: {}", runId, t.getMessage()));
  }

  /** Another carrier failing or taken out while the target is broken leaves nothing to fail over to. */
  private void guard(StateChange ch) {
    if (ch.carrier().equals(drill.targetCarrier())) {
      if (ch.mode() == CarrierBoard.Mode.NORMAL && "manual".equals(ch.trigger())) {
        vertx.runOnContext(v -> finish("guard: " + ch.changedBy() + " restored " + ch.carrier() + " by hand during the drill"));
      }
      return;
    }
    boolean regionLost = "region".equals(ch.trigger()) && ch.isFailover() && drill.plan().region() != null
        && drill.plan().region().equals(ch.region());
    boolean out = ch.circuit() == CarrierBoard.Circuit.OPEN || ch.mode() != CarrierBoard.Mode.NORMAL || regionLost;
    if (out) {
      vertx.runOnContext(v -> finish("guard: " + ch.message() + " — the secondary is out too"));
    }
  }

  /** A call meant to stay up until the drill hangs it up ended early: a dropped in-flight call. */
  private void callEnded(String callId, String how) {
    boolean drop;
    synchronized (this) {
      drop = !finishing && inFlight.remove(callId) != null;
      if (drop) {
        dropped++;
      }
    }
    if (drop) {
      note("in-flight-dropped", "call " + callId + " ended during the drill (" + how + ")");
    }
  }

  private void qualitySample(String callId, double mos) {
    synchronized (this) {
      String[] c = testCalls.get(callId);
      if (c != null && !c[0].equals(drill.targetCarrier())) {
        mosByCall.computeIfAbsent(callId, k -> new ArrayList<>()).add(mos);
      }
    }
  }

  /** Ends the run (once): fault out, target back, drill calls hung up, verdict stored, lock released. */
  void finish(String abortReason) {
    boolean wasInjected;
    synchronized (this) {
      if (finishing) {
        return;
      }
      finishing = true;
      wasInjected = injected;
    }
    vertx.cancelTimer(tick);
    vertx.cancelTimer(endTimer);
    router.removeStateChangeListener(guardListener);
    if (abortReason != null) {
      log.warn("drill run {} ({}) aborting: {}", runId, drill.name(), abortReason);
      note("aborted", abortReason);
    } else {
      note("duration-over", drill.durationSeconds() + " s elapsed");
    }
    DrillRecovery.undo(vertx, injector, router, drill.targetCarrier(), drill.fault(), runId, wasInjected)
        .onComplete(undone -> {
          if (undone.failed()) {
            // Left 'running' on purpose: recovery retries the removal until it succeeds.
            note("restore-failed", undone.cause().getMessage() + " — recovery retries every check period");
            saveTimeline();
            release();
            done.tryFail(undone.cause());
            return;
          }
          Instant restoredAt = Instant.now();
          note("restored", undone.result());
          hangUpDrillCalls().onComplete(h -> judgeAndStore(abortReason, restoredAt));
        });
  }

  private Future<Void> hangUpDrillCalls() {
    List<Future<Void>> hangups = new ArrayList<>();
    List<String[]> all;
    synchronized (this) {
      all = new ArrayList<>(inFlight.values());
      all.addAll(testCalls.values());
    }
    for (String[] c : all) {
      hangups.add(router.hangup(c[0], c[1]).recover(t -> Future.succeededFuture()));
    }
    return Future.join(hangups).<Void>mapEmpty().recover(t -> Future.succeededFuture())
        .andThen(x -> note("hung-up", all.size() + " drill call(s) hung up"));
  }

  private void judgeAndStore(String abortReason, Instant restoredAt) {
    List<String> secondaryIds;
    boolean allSampled;
    synchronized (this) {
      secondaryIds = testCalls.entrySet().stream().filter(e -> !e.getValue()[0].equals(drill.targetCarrier()))
          .map(Map.Entry::getKey).toList();
      allSampled = mosByCall.keySet().containsAll(secondaryIds);
    }
    // Calls shorter than the runtime's 10 s sample period report MOS only in their CDR, written shortly
    // after the hang-up: give the collector a moment before reading them.
    Future<Void> settle = allSampled ? Future.succeededFuture() : vertx.timer(CDR_SETTLE_MS).mapEmpty();
    settle.compose(x -> vertx.executeBlocking(() -> store.mos(secondaryIds), false))
        .recover(t -> Future.succeededFuture(Map.of()))
        .onComplete(stored -> {
          DrillJudge.Verdict v = verdict(abortReason, stored.result());
          note("verdict", v.summary());
          vertx.executeBlocking(() -> store.finish(runId, v.status(), DrillJson.verdict(v), DrillJson.timeline(timeline),
              restoredAt), false).onComplete(ar -> {
                if (ar.failed()) {
                  log.error("drill run {}: verdict not stored ({}); recovery will close it: {}", runId, ar.cause().getMessage(),
                      v.summary());
                }
                signals.stop();
                release();
                log.info("drill run {} ({}) {}", runId, drill.name(), v.summary());
                done.tryComplete(v);
              });
        });
  }

  private synchronized DrillJudge.Verdict verdict(String abortReason, Map<String, Double> storedMos) {
    List<Double> mos = new ArrayList<>();
    for (Map.Entry<String, String[]> e : testCalls.entrySet()) {
      List<Double> samples = mosByCall.get(e.getKey());
      if (samples != null && !samples.isEmpty()) {
        mos.add(samples.stream().mapToDouble(Double::doubleValue).average().orElse(0));
      } else if (storedMos.containsKey(e.getKey())) {
        mos.add(storedMos.get(e.getKey()));
      }
    }
    return DrillJudge.judge(drill.criteria(), new DrillJudge.Measurements(drill.targetCarrier(),
        drill.fault().expectsFailover(routerTimeoutMs), drill.fault().spec(), failoverMs, failoverCarrier,
        drill.plan().inFlightCalls(), dropped, mos, placed, connected, abortReason));
  }

  private void release() {
    vertx.executeBlocking(() -> {
      DrillStore.release(lock, runId);
      return null;
    }, false);
  }

  private CallRequest request() {
    DrillDefinition.Plan p = drill.plan();
    return new CallRequest(p.to(), p.from(), p.tenant(), p.agent(), p.region(), "drill:" + runId);
  }

  private void note(String event, String detail) {
    timeline.add(Instant.now(), event, detail);
  }

  private void saveTimeline() {
    vertx.executeBlocking(() -> {
      store.timeline(runId, DrillJson.timeline(timeline));
      return null;
    }, false).onFailure(t -> log.warn("drill run {}: timeline not saved: {}", runId, t.getMessage()));
  }
}
