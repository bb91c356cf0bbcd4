package org.telops.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.SelectStrategy;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.transport.Transport;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CoalescingEpollTest {
  /** Ready counts that successive epoll_wait(0) calls return, and how many calls were made. */
  private static final class Ready implements io.netty.util.IntSupplier {
    final Deque<Integer> answers = new ArrayDeque<>();
    int calls;

    Ready(int... values) {
      for (int v : values) {
        answers.add(v);
      }
    }

    @Override
    public int get() {
      calls++;
      return answers.isEmpty() ? 0 : answers.poll();
    }
  }

  @Test
  @DisplayName("Ready sockets are handled at once, without sleeping")
  void readyAtOnce() throws Exception {
    CoalescingEpoll.Strategy s = new CoalescingEpoll.Strategy(50_000_000L); // a sleep would show as 50 ms
    Ready ready = new Ready(3);
    long t0 = System.nanoTime();
    assertEquals(3, s.calculateStrategy(ready, false));
    assertTrue(System.nanoTime() - t0 < 40_000_000L, "no coalescing sleep when sockets are ready");
    assertEquals(1, ready.calls);
  }

  @Test
  @DisplayName("An idle loop blocks in epoll_wait as Netty's own does")
  void idleBlocks() throws Exception {
    CoalescingEpoll.Strategy s = new CoalescingEpoll.Strategy(1_000_000L);
    Ready ready = new Ready(0);
    assertEquals(SelectStrategy.SELECT, s.calculateStrategy(ready, false));
    assertEquals(1, ready.calls, "no second look when the last round found nothing");
  }

  @Test
  @DisplayName("A busy loop waits the window and takes what arrived meanwhile instead of blocking")
  void busyCoalesces() throws Exception {
    CoalescingEpoll.Strategy s = new CoalescingEpoll.Strategy(1_000_000L);
    assertEquals(2, s.calculateStrategy(new Ready(2), false)); // traffic
    Ready ready = new Ready(0, 5);
    long t0 = System.nanoTime();
    assertEquals(5, s.calculateStrategy(ready, false));
    assertTrue(System.nanoTime() - t0 >= 1_000_000L, "waited the 1 ms window");
    assertEquals(2, ready.calls);
    // Nothing after a window: the loop blocks again, and the next idle round does not wait.
    assertEquals(SelectStrategy.SELECT, s.calculateStrategy(new Ready(0, 0), false));
    Ready idle = new Ready(0);
    assertEquals(SelectStrategy.SELECT, s.calculateStrategy(idle, false));
    assertEquals(1, idle.calls);
  }

  @Test
  @DisplayName("Pending tasks are never held back by the window")
  void tasksRunAtOnce() throws Exception {
    CoalescingEpoll.Strategy s = new CoalescingEpoll.Strategy(50_000_000L);
    s.calculateStrategy(new Ready(1), false);
    long t0 = System.nanoTime();
    assertEquals(0, s.calculateStrategy(new Ready(0), true));
    assertTrue(System.nanoTime() - t0 < 40_000_000L);
  }

  @Test
  @DisplayName("The window comes from TELOPS_EVENT_LOOP_COALESCE_MICROS; 0 or NIO leaves Vert.x's own transport")
  void settings() {
    assertNull(CoalescingEpoll.fromEnv(Map.of("TELOPS_EVENT_LOOP_COALESCE_MICROS", "0")));
    assertNull(CoalescingEpoll.fromEnv(Map.of("TELOPS_NATIVE_TRANSPORT", "false")));
    RuntimeException e = assertThrows(org.telops.contracts.config.ConfigException.class,
        () -> CoalescingEpoll.fromEnv(Map.of("TELOPS_EVENT_LOOP_COALESCE_MICROS", "20000")));
    assertTrue(e.getMessage().contains("TELOPS_EVENT_LOOP_COALESCE_MICROS"), e.getMessage());
    if (Transport.EPOLL.available()) {
      assertEquals("epoll, coalescing 200 µs", CoalescingEpoll.fromEnv(Map.of()).name());
      assertEquals("epoll, coalescing 500 µs",
          CoalescingEpoll.fromEnv(Map.of("TELOPS_EVENT_LOOP_COALESCE_MICROS", "500")).name());
    }
  }

  @Test
  @DisplayName("Vert.x on the coalescing transport serves WebSockets and runs tasks from other threads")
  void vertxOnIt() throws Exception {
    Transport transport = CoalescingEpoll.fromEnv(Map.of());
    // Off Linux (or without the native library) the platform uses Vert.x's default; nothing to run here then.
    org.junit.jupiter.api.Assumptions.assumeTrue(transport != null, "epoll is not available on this machine: " + Transport.EPOLL.unavailabilityCause());
    Vertx vertx = Vertx.builder().withTransport(transport).build();
    try {
      assertTrue(vertx.isNativeTransportEnabled());
      HttpServer server = vertx.createHttpServer().webSocketHandler(ws -> ws.handler(ws::write))
          .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      WebSocketClient client = vertx.createWebSocketClient();
      WebSocket ws = client.connect(server.actualPort(), "127.0.0.1", "/").toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      int frames = 200;
      CompletableFuture<Integer> echoed = new CompletableFuture<>();
      int[] count = {0};
      ws.handler(b -> {
        if (++count[0] == frames) {
          echoed.complete(count[0]);
        }
      });
      for (int i = 0; i < frames; i++) {
        ws.write(Buffer.buffer("frame " + i));
      }
      assertEquals(frames, echoed.get(10, TimeUnit.SECONDS));
      // A task submitted from this (non-loop) thread while the loops are busy or waiting still runs.
      for (int i = 0; i < 50; i++) {
        CompletableFuture<Boolean> ran = new CompletableFuture<>();
        vertx.runOnContext(v -> ran.complete(Vertx.currentContext() != null));
        assertTrue(ran.get(5, TimeUnit.SECONDS));
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
