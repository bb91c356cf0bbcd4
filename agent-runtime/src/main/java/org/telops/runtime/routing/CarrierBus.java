package org.telops.runtime.routing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.contracts.bus.Addresses;
import org.telops.contracts.call.CallIds;

/**
 * The router on the event bus. Out: every state change on {@code telops.carrier.state}, health figures
 * every few seconds on {@code telops.carrier.health}. In: call answers and ends (runtime call events,
 * Telnyx webhooks) for in-flight counts and connect success; region verdicts from the prober; and
 * operator overrides made on another instance, so every instance routes alike.
 */
public final class CarrierBus {
  private static final Logger log = LoggerFactory.getLogger(CarrierBus.class);

  private final Vertx vertx;
  private final CarrierRouter router;
  private final String instance;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private long healthTimer = -1;

  public CarrierBus(Vertx vertx, CarrierRouter router, String instance) {
    this.vertx = vertx;
    this.router = router;
    this.instance = instance;
  }

  public Future<Void> start(int healthPublishMs) {
    router.onStateChange(ch -> vertx.eventBus().publish(Addresses.CARRIER_STATE, CarrierJson.stateEvent(ch, instance)));
    consumers.add(vertx.eventBus().<JsonObject>consumer(Addresses.CALL_EVENTS, m -> callEvent(m.body())));
    consumers.add(vertx.eventBus().<JsonObject>consumer(Addresses.TELNYX_EVENTS, m -> telnyxEvent(m.body())));
    consumers.add(vertx.eventBus().<JsonObject>consumer(Addresses.REGION_HEALTH, m -> regionHealth(m.body())));
    consumers.add(vertx.eventBus().<JsonObject>consumer(Addresses.CARRIER_STATE, m -> remoteState(m.body())));
    healthTimer = vertx.setPeriodic(healthPublishMs, id -> publishHealth());
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty();
  }

  public void stop() {
    if (healthTimer >= 0) {
      vertx.cancelTimer(healthTimer);
    }
    consumers.forEach(MessageConsumer::unregister);
  }

  void publishHealth() {
    for (CarrierBoard.Status s : router.board().all()) {
      vertx.eventBus().publish(Addresses.CARRIER_HEALTH, CarrierJson.healthEvent(s, router, instance));
    }
  }

  /** {@code telops.call.events}: {"type":"answered"|"ended","callId":…,"attributes":{"outcome":…}}. */
  private void callEvent(Object body) {
    if (!(body instanceof JsonObject e) || !(e.getValue("callId") instanceof String callId)) {
      return;
    }
    String type = String.valueOf(e.getValue("type"));
    if ("answered".equals(type)) {
      router.callAnswered(callId);
    } else if ("ended".equals(type)) {
      JsonObject attrs = e.getValue("attributes") instanceof JsonObject a ? a : new JsonObject();
      String outcome = String.valueOf(attrs.getValue("outcome"));
      router.callEnded(callId, "completed".equals(outcome) || "dropped".equals(outcome));
    }
  }

  /** Raw Telnyx webhook: data.event_type call.answered / call.hangup, data.payload.call_control_id. */
  private void telnyxEvent(Object body) {
    if (!(body instanceof JsonObject e) || !(e.getValue("data") instanceof JsonObject data)
        || !(data.getValue("payload") instanceof JsonObject payload)
        || !(payload.getValue("call_control_id") instanceof String ccid) || ccid.isBlank()) {
      return;
    }
    String callId = CallIds.of("telnyx", ccid);
    String type = String.valueOf(data.getValue("event_type"));
    if ("call.answered".equals(type)) {
      router.callAnswered(callId);
    } else if ("call.hangup".equals(type)) {
      router.callEnded(callId, "normal_clearing".equals(payload.getValue("hangup_cause")));
    }
  }

  /** {@code telops.region.health}: {"region","carrier"?,"state":"removed"|"restored","reason"?}. */
  private void regionHealth(Object body) {
    if (!(body instanceof JsonObject e) || !(e.getValue("region") instanceof String region) || region.isBlank()) {
      log.warn("ignored a region health message without a region: {}", body);
      return;
    }
    String carrier = e.getValue("carrier") instanceof String c && !c.isBlank() ? c : null;
    if (carrier != null && !router.board().knows(carrier)) {
      return; // a carrier this instance does not route to
    }
    String state = String.valueOf(e.getValue("state"));
    if (!"removed".equals(state) && !"restored".equals(state)) {
      log.warn("ignored a region health message with state '{}' (expected removed or restored): {}", state, body);
      return;
    }
    router.regionHealth(carrier, region, "removed".equals(state),
        e.getValue("reason") instanceof String r ? r : "removed by the prober");
  }

  /** Overrides made on another instance (manual or drill); breaker changes stay local to each instance. */
  private void remoteState(Object body) {
    if (!(body instanceof JsonObject e) || instance.equals(e.getValue("instance"))) {
      return;
    }
    String trigger = String.valueOf(e.getValue("trigger"));
    if (!"manual".equals(trigger) && !"drill".equals(trigger)) {
      return;
    }
    try {
      router.adoptMode(e.getString("carrier"), CarrierBoard.Mode.fromWire(e.getString("mode")), e.getString("changedBy"),
          e.getString("reason"), Instant.parse(e.getString("at")));
    } catch (RuntimeException ex) {
      log.warn("ignored a carrier state message from instance {}: {} ({})", e.getValue("instance"), body, ex.toString());
    }
  }
}
