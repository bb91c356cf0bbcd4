package org.telops.runtime.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
}
