package org.telops.runtime.telnyx;

import static org.telops.runtime.session.WireFields.base64;
import static org.telops.runtime.session.WireFields.child;
import static org.telops.runtime.session.WireFields.number;
import static org.telops.runtime.session.WireFields.quote;
import static org.telops.runtime.session.WireFields.stringMap;
import static org.telops.runtime.session.WireFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.telops.runtime.session.BadInput;
import org.telops.runtime.session.JsonCarrierProtocol;
import org.telops.runtime.session.InboundFrame;
import org.telops.runtime.session.WireFields;
import org.telops.runtime.session.WireFields.BadFrame;

/**
 * Telnyx media streaming: snake_case JSON text frames with {@code stream_id} at the top level.
 * In: connected, start, media (order not guaranteed: chunk numbers let the session reorder), dtmf,
 * mark, stop, error ({@code {code, title, detail}}, found under "payload" or "error": the documents
 * disagree, so both are read). Out: media / mark / clear without a stream id. Our own ids travel in
 * client_state (base64 JSON), whose fields join the custom parameters.
 */
public final class TelnyxSerializer extends JsonCarrierProtocol {
  public static final String CARRIER = "telnyx";

  @Override
  public String carrier() {
    return CARRIER;
  }

  @Override
  protected InboundFrame event(String event, JsonNode root) {
    switch (event) {
      case "media": {
        JsonNode media = child(root, "media", event);
        String track = text(media, "track");
        long chunk = number(media, "chunk");
        if (chunk < 0) {
          chunk = number(root, "sequence_number");
        }
        return new InboundFrame.Media(track == null || track.startsWith("inbound"), chunk,
            number(media, "timestamp"), base64(media, event));
      }
      case "error": {
        JsonNode e = root.has("payload") ? root.get("payload") : root.get("error");
        return new InboundFrame.CarrierError(text(e, "code"), text(e, "title"), text(e, "detail"));
      }
      default:
        throw unknown(event);
    }
  }

  @Override
  protected InboundFrame start(JsonNode root) {
    JsonNode start = child(root, "start", "start");
    String streamId = text(root, "stream_id");
    String ccid = text(start, "call_control_id");
    if (ccid == null) {
      throw new BadFrame(BadInput.MISSING_FIELD, "start frame without a call_control_id");
    }
    Map<String, String> params = stringMap(start.get("custom_parameters"));
    clientState(text(start, "client_state")).forEach(params::putIfAbsent);
    JsonNode format = start.get("media_format");
    return new InboundFrame.Start(streamId, ccid, params, text(start, "from"), text(start, "to"),
        text(format, "encoding"), format == null ? 8000 : (int) number(format, "sample_rate"),
        format == null ? 1 : (int) number(format, "channels"));
  }

  /** Our client_state is base64 JSON; someone else's (or garbage) contributes nothing. */
  static Map<String, String> clientState(String b64) {
    if (b64 == null || b64.isBlank()) {
      return Map.of();
    }
    try {
      String json = new String(Base64.getDecoder().decode(b64.trim()), StandardCharsets.UTF_8);
      return stringMap(WireFields.JSON.readTree(json));
    } catch (Exception e) {
      return Map.of();
    }
  }

  @Override
  public String encodeMedia(byte[] ulaw) {
    return "{\"event\":\"media\",\"media\":{\"payload\":\"" + Base64.getEncoder().encodeToString(ulaw) + "\"}}";
  }

  private static final byte[] MEDIA_PREFIX = "{\"event\":\"media\",\"media\":{\"payload\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] MEDIA_SUFFIX = "\"}}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  @Override
  public byte[] encodeMediaBytes(byte[] ulaw) {
    return mediaFrame(MEDIA_PREFIX, ulaw, MEDIA_SUFFIX);
  }

  @Override
  public int encodeMediaBytes(byte[] ulaw, byte[] out) {
    return mediaFrame(MEDIA_PREFIX, ulaw, MEDIA_SUFFIX, out);
  }

  @Override
  public String encodeMark(String name) {
    return "{\"event\":\"mark\",\"mark\":{\"name\":" + quote(name) + "}}";
  }

  @Override
  public String encodeClear() {
    return "{\"event\":\"clear\"}";
  }
}
