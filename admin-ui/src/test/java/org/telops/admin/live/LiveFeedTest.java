package org.telops.admin.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.telops.contracts.bus.Addresses;

class LiveFeedTest {

  /**
   * Screens refresh inside UI.access, which runs in the calling thread: the feed must never call them on an event
   * loop, or a console with many sessions holds up the media sockets that loop serves.
   */
  @Test
  void listenersRunOnTheConsoleThreadNotOnAnEventLoop() throws Exception {
    Vertx vertx = Vertx.vertx();
    LiveFeed feed = new LiveFeed();
    try {
      BlockingQueue<String> seen = new ArrayBlockingQueue<>(16);
      feed.listen(changed -> {
        if (changed.contains(Topic.CALLS)) {
          seen.offer(Thread.currentThread().getName() + (Context.isOnEventLoopThread() ? " (event loop)" : ""));
        }
      });
      feed.start(vertx, 50);
      vertx.eventBus().publish(Addresses.CALL_EVENTS, new JsonObject().put("callId", "CA1").put("type", "started")
          .put("carrier", "twilio").put("region", "us-east").put("at", java.time.Instant.now().toString()));
      String thread = seen.poll(5, TimeUnit.SECONDS);
      assertEquals("telops-console-push", thread);
      assertEquals(1, feed.calls().size());
    } finally {
      feed.stop();
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** A slow screen does not pile ticks up behind it: ticks that fall due meanwhile are folded into one. */
  @Test
  void ticksDoNotQueueBehindASlowRefresh() throws Exception {
    Vertx vertx = Vertx.vertx();
    LiveFeed feed = new LiveFeed();
    try {
      java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
      feed.listen(changed -> {
        calls.incrementAndGet();
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      feed.start(vertx, 20);
      Thread.sleep(1_600);
      feed.stop();
      int n = calls.get();
      // 80 ticks fell due; a refresh takes 500 ms, so at most 4 can have run (one per refresh).
      assertTrue(n >= 2 && n <= 4, "refreshes run: " + n);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
