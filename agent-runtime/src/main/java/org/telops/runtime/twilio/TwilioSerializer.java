package org.telops.runtime.twilio;

import static org.telops.runtime.session.WireFields.base64;
import static org.telops.runtime.session.WireFields.child;
import static org.telops.runtime.session.WireFields.number;
import static org.telops.runtime.session.WireFields.quote;
import static org.telops.runtime.session.WireFields.stringMap;
import static org.telops.runtime.session.WireFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.telops.runtime.session.BadInput;
import org.telops.runtime.session.JsonCarrierProtocol;
import org.telops.runtime.session.InboundFrame;
import org.telops.runtime.session.WireFields.BadFrame;

/**
 * Twilio Media Streams (bidirectional, {@code <Connect><Stream>}): camelCase JSON text frames.
 * In: connected, start, media, dtmf, mark, stop. Out: media (raw μ-law, no header), mark, clear, each
 * carrying the streamSid learned from start. {@code sequenceNumber}, {@code chunk} and {@code timestamp}
 * are strings on the wire; numbers are accepted too.
 */
public final class TwilioSerializer extends JsonCarrierProtocol {
  public static final String CARRIER = "twilio";

  private static final byte[] MEDIA_SUFFIX = "\"}}".getBytes(StandardCharsets.US_ASCII);

  private String streamSidJson = "null";
  private byte[] mediaPrefix = prefix("null");

  @Override
  public String carrier() {
    return CARRIER;
  }

  @Override
  protected InboundFrame event(String event, JsonNode root) {
    if (!event.equals("media")) {
      throw unknown(event);
    }
    JsonNode media = child(root, "media", event);
    String track = text(media, "track");
    return new InboundFrame.Media(track == null || track.startsWith("inbound"), number(media, "chunk"),
        number(media, "timestamp"), base64(media, event));
  }

  @Override
  protected InboundFrame start(JsonNode root) {
    JsonNode start = child(root, "start", "start");
    String sid = text(start, "streamSid");
    if (sid == null) {
      sid = text(root, "streamSid");
    }
    if (sid == null) {
      throw new BadFrame(BadInput.MISSING_FIELD, "start frame without a streamSid");
    }
    if (streamSidJson.equals("null") && text(start, "callSid") != null) {
      streamSidJson = quote(sid); // the first valid start names the stream; a stray second one cannot rename it
      mediaPrefix = prefix(streamSidJson);
    }
    JsonNode format = start.get("mediaFormat");
    var params = stringMap(start.get("customParameters"));
    return new InboundFrame.Start(sid, text(start, "callSid"), params, params.get("from"), params.get("to"),
        text(format, "encoding"), format == null ? 8000 : (int) number(format, "sampleRate"),
        format == null ? 1 : (int) number(format, "channels"));
  }

  @Override
  public String encodeMedia(byte[] ulaw) {
    return "{\"event\":\"media\",\"streamSid\":" + streamSidJson + ",\"media\":{\"payload\":\""
        + Base64.getEncoder().encodeToString(ulaw) + "\"}}";
  }

  @Override
  public byte[] encodeMediaBytes(byte[] ulaw) {
    return mediaFrame(mediaPrefix, ulaw, MEDIA_SUFFIX);
  }

  @Override
  public int encodeMediaBytes(byte[] ulaw, byte[] out) {
    return mediaFrame(mediaPrefix, ulaw, MEDIA_SUFFIX, out);
  }

  private static byte[] prefix(String streamSidJson) {
    return ("{\"event\":\"media\",\"streamSid\":" + streamSidJson + ",\"media\":{\"payload\":\"").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String encodeMark(String name) {
    return "{\"event\":\"mark\",\"streamSid\":" + streamSidJson + ",\"mark\":{\"name\":" + quote(name) + "}}";
  }

  @Override
  public String encodeClear() {
    return "{\"event\":\"clear\",\"streamSid\":" + streamSidJson + "}";
  }
}
