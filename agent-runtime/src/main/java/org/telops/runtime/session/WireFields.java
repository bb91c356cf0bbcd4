package org.telops.runtime.session;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Tolerant reading of carrier JSON frames shared by the serializers: numbers may come as strings and vice versa. */
public final class WireFields {
  public static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:+=/-]*");
  private static final String DIGITS = "0123456789*#ABCD";

  private WireFields() {}

  /** Thrown for a frame that cannot be used; becomes {@link InboundFrame.Bad}. */
  public static final class BadFrame extends RuntimeException {
    final BadInput kind;

    public BadFrame(BadInput kind, String detail) {
      super(detail, null, false, false);
      this.kind = kind;
    }

    public InboundFrame.Bad toFrame() {
      return new InboundFrame.Bad(kind, getMessage());
    }
  }

  /** Parses a text frame into a JSON object or throws {@link BadFrame}. */
  public static JsonNode object(String text) {
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (Exception e) {
      throw new BadFrame(BadInput.NON_JSON, "not JSON: " + abbreviate(text));
    }
    if (n == null || !n.isObject()) {
      throw new BadFrame(BadInput.NON_JSON, "not a JSON object: " + abbreviate(text));
    }
    return n;
  }

  public static JsonNode child(JsonNode parent, String name, String event) {
    JsonNode c = parent.get(name);
    if (c == null || !c.isObject()) {
      throw new BadFrame(BadInput.MISSING_FIELD, event + " frame without a '" + name + "' object");
    }
    return c;
  }

  /** Text of a field (numbers as text), or null. */
  public static String text(JsonNode n, String name) {
    JsonNode v = n == null ? null : n.get(name);
    if (v == null || v.isNull() || v.isContainerNode()) {
      return null;
    }
    return v.asText();
  }

  /** A whole number given as a number or a string; −1 when absent; {@link BadFrame} when unreadable. */
  public static long number(JsonNode n, String name) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      return -1;
    }
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    try {
      return Long.parseLong(v.asText().trim());
    } catch (NumberFormatException e) {
      throw new BadFrame(BadInput.BAD_VALUE, "'" + name + "' is not a whole number: " + abbreviate(v.toString()));
    }
  }

  public static byte[] base64(JsonNode media, String event) {
    String payload = text(media, "payload");
    if (payload == null) {
      throw new BadFrame(BadInput.MISSING_FIELD, event + " frame without a payload");
    }
    try {
      return Base64.getDecoder().decode(payload);
    } catch (IllegalArgumentException e) {
      throw new BadFrame(BadInput.BAD_BASE64, "payload is not base64: " + e.getMessage());
    }
  }

  public static char digit(JsonNode dtmf) {
    String d = text(dtmf, "digit");
    if (d == null || d.length() != 1 || DIGITS.indexOf(Character.toUpperCase(d.charAt(0))) < 0) {
      throw new BadFrame(BadInput.BAD_VALUE, "DTMF digit '" + abbreviate(String.valueOf(d)) + "' is not one of 0-9 * # A-D");
    }
    return Character.toUpperCase(d.charAt(0));
  }

  /** A JSON object of scalars, or an array of {name, value} objects, as a string map. */
  public static Map<String, String> stringMap(JsonNode n) {
    Map<String, String> m = new HashMap<>();
    if (n == null) {
      return m;
    }
    if (n.isObject()) {
      n.fields().forEachRemaining(e -> {
        if (!e.getValue().isContainerNode() && !e.getValue().isNull()) {
          m.put(e.getKey(), e.getValue().asText());
        }
      });
    } else if (n.isArray()) {
      for (JsonNode item : n) {
        String k = text(item, "name");
        String v = text(item, "value");
        if (k != null && v != null) {
          m.put(k, v);
        }
      }
    }
    return m;
  }

  /** A JSON string literal (quotes included) for a value we echo back to a carrier. */
  public static String quote(String s) {
    if (s == null) {
      return "null";
    }
    if (SAFE.matcher(s).matches()) {
      return "\"" + s + "\"";
    }
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }

  public static ObjectNode newObject() {
    return JSON.createObjectNode();
  }

  public static String abbreviate(String s) {
    if (s == null) {
      return "null";
    }
    return s.length() <= 80 ? s : s.substring(0, 80) + "… (" + s.length() + " chars)";
  }
}
