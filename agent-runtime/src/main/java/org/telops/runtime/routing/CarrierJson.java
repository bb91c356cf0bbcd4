package org.telops.runtime.routing;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** JSON shapes of a carrier's status, its health figures and a state change (API and bus). */
public final class CarrierJson {
  private CarrierJson() {}

  /** One carrier for {@code GET /api/v1/carriers}. */
  public static JsonObject status(CarrierBoard.Status s, CarrierRouter router, RouterConfig config) {
    String why = router.board().unavailableReason(s.carrier(), null, Instant.now());
    return new JsonObject()
        .put("name", s.carrier())
        .put("priority", s.priority())
        .put("available", why == null)
        .put("state", state(s, why))
        .put("circuit", s.circuit().wire())
        .put("breaker", router.breakerState(s.carrier()))
        .put("mode", s.mode().wire())
        .put("reason", s.reason())
        .put("unavailableBecause", why)
        .put("changedBy", s.changedBy())
        .put("changedAt", s.changedAt().toString())
        .put("lastFailure", s.lastFailure())
        .put("consecutiveFailures", s.failures())
        .put("inFlight", router.inFlight().count(s.carrier()))
        .put("cps", new JsonObject().put("limit", config.callsPerSecond()).put("burst", config.cpsBurst())
            .put("queued", router.cpsQueued(s.carrier())).put("queueCapacity", config.cpsQueue()))
        .put("health", health(router.health(s.carrier())))
        .put("apiBaseUrl", config.apiBaseUrl(s.carrier()));
  }

  /** available, forced-open, draining, circuit-open, half-open, throttled, not-configured. */
  static String state(CarrierBoard.Status s, String why) {
    if (!s.configured()) {
      return "not-configured";
    }
    if (s.mode() != CarrierBoard.Mode.NORMAL) {
      return s.mode().wire();
    }
    if (s.circuit() == CarrierBoard.Circuit.OPEN) {
      return "circuit-open";
    }
    if (s.circuit() == CarrierBoard.Circuit.HALF_OPEN) {
      return "half-open";
    }
    return why != null && why.startsWith("throttled") ? "throttled" : "available";
  }

  public static JsonObject health(CarrierHealth.Figures f) {
    return new JsonObject()
        .put("windowSeconds", f.windowSeconds())
        .put("apiAttempts", f.attempts())
        .put("apiErrors", f.errors())
        .put("errorRatePercent", round(f.errorRatePercent()))
        .put("apiLatencyMeanMs", round(f.apiLatencyMeanMs()))
        .put("apiLatencyP95Ms", f.apiLatencyP95Ms())
        .put("answered", f.answered())
        .put("notAnswered", f.notAnswered())
        .put("connectSuccessPercent", round(f.connectSuccessPercent()));
  }

  /** Body published on {@code telops.carrier.health}. */
  public static JsonObject healthEvent(CarrierBoard.Status s, CarrierRouter router, String instance) {
    return new JsonObject()
        .put("carrier", s.carrier())
        .put("at", Instant.now().toString())
        .put("instance", instance)
        .put("circuit", s.circuit().wire())
        .put("mode", s.mode().wire())
        .put("inFlight", router.inFlight().count(s.carrier()))
        .put("cpsQueued", router.cpsQueued(s.carrier()))
        .mergeIn(health(router.health(s.carrier())));
  }

  /** Body published on {@code telops.carrier.state}. */
  public static JsonObject stateEvent(StateChange ch, String instance) {
    return new JsonObject()
        .put("carrier", ch.carrier())
        .put("circuit", ch.circuit().wire())
        .put("mode", ch.mode().wire())
        .put("reason", ch.reason())
        .put("changedBy", ch.changedBy())
        .put("at", ch.at().toString())
        .put("trigger", ch.trigger())
        .put("failoverTo", ch.failoverTo())
        .put("detectionMs", ch.detectionMs())
        .put("drillRunId", ch.drillRunId())
        .put("region", ch.region())
        .put("message", ch.message())
        .put("instance", instance);
  }

  private static Double round(Double d) {
    return d == null ? null : Math.round(d * 100.0) / 100.0;
  }
}
