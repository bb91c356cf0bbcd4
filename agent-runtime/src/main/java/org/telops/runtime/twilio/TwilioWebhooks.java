package org.telops.runtime.twilio;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.contracts.call.CallEvent;
import org.telops.contracts.call.CallIds;
import org.telops.runtime.RuntimeConfig;
import org.telops.runtime.cdr.CallReporter;
import org.telops.runtime.lifecycle.Drain;
import org.telops.runtime.stream.MediaStreamEndpoint;
import org.telops.runtime.webhook.PublicUrls;
import org.telops.runtime.webhook.WebhookGuard;
import org.telops.signatures.twilio.TwilioSignatures;

/**
 * Twilio voice webhooks (form POSTs, X-Twilio-Signature checked over TELOPS_PUBLIC_BASE_URL + path + query):
 * <ul>
 *   <li>{@code /carriers/twilio/voice}: an incoming call → TwiML {@code <Connect><Stream>} to
 *       {@code wss://…/media/twilio} with our ids as {@code <Parameter>}s. {@code ?tenant=&agent=&region=&engine=}
 *       on the webhook URL choose them per number (they are part of the signed URL).</li>
 *   <li>{@code /carriers/twilio/stream-status}: stream started/stopped/error callbacks, counted.</li>
 *   <li>{@code /carriers/twilio/stream-ended}: the {@code <Connect action>}: transfer or hang up.</li>
 * </ul>
 * {@code /carriers/twilio/status} (call status) belongs to the cdr-collector.
 */
public final class TwilioWebhooks {
  private static final Logger log = LoggerFactory.getLogger(TwilioWebhooks.class);
  public static final String VOICE = "/carriers/twilio/voice";
  public static final String STREAM_STATUS = "/carriers/twilio/stream-status";
  public static final String STREAM_ENDED = "/carriers/twilio/stream-ended";

  private final TwilioSignatures signatures;
  private final WebhookGuard guard;
  private final PublicUrls urls;
  private final RuntimeConfig cfg;
  private final Drain drain;
  private final CallReporter calls;
  private final MeterRegistry meters;
  private final Map<String, String> transfers;

  public TwilioWebhooks(TwilioSignatures signatures, WebhookGuard guard, PublicUrls urls, RuntimeConfig cfg, Drain drain,
                        CallReporter calls, MeterRegistry meters, Map<String, String> transfers) {
    this.signatures = signatures;
    this.guard = guard;
    this.urls = urls;
    this.cfg = cfg;
    this.drain = drain;
    this.calls = calls;
    this.meters = meters;
    this.transfers = transfers;
  }

  public void mount(Router router) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(64 * 1024);
    // Open to carriers: no token; the signature check protects them (see contracts/README.md, AccessRules).
    org.telops.contracts.auth.AccessRules.of(router)
        .open(io.vertx.core.http.HttpMethod.POST, VOICE)
        .open(io.vertx.core.http.HttpMethod.POST, STREAM_STATUS)
        .open(io.vertx.core.http.HttpMethod.POST, STREAM_ENDED);
    router.post(VOICE).handler(body).handler(this::voice);
    router.post(STREAM_STATUS).handler(body).handler(this::streamStatus);
    router.post(STREAM_ENDED).handler(body).handler(this::streamEnded);
  }

  private Map<String, String> verified(RoutingContext ctx) {
    Map<String, String> form = toMap(ctx.request().formAttributes());
    String url = urls.http(ctx.request().uri());
    return guard.admit(ctx.request(), TwilioSerializer.CARRIER,
        signatures.verifyForm(url, form, ctx.request().getHeader(TwilioSignatures.HEADER))) ? form : null;
  }

  private void voice(RoutingContext ctx) {
    Map<String, String> form = verified(ctx);
    if (form == null) {
      return;
    }
    String callSid = form.get("CallSid");
    if (callSid == null || callSid.isBlank()) {
      ctx.response().setStatusCode(400).end("CallSid is required\n");
      return;
    }
    if (drain.draining()) {
      // 503: Twilio tries the number's fallback URL (another instance) instead of this draining one.
      ctx.response().setStatusCode(503).putHeader("Retry-After", "5").end("draining\n");
      return;
    }
    String callId = CallIds.of(TwilioSerializer.CARRIER, callSid);
    String tenant = cfg.defaults().tenantOr(ctx.queryParams().get("tenant"));
    String region = cfg.defaults().regionOr(ctx.queryParams().get("region"));
    String agent = cfg.defaults().agentOr(ctx.queryParams().get("agent"));
    Map<String, String> params = new LinkedHashMap<>();
    params.put("callId", callId);
    params.put("tenant", tenant);
    params.put("agent", agent);
    params.put("region", region);
    params.put("engine", ctx.queryParams().get("engine"));
    params.put("from", form.get("From"));
    params.put("to", form.get("To"));
    params.put("direction", form.get("Direction"));
    params.put("attemptedAt", String.valueOf(System.currentTimeMillis()));
    calls.event(CallEvent.Type.STARTED, callId, callSid, TwilioSerializer.CARRIER, region, tenant, Map.of("agent", agent));
    meters.counter("telops_runtime_webhooks", "carrier", "twilio", "kind", "voice").increment();
    String twiml = TwilioTwiml.connectStream(urls.ws(MediaStreamEndpoint.TWILIO_PATH), urls.http(STREAM_STATUS),
        urls.http(STREAM_ENDED), params);
    ctx.response().putHeader("Content-Type", "text/xml; charset=utf-8").end(twiml);
  }

  private void streamStatus(RoutingContext ctx) {
    Map<String, String> form = verified(ctx);
    if (form == null) {
      return;
    }
    String event = form.getOrDefault("StreamEvent", "unknown");
    meters.counter("telops_runtime_stream_status", "carrier", "twilio", "event", event).increment();
    if ("stream-error".equals(event)) {
      log.warn("Twilio reports stream {} of call {} failed: {}", form.get("StreamSid"), form.get("CallSid"), form.get("StreamError"));
    }
    ctx.response().setStatusCode(204).end();
  }

  private void streamEnded(RoutingContext ctx) {
    Map<String, String> form = verified(ctx);
    if (form == null) {
      return;
    }
    String target = form.get("CallSid") == null ? null : transfers.remove(form.get("CallSid"));
    ctx.response().putHeader("Content-Type", "text/xml; charset=utf-8").end(TwilioTwiml.afterStream(target));
  }

  private static Map<String, String> toMap(MultiMap m) {
    Map<String, String> out = new HashMap<>();
    m.forEach(e -> out.putIfAbsent(e.getKey(), e.getValue()));
    return out;
  }
}
