package org.telops.carriersim.webhooks;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * A leg's callbacks, sent one after the other (each waits for the previous answer, so the order the
 * shuffle chose is the order of arrival), now and then swapped or doubled by {@link CallbackShuffle}.
 * A held callback whose successor does not come within {@code holdMs} is sent late on its own.
 * Used on the call's context only.
 */
public final class CallbackChannel {
  private final Vertx vertx;
  private final CallbackShuffle<Supplier<Future<?>>> shuffle;
  private final int holdMs;
  private Future<?> tail = Future.succeededFuture();
  private long holdTimer = -1;

  public CallbackChannel(Vertx vertx, double reorderPercent, double duplicatePercent, int holdMs, RandomGenerator random) {
    this.vertx = vertx;
    this.shuffle = new CallbackShuffle<>(reorderPercent, duplicatePercent, random);
    this.holdMs = holdMs;
  }

  /** @param delivery sends the callback once (a duplicate calls it twice) */
  public void submit(Supplier<Future<?>> delivery, boolean last) {
    cancelHold();
    enqueue(shuffle.next(delivery, last));
    if (shuffle.holding()) {
      holdTimer = vertx.setTimer(Math.max(1, holdMs), t -> {
        holdTimer = -1;
        enqueue(shuffle.flush());
      });
    }
  }

  /** Completes when everything submitted so far has been sent (or failed). */
  public Future<?> drained() {
    return tail;
  }

  private void enqueue(List<Supplier<Future<?>>> deliveries) {
    for (Supplier<Future<?>> d : deliveries) {
      tail = tail.transform(ar -> d.get().transform(x -> Future.succeededFuture()));
    }
  }

  private void cancelHold() {
    if (holdTimer >= 0) {
      vertx.cancelTimer(holdTimer);
      holdTimer = -1;
    }
  }
}
