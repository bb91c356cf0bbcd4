package org.telops.runtime.routing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.circuitbreaker.TimeoutException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything between the router and one carrier's API: the CPS limiter (wait for a slot), the Vert.x
 * circuit breaker (timeout, consecutive failures, half-open trial), health figures and metrics. A call
 * that timed out but that the carrier placed anyway is hung up, so a failed-over call never rings twice.
 */
final class CarrierLane {
  private static final Logger log = LoggerFactory.getLogger(CarrierLane.class);

  /** The CPS limiter refused the call. */
  static final class CpsRejected extends RuntimeException {
    final long retryAfterMs;

    CpsRejected(String message, long retryAfterMs) {
      super(message, null, false, false);
      this.retryAfterMs = retryAfterMs;
    }
  }

  final String name;
  final CarrierApi api;
  final CpsLimiter<Promise<Long>> limiter;
  final CarrierHealth health = new CarrierHealth(60);
  private final Vertx vertx;
  private final RouterConfig config;
  private final MeterRegistry meters;
  private final BiConsumer<CircuitBreaker, CarrierBoard.Circuit> onCircuit;
  private final AtomicBoolean drainArmed = new AtomicBoolean();
  private volatile CircuitBreaker breaker;
  // The streak of consecutive failures that counted against the circuit (for the OPEN message and detection time).
  private int streakFailures;
  private long streakStartedMs;
  private String lastFailure;

  CarrierLane(Vertx vertx, RouterConfig config, CarrierApi api, MeterRegistry meters,
              BiConsumer<CircuitBreaker, CarrierBoard.Circuit> onCircuit) {
    this.vertx = vertx;
    this.config = config;
    this.api = api;
    this.name = api.carrier();
    this.meters = meters;
    this.onCircuit = onCircuit;
    this.limiter = new CpsLimiter<>(name, config.callsPerSecond(), config.cpsBurst(), config.cpsQueue());
    this.breaker = newBreaker();
  }

  /** A fresh, closed breaker (start-up and operator restore); the old one's late events are ignored. */
  CircuitBreaker newBreaker() {
    CircuitBreaker b = CircuitBreaker.create("carrier-" + name, vertx, new CircuitBreakerOptions()
        .setTimeout(config.timeoutMs())
        .setMaxFailures(config.maxFailures())
        .setResetTimeout(config.resetTimeoutMs())
        // "Consecutive" failures: a success resets the count; the window only forgets a streak after 10 min.
        .setFailuresRollingWindow(600_000)
        .setFallbackOnFailure(false)
        .setNotificationAddress(null));
    b.failurePolicy(ar -> {
      if (ar.succeeded()) {
        noteSuccess();
        return false;
      }
      CarrierFailure f = classify(ar.cause());
      if (f.countsAgainstCircuit()) {
        noteFailure(f);
        return true;
      }
      return false;
    });
    b.openHandler(v -> onCircuit.accept(b, CarrierBoard.Circuit.OPEN));
    b.halfOpenHandler(v -> onCircuit.accept(b, CarrierBoard.Circuit.HALF_OPEN));
    b.closeHandler(v -> onCircuit.accept(b, CarrierBoard.Circuit.CLOSED));
    CircuitBreaker old = breaker;
    breaker = b;
    synchronized (this) {
      streakFailures = 0;
      lastFailure = null;
    }
    if (old != null) {
      old.close();
    }
    return b;
  }

  CircuitBreaker breaker() {
    return breaker;
  }

  /** Waits for a CPS slot; the value is how long the call waited, in ms. Fails with {@link CpsRejected}. */
  Future<Long> admit() {
    long now = System.nanoTime();
    Promise<Long> p = Promise.promise();
    CpsLimiter.Decision d = limiter.offer(p, now);
    switch (d.outcome()) {
      case ADMITTED -> p.complete(0L);
      case QUEUED -> armDrain();
      default -> {
        meters.counter("telops_carrier_cps_rejected", "carrier", name).increment();
        p.fail(new CpsRejected(d.message(), d.retryAfterMs()));
      }
    }
    return p.future().map(x -> (System.nanoTime() - now) / 1_000_000);
  }

  private void armDrain() {
    if (!drainArmed.compareAndSet(false, true)) {
      return;
    }
    // One timer per lane, set for the head of the line's slot.
    long nanos = Math.max(1, limiter.nanosUntilNext(System.nanoTime()));
    vertx.setTimer(Math.max(1, (nanos + 999_999) / 1_000_000), id -> {
      drainArmed.set(false);
      for (Promise<Long> waiting : limiter.drain(System.nanoTime())) {
        waiting.complete(0L);
      }
      if (limiter.queued() > 0) {
        armDrain();
      }
    });
  }

  /** Asks this carrier to place the call through its breaker; fails with a {@link CarrierFailure}. */
  Future<CarrierApi.PlacedCall> create(CallRequest request) {
    long t0 = System.nanoTime();
    @SuppressWarnings("unchecked")
    Future<CarrierApi.PlacedCall>[] sent = new Future[1];
    CircuitBreaker b = breaker;
    Future<CarrierApi.PlacedCall> viaBreaker = b.<CarrierApi.PlacedCall>execute(() -> {
      sent[0] = api.create(request);
      return sent[0];
    }).transform(ar -> {
      long ms = (System.nanoTime() - t0) / 1_000_000;
      if (ar.succeeded()) {
        record(true, ms, "ok");
        return Future.succeededFuture(ar.result());
      }
      CarrierFailure f = classify(ar.cause());
      if (f.kind() != CarrierFailure.Kind.CIRCUIT_OPEN) {
        record(!f.countsAgainstCircuit(), ms, f.kind().wire());
      }
      if (f.kind() == CarrierFailure.Kind.TIMEOUT && sent[0] != null) {
        // The carrier may still place it after we gave up: hang that call up, the caller's call went elsewhere.
        sent[0].onSuccess(this::hangUpOrphan);
      }
      return Future.failedFuture(f);
    });
    if (config.failoverAfterMs() >= config.timeoutMs()) {
      return viaBreaker;
    }
    // The new call does not wait for the breaker's full timeout: past failoverAfterMs it goes to the next
    // carrier, while the breaker goes on timing this attempt and counts it when it ends.
    Promise<CarrierApi.PlacedCall> first = Promise.promise();
    long timer = vertx.setTimer(config.failoverAfterMs(), id -> {
      if (first.tryFail(CarrierFailure.of(CarrierFailure.Kind.TIMEOUT, name, api.createPath(),
          config.failoverAfterMs() + " ms"))) {
        viaBreaker.onSuccess(this::hangUpOrphan);
      }
    });
    viaBreaker.onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        first.tryComplete(ar.result());
      } else {
        first.tryFail(ar.cause());
      }
    });
    return first.future();
  }

  private void hangUpOrphan(CarrierApi.PlacedCall orphan) {
    meters.counter("telops_carrier_orphans_hung_up", "carrier", name).increment();
    log.warn("carrier {}: call {} was placed after the router gave up on it ({} ms); hanging it up (the call went "
        + "to another carrier)", name, orphan.carrierCallId(), config.failoverAfterMs());
    api.hangup(orphan.carrierCallId()).onFailure(t -> log.warn("carrier {}: could not hang up orphan call {}: {}",
        name, orphan.carrierCallId(), t.getMessage()));
  }

  private void record(boolean ok, long ms, String outcome) {
    health.recordAttempt(System.currentTimeMillis(), ok, ms);
    Timer.builder("telops_carrier_api_latency").description("Carrier API call-create latency")
        .tags("carrier", name, "outcome", ok ? "ok" : "error").publishPercentileHistogram()
        .register(meters).record(ms, TimeUnit.MILLISECONDS);
    meters.counter("telops_carrier_attempts", "carrier", name, "result", outcome).increment();
  }

  CarrierFailure classify(Throwable t) {
    if (t instanceof CarrierFailure f) {
      return f;
    }
    if (t instanceof OpenCircuitException) {
      return CarrierFailure.of(CarrierFailure.Kind.CIRCUIT_OPEN, name, api.createPath(), "circuit open");
    }
    if (t instanceof TimeoutException) {
      return CarrierFailure.of(CarrierFailure.Kind.TIMEOUT, name, api.createPath(), config.timeoutMs() + " ms");
    }
    return CarrierHttp.transport(name, api.createPath(), t);
  }

  private synchronized void noteFailure(CarrierFailure f) {
    if (streakFailures == 0) {
      streakStartedMs = System.currentTimeMillis();
    }
    streakFailures++;
    lastFailure = f.shortForm();
  }

  private synchronized void noteSuccess() {
    streakFailures = 0;
  }

  synchronized int streakFailures() {
    return streakFailures;
  }

  synchronized String lastFailure() {
    return lastFailure;
  }

  synchronized long streakStartedMs() {
    return streakStartedMs;
  }
}
