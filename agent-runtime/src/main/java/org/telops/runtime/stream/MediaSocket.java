package org.telops.runtime.stream;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.http.impl.ws.WebSocketFrameInternal;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.runtime.RuntimeConfig;
import org.telops.runtime.engine.Scheduler;
import org.telops.runtime.lifecycle.Drain;
import org.telops.runtime.session.BadInput;
import org.telops.runtime.session.CallEnd;
import org.telops.runtime.session.CallSession;
import org.telops.runtime.session.CarrierLink;
import org.telops.runtime.session.CarrierProtocol;
import org.telops.runtime.session.EngineDirectory;
import org.telops.runtime.session.InboundFrame;

/**
 * One carrier media WebSocket: frames → serializer → {@link CallSession}; session output → serializer →
 * frames. Everything runs on the socket's event loop. A one-second tick samples quality (every
 * TELOPS_QUALITY_SAMPLE_SECONDS), pings an idle stream (TELOPS_WS_PING_SECONDS) and closes a dead one
 * (TELOPS_WS_IDLE_TIMEOUT_SECONDS) or one that never sent "start" in 10 s.
 *
 * <p>Stream resume: when a socket closes without a stop event and its carrier can restart the stream (Telnyx), the
 * call is parked in {@link ResumableStreams} for TELOPS_STREAM_RESUME_SECONDS. A new socket whose start event names
 * the same call takes the session over; the session stays on its own event loop, so the new socket hands it each
 * frame there (media copied: the parser's buffers are the loop's own).
 */
final class MediaSocket implements CarrierLink {
  private static final Logger log = LoggerFactory.getLogger(MediaSocket.class);
  private static final long START_TIMEOUT_NANOS = 10_000_000_000L;

  private final Vertx vertx;
  private final ServerWebSocket ws;
  private final HttpConnection connection;
  private final CarrierProtocol protocol;
  private final CallControl control;
  private final RuntimeConfig cfg;
  private final Drain drain;
  private CallSession session;
  private final ResumableStreams resumable;
  /** The event loop of this socket, and of the session it serves (another one's after a resume). */
  private Context home;
  private Context sessionContext;
  /** True when this socket serves a session that lives on another event loop. */
  private boolean hop;
  private final long openedNanos = System.nanoTime();
  private long lastFrameNanos = openedNanos;
  private long lastSampleNanos = openedNanos;
  private long lastPingNanos = openedNanos;
  private long tickTimer = -1;
  private String closeReason;
  /** A fragmented message being put together (null when none). */
  private ByteBuf fragments;
  private boolean fragmentsText;
  /** The event loop's scratch arrays, taken at the first frame (every frame of a socket is on one loop). */
  private LoopBuffers buffers;
  /** Text frames at the Netty level; null when the socket does not allow it (then Vert.x's frame API does all). */
  private NettyMediaPath direct;

  MediaSocket(Vertx vertx, ServerWebSocket ws, HttpConnection connection, CarrierProtocol protocol, CallControl control, RuntimeConfig cfg,
              Drain drain, EngineDirectory engines, SessionReporter reporter, ResumableStreams resumable) {
    this.resumable = resumable;
    this.home = vertx.getOrCreateContext(); // the upgrade's event loop: the socket and its session live here
    this.sessionContext = home;
    this.vertx = vertx;
    this.ws = ws;
    this.connection = connection;
    this.protocol = protocol;
    this.control = control;
    this.cfg = cfg;
    this.drain = drain;
    reporter.attach(this::describe);
    this.session = new CallSession(protocol.carrier(), this, engines, cfg.defaults(), cfg.session(), reporter,
        scheduler(), Clock.systemUTC(), System::nanoTime);
  }

  void run() {
    // Raw frames rather than text messages: a media frame is read from its bytes, never made a String.
    ws.frameHandler(this::onWebSocketFrame);
    direct = NettyMediaPath.install(ws, connection, data -> onMessage(true, data));
    ws.pongHandler(b -> lastFrameNanos = System.nanoTime());
    ws.exceptionHandler(e -> log.debug("{}: socket error: {}", describe(), e.toString()));
    ws.closeHandler(v -> onClosed());
    tickTimer = vertx.setPeriodic(1_000, id -> tick());
  }

  /**
   * Text and binary messages, whole or in fragments (carriers send whole ones; fragments are put together up to
   * the frame limit). Ping, pong and close are Vert.x's.
   */
  /** Whether the socket's text frames take the Netty path (see {@link NettyMediaPath}). */
  boolean nettyPath() {
    return direct != null;
  }

  private void onWebSocketFrame(WebSocketFrame f) {
    if (f.isClose() || f.isPing() || f.type() == WebSocketFrameType.PONG) {
      return;
    }
    ByteBuf data = ((WebSocketFrameInternal) f).getBinaryData();
    if (!f.isContinuation()) {
      fragments = null;
      fragmentsText = f.isText();
      if (f.isFinal()) {
        onMessage(fragmentsText, data);
        return;
      }
      fragments = Unpooled.buffer();
    }
    if (fragments == null) {
      return; // a continuation without a start, or after an oversize message was dropped
    }
    if (fragments.readableBytes() + data.readableBytes() > cfg.maxFrameBytes()) {
      int size = fragments.readableBytes() + data.readableBytes();
      fragments = null;
      onFrame(new InboundFrame.Bad(BadInput.OVERSIZE_FRAME, "fragmented message of at least " + size + " bytes exceeds "
          + cfg.maxFrameBytes() + " bytes (TELOPS_MEDIA_MAX_FRAME_BYTES)"));
      return;
    }
    fragments.writeBytes(data, data.readerIndex(), data.readableBytes());
    if (f.isFinal()) {
      ByteBuf whole = fragments;
      fragments = null;
      onMessage(fragmentsText, whole);
    }
  }

  private void onMessage(boolean text, ByteBuf data) {
    int length = data.readableBytes();
    if (!text) {
      onFrame(new InboundFrame.Bad(BadInput.BINARY_FRAME, "binary frame of " + length + " bytes (carriers send JSON text)"));
      return;
    }
    if (length > cfg.maxFrameBytes()) {
      onFrame(new InboundFrame.Bad(BadInput.OVERSIZE_FRAME, "frame of " + length + " bytes exceeds "
          + cfg.maxFrameBytes() + " bytes (TELOPS_MEDIA_MAX_FRAME_BYTES)"));
      return;
    }
    if (data.hasArray()) {
      onFrame(protocol.parse(data.array(), data.arrayOffset() + data.readerIndex(), length));
    } else {
      byte[] in = loopBuffers().in(length);
      data.getBytes(data.readerIndex(), in, 0, length);
      onFrame(protocol.parse(in, 0, length));
    }
  }

  private void onFrame(InboundFrame frame) {
    long now = System.nanoTime();
    lastFrameNanos = now;
    if (hop) {
      InboundFrame f = frame instanceof InboundFrame.Media m
          ? new InboundFrame.Media(m.inbound(), m.chunk(), m.timestampMs(), m.ulaw().clone()) : frame;
      sessionContext.runOnContext(v -> deliver(f, now));
      return;
    }
    if (frame instanceof InboundFrame.Start s && !session.started() && s.carrierCallId() != null) {
      ResumableStreams.Parked p = resumable.adopt(ResumableStreams.key(protocol.carrier(), s.carrierCallId()));
      if (p != null) {
        adopt(p, s, now);
        return;
      }
    }
    deliver(frame, now);
  }

  /** This new stream takes over a parked call: the session continues here, on its own event loop. */
  private void adopt(ResumableStreams.Parked p, InboundFrame.Start s, long now) {
    vertx.cancelTimer(p.timer());
    session = p.session();
    sessionContext = p.context();
    hop = sessionContext != home;
    log.info("{}: the carrier restarted the media stream; the call goes on{}", describe(),
        hop ? " (its session stays on its first event loop: frames are handed over)" : "");
    sessionContext.runOnContext(v -> {
      session.resume(this, s, now);
      drain.release(p.dropped());
    });
  }

  private void deliver(InboundFrame frame, long now) {
    try {
      session.onFrame(frame, now);
    } catch (RuntimeException e) {
      // A bug or an engine failure on one frame must not take the call down with it.
      log.error("{}: frame handling failed ({}); the call goes on", describe(), frame.getClass().getSimpleName(), e);
    }
    if (session.ended() && !ws.isClosed()) {
      closeWith((short) 1000, "call ended"); // after "stop" the carrier closes too; do not wait for it
    }
  }

  private void tick() {
    long now = System.nanoTime();
    try {
      if (!session.started() && now - openedNanos > START_TIMEOUT_NANOS) {
        closeStream("no start event within 10 s");
        return;
      }
      if (now - lastSampleNanos >= cfg.qualitySampleSeconds() * 1_000_000_000L) {
        lastSampleNanos = now;
        if (hop) {
          sessionContext.runOnContext(v -> session.sample(now));
        } else {
          session.sample(now);
        }
      }
      long idleNanos = now - lastFrameNanos;
      if (idleNanos >= cfg.idleTimeoutSeconds() * 1_000_000_000L) {
        closeStream("no frame for " + cfg.idleTimeoutSeconds() + " s");
      } else if (idleNanos >= cfg.pingSeconds() * 1_000_000_000L && now - lastPingNanos >= cfg.pingSeconds() * 1_000_000_000L) {
        lastPingNanos = now;
        if (!ws.isClosed()) {
          ws.writePing(Buffer.buffer("telops"));
        }
      }
    } catch (RuntimeException e) {
      log.error("{}: periodic work failed; the call goes on", describe(), e);
    }
  }

  private void onClosed() {
    if (tickTimer >= 0) {
      vertx.cancelTimer(tickTimer);
    }
    long now = System.nanoTime();
    if (hop) {
      sessionContext.runOnContext(v -> closed(now));
    } else {
      closed(now);
    }
  }

  /** On the session's event loop: park the call for a restarted stream, or end it. */
  private void closed(long now) {
    String reason = closeReason == null ? "socket-closed" : closeReason;
    int seconds = control.resumeWindowSeconds(cfg.streamResumeSeconds());
    // Only a drop: not our own close (idle, bad stream, drain), not after a stop or the agent's hang-up.
    if (closeReason == null && seconds > 0 && !drain.draining() && session.suspendable()
        && control.restartStream(session.call())) {
      session.suspend(reason, seconds, now);
      String key = ResumableStreams.key(protocol.carrier(), session.call().carrierCallId());
      ResumableStreams.Parked[] parked = new ResumableStreams.Parked[1];
      long timer = vertx.setTimer(seconds * 1000L, id -> {
        if (resumable.expire(key, parked[0])) {
          try {
            session.onTransportClosed(reason + "; the carrier did not restart the stream within " + seconds
                + " s (TELOPS_STREAM_RESUME_SECONDS)", System.nanoTime());
          } finally {
            drain.release(this);
          }
        }
      });
      parked[0] = new ResumableStreams.Parked(session, vertx.getOrCreateContext(), this, timer);
      resumable.park(key, parked[0]);
      log.warn("{}: the media stream dropped; waiting up to {} s for the carrier to restart it or to continue the call "
          + "on the record path", describe(), seconds);
      return;
    }
    try {
      session.onTransportClosed(reason, now);
    } finally {
      drain.release(this);
    }
  }

  String describe() {
    return protocol.carrier() + " stream " + (session != null && session.call() != null
        ? "call " + session.call().callId() + " (" + session.call().carrierCallId() + ")"
        : "from " + ws.remoteAddress());
  }

  private LoopBuffers loopBuffers() {
    if (hop) {
      return LoopBuffers.current(); // inbound and outbound run on two loops: each uses its own thread's buffers
    }
    if (buffers == null) {
      buffers = LoopBuffers.current();
    }
    return buffers;
  }

  @Override
  public void sendAudio(byte[] ulaw) {
    if (direct == null) {
      if (!ws.isClosed()) {
        // Straight from bytes to a text frame: no String, no second UTF-8 encoding.
        ws.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, Unpooled.wrappedBuffer(protocol.encodeMediaBytes(ulaw)), true));
      }
      return;
    }
    if (!direct.open()) {
      return;
    }
    byte[] out = loopBuffers().out;
    int length = protocol.encodeMediaBytes(ulaw, out);
    if (length < 0) {
      out = loopBuffers().out(-length);
      length = protocol.encodeMediaBytes(ulaw, out);
    }
    direct.writeText(out, length);
  }

  @Override
  public void sendMark(String name) {
    sendText(protocol.encodeMark(name));
  }

  @Override
  public void sendClear() {
    sendText(protocol.encodeClear());
  }

  /** Marks and clear take the media's way, so they stay in order with it. */
  private void sendText(String text) {
    if (direct == null) {
      if (!ws.isClosed()) {
        ws.writeTextMessage(text);
      }
    } else if (direct.open()) {
      byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      direct.writeText(utf8, utf8.length);
    }
  }

  @Override
  public void endCall(CallEnd end) {
    control.end(session.call(), end, () -> closeWith((short) 1000, "agent " + end.kind().name().toLowerCase(java.util.Locale.ROOT)));
  }

  @Override
  public void closeStream(String reason) {
    log.warn("{}: closing the media stream: {}", describe(), reason);
    closeReason = reason;
    closeWith((short) 1008, reason);
  }

  /** Drain timeout and shutdown. */
  void closeForDrain(String reason) {
    closeReason = reason;
    closeWith((short) 1001, reason);
  }

  private void closeWith(short code, String reason) {
    if (direct != null) {
      direct.closing();
    }
    if (!ws.isClosed()) {
      String r = reason.length() > 120 ? reason.substring(0, 120) : reason; // close reasons are ≤ 123 bytes
      ws.close(code, r);
    }
  }

  /** Timers and hand-overs on this socket's event loop: where its session lives, also after a resume elsewhere. */
  private Scheduler scheduler() {
    return new LoopScheduler(vertx, home, this::describe);
  }
}
