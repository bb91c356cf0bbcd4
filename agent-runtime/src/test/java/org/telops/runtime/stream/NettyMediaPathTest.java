package org.telops.runtime.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NettyMediaPathTest {

  @Test
  @DisplayName("Frames the media path builds itself decode, with Netty's client-side decoder, to the same text at every length form")
  void framesDecode() {
    // 7-bit (a mark), 16-bit (a media frame) and 64-bit lengths; the decoder is a client's: it refuses masked frames.
    EmbeddedChannel client = new EmbeddedChannel(new WebSocket08FrameDecoder(false, false, 1 << 20));
    for (int length : new int[] {0, 57, 125, 126, 268, 65_535, 65_536, 70_000}) {
      byte[] text = new byte[length + 7];
      Arrays.fill(text, (byte) 'a');
      text[length] = (byte) '!'; // past the length: must not be sent
      client.writeInbound(NettyMediaPath.textFrame(ByteBufAllocator.DEFAULT, text, length));
      TextWebSocketFrame got = client.readInbound();
      assertThat(got).as("frame of %d bytes", length).isNotNull();
      assertThat(got.isFinalFragment()).isTrue();
      assertThat(got.text()).isEqualTo(new String(text, 0, length, StandardCharsets.UTF_8));
      got.release();
    }
    assertThat(client.finishAndReleaseAll()).isFalse();
  }

  @Test
  @DisplayName("Whole text frames go to the runtime, everything else to Vert.x, and nothing is written once a close frame has come in")
  void splitsFramesAndStopsAtClose() {
    // A server's pipeline after the upgrade: Netty's decoder and encoder, then (here) a stand-in for Vert.x's handler.
    List<Object> toVertx = new ArrayList<>();
    EmbeddedChannel server = new EmbeddedChannel(new WebSocket13FrameDecoder(true, false, 65_536),
        new WebSocket13FrameEncoder(false));
    server.pipeline().addLast("handler", new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        toVertx.add(msg);
      }
    });
    List<String> texts = new ArrayList<>();
    NettyMediaPath path = NettyMediaPath.attach(server.pipeline(), "handler",
        data -> texts.add(data.toString(StandardCharsets.UTF_8)));
    EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameEncoder(true)); // a carrier masks its frames

    server.writeInbound(clientBytes(client, new TextWebSocketFrame("{\"event\":\"media\"}")));
    server.writeInbound(clientBytes(client, new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}))));
    server.writeInbound(clientBytes(client, new TextWebSocketFrame(false, 0, Unpooled.copiedBuffer("{\"ev", StandardCharsets.UTF_8))));
    assertThat(texts).containsExactly("{\"event\":\"media\"}");
    assertThat(toVertx).hasSize(2).allMatch(m -> m instanceof WebSocketFrame);

    // Written outside a read: flushed at once, one frame the client decodes.
    byte[] mark = "{\"event\":\"mark\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(path.open()).isTrue();
    path.writeText(mark, mark.length);
    EmbeddedChannel decoder = new EmbeddedChannel(new WebSocket08FrameDecoder(false, false, 1 << 20));
    ByteBuf written = server.readOutbound();
    decoder.writeInbound(written);
    TextWebSocketFrame got = decoder.readInbound();
    assertThat(got.text()).isEqualTo("{\"event\":\"mark\"}");
    got.release();

    server.writeInbound(clientBytes(client, new CloseWebSocketFrame(1000, "bye")));
    assertThat(toVertx).hasSize(3);
    assertThat(toVertx.get(2)).isInstanceOf(CloseWebSocketFrame.class); // Vert.x answers the close handshake
    assertThat(path.open()).as("open after a close frame came in").isFalse();

    toVertx.forEach(m -> ((WebSocketFrame) m).release());
    server.finishAndReleaseAll();
    client.finishAndReleaseAll();
    decoder.finishAndReleaseAll();
  }

  @Test
  @DisplayName("The media path reports the socket closed once the runtime starts closing it or the connection goes")
  void closedByRuntimeOrConnection() {
    EmbeddedChannel server = new EmbeddedChannel(new WebSocket13FrameDecoder(true, false, 65_536),
        new WebSocket13FrameEncoder(false), new ChannelInboundHandlerAdapter());
    String last = server.pipeline().names().get(2);
    NettyMediaPath byRuntime = NettyMediaPath.attach(server.pipeline(), last, data -> { });
    assertThat(byRuntime.open()).isTrue();
    byRuntime.closing();
    assertThat(byRuntime.open()).isFalse();

    EmbeddedChannel other = new EmbeddedChannel(new WebSocket13FrameDecoder(true, false, 65_536),
        new WebSocket13FrameEncoder(false), new ChannelInboundHandlerAdapter());
    NettyMediaPath byConnection = NettyMediaPath.attach(other.pipeline(), other.pipeline().names().get(2), data -> { });
    other.close();
    assertThat(byConnection.open()).isFalse();
    server.finishAndReleaseAll();
  }

  /** The bytes a client sends for {@code frame}. */
  private static ByteBuf clientBytes(EmbeddedChannel client, WebSocketFrame frame) {
    client.writeOutbound(frame);
    ByteBuf all = Unpooled.buffer();
    for (ByteBuf part; (part = client.readOutbound()) != null; ) {
      all.writeBytes(part);
      part.release();
    }
    return all;
  }
}
