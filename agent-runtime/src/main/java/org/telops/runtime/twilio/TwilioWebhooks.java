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
 *   <li>{@code /carriers/twilio/stream-ended}: the {@code <Connect action>}: transfer or hang up when the agent ended
 *       the stream; otherwise the stream dropped or never started, and the call goes on over the record path.</li>
 *   <li>{@code /carriers/twilio/record-path}: a caller turn on the record path ({@code <Record>}'s action, or the
 *       {@code <Redirect>} after a silent one with {@code ?noinput=1}).</li>
 * </ul>
 * {@code /carriers/twilio/voice?path=record} starts a call on the record path directly (e.g. as a number's fallback
 * URL, which Twilio requests when the primary webhook fails).
 * {@code /carriers/twilio/status} (call status) belongs to the cdr-collector.
 */
public final class TwilioWebhooks {
  private static final Logger log = LoggerFactory.getLogger(TwilioWebhooks.class);
  public static final String VOICE = "/carriers/twilio/voice";
  public static final String STREAM_STATUS = "/carriers/twilio/stream-status";
  public static final String STREAM_ENDED = "/carriers/twilio/stream-ended";
  public static final String RECORD_TURN = "/carriers/twilio/record-path";

  private final TwilioSignatures signatures;
  private final WebhookGuard guard;
  private final PublicUrls urls;
  private final RuntimeConfig cfg;
  private final Drain drain;
  private final CallReporter calls;
  private final MeterRegistry meters;
  private final Map<String, String> transfers;
  private final org.telops.runtime.recordpath.RecordPath recordPath;

  public TwilioWebhooks(TwilioSignatures signatures, WebhookGuard guard, PublicUrls urls, RuntimeConfig cfg, Drain drain,
                        CallReporter calls, MeterRegistry meters, Map<String, String> transfers,
                        org.telops.runtime.recordpath.RecordPath recordPath) {
    this.recordPath = recordPath;
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
        .open(io.vertx.core.http.HttpMethod.POST, STREAM_ENDED)
        .open(io.vertx.core.http.HttpMethod.POST, RECORD_TURN);
    router.post(VOICE).handler(body).handler(this::voice);
    router.post(STREAM_STATUS).handler(body).handler(this::streamStatus);
    router.post(STREAM_ENDED).handler(body).handler(this::streamEnded);
    router.post(RECORD_TURN).handler(body).handler(this::recordTurn);
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
    if (callSidMissing(ctx, callSid)) {
      return;
    }
    if (drain.draining()) {
      // 503: Twilio tries the number's fallback URL (another instance) instead of this draining one.
      ctx.response().setStatusCode(503).putHeader("Retry-After", "5").end("draining\n");
      return;
    }
    Map<String, String> params = startParams(ctx, form);
    String callId = params.get("callId");
    calls.event(CallEvent.Type.STARTED, callId, callSid, TwilioSerializer.CARRIER, params.get("region"),
        params.get("tenant"), Map.of("agent", params.get("agent")));
    meters.counter("telops_runtime_webhooks", "carrier", "twilio", "kind", "voice").increment();
    if ("record".equals(ctx.queryParams().get("path")) && recordPath.enabled()) {
      recordPath.start(TwilioSerializer.CARRIER, callSid, params, turnUrl(ctx), noInputUrl(ctx),
          "the number's webhook asked for the record path (?path=record): no media stream")
          .onComplete(ar -> twiml(ctx, ar));
      return;
    }
    // The action URL keeps this webhook's query (tenant, region, agent, engine), so the record path gets them too.
    String query = ctx.request().query();
    String twiml = TwilioTwiml.connectStream(urls.ws(MediaStreamEndpoint.TWILIO_PATH), urls.http(STREAM_STATUS),
        urls.http(STREAM_ENDED + (query == null || query.isEmpty() ? "" : "?" + query)), params);
    ctx.response().putHeader("Content-Type", "text/xml; charset=utf-8").end(twiml);
  }

  /** Our ids and the call's numbers, as the stream's start event carries them in its custom parameters. */
  private Map<String, String> startParams(RoutingContext ctx, Map<String, String> form) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("callId", CallIds.of(TwilioSerializer.CARRIER, form.get("CallSid")));
    params.put("tenant", cfg.defaults().tenantOr(ctx.queryParams().get("tenant")));
    params.put("agent", cfg.defaults().agentOr(ctx.queryParams().get("agent")));
    params.put("region", cfg.defaults().regionOr(ctx.queryParams().get("region")));
    params.put("engine", ctx.queryParams().get("engine"));
    params.put("from", form.get("From"));
    params.put("to", form.get("To"));
    params.put("direction", form.get("Direction"));
    params.put("attemptedAt", String.valueOf(System.currentTimeMillis()));
    return params;
  }

  /** The record path's turn URL, with this request's call settings (tenant, region, agent, engine). */
  private String turnUrl(RoutingContext ctx) {
    return urls.callUrl(RECORD_TURN, ctx.queryParams(), false);
  }

  private String noInputUrl(RoutingContext ctx) {
    return urls.callUrl(RECORD_TURN, ctx.queryParams(), true);
  }

  private void twiml(RoutingContext ctx, io.vertx.core.AsyncResult<String> ar) {
    String body;
    if (ar.succeeded()) {
      body = ar.result();
    } else {
      log.error("record path failed for {}; hanging up", ctx.request().uri(), ar.cause());
      body = TwilioTwiml.afterStream(null);
    }
    ctx.response().putHeader("Content-Type", "text/xml; charset=utf-8").end(body);
  }

  private void recordTurn(RoutingContext ctx) {
    Map<String, String> form = verified(ctx);
    if (form == null) {
      return;
    }
    String callSid = form.get("CallSid");
    if (callSidMissing(ctx, callSid)) {
      return;
    }
    if (!recordPath.enabled()) {
      ctx.response().putHeader("Content-Type", "text/xml; charset=utf-8").end(TwilioTwiml.afterStream(null));
      return;
    }
    meters.counter("telops_runtime_webhooks", "carrier", "twilio", "kind", "record-turn").increment();
    recordPath.turn(TwilioSerializer.CARRIER, callSid, form.get("AccountSid"), form.get("RecordingUrl"), form.get("Digits"),
        "1".equals(ctx.queryParams().get("noinput")), startParams(ctx, form), turnUrl(ctx), noInputUrl(ctx))
        .onComplete(ar -> twiml(ctx, ar));
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
    String callSid = form.get("CallSid");
    String agentEnd = callSid == null ? null : transfers.remove(callSid);
    if (agentEnd == null && callSid != null && recordPath.enabled() && !drain.draining()) {
      // The agent did not end this stream: it dropped, or never started, and the call is still up.
      meters.counter("telops_runtime_webhooks", "carrier", "twilio", "kind", "stream-ended-record-path").increment();
      recordPath.afterStream(TwilioSerializer.CARRIER, callSid, startParams(ctx, form), turnUrl(ctx), noInputUrl(ctx))
          .onComplete(ar -> twiml(ctx, ar));
      return;
    }
    String target = agentEnd == null || agentEnd.isEmpty() ? null : agentEnd;
    ctx.response().putHeader("Content-Type", "text/xml; charset=utf-8").end(TwilioTwiml.afterStream(target));
  }

  private static boolean callSidMissing(RoutingContext ctx, String callSid) {
    if (callSid == null || callSid.isBlank()) {
      ctx.response().setStatusCode(400).end("CallSid is required\n");
      return true;
    }
    return false;
  }

  private static Map<String, String> toMap(MultiMap m) {
    Map<String, String> out = new HashMap<>();
    m.forEach(e -> out.putIfAbsent(e.getKey(), e.getValue()));
    return out;
  }
}
