package org.telops.carriersim.telnyx;

import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.List;
import org.telops.carriersim.media.StreamCodec;
import org.telops.carriersim.media.StreamSession;

/**
 * Telnyx media streaming: snake_case, stream_id at top level, connected without protocol, start with
 * call_control_id/call_session_id/client_state/media_format PCMU; frames may arrive out of order.
 * From the application: media, mark, clear (no stream id needed).
 */
public final class TelnyxStreamCodec implements StreamCodec {

  @Override
  public List<String> opening(StreamSession s) {
    JsonObject connected = new JsonObject().put("event", "connected").put("version", "1.0.0");
    JsonObject start = new JsonObject().put("event", "start").put("sequence_number", String.valueOf(s.nextSequence()))
        .put("start", new JsonObject().put("call_control_id", s.callId()).put("call_session_id", s.sessionId())
            .put("from", s.from()).put("to", s.to()).put("client_state", s.clientState())
            .put("custom_parameters", new JsonObject(new java.util.LinkedHashMap<>(s.customParameters())))
            .put("media_format", new JsonObject().put("encoding", "PCMU").put("sample_rate", 8000).put("channels", 1)))
        .put("stream_id", s.streamId());
    return List.of(connected.encode(), start.encode());
  }

  @Override
  public String media(StreamSession s, long chunk, long timestampMs, byte[] payload) {
    return new JsonObject().put("event", "media").put("sequence_number", String.valueOf(s.nextSequence()))
        .put("media", new JsonObject().put("track", "inbound").put("chunk", String.valueOf(chunk))
            .put("timestamp", String.valueOf(timestampMs)).put("payload", Base64.getEncoder().encodeToString(payload)))
        .put("stream_id", s.streamId()).encode();
  }

  @Override
  public String mark(StreamSession s, String name) {
    return new JsonObject().put("event", "mark").put("sequence_number", String.valueOf(s.nextSequence()))
        .put("stream_id", s.streamId()).put("mark", new JsonObject().put("name", name)).encode();
  }

  @Override
  public String stop(StreamSession s) {
    return new JsonObject().put("event", "stop").put("sequence_number", String.valueOf(s.nextSequence()))
        .put("stop", new JsonObject().put("call_control_id", s.callId())).put("stream_id", s.streamId()).encode();
  }

  @Override
  public boolean ordered() {
    return false;
  }
}
