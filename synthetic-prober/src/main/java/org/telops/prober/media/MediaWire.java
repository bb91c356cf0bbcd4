package org.telops.prober.media;

import io.vertx.core.json.JsonObject;

/** A carrier's media-stream JSON: what it sends us, and how we send it audio. One implementation per carrier. */
public interface MediaWire {

  String carrier();

  MediaEvent parse(String text);

  /** A media message carrying μ-law {@code payload} towards the call. */
  String media(String streamId, byte[] payload);

  /** Frames held to restore chunk order before analysis (0 when the carrier keeps order). */
  int reorderFrames();

  static MediaWire of(String carrier) {
    return switch (carrier) {
      case TwilioWire.CARRIER -> new TwilioWire();
      case TelnyxWire.CARRIER -> new TelnyxWire();
      default -> throw new IllegalArgumentException("no media wire for carrier '" + carrier + "'");
    };
  }

  /** A number the carrier may send as a JSON string or number; −1 when absent or not a number. */
  static long number(JsonObject o, String field) {
    Object v = o == null ? null : o.getValue(field);
    if (v instanceof Number n) {
      return n.longValue();
    }
    if (v instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return -1;
  }
}
