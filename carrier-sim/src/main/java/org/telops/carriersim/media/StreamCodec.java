package org.telops.carriersim.media;

import java.util.List;

/**
 * One carrier's media-stream wire format (Twilio camelCase, Telnyx snake_case), both directions.
 * Implementations live in the carrier's package; nothing carrier-specific passes this interface.
 */
public interface StreamCodec {

  /** Messages sent once the WebSocket is open: connected, then start. */
  List<String> opening(StreamSession s);

  /** One 20 ms frame; {@code chunk} from 1, {@code timestampMs} since the stream started. */
  String media(StreamSession s, long chunk, long timestampMs, byte[] payload);

  /** A mark sent earlier by the application has been played. */
  String mark(StreamSession s, String name);

  String stop(StreamSession s);

  /** Reads a message from the application. */
  Incoming parse(String text);

  /** Whether the carrier keeps frame order on this stream (Twilio) or lets jitter reorder it (Telnyx). */
  boolean ordered();

  /** What the application sent. {@code payload} only for media, {@code name} only for mark. */
  record Incoming(Kind kind, byte[] payload, String name) {
    public enum Kind { MEDIA, MARK, CLEAR, OTHER, MALFORMED }

    public static Incoming of(Kind kind) {
      return new Incoming(kind, null, null);
    }
  }
}
