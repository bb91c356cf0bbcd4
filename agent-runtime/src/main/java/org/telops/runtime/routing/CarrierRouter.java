package org.telops.runtime.routing;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.contracts.call.CallIds;
import org.telops.contracts.call.CallOutcome;
import org.telops.contracts.call.CallRecord;
import org.telops.contracts.call.CallState;
import org.telops.contracts.call.Direction;
import org.telops.contracts.call.RecordSource;

/**
 * Places new outbound calls on the best available carrier and fails a call over to the next one when
 * its attempt fails — at once for an immediate error, after the breaker timeout for a silent one — so
 * failover needs no extra wait. Operators (and drills) force carriers open, drain and restore them.
 * Calls already in flight are never touched: the router only decides where new calls go.
 */
public final class CarrierRouter {
  private static final Logger log = LoggerFactory.getLogger(CarrierRouter.class);

  /** One try on one carrier: outcome "connected", a failure kind ("server-error", "down"…) or "cps-rejected". */
  public record Attempt(String carrier, String outcome, String error, long ms) {}

  /** A placed call: on which carrier, after which attempts, and how long it waited for a CPS slot. */
  public record RoutedCall(String callId, String carrier, String carrierCallId, List<Attempt> attempts, long queuedMs) {}

  /** The call was not placed; {@code httpStatus} is what the API answers (429, 422, 503). */
  public static final class RoutingFailure extends RuntimeException {
    public final int httpStatus;
    public final long retryAfterMs;
    public final List<Attempt> attempts;

    RoutingFailure(int httpStatus, String message, long retryAfterMs, List<Attempt> attempts) {
      super(message, null, false, false);
      this.httpStatus = httpStatus;
      this.retryAfterMs = retryAfterMs;
      this.attempts = List.copyOf(attempts);
    }
  }

  private final CarrierBoard board;
  private final Map<String, CarrierLane> lanes = new LinkedHashMap<>();
  private final InFlightCalls inFlight = new InFlightCalls();
  private final CarrierStates states;
  private final MeterRegistry meters;
  private volatile Consumer<CallRecord> cdrs = r -> { };

  public CarrierRouter(Vertx vertx, RouterConfig config, List<CarrierApi> apis, MeterRegistry meters) {
    this.meters = meters;
    Map<String, String> notConfigured = new LinkedHashMap<>();
    for (CarrierApi api : apis) {
      if (api.notConfiguredReason() != null) {
        notConfigured.put(api.carrier(), api.notConfiguredReason());
      }
    }
    this.board = new CarrierBoard(apis.stream().map(CarrierApi::carrier).toList(), notConfigured, Instant.now());
    this.states = new CarrierStates(board, lanes, inFlight);
    for (CarrierApi api : apis) {
      CarrierLane[] self = new CarrierLane[1];
      self[0] = new CarrierLane(vertx, config, api, meters, (breaker, circuit) -> states.circuitChanged(self[0], breaker, circuit));
      lanes.put(api.carrier(), self[0]);
    }
  }

  /** Every state change (stored and published by the module, watched by drills). */
  public void onStateChange(Consumer<StateChange> listener) {
    states.listen(listener);
  }

  public void removeStateChangeListener(Consumer<StateChange> listener) {
    states.unlisten(listener);
  }

  /** Where the first CDR fragment of each placed (or unplaceable) call goes. */
  public void sendCdrsTo(Consumer<CallRecord> sink) {
    this.cdrs = sink;
  }

  /** Places a new call, failing over down the carrier list. */
  public Future<RoutedCall> place(CallRequest request) {
    CarrierBoard.Plan plan = board.plan(request.region(), Instant.now());
    if (plan.carriers().isEmpty()) {
      return Future.failedFuture(new RoutingFailure(503, CarrierBoard.noCarrierMessage(plan, request.region()), 1_000, List.of()));
    }
    return tryCarrier(request, plan.carriers(), 0, new ArrayList<>(), 0);
  }

  /** Places a call on one named carrier only, no failover (a drill's in-flight calls). */
  public Future<RoutedCall> placeOn(String carrier, CallRequest request) {
    String why = board.unavailableReason(carrier, request.region(), Instant.now());
    if (why != null) {
      return Future.failedFuture(new RoutingFailure(503, "carrier " + carrier + ": " + why, 1_000, List.of()));
    }
    return tryCarrier(request, List.of(carrier), 0, new ArrayList<>(), 0);
  }

  private Future<RoutedCall> tryCarrier(CallRequest req, List<String> order, int i, List<Attempt> attempts, long queuedMs) {
    String carrier = order.get(i);
    CarrierLane lane = lanes.get(carrier);
    long t0 = System.nanoTime();
    return lane.admit().transform(admitted -> {
      if (admitted.failed()) {
        CarrierLane.CpsRejected r = (CarrierLane.CpsRejected) admitted.cause();
        attempts.add(new Attempt(carrier, "cps-rejected", r.getMessage(), 0));
        return Future.failedFuture(new RoutingFailure(429, r.getMessage(), r.retryAfterMs, attempts));
      }
      long waited = queuedMs + admitted.result();
      // While it waited for a slot the carrier may have gone out: move on rather than call into an outage.
      String why = board.unavailableReason(carrier, req.region(), Instant.now());
      if (why != null) {
        attempts.add(new Attempt(carrier, "skipped", why, 0));
        return next(req, order, i, attempts, waited, null);
      }
      return lane.create(req).transform(ar -> {
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (ar.succeeded()) {
          attempts.add(new Attempt(carrier, "connected", null, ms));
          return Future.succeededFuture(placed(req, ar.result(), order.get(0), attempts, waited));
        }
        CarrierFailure f = lane.classify(ar.cause());
        attempts.add(new Attempt(carrier, f.kind().wire(), f.getMessage(), ms));
        if (f.kind() == CarrierFailure.Kind.THROTTLED) {
          board.throttle(carrier, Instant.now().plusMillis(f.retryAfterMs()));
        }
        if (!f.failsOver()) {
          return Future.failedFuture(new RoutingFailure(422, "carrier " + carrier + " refused the call: " + f.shortForm()
              + (f.detail() != null ? ": " + f.detail() : "") + " — check the numbers; another carrier would refuse it too",
              0, attempts));
        }
        return next(req, order, i, attempts, waited, f);
      });
    });
  }

  private Future<RoutedCall> next(CallRequest req, List<String> order, int i, List<Attempt> attempts, long waited,
                                  CarrierFailure last) {
    if (i + 1 < order.size()) {
      return tryCarrier(req, order, i + 1, attempts, waited);
    }
    StringBuilder sb = new StringBuilder("the call was not placed: ");
    List<String> parts = new ArrayList<>();
    for (Attempt a : attempts) {
      parts.add(a.error() != null ? a.error() : a.carrier() + " " + a.outcome());
    }
    sb.append(String.join("; ", parts)).append(" — retry shortly; GET /api/v1/carriers shows each carrier's state");
    boolean throttled = last != null && last.kind() == CarrierFailure.Kind.THROTTLED;
    Instant now = Instant.now();
    // No carrier call id: the only kind of call that gets a random id (see CallIds).
    cdrs.accept(fragment(req, CallIds.random(), null, last != null ? last.carrier() : order.get(i), now)
        .state(CallState.ENDED).outcome(CallOutcome.FAILED).endedAt(now)
        .hangupCause("carrier-api: " + (last != null ? last.shortForm() : "no carrier available")).build());
    return Future.failedFuture(new RoutingFailure(throttled ? 429 : 503, sb.toString(),
        throttled ? Math.max(1, last.retryAfterMs()) : 1_000, attempts));
  }

  private RoutedCall placed(CallRequest req, CarrierApi.PlacedCall p, String first, List<Attempt> attempts, long waited) {
    String callId = CallIds.of(p.carrier(), p.carrierCallId());
    Instant now = Instant.now();
    inFlight.add(new InFlightCalls.Call(callId, p.carrier(), p.carrierCallId(), req.region(), now, false));
    cdrs.accept(fragment(req, callId, p.carrierCallId(), p.carrier(), now).state(CallState.ATTEMPTED).build());
    if (!first.equals(p.carrier())) {
      meters.counter("telops_carrier_failovers", "from", first, "to", p.carrier()).increment();
    }
    return new RoutedCall(callId, p.carrier(), p.carrierCallId(), List.copyOf(attempts), waited);
  }

  private static CallRecord.Builder fragment(CallRequest req, String callId, String carrierCallId, String carrier,
                                             Instant at) {
    return CallRecord.builder(callId).carrierCallId(carrierCallId).carrier(carrier).region(req.region())
        .tenant(req.tenant()).agent(req.agent()).direction(Direction.OUTBOUND).fromNumber(req.from())
        .toNumber(req.to()).attemptedAt(at).source(RecordSource.RUNTIME);
  }

  /** Hangs up a call this router placed (drill test calls); the call stops counting as in flight. */
  public Future<Void> hangup(String carrier, String carrierCallId) {
    inFlight.end(CallIds.of(carrier, carrierCallId));
    return lane(carrier).api.hangup(carrierCallId);
  }

  /** Operator or drill: no new calls on {@code carrier} until restored; calls in flight continue. */
  public StateChange forceOpen(String carrier, String by, String reason, String trigger, Long drillRunId) {
    return states.setMode(carrier, CarrierBoard.Mode.FORCED_OPEN, by, reason, trigger, drillRunId);
  }

  /** Like force-open, for planned work: in-flight calls finish, {@code GET /api/v1/carriers} shows how many remain. */
  public StateChange drain(String carrier, String by, String reason, String trigger, Long drillRunId) {
    return states.setMode(carrier, CarrierBoard.Mode.DRAINING, by, reason, trigger, drillRunId);
  }

  /** Back in service with a fresh, closed circuit. */
  public StateChange restore(String carrier, String by, String reason, String trigger, Long drillRunId) {
    return states.setMode(carrier, CarrierBoard.Mode.NORMAL, by, reason, trigger, drillRunId);
  }

  /** A mode decided elsewhere (stored before a restart, or set on another instance): applied, not re-published. */
  public void adoptMode(String carrier, CarrierBoard.Mode mode, String by, String reason, Instant at) {
    states.adoptMode(carrier, mode, by, reason, at);
  }

  /** The prober removed ({@code removed}) or restored a region for one carrier, or all when carrier is null. */
  public void regionHealth(String carrier, String region, boolean removed, String reason) {
    states.regionHealth(carrier, region, removed, reason);
  }

  /** A call's end or answer became known (bus events). */
  public void callAnswered(String callId) {
    inFlight.answered(callId).ifPresent(c -> lane(c.carrier()).health.recordConnect(System.currentTimeMillis(), true));
  }

  public void callEnded(String callId, boolean answered) {
    inFlight.end(callId).ifPresent(c -> {
      if (!c.answered() && !answered) {
        lane(c.carrier()).health.recordConnect(System.currentTimeMillis(), false);
      } else if (!c.answered()) {
        lane(c.carrier()).health.recordConnect(System.currentTimeMillis(), true);
      }
    });
  }

  public CarrierBoard board() {
    return board;
  }

  public InFlightCalls inFlight() {
    return inFlight;
  }

  CarrierLane lane(String carrier) {
    CarrierLane l = lanes.get(carrier);
    if (l == null) {
      throw new IllegalArgumentException("unknown carrier '" + carrier + "': this router has " + String.join(", ", lanes.keySet()));
    }
    return l;
  }

  public CarrierHealth.Figures health(String carrier) {
    return lane(carrier).health.figures(System.currentTimeMillis());
  }

  public int cpsQueued(String carrier) {
    return lane(carrier).limiter.queued();
  }

  public String breakerState(String carrier) {
    return lane(carrier).breaker().state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
