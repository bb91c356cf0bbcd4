package org.telops.cdr.carrier;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.cdr.store.BatchWriter;
import org.telops.contracts.bus.Addresses;
import org.telops.contracts.call.CallRecord;
import org.telops.contracts.config.HttpConfig;
import org.telops.signatures.Verdict;
import org.telops.signatures.telnyx.TelnyxSignatures;
import org.telops.signatures.twilio.TwilioSignatures;

/**
 * Carrier callbacks that feed the CDR: Twilio status callbacks and Telnyx Call Control webhooks.
 * Every request is signature-checked before anything is read from it; a refusal answers 403 and counts
 * {@code telops_webhook_rejected_total{carrier,reason}}. Verified Telnyx events are also published raw on
 * {@link Addresses#TELNYX_EVENTS}, since Telnyx sends all of a connection's events to one URL.
 */
public final class CarrierWebhookRoutes {
  private static final Logger log = LoggerFactory.getLogger(CarrierWebhookRoutes.class);

  private final Vertx vertx;
  private final BatchWriter writer;
  private final TwilioSignatures twilio;
  private final TelnyxSignatures telnyx;
  private final HttpConfig http;
  private final MeterRegistry meters;

  public CarrierWebhookRoutes(Vertx vertx, BatchWriter writer, TwilioSignatures twilio, TelnyxSignatures telnyx,
                              HttpConfig http, MeterRegistry meters) {
    this.vertx = vertx;
    this.writer = writer;
    this.twilio = twilio;
    this.telnyx = telnyx;
    this.http = http;
    this.meters = meters;
  }

  public void mount(Router router) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(256 * 1024);
    // Open to carriers: no token; the signature check protects them (see contracts/README.md, AccessRules).
    org.telops.contracts.auth.AccessRules.of(router)
        .open(io.vertx.core.http.HttpMethod.POST, "/carriers/twilio/status")
        .open(io.vertx.core.http.HttpMethod.POST, "/carriers/telnyx/webhook");
    router.post("/carriers/twilio/status").handler(body).handler(this::twilioStatus);
    router.post("/carriers/telnyx/webhook").handler(body).handler(this::telnyxWebhook);
  }

  private void twilioStatus(RoutingContext ctx) {
    Map<String, String> form = toMap(ctx.request().formAttributes());
    String url = http.publicBaseUrl() + ctx.request().uri();
    Verdict v = twilio.verifyForm(url, form, ctx.request().getHeader(TwilioSignatures.HEADER));
    if (!v.valid()) {
      refuse(ctx, "twilio", v);
      return;
    }
    CallRecord fragment;
    try {
      fragment = TwilioStatusCallback.toFragment(form, toMap(ctx.queryParams()), Instant.now());
    } catch (IllegalArgumentException e) {
      badRequest(ctx, "twilio", "Twilio status callback refused: " + e.getMessage());
      return;
    }
    vertx.eventBus().publish(Addresses.TWILIO_STATUS, new JsonObject().put("callSid", form.get("CallSid"))
        .put("callStatus", form.get("CallStatus")).put("at", Instant.now().toString()));
    store(ctx, fragment);
  }

  private void telnyxWebhook(RoutingContext ctx) {
    byte[] raw = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    Verdict v = telnyx.verify(ctx.request().getHeader(TelnyxSignatures.TIMESTAMP_HEADER),
        ctx.request().getHeader(TelnyxSignatures.SIGNATURE_HEADER), raw, Instant.now());
    if (!v.valid()) {
      refuse(ctx, "telnyx", v);
      return;
    }
    JsonObject event;
    Optional<CallRecord> fragment;
    try {
      event = new JsonObject(ctx.body().buffer());
      fragment = TelnyxEvents.toFragment(event, Instant.now());
    } catch (DecodeException | IllegalArgumentException | ClassCastException e) {
      badRequest(ctx, "telnyx", "Telnyx webhook refused: " + e.getMessage());
      return;
    }
    vertx.eventBus().publish(Addresses.TELNYX_EVENTS, event);
    if (fragment.isEmpty()) {
      ctx.response().setStatusCode(200).end();
      return;
    }
    store(ctx, fragment.get());
  }

  private void store(RoutingContext ctx, CallRecord fragment) {
    java.util.concurrent.CompletableFuture<Void> stored = writer.offerAllDurable(java.util.List.of(fragment));
    if (stored != null) {
      meters.counter("telops_cdr_ingested", "source", "carrier-" + fragment.carrier()).increment();
      // 204 once the callback is committed: the carrier stops retrying only when we really have it.
      io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
      stored.whenComplete((ok, failure) -> context.runOnContext(v -> {
        if (ctx.response().ended()) {
          return;
        }
        if (failure == null) {
          ctx.response().setStatusCode(204).end();
        } else {
          ctx.response().setStatusCode(503).putHeader("Retry-After", "2").end("not stored (" + failure.getMessage() + "), retry");
        }
      }));
    } else {
      // The carrier retries on 5xx; we would rather be asked again than drop the callback.
      ctx.response().setStatusCode(503).putHeader("Retry-After", "2").end("CDR queue full, retry");
    }
  }

  private void refuse(RoutingContext ctx, String carrier, Verdict v) {
    meters.counter("telops_webhook_rejected", "carrier", carrier, "reason", v.reason()).increment();
    log.warn("refused {} webhook {} from {}: {}", carrier, ctx.request().path(), ctx.request().remoteAddress(), v.detail());
    ctx.response().setStatusCode(403).putHeader("Content-Type", "text/plain; charset=utf-8")
        .end("forbidden: " + v.reason() + "\n");
  }

  private void badRequest(RoutingContext ctx, String carrier, String message) {
    meters.counter("telops_webhook_rejected", "carrier", carrier, "reason", "invalid").increment();
    log.warn("{}", message);
    ctx.response().setStatusCode(400).putHeader("Content-Type", "text/plain; charset=utf-8").end(message + "\n");
  }

  private static Map<String, String> toMap(MultiMap m) {
    Map<String, String> out = new HashMap<>();
    m.forEach(e -> out.putIfAbsent(e.getKey(), e.getValue()));
    return out;
  }
}
