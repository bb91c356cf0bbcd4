package org.telops.admin.live;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.contracts.bus.Addresses;

/**
 * The console's view of the event bus: the last health figures per carrier, the calls in progress, and which
 * topics changed. Listeners are told once per tick (1 s) with the set of topics that changed since the last one,
 * so 500 calls' samples cost each open screen one refresh a second at most, and a change reaches the browser
 * (server push) within 2 s.
 *
 * <p>Listeners run on the feed's own thread ({@code telops-console-push}), never on a Vert.x event loop: a screen's
 * refresh runs inside {@code UI.access}, which executes at once in the calling thread and writes the push there, so
 * 50 open sessions refreshed on the timer's event loop would hold up every media socket served by that loop.
 */
public final class LiveFeed {
  private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
  /** A call with no event for this long is taken as gone (its end was missed, e.g. a process restart). */
  static final Duration STALE_CALL = Duration.ofMinutes(30);

  private final Map<String, JsonObject> carrierHealth = new ConcurrentHashMap<>();
  private final Map<String, LiveCall> calls = new ConcurrentHashMap<>();
  private List<LiveCall> callsSnapshot;
  private Instant snapshotAt = Instant.EPOCH;
  private volatile boolean callsChanged;
  private final Set<Topic> dirty = EnumSet.noneOf(Topic.class);
  private final List<Consumer<Set<Topic>>> listeners = new CopyOnWriteArrayList<>();
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private Vertx vertx;
  private long timer = -1;
  private long spreadNanos;
  private io.micrometer.core.instrument.Timer tickTimer;
  private final java.util.concurrent.ExecutorService pushThread;
  private final java.util.concurrent.atomic.AtomicBoolean tickPending = new java.util.concurrent.atomic.AtomicBoolean();

  /** A feed whose refreshes run at the process's priority. */
  public LiveFeed() {
    this(0);
  }

  /**
   * A feed whose refresh thread runs at Linux nice value {@code nice} (0: the process's own). The console's refreshes
   * are background work beside the media: at nice 10 the kernel gives a media event loop waking for a frame the core
   * first, and the console still gets about a tenth of a busy core, many times what 50 screens need.
   */
  public LiveFeed(int nice) {
    pushThread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(() -> {
        if (ThreadNice.lower(nice)) {
          log.info("console refreshes run at nice {}, below the media's threads", nice);
        }
        r.run();
      }, "telops-console-push");
      t.setDaemon(true);
      t.setPriority(Thread.MIN_PRIORITY);
      return t;
    });
  }

  /** Subscribes to the bus; {@code tickMs} is how often listeners hear of changes. */
  public void start(Vertx vertx, long tickMs) {
    start(vertx, tickMs, null);
  }

  /**
   * As {@link #start(Vertx, long)}, and times each tick's refresh of every open screen in {@code meters}
   * ({@code telops_console_refresh_seconds}) with the number of screens listening ({@code telops_console_live_screens}).
   */
  public void start(Vertx vertx, long tickMs, io.micrometer.core.instrument.MeterRegistry meters) {
    this.vertx = vertx;
    this.spreadNanos = tickMs * 1_000_000L / 2;
    if (meters != null) {
      tickTimer = io.micrometer.core.instrument.Timer.builder("telops.console.refresh")
          .description("one live-feed tick: every open console screen told of the topics that changed, and refreshed")
          .publishPercentiles(0.5, 0.99).register(meters);
      io.micrometer.core.instrument.Gauge.builder("telops.console.live.screens", listeners, List::size)
          .description("console screens attached and listening to the live feed").register(meters);
    }
    consumers.add(vertx.eventBus().<JsonObject>consumer(Addresses.CARRIER_HEALTH, m -> {
      JsonObject b = m.body();
      if (b != null && b.getString("carrier") != null) {
        carrierHealth.put(b.getString("carrier"), b);
        mark(Topic.CARRIERS);
      }
    }));
    consumers.add(vertx.eventBus().<JsonObject>consumer(Addresses.CARRIER_STATE, m -> carrierState(m.body())));
    consumers.add(vertx.eventBus().consumer(Addresses.REGION_HEALTH, m -> mark(Topic.REGIONS)));
    consumers.add(vertx.eventBus().consumer(Addresses.PROBE_RESULTS, m -> mark(Topic.REGIONS)));
    consumers.add(vertx.eventBus().consumer(Addresses.INCIDENTS, m -> mark(Topic.INCIDENTS)));
    consumers.add(vertx.eventBus().consumer(Addresses.ALERTS, m -> mark(Topic.INCIDENTS)));
    consumers.add(vertx.eventBus().<JsonObject>consumer(Addresses.CALL_EVENTS, m -> callEvent(m.body())));
    consumers.add(vertx.eventBus().<JsonObject>consumer(Addresses.QUALITY_SAMPLES, m -> sample(m.body())));
    timer = vertx.setPeriodic(tickMs, id -> {
      // One tick at a time: if the screens are still refreshing from the last one, this one is folded into the next.
      if (tickPending.compareAndSet(false, true)) {
        pushThread.execute(() -> {
          try {
            tick();
          } finally {
            tickPending.set(false);
          }
        });
      }
    });
  }

  public void stop() {
    if (vertx != null && timer >= 0) {
      vertx.cancelTimer(timer);
    }
    consumers.forEach(MessageConsumer::unregister);
    consumers.clear();
    pushThread.shutdown();
  }

  /** Registers a listener; the returned handle removes it. */
  public Runnable listen(Consumer<Set<Topic>> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  public int listenerCount() {
    return listeners.size();
  }

  /** The last health event per carrier (circuit, mode, in-flight, error rate, latency, connect success). */
  public Map<String, JsonObject> carrierHealth() {
    return Map.copyOf(carrierHealth);
  }

  /**
   * Calls in progress, newest first. One sorted snapshot is shared until a call changes (or a minute has passed, for
   * the stale ones to go): 50 open screens asking in the same tick sort 500 calls once, not 50 times.
   */
  public synchronized List<LiveCall> calls() {
    Instant now = Instant.now();
    if (callsSnapshot == null || callsChanged || now.isAfter(snapshotAt.plusSeconds(60))) {
      callsChanged = false;
      Instant cutoff = now.minus(STALE_CALL);
      calls.values().removeIf(c -> c.lastSeenAt().isBefore(cutoff));
      List<LiveCall> out = new ArrayList<>(calls.values());
      out.sort(java.util.Comparator.comparing(LiveCall::startedAt).reversed().thenComparing(LiveCall::callId));
      callsSnapshot = List.copyOf(out);
      snapshotAt = now;
    }
    return callsSnapshot;
  }

  /** Marks a topic changed; listeners hear of it at the next tick. Public so tests and actions can nudge it. */
  public void mark(Topic topic) {
    synchronized (dirty) {
      dirty.add(topic);
    }
  }

  /**
   * Tells every listener of the topics changed since the last tick. The screens are not refreshed back to back but
   * spread over the first half of the tick: each refresh and its push is a short slice of CPU between the media's
   * frames, not one burst of 50 beside them. A change still reaches every screen within 1.5 ticks.
   */
  void tick() {
    long start = System.nanoTime();
    Set<Topic> changed;
    synchronized (dirty) {
      changed = EnumSet.copyOf(dirty.isEmpty() ? EnumSet.of(Topic.TICK) : dirty);
      changed.add(Topic.TICK);
      dirty.clear();
    }
    Set<Topic> view = Set.copyOf(changed);
    List<Consumer<Set<Topic>>> now = List.copyOf(listeners);
    long busy = 0;
    for (int i = 0; i < now.size(); i++) {
      long due = start + spreadNanos * i / now.size();
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        java.util.concurrent.locks.LockSupport.parkNanos(wait); // may return early: park again until due
      }
      long t0 = System.nanoTime();
      try {
        now.get(i).accept(view);
      } catch (RuntimeException e) {
        log.warn("a console screen failed to refresh: {}", e.toString());
      }
      busy += System.nanoTime() - t0;
    }
    if (tickTimer != null) {
      tickTimer.record(busy, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
  }

  /**
   * A state change (force-open, restore, circuit opened…) is newer than the last periodic health figures: its
   * circuit and mode replace theirs at once, so the change shows now and not at the next health publication.
   */
  void carrierState(JsonObject e) {
    if (e == null || e.getString("carrier") == null) {
      return;
    }
    carrierHealth.merge(e.getString("carrier"), new JsonObject().put("carrier", e.getString("carrier"))
        .put("circuit", e.getString("circuit")).put("mode", e.getString("mode")).put("reason", e.getString("reason"))
        .put("changedBy", e.getString("changedBy")).put("changedAt", e.getString("at")),
        (old, change) -> old.copy().mergeIn(change));
    mark(Topic.CARRIERS);
  }

  void callEvent(JsonObject e) {
    if (e == null || e.getString("callId") == null) {
      return;
    }
    String id = e.getString("callId");
    Instant at = instant(e.getString("at"));
    String type = e.getString("type", "");
    JsonObject attrs = e.getJsonObject("attributes", new JsonObject());
    switch (type) {
      case "started" -> calls.putIfAbsent(id, new LiveCall(id, e.getString("carrier"), e.getString("region"),
          e.getString("tenant"), null, "ringing", at, null, null, null, null, at));
      case "answered" -> calls.compute(id, (k, c) -> (c != null ? c : new LiveCall(id, e.getString("carrier"),
          e.getString("region"), e.getString("tenant"), null, "ringing", at, null, null, null, null, at))
          .withState("answered", at, attrs.getString("engine")));
      case "ended" -> calls.remove(id);
      default -> {
        return;
      }
    }
    callsChanged = true;
    mark(Topic.CALLS);
  }

  void sample(JsonObject s) {
    if (s == null || s.getString("callId") == null) {
      return;
    }
    Instant at = instant(s.getString("sampledAt"));
    LiveCall updated = calls.computeIfPresent(s.getString("callId"),
        (k, c) -> c.withSample(s.getDouble("mos"), s.getDouble("jitterMs"), s.getDouble("lossPercent"), at));
    if (updated != null) {
      callsChanged = true;
      mark(Topic.CALLS);
    }
  }

  private static Instant instant(String s) {
    try {
      return s == null ? Instant.now() : Instant.parse(s);
    } catch (RuntimeException e) {
      return Instant.now();
    }
  }
}
