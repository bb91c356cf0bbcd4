package org.telops.carriersim.media;

import io.vertx.core.Future;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The carrier's side of one media stream: the sim connects to the application's WebSocket (the agent
 * runtime, or whatever URL the caller asked for), sends connected/start, then a frame every 20 ms, and
 * plays back what the application sends (bidirectional streams only). Chunk numbers and timestamps
 * count from the frame at which the stream opened, so a lost frame leaves a gap of 1 chunk and 20 ms.
 */
public final class StreamEndpoint implements MediaPort {
  private static final Logger log = LoggerFactory.getLogger(StreamEndpoint.class);

  private final StreamCodec codec;
  private final StreamSession session;
  private final boolean bidirectional;
  private WebSocket ws;
  private Pipe outgoing;
  private long baseIndex = -1;
  private boolean closing;
  private boolean stopped;
  private boolean warnedOneWay;
  private long framesSent;
  private long framesDroppedBackpressure;
  private Consumer<StreamEndpoint> onRemoteClose = e -> { };

  public StreamEndpoint(StreamCodec codec, StreamSession session, boolean bidirectional) {
    this.codec = codec;
    this.session = session;
    this.bidirectional = bidirectional;
  }

  /** Opens the WebSocket; completes once connected and start has been sent. */
  public Future<StreamEndpoint> connect(WebSocketClient client, String url, int timeoutMs,
                                        java.util.Map<String, String> headers) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setAbsoluteURI(url).setConnectTimeout(timeoutMs);
    headers.forEach(options::addHeader);
    return client.connect(options).map(socket -> {
      this.ws = socket;
      socket.textMessageHandler(this::onText);
      socket.binaryMessageHandler(b -> log.debug("stream {}: binary frame ignored (carriers send JSON text)", session.streamId()));
      socket.exceptionHandler(e -> log.debug("stream {}: {}", session.streamId(), e.toString()));
      socket.closeHandler(v -> {
        if (!closing) {
          closing = true;
          onRemoteClose.accept(this);
        }
      });
      codec.opening(session).forEach(socket::writeTextMessage);
      return this;
    });
  }

  public void onRemoteClose(Consumer<StreamEndpoint> handler) {
    this.onRemoteClose = handler;
  }

  @Override
  public void attached(Pipe outgoing, long frameIndex) {
    this.outgoing = outgoing;
    this.baseIndex = frameIndex;
  }

  @Override
  public void frame(MediaFrame frame) {
    if (ws == null || closing || frame.index() < baseIndex) {
      return;
    }
    if (ws.writeQueueFull()) {
      framesDroppedBackpressure++; // the application does not read: drop rather than buffer without bound
      return;
    }
    long n = frame.index() - baseIndex;
    ws.writeTextMessage(codec.media(session, n + 1, n * Pipe.FRAME_MS, frame.payload()));
    framesSent++;
  }

  @Override
  public void markPlayed(String name) {
    if (ws != null && !closing) {
      ws.writeTextMessage(codec.mark(session, name));
    }
  }

  private void onText(String text) {
    StreamCodec.Incoming in = codec.parse(text);
    if (outgoing == null) {
      return;
    }
    switch (in.kind()) {
      case MEDIA -> {
        if (bidirectional) {
          outgoing.offerAudio(in.payload());
        } else if (!warnedOneWay) {
          warnedOneWay = true;
          log.info("stream {} of call {}: the application's audio is ignored because the stream is one-way; answer "
              + "with stream_bidirectional_mode=rtp (Telnyx) or use <Connect><Stream> instead of <Start> (Twilio)",
              session.streamId(), session.callId());
        }
      }
      case MARK -> outgoing.offerMark(in.name());
      case CLEAR -> outgoing.clear().forEach(this::markPlayed);
      case MALFORMED -> log.debug("stream {}: malformed message ignored: {}", session.streamId(),
          text.length() > 200 ? text.substring(0, 200) + "…" : text);
      default -> { }
    }
  }

  /** End of call: stop event, then a normal close. */
  @Override
  public void close() {
    if (ws == null || closing) {
      closing = true;
      return;
    }
    closing = true;
    stopped = true;
    ws.writeTextMessage(codec.stop(session));
    ws.close((short) 1000, "call ended");
  }

  /** Media-drop fault: the connection goes away mid-call, no stop event. */
  public void drop() {
    if (ws == null || closing) {
      closing = true;
      return;
    }
    closing = true;
    ws.close((short) 1011, "media path lost");
  }

  public boolean open() {
    return ws != null && !closing;
  }

  public boolean stopSent() {
    return stopped;
  }

  public StreamSession session() {
    return session;
  }

  public long framesSent() {
    return framesSent;
  }

  public long framesDroppedBackpressure() {
    return framesDroppedBackpressure;
  }
}
