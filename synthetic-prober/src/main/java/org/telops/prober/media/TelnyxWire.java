package org.telops.prober.media;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Base64;

/**
 * Telnyx media streaming: snake_case, stream_id at top level, frames possibly out of order; we send
 * {@code {"event":"media","media":{"payload":…}}} (bidirectional RTP mode, PCMU).
 */
public final class TelnyxWire implements MediaWire {
  public static final String CARRIER = "telnyx";
  /** Up to 60 ms of frames held to put them back in order. */
  static final int REORDER_FRAMES = 3;

  @Override
  public String carrier() {
    return CARRIER;
  }

  @Override
  public MediaEvent parse(String text) {
    try {
      JsonObject m = new JsonObject(text);
      String id = m.getString("stream_id");
      return switch (String.valueOf(m.getValue("event"))) {
        case "connected" -> MediaEvent.of(MediaEvent.Kind.CONNECTED, null);
        case "start" -> MediaEvent.of(MediaEvent.Kind.START, id);
        case "media" -> {
          JsonObject media = m.getJsonObject("media");
          String payload = media == null ? null : media.getString("payload");
          yield payload == null ? MediaEvent.of(MediaEvent.Kind.MALFORMED, id)
              : new MediaEvent(MediaEvent.Kind.MEDIA, id, MediaWire.number(media, "chunk"),
                  MediaWire.number(media, "timestamp"), Base64.getDecoder().decode(payload));
        }
        case "mark" -> MediaEvent.of(MediaEvent.Kind.MARK, id);
        case "dtmf" -> MediaEvent.of(MediaEvent.Kind.DTMF, id);
        case "stop" -> MediaEvent.of(MediaEvent.Kind.STOP, id);
        default -> MediaEvent.of(MediaEvent.Kind.OTHER, id);
      };
    } catch (DecodeException | ClassCastException | IllegalArgumentException e) {
      return MediaEvent.of(MediaEvent.Kind.MALFORMED, null);
    }
  }

  @Override
  public String media(String streamId, byte[] payload) {
    return new JsonObject().put("event", "media")
        .put("media", new JsonObject().put("payload", Base64.getEncoder().encodeToString(payload))).encode();
  }

  @Override
  public int reorderFrames() {
    return REORDER_FRAMES;
  }
}
