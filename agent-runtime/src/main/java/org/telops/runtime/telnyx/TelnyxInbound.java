package org.telops.runtime.telnyx;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Connect;
import com.twilio.twiml.voice.Parameter;
import com.twilio.twiml.voice.Stream;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.contracts.bus.Addresses;
import org.telops.contracts.call.CallEvent;
import org.telops.contracts.call.CallIds;
import org.telops.runtime.RuntimeConfig;
import org.telops.runtime.cdr.CallReporter;
import org.telops.runtime.lifecycle.Drain;
import org.telops.runtime.stream.MediaStreamEndpoint;
import org.telops.runtime.webhook.PublicUrls;
import org.telops.runtime.webhook.WebhookGuard;
import org.telops.signatures.Verdict;
import org.telops.signatures.telnyx.TelnyxSignatures;

/**
 * Incoming Telnyx calls, two ways:
 * <ul>
 *   <li>Call Control: the cdr-collector verifies {@code /carriers/telnyx/webhook} and publishes every event on
 *       {@code telops.carrier.telnyx.events}; on {@code call.initiated} (direction incoming) this answers the call
 *       with media streaming to {@code wss://…/media/telnyx}, bidirectional RTP/PCMU, our ids in client_state.</li>
 *   <li>TeXML: {@code POST /carriers/telnyx/texml} answers {@code <Connect><Stream bidirectionalMode="rtp">}.
 *       Checked with the Ed25519 webhook signature; unsigned requests are refused unless
 *       TELOPS_TELNYX_TEXML_ALLOW_UNSIGNED=true (whether Telnyx signs TeXML requests is unconfirmed).</li>
 * </ul>
 */
public final class TelnyxInbound {
  private static final Logger log = LoggerFactory.getLogger(TelnyxInbound.class);
  public static final String TEXML = "/carriers/telnyx/texml";
  /** TeXML's {@code <Connect action>}: the stream ended and the call goes on (record path). */
  public static final String TEXML_STREAM_ENDED = "/carriers/telnyx/texml/stream-ended";
  /** A caller turn of a TeXML call on the record path. */
  public static final String TEXML_RECORD_TURN = "/carriers/telnyx/texml/record-path";
  /** A TeXML application's status callback (set it on the application): ends record-path calls when the call ends. */
  public static final String TEXML_STATUS = "/carriers/telnyx/texml/status";
  /** The stream parameter that marks a TeXML call (its stream is not restarted with Call Control). */
  public static final String TEXML_APP = "texml";
  private org.telops.runtime.recordpath.RecordPath recordPath;

  /** Turns on the record path for TeXML calls. */
  public TelnyxInbound recordPath(org.telops.runtime.recordpath.RecordPath recordPath) {
    this.recordPath = recordPath;
    return this;
  }

  private final Vertx vertx;
  private final RuntimeConfig cfg;
  private final TelnyxCallControl control;
  private final TelnyxSignatures signatures;
  private final WebhookGuard guard;
  private final PublicUrls urls;
  private final Drain drain;
  private final CallReporter calls;
  private final MeterRegistry meters;

  public TelnyxInbound(Vertx vertx, RuntimeConfig cfg, TelnyxCallControl control, TelnyxSignatures signatures,
                       WebhookGuard guard, PublicUrls urls, Drain drain, CallReporter calls, MeterRegistry meters) {
    this.vertx = vertx;
    this.cfg = cfg;
    this.control = control;
    this.signatures = signatures;
    this.guard = guard;
    this.urls = urls;
    this.drain = drain;
    this.calls = calls;
    this.meters = meters;
  }

  public void mount(Router router) {
    vertx.eventBus().<JsonObject>consumer(Addresses.TELNYX_EVENTS, m -> {
      try {
        onEvent(m.body());
      } catch (RuntimeException e) {
        log.warn("Telnyx event not understood ({}): {}", e.getMessage(), m.body());
      }
    });
    // Open to carriers: no token; the signature check protects them (see contracts/README.md, AccessRules).
    org.telops.contracts.auth.AccessRules.of(router)
        .open(io.vertx.core.http.HttpMethod.POST, TEXML)
        .open(io.vertx.core.http.HttpMethod.POST, TEXML_STREAM_ENDED)
        .open(io.vertx.core.http.HttpMethod.POST, TEXML_RECORD_TURN)
        .open(io.vertx.core.http.HttpMethod.POST, TEXML_STATUS);
    router.post(TEXML).handler(BodyHandler.create(false).setBodyLimit(64 * 1024)).handler(this::texml);
    router.post(TEXML_STREAM_ENDED).handler(BodyHandler.create(false).setBodyLimit(64 * 1024)).handler(this::texmlStreamEnded);
    router.post(TEXML_RECORD_TURN).handler(BodyHandler.create(false).setBodyLimit(64 * 1024)).handler(this::texmlTurn);
    router.post(TEXML_STATUS).handler(BodyHandler.create(false).setBodyLimit(64 * 1024)).handler(ctx -> {
      if (!admitTexml(ctx)) {
        return;
      }
      Map<String, String> form = fields(ctx);
      meters.counter("telops_runtime_webhooks", "carrier", "telnyx", "kind", "texml-status").increment();
      if (recordPath != null && form.get("CallSid") != null) {
        recordPath.carrierEnded(TelnyxSerializer.CARRIER, form.get("CallSid"), form.get("CallStatus"));
      }
      ctx.response().setStatusCode(204).end();
    });
  }

  void onEvent(JsonObject webhook) {
    JsonObject data = webhook.getJsonObject("data");
    JsonObject p = data == null ? null : data.getJsonObject("payload");
    if (p == null || !"call.initiated".equals(data.getString("event_type"))) {
      return;
    }
    if (!"incoming".equals(p.getString("direction"))) {
      return; // outbound calls stream from the dial command itself
    }
    String ccid = p.getString("call_control_id");
    if (ccid == null) {
      return;
    }
    if (drain.draining()) {
      log.info("not answering Telnyx call {}: this instance is draining", ccid);
      return;
    }
    String callId = CallIds.of(TelnyxSerializer.CARRIER, ccid);
    Map<String, String> state = TelnyxSerializer.clientState(p.getString("client_state"));
    String tenant = cfg.defaults().tenantOr(state.get("tenant"));
    String region = cfg.defaults().regionOr(state.get("region"));
    String agent = cfg.defaults().agentOr(state.get("agent"));
    JsonObject clientState = new JsonObject().put("callId", callId).put("tenant", tenant).put("region", region)
        .put("agent", agent).put("direction", "inbound").put("attemptedAt", String.valueOf(System.currentTimeMillis()));
    if (state.get("engine") != null) {
      clientState.put("engine", state.get("engine"));
    }
    JsonObject body = control.withStream(new JsonObject()
        .put("client_state", Base64.getEncoder().encodeToString(clientState.encode().getBytes(StandardCharsets.UTF_8)))
        .put("command_id", callId + "-answer"));
    calls.event(CallEvent.Type.STARTED, callId, ccid, TelnyxSerializer.CARRIER, region, tenant, Map.of("agent", agent));
    control.command(ccid, "answer", body);
  }

  /** The TeXML request's verdict: signed with the webhook key (or unsigned, when TELOPS_TELNYX_TEXML_ALLOW_UNSIGNED). */
  private boolean admitTexml(RoutingContext ctx) {
    byte[] raw = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    String ts = ctx.request().getHeader(TelnyxSignatures.TIMESTAMP_HEADER);
    String sig = ctx.request().getHeader(TelnyxSignatures.SIGNATURE_HEADER);
    Verdict v = ts == null && sig == null && cfg.texmlAllowUnsigned() ? Verdict.ok()
        : signatures.verify(ts, sig, raw, Instant.now());
    return guard.admit(ctx.request(), TelnyxSerializer.CARRIER, v);
  }

  private void texmlStreamEnded(RoutingContext ctx) {
    if (!admitTexml(ctx)) {
      return;
    }
    Map<String, String> form = fields(ctx);
    String ccid = form.get("CallSid");
    if (recordPath == null || !recordPath.enabled() || ccid == null || ccid.isBlank() || drain.draining()) {
      ctx.response().putHeader("Content-Type", "text/xml; charset=utf-8")
          .end(new VoiceResponse.Builder().hangup(new com.twilio.twiml.voice.Hangup.Builder().build()).build().toXml());
      return;
    }
    meters.counter("telops_runtime_webhooks", "carrier", "telnyx", "kind", "texml-stream-ended").increment();
    recordPath.afterStream(TelnyxSerializer.CARRIER, ccid, texmlParams(ctx, form, ccid), texmlUrl(ctx, TEXML_RECORD_TURN, false),
        texmlUrl(ctx, TEXML_RECORD_TURN, true)).onComplete(ar -> xml(ctx, ar));
  }

  private void texmlTurn(RoutingContext ctx) {
    if (!admitTexml(ctx)) {
      return;
    }
    Map<String, String> form = fields(ctx);
    String ccid = form.get("CallSid");
    if (recordPath == null || !recordPath.enabled() || ccid == null || ccid.isBlank()) {
      ctx.response().setStatusCode(ccid == null || ccid.isBlank() ? 400 : 404).end("no record-path call\n");
      return;
    }
    meters.counter("telops_runtime_webhooks", "carrier", "telnyx", "kind", "texml-record-turn").increment();
    // Telnyx recording URLs need no credentials: no account id, so none are sent.
    recordPath.turn(TelnyxSerializer.CARRIER, ccid, null, form.get("RecordingUrl"), form.get("Digits"),
        "1".equals(ctx.queryParams().get("noinput")), texmlParams(ctx, form, ccid), texmlUrl(ctx, TEXML_RECORD_TURN, false),
        texmlUrl(ctx, TEXML_RECORD_TURN, true)).onComplete(ar -> xml(ctx, ar));
  }

  private void xml(RoutingContext ctx, io.vertx.core.AsyncResult<String> ar) {
    String body = ar.succeeded() ? ar.result()
        : new VoiceResponse.Builder().hangup(new com.twilio.twiml.voice.Hangup.Builder().build()).build().toXml();
    if (ar.failed()) {
      log.error("TeXML record path failed for {}; hanging up", ctx.request().uri(), ar.cause());
    }
    ctx.response().putHeader("Content-Type", "text/xml; charset=utf-8").end(body);
  }

  private String texmlUrl(RoutingContext ctx, String path, boolean noInput) {
    return urls.callUrl(path, ctx.queryParams(), noInput);
  }

  private Map<String, String> texmlParams(RoutingContext ctx, Map<String, String> form, String ccid) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("callId", CallIds.of(TelnyxSerializer.CARRIER, ccid));
    params.put("tenant", cfg.defaults().tenantOr(ctx.queryParams().get("tenant")));
    params.put("region", cfg.defaults().regionOr(ctx.queryParams().get("region")));
    params.put("agent", cfg.defaults().agentOr(ctx.queryParams().get("agent")));
    params.put("engine", ctx.queryParams().get("engine"));
    params.put("from", form.get("From"));
    params.put("to", form.get("To"));
    params.put("direction", form.get("Direction"));
    params.put("app", TEXML_APP);
    params.put("attemptedAt", String.valueOf(System.currentTimeMillis()));
    return params;
  }

  private void texml(RoutingContext ctx) {
    if (!admitTexml(ctx)) {
      return;
    }
    if (drain.draining()) {
      ctx.response().setStatusCode(503).putHeader("Retry-After", "5").end("draining\n");
      return;
    }
    Map<String, String> form = fields(ctx);
    String ccid = form.get("CallSid") != null ? form.get("CallSid") : form.get("call_control_id");
    if (ccid == null || ccid.isBlank()) {
      ctx.response().setStatusCode(400).end("CallSid is required\n");
      return;
    }
    Map<String, String> params = texmlParams(ctx, form, ccid);
    String callId = params.get("callId");
    String tenant = params.get("tenant");
    String region = params.get("region");
    String agent = params.get("agent");
    Stream.Builder stream = new Stream.Builder().url(urls.ws(MediaStreamEndpoint.TELNYX_PATH))
        .option("bidirectionalMode", "rtp").option("bidirectionalCodec", "PCMU");
    params.forEach((k, val) -> {
      if (val != null) {
        stream.parameter(new Parameter.Builder().name(k).value(val).build());
      }
    });
    calls.event(CallEvent.Type.STARTED, callId, ccid, TelnyxSerializer.CARRIER, region, tenant, Map.of("agent", agent));
    meters.counter("telops_runtime_webhooks", "carrier", "telnyx", "kind", "texml").increment();
    Connect.Builder connect = new Connect.Builder().stream(stream.build());
    if (recordPath != null && recordPath.enabled()) {
      // When the stream ends with the call still up, TeXML requests the action: the call goes on over the record path.
      connect.action(texmlUrl(ctx, TEXML_STREAM_ENDED, false)).method(com.twilio.http.HttpMethod.POST);
    }
    String xml = new VoiceResponse.Builder().connect(connect.build()).build().toXml();
    ctx.response().putHeader("Content-Type", "text/xml; charset=utf-8").end(xml);
  }

  private static Map<String, String> fields(RoutingContext ctx) {
    Map<String, String> out = new HashMap<>();
    String type = ctx.request().getHeader("Content-Type");
    if (type != null && type.contains("json") && ctx.body().buffer() != null) {
      try {
        ctx.body().asJsonObject().forEach(e -> out.put(e.getKey(), String.valueOf(e.getValue())));
      } catch (RuntimeException e) {
        return out;
      }
    } else {
      ctx.request().formAttributes().forEach(e -> out.putIfAbsent(e.getKey(), e.getValue()));
    }
    return out;
  }
}
