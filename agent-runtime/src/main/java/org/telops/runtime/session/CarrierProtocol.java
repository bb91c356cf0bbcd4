package org.telops.runtime.session;

/**
 * One carrier's media-stream wire format (Pipecat-style serializer): text frames in, runtime frames out,
 * and the outbound frames back. Nothing carrier-specific leaks past an implementation. Stateless apart
 * from the stream id learned from "start", so one instance per socket.
 */
public interface CarrierProtocol {
  String carrier();

  /** Never throws: bad input becomes {@link InboundFrame.Bad}. */
  InboundFrame parse(String text);

  /**
   * A text frame's UTF-8 bytes, as the socket has them; never throws. A media frame's audio may be reused by
   * the next call: use it at once or copy it.
   */
  default InboundFrame parse(byte[] utf8, int from, int length) {
    return parse(new String(utf8, from, length, java.nio.charset.StandardCharsets.UTF_8));
  }

  String encodeMedia(byte[] ulaw);

  /** The media frame as the UTF-8 bytes of its text: what the socket writes, built without a String. */
  default byte[] encodeMediaBytes(byte[] ulaw) {
    return encodeMedia(ulaw).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * The media frame's bytes written into {@code out} from index 0, for a socket that reuses one array frame after
   * frame. Returns the frame's length; when it does not fit, writes nothing and returns minus the length needed.
   */
  default int encodeMediaBytes(byte[] ulaw, byte[] out) {
    byte[] frame = encodeMediaBytes(ulaw);
    if (frame.length > out.length) {
      return -frame.length;
    }
    System.arraycopy(frame, 0, out, 0, frame.length);
    return frame.length;
  }

  String encodeMark(String name);

  String encodeClear();
}
