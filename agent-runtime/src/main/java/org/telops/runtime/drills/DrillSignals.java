package org.telops.runtime.drills;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.ObjDoubleConsumer;
import org.telops.contracts.bus.Addresses;
import org.telops.contracts.call.CallIds;

/**
 * What a drill watches on the bus while it runs: calls ending (the runtime's call events, Telnyx
 * hang-ups) to catch in-flight calls dropped by the fault, and quality samples for the MOS criterion.
 */
final class DrillSignals {
  private final Vertx vertx;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();

  DrillSignals(Vertx vertx) {
    this.vertx = vertx;
  }

  /** {@code ended} gets (callId, how it ended); {@code mos} gets (callId, MOS of one sample). */
  void start(BiConsumer<String, String> ended, ObjDoubleConsumer<String> mos) {
    consumers.add(vertx.eventBus().<Object>consumer(Addresses.CALL_EVENTS, m -> {
      if (m.body() instanceof JsonObject e && "ended".equals(e.getValue("type")) && e.getValue("callId") instanceof String id) {
        ended.accept(id, e.getValue("attributes") instanceof JsonObject a ? String.valueOf(a.getValue("outcome")) : "ended");
      }
    }));
    consumers.add(vertx.eventBus().<Object>consumer(Addresses.TELNYX_EVENTS, m -> {
      if (m.body() instanceof JsonObject e && e.getValue("data") instanceof JsonObject d
          && "call.hangup".equals(d.getValue("event_type")) && d.getValue("payload") instanceof JsonObject p
          && p.getValue("call_control_id") instanceof String ccid) {
        ended.accept(CallIds.of("telnyx", ccid), String.valueOf(p.getValue("hangup_cause")));
      }
    }));
    consumers.add(vertx.eventBus().<Object>consumer(Addresses.QUALITY_SAMPLES, m -> {
      if (m.body() instanceof JsonObject s && s.getValue("callId") instanceof String id && s.getValue("mos") instanceof Number n) {
        mos.accept(id, n.doubleValue());
      }
    }));
  }

  void stop() {
    consumers.forEach(MessageConsumer::unregister);
  }
}
