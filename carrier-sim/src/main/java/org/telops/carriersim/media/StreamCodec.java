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

  /**
   * Reads a message from the application. What applications send is the same on both carriers —
   * {@code {"event":"media|mark|clear", "media":{"payload"}, "mark":{"name"}}} — and other keys (Twilio's
   * streamSid, Telnyx's stream_id) are not needed to act on it.
   */
  default Incoming parse(String text) {
    try {
      io.vertx.core.json.JsonObject m = new io.vertx.core.json.JsonObject(text);
      return switch (String.valueOf(m.getString("event"))) {
        case "media" -> {
          io.vertx.core.json.JsonObject media = m.getJsonObject("media");
          String payload = media == null ? null : media.getString("payload");
          yield payload == null ? Incoming.of(Incoming.Kind.MALFORMED)
              : new Incoming(Incoming.Kind.MEDIA, java.util.Base64.getDecoder().decode(payload), null);
        }
        case "mark" -> {
          io.vertx.core.json.JsonObject mark = m.getJsonObject("mark");
          yield mark == null || mark.getString("name") == null ? Incoming.of(Incoming.Kind.MALFORMED)
              : new Incoming(Incoming.Kind.MARK, null, mark.getString("name"));
        }
        case "clear" -> Incoming.of(Incoming.Kind.CLEAR);
        default -> Incoming.of(Incoming.Kind.OTHER);
      };
    } catch (io.vertx.core.json.DecodeException | ClassCastException | IllegalArgumentException e) {
      return Incoming.of(Incoming.Kind.MALFORMED);
    }
  }

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
