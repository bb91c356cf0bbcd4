package org.telops.runtime.lifecycle;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Graceful drain: while draining no new call is admitted (webhooks answer 503 so the carrier tries its
 * fallback, new media sockets are refused) and in-flight calls run to their end, up to a timeout after
 * which they are closed with a reason. Readiness reports KO from the moment draining starts.
 */
public final class Drain {
  private final AtomicBoolean draining = new AtomicBoolean();
  private final Map<Object, Consumer<String>> live = new ConcurrentHashMap<>();

  public boolean draining() {
    return draining.get();
  }

  /** Registers a live call; false when draining (refuse it). {@code closer} ends it with a reason. */
  public boolean admit(Object call, Consumer<String> closer) {
    if (draining.get()) {
      return false;
    }
    live.put(call, closer);
    if (draining.get()) { // lost a race with startDraining: refuse rather than outlive the drain
      live.remove(call);
      return false;
    }
    return true;
  }

  public void release(Object call) {
    live.remove(call);
  }

  public int inFlight() {
    return live.size();
  }

  /** Stops admitting; completes when every live call ended, or after the timeout with the rest closed. */
  public Future<Void> drain(Vertx vertx, long timeoutMs) {
    draining.set(true);
    Promise<Void> done = Promise.promise();
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    if (live.isEmpty()) {
      return Future.succeededFuture();
    }
    vertx.setPeriodic(100, id -> {
      if (live.isEmpty()) {
        vertx.cancelTimer(id);
        done.tryComplete();
      } else if (System.nanoTime() > deadline) {
        vertx.cancelTimer(id);
        live.values().forEach(c -> c.accept("drain timeout after " + timeoutMs + " ms"));
        // Closing is asynchronous; give the sockets a moment to send their CDRs.
        vertx.setTimer(500, t -> done.tryComplete());
      }
    });
    return done.future();
  }
}
