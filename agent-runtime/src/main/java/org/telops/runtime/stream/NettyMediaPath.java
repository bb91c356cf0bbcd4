package org.telops.runtime.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.net.impl.VertxHandler;
import java.util.function.Consumer;

/**
 * A media socket's text frames at the Netty level, just ahead of Vert.x: whole text frames in, text frames out.
 *
 * <p>Why: a call sends 50 frames a second and gets as many back. Through Vert.x's WebSocket each frame in is
 * wrapped and queued for dispatch, and each frame out is wrapped, gets a future, goes through the connection's
 * write queue and is copied from the heap into a direct buffer: garbage at 100 frames a second per call, which
 * sets how often the collector pauses every call. Here a frame in is read where Netty's decoder leaves it, and a
 * frame out is built, header and all, in one pooled direct buffer and written without a promise. Writes made
 * while the socket is being read are flushed once at the end of the read, like Vert.x does; others at once.
 *
 * <p>What stays with Vert.x: the upgrade, fragmented and binary messages, ping/pong, close, and writes the
 * runtime makes through {@link ServerWebSocket} (ping, close). Everything runs on the socket's event loop.
 */
final class NettyMediaPath extends ChannelInboundHandlerAdapter {
  static final String NAME = "telops-media";

  private final Consumer<ByteBuf> onText;
  private ChannelHandlerContext ctx;
  /** Netty's WebSocket encoder: frames this path builds itself enter the pipeline just past it. Null: none found. */
  private ChannelHandlerContext encoder;
  private boolean reading;
  private boolean flushPending;
  /**
   * Set once either side has started to close (a close frame read, {@link #closing()}) or the connection went:
   * RFC 6455 §5.5.1, no data frame after a close frame. Kept here, on the socket's event loop, so a frame sent
   * does not ask Vert.x's WebSocket (a lock and two objects out of the caches, per frame).
   */
  private boolean closed;

  private NettyMediaPath(Consumer<ByteBuf> onText) {
    this.onText = onText;
  }

  /**
   * Puts the path in front of the socket's Vert.x handler; call on the socket's event loop, once the upgrade is
   * done. Null when the pipeline cannot be reached (the caller then stays on Vert.x's frame API).
   *
   * @param ws the socket (Vert.x Web hands out a wrapper, which hides the pipeline)
   * @param connection the connection the socket was upgraded from: same channel, so the way in through a wrapper
   * @param onText gets each whole text frame's UTF-8 bytes, valid only during the call
   */
  static NettyMediaPath install(ServerWebSocket ws, HttpConnection connection, Consumer<ByteBuf> onText) {
    ChannelPipeline pipeline;
    if (ws instanceof WebSocketInternal internal && internal.channelHandlerContext() != null) {
      pipeline = internal.channelHandlerContext().pipeline();
    } else if (connection instanceof ConnectionBase base && base.channelHandlerContext() != null) {
      pipeline = base.channelHandlerContext().pipeline();
    } else {
      return null;
    }
    // After the upgrade the channel decodes WebSocket frames and its Vert.x handler serves the WebSocket
    // connection, no longer an HTTP one.
    ChannelHandlerContext vertx = pipeline.context(VertxHandler.class);
    if (vertx == null || !vertx.executor().inEventLoop() || pipeline.get(WebSocketFrameDecoder.class) == null
        || ((VertxHandler<?>) vertx.handler()).getConnection() instanceof HttpConnection) {
      return null;
    }
    return attach(pipeline, vertx.name(), onText);
  }

  /** Puts the path into {@code pipeline} just before the handler named {@code before}. */
  static NettyMediaPath attach(ChannelPipeline pipeline, String before, Consumer<ByteBuf> onText) {
    NettyMediaPath path = new NettyMediaPath(onText);
    pipeline.addBefore(before, NAME, path);
    path.ctx = pipeline.context(NAME);
    path.encoder = pipeline.context(WebSocketFrameEncoder.class);
    return path;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    reading = true;
    // A whole text message: what carriers send. A fragment's first part is not final and goes to Vert.x, which
    // puts fragments together; so do binary, ping, pong and close frames.
    if (msg instanceof CloseWebSocketFrame) {
      closed = true; // Vert.x answers it and closes
    } else if (msg instanceof TextWebSocketFrame text && text.isFinalFragment()) {
      try {
        onText.accept(text.content());
      } finally {
        text.release();
      }
      return;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    reading = false;
    if (flushPending) {
      flushPending = false;
      ctx.flush();
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closed = true;
    ctx.fireChannelInactive();
  }

  /** The runtime is closing the socket: nothing more is written this way. */
  void closing() {
    closed = true;
  }

  /** False once a close frame went either way or the connection is gone. */
  boolean open() {
    return !closed && ctx.channel().isActive();
  }

  /** One text frame of {@code utf8[0, length)}. */
  void writeText(byte[] utf8, int length) {
    if (encoder != null) {
      // The whole frame in one pooled buffer, header included (RFC 6455 §5.2: FIN + text opcode, unmasked from a
      // server, 7-bit, 16-bit or 64-bit length), written past Netty's encoder: one buffer and one copy per frame
      // instead of two. Compression extensions sit past it too; an uncompressed message is valid under them.
      ByteBuf frame = textFrame(ctx.alloc(), utf8, length);
      encoder.write(frame, encoder.voidPromise());
    } else {
      ByteBuf buf = ctx.alloc().directBuffer(length);
      buf.writeBytes(utf8, 0, length);
      // From this handler's place outwards: Netty's WebSocket encoder frames it.
      ctx.write(new TextWebSocketFrame(buf), ctx.voidPromise());
    }
    // A failed write (the peer went away) reaches Vert.x's handler as an exception; the close handler ends the call.
    if (reading) {
      flushPending = true;
    } else {
      ctx.flush();
    }
  }

  /** A whole, unmasked text frame (what a server sends) of {@code utf8[0, length)}. */
  static ByteBuf textFrame(ByteBufAllocator alloc, byte[] utf8, int length) {
    int header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
    ByteBuf frame = alloc.directBuffer(header + length);
    frame.writeByte(0x81);
    if (length < 126) {
      frame.writeByte(length);
    } else if (length < 65_536) {
      frame.writeByte(126);
      frame.writeShort(length);
    } else {
      frame.writeByte(127);
      frame.writeLong(length);
    }
    return frame.writeBytes(utf8, 0, length);
  }
}
