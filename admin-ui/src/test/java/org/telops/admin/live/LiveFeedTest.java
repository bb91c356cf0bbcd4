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

  /**
   * A tick's screens are refreshed one at a time across the first half of the tick, not back to back, and each tick
   * is timed with the number of screens listening.
   */
  @Test
  void aTicksRefreshesAreSpreadOverHalfTheTick() throws Exception {
    Vertx vertx = Vertx.vertx();
    LiveFeed feed = new LiveFeed();
    io.micrometer.core.instrument.simple.SimpleMeterRegistry meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    try {
      int screens = 10;
      BlockingQueue<Long> at = new ArrayBlockingQueue<>(screens);
      for (int i = 0; i < screens; i++) {
        feed.listen(changed -> at.offer(System.nanoTime()));
      }
      feed.start(vertx, 1_000, meters);
      java.util.List<Long> tick = new java.util.ArrayList<>();
      for (int i = 0; i < screens; i++) {
        Long t = at.poll(5, TimeUnit.SECONDS);
        assertTrue(t != null, "screen " + (i + 1) + " of " + screens + " was not refreshed in the first tick");
        tick.add(t);
      }
      long spreadMs = (tick.get(screens - 1) - tick.get(0)) / 1_000_000;
      // Screen i is due 500 ms * i / 10 after the tick began: the last one 450 ms after the first.
      assertTrue(spreadMs >= 440 && spreadMs < 1_000, "first to last refresh of one tick: " + spreadMs + " ms");
      for (int w = 0; w < 50 && meters.get("telops.console.refresh").timer().count() == 0; w++) {
        Thread.sleep(20);
      }
      assertTrue(meters.get("telops.console.refresh").timer().count() >= 1, "the tick was not timed");
      assertEquals(screens, meters.get("telops.console.live.screens").gauge().value());
    } finally {
      feed.stop();
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /**
   * The refresh thread runs at the nice value it was given (Linux), below the media's event loops, which keep the
   * process's own.
   */
  @Test
  void refreshesRunAtTheGivenNiceValue() throws Exception {
    if (!com.sun.jna.Platform.isLinux()) {
      // Elsewhere the thread keeps the process's priority, and says so: lower() refuses rather than pretends.
      assertTrue(!ThreadNice.lower(10), "lower() claimed a nice value off Linux");
      return;
    }
    Integer own = ThreadNice.current();
    assertTrue(own != null && own < 10, "this test's own nice value: " + own);
    Vertx vertx = Vertx.vertx();
    LiveFeed feed = new LiveFeed(10);
    try {
      BlockingQueue<Integer> nice = new ArrayBlockingQueue<>(4);
      feed.listen(changed -> nice.offer(ThreadNice.current()));
      feed.start(vertx, 50);
      assertEquals(10, nice.poll(5, TimeUnit.SECONDS));
      assertEquals(own, ThreadNice.current(), "the caller's nice value changed too");
    } finally {
      feed.stop();
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
