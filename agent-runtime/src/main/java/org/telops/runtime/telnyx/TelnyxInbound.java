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
        .open(io.vertx.core.http.HttpMethod.POST, TEXML);
    router.post(TEXML).handler(BodyHandler.create(false).setBodyLimit(64 * 1024)).handler(this::texml);
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

  private void texml(RoutingContext ctx) {
    byte[] raw = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    String ts = ctx.request().getHeader(TelnyxSignatures.TIMESTAMP_HEADER);
    String sig = ctx.request().getHeader(TelnyxSignatures.SIGNATURE_HEADER);
    Verdict v = ts == null && sig == null && cfg.texmlAllowUnsigned() ? Verdict.ok()
        : signatures.verify(ts, sig, raw, Instant.now());
    if (!guard.admit(ctx.request(), TelnyxSerializer.CARRIER, v)) {
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
    String callId = CallIds.of(TelnyxSerializer.CARRIER, ccid);
    String tenant = cfg.defaults().tenantOr(ctx.queryParams().get("tenant"));
    String region = cfg.defaults().regionOr(ctx.queryParams().get("region"));
    String agent = cfg.defaults().agentOr(ctx.queryParams().get("agent"));
    Map<String, String> params = new LinkedHashMap<>();
    params.put("callId", callId);
    params.put("tenant", tenant);
    params.put("region", region);
    params.put("agent", agent);
    params.put("engine", ctx.queryParams().get("engine"));
    params.put("from", form.get("From"));
    params.put("to", form.get("To"));
    params.put("direction", form.get("Direction"));
    params.put("attemptedAt", String.valueOf(System.currentTimeMillis()));
    Stream.Builder stream = new Stream.Builder().url(urls.ws(MediaStreamEndpoint.TELNYX_PATH))
        .option("bidirectionalMode", "rtp").option("bidirectionalCodec", "PCMU");
    params.forEach((k, val) -> {
      if (val != null) {
        stream.parameter(new Parameter.Builder().name(k).value(val).build());
      }
    });
    calls.event(CallEvent.Type.STARTED, callId, ccid, TelnyxSerializer.CARRIER, region, tenant, Map.of("agent", agent));
    meters.counter("telops_runtime_webhooks", "carrier", "telnyx", "kind", "texml").increment();
    String xml = new VoiceResponse.Builder().connect(new Connect.Builder().stream(stream.build()).build()).build().toXml();
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
