package org.telops.runtime.session;

import static org.telops.runtime.session.WireFields.child;
import static org.telops.runtime.session.WireFields.digit;
import static org.telops.runtime.session.WireFields.object;
import static org.telops.runtime.session.WireFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.telops.runtime.session.WireFields.BadFrame;

/**
 * What the carriers' JSON media-stream protocols share: a media frame takes the allocation-free fast path,
 * anything else is read as a tree with an {@code event}, and connected / mark / dtmf / stop look the same
 * on Twilio and Telnyx. Each carrier's file reads its own start and media frames and its own extra events;
 * a frame that cannot be read becomes {@link InboundFrame.Bad}, never an exception.
 */
public abstract class JsonCarrierProtocol implements CarrierProtocol {

  /** The audio array media frames from {@link #parse(byte[], int, int)} share (one protocol per socket). */
  private final byte[][] audio = new byte[1][];

  /**
   * The socket's path. A media frame's audio array is reused by the next frame: the session decodes it at
   * once and the reorderer copies the frames it holds back.
   */
  @Override
  public final InboundFrame parse(byte[] utf8, int from, int length) {
    InboundFrame.Media fast = MediaFrameReader.read(utf8, from, length, audio);
    return fast != null ? fast : parseTree(new String(utf8, from, length, StandardCharsets.UTF_8));
  }

  /** Frames from text: each media frame owns its audio. */
  @Override
  public final InboundFrame parse(String textFrame) {
    byte[] utf8 = textFrame.getBytes(StandardCharsets.UTF_8);
    InboundFrame.Media fast = MediaFrameReader.read(utf8, 0, utf8.length, null);
    return fast != null ? fast : parseTree(textFrame);
  }

  /**
   * A media frame's bytes: {@code prefix}, the base64 payload, {@code suffix} (both ASCII JSON), in one array.
   */
  protected static byte[] mediaFrame(byte[] prefix, byte[] ulaw, byte[] suffix) {
    byte[] out = new byte[prefix.length + MediaFrameReader.base64Length(ulaw.length) + suffix.length];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    int at = MediaFrameReader.encodeBase64(ulaw, out, prefix.length);
    System.arraycopy(suffix, 0, out, at, suffix.length);
    return out;
  }

  /** {@link #mediaFrame(byte[], byte[], byte[])} into {@code out}, as {@link CarrierProtocol#encodeMediaBytes(byte[], byte[])}. */
  protected static int mediaFrame(byte[] prefix, byte[] ulaw, byte[] suffix, byte[] out) {
    int length = prefix.length + MediaFrameReader.base64Length(ulaw.length) + suffix.length;
    if (length > out.length) {
      return -length;
    }
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    int at = MediaFrameReader.encodeBase64(ulaw, out, prefix.length);
    System.arraycopy(suffix, 0, out, at, suffix.length);
    return length;
  }

  private InboundFrame parseTree(String textFrame) {
    try {
      JsonNode root = object(textFrame);
      String event = text(root, "event");
      if (event == null) {
        throw new BadFrame(BadInput.MISSING_FIELD, "frame without 'event'");
      }
      switch (event) {
        case "start":
          return start(root);
        case "mark": {
          String name = text(child(root, "mark", event), "name");
          if (name == null) {
            throw new BadFrame(BadInput.MISSING_FIELD, "mark frame without a name");
          }
          return new InboundFrame.Mark(name);
        }
        case "dtmf":
          return new InboundFrame.Dtmf(digit(child(root, "dtmf", event)));
        case "stop":
          return new InboundFrame.Stop("stream-stopped");
        case "connected":
          return new InboundFrame.Connected();
        default:
          return event(event, root);
      }
    } catch (BadFrame e) {
      return e.toFrame();
    }
  }

  /** The start frame: stream and call ids, custom parameters, media format. */
  protected abstract InboundFrame start(JsonNode root);

  /**
   * Media (when the fast path could not read it) and the carrier's own events.
   *
   * @throws BadFrame {@link BadInput#UNKNOWN_EVENT} for an event the carrier does not define
   */
  protected abstract InboundFrame event(String event, JsonNode root);

  protected static BadFrame unknown(String event) {
    return new BadFrame(BadInput.UNKNOWN_EVENT, "unknown event '" + event + "'");
  }
}
