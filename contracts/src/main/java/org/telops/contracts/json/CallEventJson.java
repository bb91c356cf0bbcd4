package org.telops.contracts.json;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.telops.contracts.call.CallEvent;

/** JSON shape of {@link CallEvent} on the bus ({@code telops.call.events}). */
public final class CallEventJson {
  private CallEventJson() {}

  public static JsonObject toJson(CallEvent e) {
    JsonObject o = new JsonObject()
        .put("type", e.type().wire())
        .put("callId", e.callId())
        .put("at", e.at().toString());
    if (e.carrierCallId() != null) o.put("carrierCallId", e.carrierCallId());
    if (e.carrier() != null) o.put("carrier", e.carrier());
    if (e.region() != null) o.put("region", e.region());
    if (e.tenant() != null) o.put("tenant", e.tenant());
    if (!e.attributes().isEmpty()) o.put("attributes", new JsonObject(new HashMap<>(e.attributes())));
    return o;
  }

  public static CallEvent fromJson(JsonObject o) {
    CallEvent.Type type = JsonFields.enumValue(o, "", "type",
        s -> CallEvent.Type.valueOf(s.trim().toUpperCase(Locale.ROOT)));
    String callId = JsonFields.string(o, "", "callId");
    Instant at = JsonFields.instant(o, "", "at");
    if (type == null) throw new InvalidFieldException("type", "required (started, answered or ended)");
    if (callId == null) throw new InvalidFieldException("callId", "required");
    if (at == null) throw new InvalidFieldException("at", "required");
    Map<String, String> attributes = new HashMap<>();
    JsonObject attrs = JsonFields.object(o, "", "attributes");
    if (attrs != null) {
      attrs.forEach(en -> attributes.put(en.getKey(), String.valueOf(en.getValue())));
    }
    return new CallEvent(type, callId, JsonFields.string(o, "", "carrierCallId"),
        JsonFields.string(o, "", "carrier"), JsonFields.string(o, "", "region"),
        JsonFields.string(o, "", "tenant"), at, attributes);
  }
}
