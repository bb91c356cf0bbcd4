package org.telops.prober.media;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Base64;

/**
 * Twilio Media Streams: connected, start (streamSid inside and at top level), media (chunk, timestamp
 * as strings, base64 μ-law), mark, dtmf, stop; we send {@code {"event":"media","streamSid":…,"media":{"payload":…}}}.
 */
public final class TwilioWire implements MediaWire {
  public static final String CARRIER = "twilio";

  @Override
  public String carrier() {
    return CARRIER;
  }

  @Override
  public MediaEvent parse(String text) {
    try {
      JsonObject m = new JsonObject(text);
      String sid = m.getString("streamSid");
      return switch (String.valueOf(m.getValue("event"))) {
        case "connected" -> MediaEvent.of(MediaEvent.Kind.CONNECTED, null);
        case "start" -> {
          JsonObject start = m.getJsonObject("start");
          yield MediaEvent.of(MediaEvent.Kind.START, sid != null ? sid : start == null ? null : start.getString("streamSid"));
        }
        case "media" -> {
          JsonObject media = m.getJsonObject("media");
          String payload = media == null ? null : media.getString("payload");
          yield payload == null ? MediaEvent.of(MediaEvent.Kind.MALFORMED, sid)
              : new MediaEvent(MediaEvent.Kind.MEDIA, sid, MediaWire.number(media, "chunk"),
                  MediaWire.number(media, "timestamp"), Base64.getDecoder().decode(payload));
        }
        case "mark" -> MediaEvent.of(MediaEvent.Kind.MARK, sid);
        case "dtmf" -> MediaEvent.of(MediaEvent.Kind.DTMF, sid);
        case "stop" -> MediaEvent.of(MediaEvent.Kind.STOP, sid);
        default -> MediaEvent.of(MediaEvent.Kind.OTHER, sid);
      };
    } catch (DecodeException | ClassCastException | IllegalArgumentException e) {
      return MediaEvent.of(MediaEvent.Kind.MALFORMED, null);
    }
  }

  @Override
  public String media(String streamId, byte[] payload) {
    return new JsonObject().put("event", "media").put("streamSid", streamId)
        .put("media", new JsonObject().put("payload", Base64.getEncoder().encodeToString(payload))).encode();
  }

  @Override
  public int reorderFrames() {
    return 0;
  }
}
