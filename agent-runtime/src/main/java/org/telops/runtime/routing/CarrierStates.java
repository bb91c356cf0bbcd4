package org.telops.runtime.routing;

import io.vertx.circuitbreaker.CircuitBreaker;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's state changes, each turned into a {@link StateChange} with its operator sentence and
 * handed to the listeners (storage, the bus, a running drill): breaker transitions, operator and drill
 * overrides, region verdicts. New calls read the result from the {@link CarrierBoard}.
 */
final class CarrierStates {
  private static final Logger log = LoggerFactory.getLogger(CarrierStates.class);

  private final CarrierBoard board;
  private final Map<String, CarrierLane> lanes;
  private final InFlightCalls inFlight;
  private final List<Consumer<StateChange>> listeners = new CopyOnWriteArrayList<>();

  CarrierStates(CarrierBoard board, Map<String, CarrierLane> lanes, InFlightCalls inFlight) {
    this.board = board;
    this.lanes = lanes;
    this.inFlight = inFlight;
  }

  void listen(Consumer<StateChange> listener) {
    listeners.add(listener);
  }

  void unlisten(Consumer<StateChange> listener) {
    listeners.remove(listener);
  }

  private CarrierLane lane(String carrier) {
    CarrierLane l = lanes.get(carrier);
    if (l == null) {
      throw new IllegalArgumentException("unknown carrier '" + carrier + "': this router has " + String.join(", ", lanes.keySet()));
    }
    return l;
  }

  void circuitChanged(CarrierLane lane, CircuitBreaker breaker, CarrierBoard.Circuit circuit) {
    if (lane == null || lane.breaker() != breaker) {
      return; // a replaced breaker's late timer
    }
    Instant now = Instant.now();
    CarrierBoard.Status s = board.setCircuit(lane.name, circuit, lane.streakFailures(), lane.lastFailure(), now);
    boolean open = circuit == CarrierBoard.Circuit.OPEN;
    String message = open ? board.openedMessage(lane.name, now) : "carrier " + lane.name + ": " + s.reason();
    Integer detectionMs = open ? (int) Math.max(0, now.toEpochMilli() - lane.streakStartedMs()) : null;
    if (open) {
      log.warn("{}", message);
    } else {
      log.info("{}", message);
    }
    emit(new StateChange(lane.name, circuit, s.mode(), s.reason(), "breaker", now, "breaker",
        open ? board.nextAfter(lane.name, now) : null, detectionMs, null, open && s.mode() == CarrierBoard.Mode.NORMAL,
        null, message));
  }

  /**
   * Adopts a mode decided elsewhere — stored before a restart, or set on another instance — without
   * storing or publishing it again.
   */
  void adoptMode(String carrier, CarrierBoard.Mode mode, String by, String reason, Instant at) {
    if (!board.knows(carrier) || board.status(carrier).mode() == mode && mode == CarrierBoard.Mode.NORMAL) {
      return;
    }
    if (mode == CarrierBoard.Mode.NORMAL) {
      lane(carrier).newBreaker();
    }
    board.setMode(carrier, mode, by, reason, at);
    log.info("carrier {}: {} by {} ({}), adopted", carrier, mode.wire(), by, reason);
  }

  StateChange setMode(String carrier, CarrierBoard.Mode mode, String by, String reason, String trigger, Long runId) {
    if (mode == CarrierBoard.Mode.NORMAL) {
      lane(carrier).newBreaker();
    }
    Instant now = Instant.now();
    CarrierBoard.Mode before = board.status(carrier).mode();
    CarrierBoard.Status s = board.setMode(carrier, mode, by, reason, now);
    String next = board.nextAfter(carrier, now);
    int flying = inFlight.count(carrier);
    String message = switch (mode) {
      case NORMAL -> "carrier " + carrier + ": restored by " + by + " (" + reason + "); it takes new calls again";
      case FORCED_OPEN, DRAINING -> "carrier " + carrier + ": " + (mode == CarrierBoard.Mode.DRAINING ? "draining" : "forced open")
          + " by " + by + " (" + reason + "); " + (next != null ? "new calls go to " + next
              : "no other carrier can take new calls") + "; " + flying
          + (flying == 1 ? " call in flight continues" : " calls in flight continue");
    };
    log.warn("{}", message);
    StateChange change = new StateChange(carrier, s.circuit(), mode, reason, by, now, trigger,
        mode == CarrierBoard.Mode.NORMAL ? null : next, null, runId,
        mode != CarrierBoard.Mode.NORMAL && before == CarrierBoard.Mode.NORMAL, null, message);
    emit(change);
    return change;
  }

  void regionHealth(String carrier, String region, boolean removed, String reason) {
    Instant now = Instant.now();
    if (removed) {
      board.removeRegion(carrier, region, reason);
    } else {
      board.restoreRegion(carrier, region);
    }
    String who = carrier == null ? "every carrier" : "carrier " + carrier;
    String message = who + ": region " + region + (removed ? " removed (" + reason + "); its new calls skip it"
        : " restored; its new calls may use it again");
    log.warn("{}", message);
    for (String c : carrier == null ? board.carriers() : List.of(carrier)) {
      if (board.knows(c)) {
        CarrierBoard.Status s = board.status(c);
        emit(new StateChange(c, s.circuit(), s.mode(), message, "prober", now, "region",
            removed ? nextFor(c, region, now) : null, null, null, removed, region, message));
      }
    }
  }

  private String nextFor(String carrier, String region, Instant now) {
    for (String c : board.plan(region, now).carriers()) {
      if (!c.equals(carrier)) {
        return c;
      }
    }
    return null;
  }

  void emit(StateChange change) {
    for (Consumer<StateChange> l : listeners) {
      try {
        l.accept(change);
      } catch (RuntimeException e) {
        log.warn("carrier state listener failed on {}: {}", change.message(), e.toString());
      }
    }
  }
}
