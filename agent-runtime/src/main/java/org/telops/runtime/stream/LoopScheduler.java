package org.telops.runtime.stream;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.runtime.engine.Scheduler;

/**
 * An engine's timers and hand-overs on its call's event loop: a failing task is logged with the call and the call
 * goes on. Used by media sockets and by record-path calls.
 */
public final class LoopScheduler implements Scheduler {
  private static final Logger log = LoggerFactory.getLogger(LoopScheduler.class);
  private final Vertx vertx;
  private final Context loop;
  private final Supplier<String> describe;

  public LoopScheduler(Vertx vertx, Context loop, Supplier<String> describe) {
    this.vertx = vertx;
    this.loop = loop;
    this.describe = describe;
  }

  @Override
  public Cancellable schedule(long delayMs, Runnable task) {
    long id = vertx.setTimer(Math.max(1, delayMs), t -> run(task));
    return () -> vertx.cancelTimer(id);
  }

  @Override
  public void execute(Runnable task) {
    loop.runOnContext(v -> run(task));
  }

  private void run(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      log.error("{}: engine task failed; the call goes on", describe.get(), e);
    }
  }
}
