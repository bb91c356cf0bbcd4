package org.telops.runtime.drills;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.runtime.routing.CarrierRouter;
import org.telops.runtime.routing.CarrierStore;

/**
 * Starts drill runs (on demand and when a schedule falls due inside its window), at most one at a time
 * across every process, and recovers runs interrupted by a crash — at start-up and every check period.
 */
public final class DrillService {
  private static final Logger log = LoggerFactory.getLogger(DrillService.class);

  /** A run that cannot start; {@code httpStatus} 404 (no such drill) or 409 (conflict with the current state). */
  public static final class Refused extends RuntimeException {
    public final int httpStatus;

    Refused(int httpStatus, String message) {
      super(message, null, false, false);
      this.httpStatus = httpStatus;
    }
  }

  private final Vertx vertx;
  private final DrillConfig config;
  private final DrillStore store;
  private final CarrierStore carriers;
  private final CarrierRouter router;
  private final Map<String, FaultInjector> injectors;
  private final int routerTimeoutMs;
  private final String instance;
  private volatile DrillRun current;
  private long timer = -1;

  public DrillService(Vertx vertx, DrillConfig config, DrillStore store, CarrierStore carriers, CarrierRouter router,
                      Map<String, FaultInjector> injectors, int routerTimeoutMs, String instance) {
    this.vertx = vertx;
    this.config = config;
    this.store = store;
    this.carriers = carriers;
    this.router = router;
    this.injectors = injectors;
    this.routerTimeoutMs = routerTimeoutMs;
    this.instance = instance;
  }

  /** Recovers interrupted runs, then checks every period for due drills and runs left behind. */
  public Future<Void> start() {
    return DrillRecovery.interrupted(vertx, store, injectors, router, instance, "at start-up").map(n -> {
      if (n > 0) {
        log.warn("{} interrupted drill run(s) recovered at start-up", n);
      }
      timer = vertx.setPeriodic(config.checkSeconds() * 1000L, id -> check());
      return null;
    });
  }

  private void check() {
    DrillRecovery.interrupted(vertx, store, injectors, router, instance, "by the periodic check")
        .onFailure(t -> log.warn("drill recovery check failed: {}", t.getMessage()));
    if (config.schedulerEnabled() && current == null) {
      vertx.executeBlocking(() -> store.list(config.window()), false).onSuccess(drills -> {
        Instant now = Instant.now();
        for (DrillStore.Listed l : drills) {
          if (dueNow(l, now)) {
            run(l.drill().id(), "scheduler", "scheduled (" + l.drill().schedule() + " in " + l.drill().window().spec() + ")")
                .onFailure(t -> skipped(l.drill(), t.getMessage()));
            return; // one at a time
          }
        }
      }).onFailure(t -> log.warn("drill scheduler could not read drills: {}", t.getMessage()));
    }
  }

  /**
   * Due: its schedule fell due since its last run (or creation) inside the window that is open now.
   * Fire times in windows that passed while nothing ran are skipped, not made up later.
   */
  static boolean dueNow(DrillStore.Listed l, Instant now) {
    DrillDefinition d = l.drill();
    if (!d.enabled() || d.schedule() == null) {
      return false;
    }
    ZonedDateTime open = d.window().openingContaining(now);
    if (open == null) {
      return false;
    }
    Instant since = l.lastRunStartedAt() != null && l.lastRunStartedAt().isAfter(d.createdAt()) ? l.lastRunStartedAt()
        : d.createdAt();
    ZonedDateTime due = nextRun(d, since);
    for (int i = 0; i < 10_000 && due != null && due.toInstant().isBefore(open.toInstant()); i++) {
      due = nextRun(d, due.toInstant());
    }
    return due != null && !due.toInstant().isAfter(now);
  }

  public static ZonedDateTime nextRun(DrillDefinition d, Instant after) {
    if (d.schedule() == null) {
      return null;
    }
    return DrillSchedule.parse(d.schedule()).nextAfter(after, d.window());
  }

  private void skipped(DrillDefinition d, String why) {
    log.warn("scheduled drill '{}' skipped: {}", d.name(), why);
    Instant now = Instant.now();
    JsonObject verdict = new JsonObject().put("status", "aborted").put("summary", "skipped: " + why).put("criteria", new JsonArray());
    vertx.executeBlocking(() -> {
      store.skipped(d, "scheduler", verdict, new JsonArray().add(DrillJson.entry(now, "skipped", why)));
      return null;
    }, false).onFailure(t -> log.warn("could not record the skipped drill '{}': {}", d.name(), t.getMessage()));
  }

  /** Starts a run now; answers its id once the run is stored and locked (the drill then proceeds on its own). */
  public Future<Long> run(long drillId, String triggeredBy, String reason) {
    return vertx.executeBlocking(() -> store.get(drillId, config.window()), false).compose(listed -> {
      if (listed == null) {
        return Future.failedFuture(new Refused(404, "no drill " + drillId + ": GET /api/v1/drills lists them"));
      }
      DrillDefinition d = listed.drill();
      String refusal = precheck(d);
      if (refusal != null) {
        return Future.failedFuture(new Refused(409, refusal));
      }
      FaultInjector injector = injectors.get(config.faultMode());
      JsonArray start = new JsonArray().add(DrillJson.entry(Instant.now(), "requested", triggeredBy + ": " + reason));
      return vertx.executeBlocking(() -> {
        Connection lock = store.lockConnection();
        try {
          long runId = store.startRun(lock, d, triggeredBy, injector.mode(), start);
          carriers.audit(triggeredBy, "drill.run", d.name(), reason, new JsonObject().put("drillId", d.id())
              .put("runId", runId).put("fault", d.fault().spec()).put("target", d.targetCarrier()).encode());
          return new Object[] {runId, lock};
        } catch (SQLException e) {
          lock.close();
          if ("23505".equals(e.getSQLState())) {
            throw new Refused(409, "another drill is running: one at a time (GET /api/v1/drills shows which)");
          }
          throw e;
        }
      }, false).map(started -> {
        long runId = (Long) started[0];
        DrillRun run = new DrillRun(vertx, d, runId, router, injector, store, carriers, routerTimeoutMs, (Connection) started[1]);
        current = run;
        run.completion().onComplete(ar -> current = null);
        run.start(triggeredBy, reason);
        return runId;
      });
    });
  }

  /** Why a drill cannot start now, or null. */
  String precheck(DrillDefinition d) {
    if (current != null) {
      return "drill run " + current.runId() + " ('" + current.drill().name() + "') is running: one at a time";
    }
    String target = d.targetCarrier();
    if (!router.board().knows(target)) {
      return "drill '" + d.name() + "' targets carrier " + target + ", which this router does not use (TELOPS_CARRIERS="
          + String.join(",", router.board().carriers()) + ")";
    }
    if (config.faultMode().equals("breaker") && !d.fault().isApiFault()) {
      return "fault " + d.fault().spec() + " needs the carrier-sim: set TELOPS_DRILL_FAULT_MODE=sim (breaker mode can only "
          + "simulate an API outage)";
    }
    Instant now = Instant.now();
    String targetOut = router.board().unavailableReason(target, d.plan().region(), now);
    if (targetOut != null) {
      return "carrier " + target + " is already out (" + targetOut + "): a drill needs it healthy to prove anything";
    }
    for (String c : router.board().plan(d.plan().region(), now).carriers()) {
      if (!c.equals(target)) {
        return null;
      }
    }
    return "no other carrier can take new calls" + (d.plan().region() != null ? " in region " + d.plan().region() : "")
        + " while " + target + " is broken — that would be an outage, not a drill; restore one first ("
        + router.board().plan(d.plan().region(), now).skipped() + ")";
  }

  /** Ends the running run of {@code drillId} early, restoring as usual. */
  public Future<Long> abort(long drillId, String by, String reason) {
    DrillRun run = current;
    if (run == null || run.drill().id() != drillId) {
      return Future.failedFuture(new Refused(409, "drill " + drillId + " is not running on this instance"));
    }
    return vertx.executeBlocking(() -> {
      carriers.audit(by, "drill.abort", run.drill().name(), reason, new JsonObject().put("runId", run.runId()).encode());
      return null;
    }, false).map(x -> {
      run.finish("aborted by " + by + ": " + reason);
      return run.runId();
    });
  }

  /** The run in progress on this instance, if any (tests, stop). */
  public DrillRun current() {
    return current;
  }

  /** Ends a running drill properly (fault removed, carrier restored) before the process stops. */
  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    DrillRun run = current;
    if (run != null) {
      run.finish("the platform is stopping");
      try {
        run.completion().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("drill run {} did not finish cleanly before stop ({}); the next start recovers it", run.runId(), e.toString());
      }
    }
  }
}
