package org.telops.runtime.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.runtime.RuntimeConfig;
import org.telops.runtime.cdr.CallReporter;
import org.telops.runtime.lifecycle.Drain;
import org.telops.runtime.session.CarrierProtocol;
import org.telops.runtime.session.EngineDirectory;
import org.telops.runtime.store.RuntimeTablesWriter;
import org.telops.runtime.telnyx.TelnyxSerializer;
import org.telops.runtime.twilio.TwilioSerializer;
import org.telops.runtime.webhook.PublicUrls;
import org.telops.runtime.webhook.WebhookGuard;
import org.telops.signatures.Verdict;
import org.telops.signatures.twilio.TwilioSignatures;

/**
 * {@code GET /media/twilio} and {@code GET /media/telnyx}: the WebSocket upgrades. Twilio signs the
 * upgrade request (X-Twilio-Signature over the wss URL from our TwiML); Telnyx sends the stream auth
 * token we gave it, when one is configured. A refused upgrade answers 403 before any WebSocket exists;
 * while draining, 503.
 */
public final class MediaStreamEndpoint {
  private static final Logger log = LoggerFactory.getLogger(MediaStreamEndpoint.class);
  public static final String TWILIO_PATH = "/media/twilio";
  public static final String TELNYX_PATH = "/media/telnyx";
  public static final String TELNYX_TOKEN_HEADER = "x-telnyx-streaming-auth-token";

  private final Vertx vertx;
  private final RuntimeConfig cfg;
  private final Drain drain;
  private final EngineDirectory engines;
  private final MeterRegistry meters;
  private final CallReporter calls;
  private final RuntimeTablesWriter writer;
  private final TwilioSignatures twilio;
  private final PublicUrls urls;
  private final WebhookGuard guard;
  private final Map<String, CallControl> controls;
  private final java.util.concurrent.atomic.AtomicBoolean fallbackWarned = new java.util.concurrent.atomic.AtomicBoolean();
  private final ResumableStreams resumable = new ResumableStreams();

  public MediaStreamEndpoint(Vertx vertx, RuntimeConfig cfg, Drain drain, EngineDirectory engines, MeterRegistry meters,
                             CallReporter calls, RuntimeTablesWriter writer, TwilioSignatures twilio, PublicUrls urls,
                             WebhookGuard guard, Map<String, CallControl> controls) {
    this.vertx = vertx;
    this.cfg = cfg;
    this.drain = drain;
    this.engines = engines;
    this.meters = meters;
    this.calls = calls;
    this.writer = writer;
    this.twilio = twilio;
    this.urls = urls;
    this.guard = guard;
    this.controls = controls;
  }

  /** Calls whose stream dropped, waiting for a restarted stream or the record path. */
  public ResumableStreams resumable() {
    return resumable;
  }

  /**
   * Counts the sockets per path (telops_media_socket_path_total{path="netty"|"vertx"}) and warns once when one
   * fell back to Vert.x's frame API: calls still work, each frame just costs more CPU (after a Vert.x upgrade that
   * moved the internals {@link NettyMediaPath} uses).
   */
  private void onPath(boolean netty) {
    meters.counter("telops_media_socket_path", "path", netty ? "netty" : "vertx").increment();
    if (!netty && fallbackWarned.compareAndSet(false, true)) {
      log.warn("media sockets run on Vert.x's WebSocket frame API: the Netty media path could not be installed "
          + "(Vert.x internals changed?); calls work, at a higher CPU cost per frame");
    }
  }

  public void mount(Router router) {
    // Open to carriers: no token; the signature check protects them (see contracts/README.md, AccessRules).
    org.telops.contracts.auth.AccessRules.of(router)
        .open(io.vertx.core.http.HttpMethod.GET, TWILIO_PATH)
        .open(io.vertx.core.http.HttpMethod.GET, TELNYX_PATH);
    router.get(TWILIO_PATH).handler(ctx -> upgrade(ctx.request(), TwilioSerializer::new, this::verifyTwilio));
    router.get(TELNYX_PATH).handler(ctx -> upgrade(ctx.request(), TelnyxSerializer::new, this::verifyTelnyx));
  }

  private Verdict verifyTwilio(HttpServerRequest req) {
    String signature = req.getHeader(TwilioSignatures.HEADER);
    Verdict v = twilio.verifyForm(urls.ws(req.uri()), Map.of(), signature);
    if (!v.valid() && v.reason().equals("mismatch")) {
      // Tolerance: should Twilio sign the https form of the stream URL, accept that too (unconfirmed detail).
      Verdict https = twilio.verifyForm(urls.http(req.uri()), Map.of(), signature);
      if (https.valid()) {
        return https;
      }
    }
    return v;
  }

  private Verdict verifyTelnyx(HttpServerRequest req) {
    if (cfg.telnyxStreamToken() == null) {
      return Verdict.ok(); // Telnyx does not sign media sockets; only the optional auth token can be checked
    }
    String got = req.getHeader(TELNYX_TOKEN_HEADER);
    if (got == null) {
      return Verdict.refused("unsigned", "no " + TELNYX_TOKEN_HEADER + " header");
    }
    boolean same = MessageDigest.isEqual(got.getBytes(StandardCharsets.UTF_8),
        cfg.telnyxStreamToken().getBytes(StandardCharsets.UTF_8));
    return same ? Verdict.ok() : Verdict.refused("mismatch", TELNYX_TOKEN_HEADER + " does not match TELOPS_TELNYX_STREAM_TOKEN");
  }

  private void upgrade(HttpServerRequest req, Supplier<CarrierProtocol> protocols,
                       java.util.function.Function<HttpServerRequest, Verdict> verify) {
    CarrierProtocol protocol = protocols.get();
    if (!guard.admit(req, protocol.carrier(), verify.apply(req))) {
      return;
    }
    if (drain.draining()) {
      req.response().setStatusCode(503).putHeader("Retry-After", "5").end("draining: no new calls on this instance\n");
      return;
    }
    CallControl control = controls.get(protocol.carrier());
    req.toWebSocket().onComplete(ar -> {
      if (ar.failed()) {
        log.warn("{} media upgrade from {} failed: {}", protocol.carrier(), req.remoteAddress(), ar.cause().getMessage());
        return;
      }
      MediaSocket socket = new MediaSocket(vertx, ar.result(), req.connection(), protocol, control, cfg, drain, engines,
          new SessionReporter(vertx, meters, calls, writer), resumable);
      if (!drain.admit(socket, socket::closeForDrain)) {
        ar.result().close((short) 1001, "draining");
        return;
      }
      socket.run();
      onPath(socket.nettyPath());
    });
  }
}
