package org.telops.prober.media;

import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prober's own media-stream WebSocket, {@code /probe/media/{token}}: the caller leg of each probe
 * call streams here (TwiML {@code <Connect><Stream>}, Telnyx {@code stream_url}). The token is a random
 * UUID a probe registers just before dialling, so only a carrier told the URL for a live probe gets in,
 * once; anything else is refused before the upgrade. Messages are parsed on the socket's event loop
 * (arrival times are taken there) and handed to the probe on the probe's own context.
 */
public final class ProbeMediaEndpoint {
  private static final Logger log = LoggerFactory.getLogger(ProbeMediaEndpoint.class);
  public static final String PATH = "/probe/media/";

  /** What a probe hears from its stream; called on the probe's context. */
  public interface Listener {
    /** @param arrivalNanos when the start message was read (System.nanoTime()), before any frame */
    void onStart(MediaLink link, long arrivalNanos);

    void onFrame(long arrivalNanos, MediaEvent media);

    void onClosed(String why);
  }

  /** Audio towards the call. Thread-safe. */
  public interface MediaLink {
    /** Sends μ-law audio as 20 ms media messages; the carrier plays them in order, in real time. */
    void send(byte[] ulaw);

    void close();
  }

  private record Expected(MediaWire wire, Context context, Listener listener, AtomicBoolean taken) {}

  private final String mediaBaseUrl;
  private final Map<String, Expected> expected = new ConcurrentHashMap<>();

  /** @param mediaBaseUrl ws(s):// base carriers reach this server at */
  public ProbeMediaEndpoint(String mediaBaseUrl) {
    this.mediaBaseUrl = mediaBaseUrl;
  }

  public void mount(Router router) {
    // Open: the simulated carrier connects here; the one-time token in the path is the credential.
    org.telops.contracts.auth.AccessRules.of(router).open(io.vertx.core.http.HttpMethod.GET, PATH + ":token");
    router.get(PATH + ":token").handler(ctx -> upgrade(ctx.request(), ctx.pathParam("token")));
  }

  /** Registers a probe's stream; returns the URL to give the carrier. */
  public String expect(String token, MediaWire wire, Context context, Listener listener) {
    expected.put(token, new Expected(wire, context, listener, new AtomicBoolean()));
    return mediaBaseUrl + PATH + token;
  }

  /** The probe is over: its URL stops working. */
  public void forget(String token) {
    expected.remove(token);
  }

  public int waiting() {
    return expected.size();
  }

  private void upgrade(HttpServerRequest req, String token) {
    Expected e = expected.get(token);
    if (e == null || !e.taken().compareAndSet(false, true)) {
      req.response().setStatusCode(404).end("no probe is waiting for a media stream at " + PATH + token
          + " (it finished, timed out, or already has its stream)\n");
      return;
    }
    req.toWebSocket().onComplete(ar -> {
      if (ar.failed()) {
        log.info("probe media stream {}: upgrade from {} failed: {}", token, req.remoteAddress(), ar.cause().getMessage());
        e.context().runOnContext(v -> e.listener().onClosed("the WebSocket upgrade failed: " + ar.cause().getMessage()));
        return;
      }
      attach(ar.result(), e);
    });
  }

  private void attach(ServerWebSocket ws, Expected e) {
    ws.textMessageHandler(text -> {
      long arrival = System.nanoTime();
      MediaEvent ev = e.wire().parse(text);
      switch (ev.kind()) {
        case START -> {
          MediaLink link = new Link(ws, e.wire(), ev.streamId());
          e.context().runOnContext(v -> e.listener().onStart(link, arrival));
        }
        case MEDIA -> e.context().runOnContext(v -> e.listener().onFrame(arrival, ev));
        case STOP -> e.context().runOnContext(v -> e.listener().onClosed("the carrier sent stop"));
        case MALFORMED -> log.debug("probe media stream: malformed message ignored: {}",
            text.length() > 200 ? text.substring(0, 200) + "…" : text);
        default -> { }
      }
    });
    ws.binaryMessageHandler(b -> log.debug("probe media stream: binary frame ignored (carriers send JSON text)"));
    ws.exceptionHandler(t -> log.debug("probe media stream: {}", t.toString()));
    ws.closeHandler(v -> e.context().runOnContext(x -> e.listener().onClosed("the carrier closed the media stream")));
  }

  private static final class Link implements MediaLink {
    private static final int FRAME_BYTES = 160;
    private final ServerWebSocket ws;
    private final MediaWire wire;
    private final String streamId;

    Link(ServerWebSocket ws, MediaWire wire, String streamId) {
      this.ws = ws;
      this.wire = wire;
      this.streamId = streamId;
    }

    @Override
    public void send(byte[] ulaw) {
      for (int i = 0; i < ulaw.length && !ws.isClosed(); i += FRAME_BYTES) {
        ws.writeTextMessage(wire.media(streamId, Arrays.copyOfRange(ulaw, i, Math.min(ulaw.length, i + FRAME_BYTES))));
      }
    }

    @Override
    public void close() {
      if (!ws.isClosed()) {
        ws.close((short) 1000, "probe finished");
      }
    }
  }
}
