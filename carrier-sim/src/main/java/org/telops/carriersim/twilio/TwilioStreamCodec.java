package org.telops.carriersim.twilio;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.List;
import org.telops.carriersim.media.StreamCodec;
import org.telops.carriersim.media.StreamSession;

/**
 * Twilio Media Streams: connected, start, media (sequenceNumber/chunk/timestamp as strings, base64
 * μ-law), mark, stop; from the application: media, mark, clear.
 */
public final class TwilioStreamCodec implements StreamCodec {

  @Override
  public List<String> opening(StreamSession s) {
    JsonObject connected = new JsonObject().put("event", "connected").put("protocol", "Call").put("version", "1.0.0");
    JsonObject start = new JsonObject().put("event", "start").put("sequenceNumber", String.valueOf(s.nextSequence()))
        .put("start", new JsonObject().put("accountSid", s.accountId()).put("streamSid", s.streamId())
            .put("callSid", s.callId()).put("tracks", new JsonArray().add("inbound"))
            .put("customParameters", new JsonObject(new java.util.LinkedHashMap<>(s.customParameters())))
            .put("mediaFormat", new JsonObject().put("encoding", "audio/x-mulaw").put("sampleRate", 8000).put("channels", 1)))
        .put("streamSid", s.streamId());
    return List.of(connected.encode(), start.encode());
  }

  @Override
  public String media(StreamSession s, long chunk, long timestampMs, byte[] payload) {
    return new JsonObject().put("event", "media").put("sequenceNumber", String.valueOf(s.nextSequence()))
        .put("media", new JsonObject().put("track", "inbound").put("chunk", String.valueOf(chunk))
            .put("timestamp", String.valueOf(timestampMs)).put("payload", Base64.getEncoder().encodeToString(payload)))
        .put("streamSid", s.streamId()).encode();
  }

  @Override
  public String mark(StreamSession s, String name) {
    return new JsonObject().put("event", "mark").put("sequenceNumber", String.valueOf(s.nextSequence()))
        .put("streamSid", s.streamId()).put("mark", new JsonObject().put("name", name)).encode();
  }

  @Override
  public String stop(StreamSession s) {
    return new JsonObject().put("event", "stop").put("sequenceNumber", String.valueOf(s.nextSequence()))
        .put("streamSid", s.streamId())
        .put("stop", new JsonObject().put("accountSid", s.accountId()).put("callSid", s.callId())).encode();
  }

  @Override
  public boolean ordered() {
    return true;
  }
}
