package org.telops.runtime.drills;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.runtime.routing.CarrierBoard;
import org.telops.runtime.routing.CarrierRouter;

/**
 * Never leaves a carrier broken: undoes a drill's fault at the end of a run, and at start-up (and every
 * check period) finds runs still marked running whose process is gone — their advisory lock is free —
 * removes their fault, restores the carrier and closes them as aborted, saying why.
 */
final class DrillRecovery {
  private static final Logger log = LoggerFactory.getLogger(DrillRecovery.class);
  private static final int REMOVE_ATTEMPTS = 3;

  private DrillRecovery() {}

  /** Removes the fault (retrying), then gives the target a fresh circuit if the fault left it open. */
  static Future<String> undo(Vertx vertx, FaultInjector injector, CarrierRouter router, String target, DrillFault fault,
                             long runId, boolean injected) {
    return remove(vertx, injector, target, fault, runId, 1).map(removed -> {
      String msg = (injected ? "" : "(the fault may not have been injected) ") + removed;
      if (injector.mode().equals("sim") && router.board().knows(target)) {
        CarrierBoard.Status s = router.board().status(target);
        if (s.mode() == CarrierBoard.Mode.NORMAL && s.circuit() != CarrierBoard.Circuit.CLOSED) {
          msg += "; " + router.restore(target, BreakerFaultInjector.owner(runId), "drill run " + runId
              + " ended: fault removed, circuit reset", "drill", runId).message();
        }
      }
      return msg;
    });
  }

  private static Future<String> remove(Vertx vertx, FaultInjector injector, String target, DrillFault fault, long runId,
                                       int attempt) {
    return injector.remove(target, fault, runId).recover(t -> {
      if (attempt >= REMOVE_ATTEMPTS) {
        return Future.failedFuture(new IllegalStateException("fault " + fault.spec() + " on " + target
            + " NOT removed after " + attempt + " attempts: " + t.getMessage(), t));
      }
      return vertx.timer(1_000).compose(x -> remove(vertx, injector, target, fault, runId, attempt + 1));
    });
  }

  /** Recovers every interrupted run, one after the other; answers how many it closed. */
  static Future<Integer> interrupted(Vertx vertx, DrillStore store, Map<String, FaultInjector> injectors,
                                     CarrierRouter router, String instance, String when) {
    return vertx.executeBlocking(store::running, false).compose(runs -> next(vertx, store, injectors, router, instance,
        when, runs, 0, 0));
  }

  private static Future<Integer> next(Vertx vertx, DrillStore store, Map<String, FaultInjector> injectors,
                                      CarrierRouter router, String instance, String when, List<DrillStore.Running> runs,
                                      int i, int closed) {
    if (i >= runs.size()) {
      return Future.succeededFuture(closed);
    }
    DrillStore.Running r = runs.get(i);
    return vertx.executeBlocking(() -> {
      Connection c = store.lockConnection();
      if (DrillStore.tryLock(c, r.runId())) {
        return c;
      }
      c.close(); // a live process owns it
      return null;
    }, false).compose(lock -> {
      if (lock == null) {
        return next(vertx, store, injectors, router, instance, when, runs, i + 1, closed);
      }
      return recover(vertx, store, injectors, router, instance, when, r, lock)
          .transform(ar -> {
            if (ar.failed()) {
              log.error("drill run {}: interrupted, and {} — retrying at the next check", r.runId(), ar.cause().getMessage());
            }
            return next(vertx, store, injectors, router, instance, when, runs, i + 1, closed + (ar.succeeded() ? 1 : 0));
          });
    });
  }

  private static Future<Void> recover(Vertx vertx, DrillStore store, Map<String, FaultInjector> injectors,
                                      CarrierRouter router, String instance, String when, DrillStore.Running r,
                                      Connection lock) {
    FaultInjector injector = injectors.getOrDefault(r.faultMode() == null ? "breaker" : r.faultMode(), injectors.get("breaker"));
    DrillFault fault = DrillFault.parse(r.fault());
    log.warn("drill run {}: found interrupted (its process stopped mid-drill); removing fault {} on {} via {}",
        r.runId(), r.fault(), r.target(), injector.mode());
    return undo(vertx, injector, router, r.target(), fault, r.runId(), true)
        .compose(undone -> vertx.executeBlocking(() -> {
          Instant now = Instant.now();
          String reason = "interrupted: the process running it stopped mid-drill; recovered " + when + " by " + instance;
          JsonArray timeline = r.timeline().copy()
              .add(DrillJson.entry(now, "recovered", reason))
              .add(DrillJson.entry(now, "restored", undone));
          JsonObject verdict = new JsonObject().put("status", "aborted").put("summary", "aborted (" + reason + ")")
              .put("criteria", new JsonArray());
          store.finish(r.runId(), "aborted", verdict, timeline, now);
          log.warn("drill run {}: closed as aborted; {}", r.runId(), undone);
          return (Void) null;
        }, false))
        .andThen(x -> vertx.executeBlocking(() -> {
          DrillStore.release(lock, r.runId());
          return null;
        }, false));
  }
}
