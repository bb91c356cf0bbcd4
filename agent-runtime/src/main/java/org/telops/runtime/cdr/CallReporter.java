package org.telops.runtime.cdr;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.contracts.bus.Addresses;
import org.telops.contracts.call.CallEvent;
import org.telops.contracts.call.CallRecord;
import org.telops.contracts.json.CallEventJson;
import org.telops.contracts.json.CallRecordJson;

/**
 * Call events (published on {@code telops.call.events}) and the runtime's CDR fragment (sent to
 * {@code telops.cdr.ingest}, which answers "queued"). A CDR the collector cannot take now (503: queue
 * full; no collector yet; timeout) is retried with backoff for about half a minute; one it refuses as
 * invalid (400) is logged with its content, since retrying would not change the answer.
 */
public final class CallReporter {
  private static final Logger log = LoggerFactory.getLogger(CallReporter.class);
  private static final int MAX_ATTEMPTS = 8;

  private final Vertx vertx;
  private final MeterRegistry meters;

  public CallReporter(Vertx vertx, MeterRegistry meters) {
    this.vertx = vertx;
    this.meters = meters;
  }

  public void event(CallEvent.Type type, String callId, String carrierCallId, String carrier, String region,
                    String tenant, Map<String, String> attributes) {
    vertx.eventBus().publish(Addresses.CALL_EVENTS, CallEventJson.toJson(
        new CallEvent(type, callId, carrierCallId, carrier, region, tenant, Instant.now(), attributes)));
  }

  public void cdr(CallRecord record) {
    send(CallRecordJson.toJson(record), record.callId(), 1);
  }

  private void send(JsonObject body, String callId, int attempt) {
    vertx.eventBus().request(Addresses.CDR_INGEST, body, new DeliveryOptions().setSendTimeout(5_000)).onComplete(ar -> {
      if (ar.succeeded()) {
        meters.counter("telops_runtime_cdr_sent", "result", "queued").increment();
        return;
      }
      int code = ar.cause() instanceof ReplyException re ? re.failureCode() : -1;
      if (code == 400) {
        meters.counter("telops_runtime_cdr_sent", "result", "refused").increment();
        log.error("cdr-collector refused the CDR of call {}: {} — record: {}", callId, ar.cause().getMessage(), body.encode());
        return;
      }
      if (attempt >= MAX_ATTEMPTS) {
        meters.counter("telops_runtime_cdr_sent", "result", "given-up").increment();
        log.error("CDR of call {} not accepted after {} attempts (last: {}); is the cdr-collector running? record: {}",
            callId, attempt, ar.cause().getMessage(), body.encode());
        return;
      }
      meters.counter("telops_runtime_cdr_retries").increment();
      long backoffMs = Math.min(8_000, 250L << (attempt - 1));
      vertx.setTimer(backoffMs, t -> send(body, callId, attempt + 1));
    });
  }
}
