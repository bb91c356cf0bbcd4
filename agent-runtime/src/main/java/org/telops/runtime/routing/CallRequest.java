package org.telops.runtime.routing;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * A new outbound call to place.
 *
 * @param to callee, E.164 (+ and 7–15 digits)
 * @param from caller id, E.164, a number the carrier account owns
 * @param tenant whose call it is (CDR, billing)
 * @param agent which voice agent answers, or null for the tenant's default
 * @param region where the call should be handled, or null for any; a region the prober removed for a
 *     carrier is skipped for that carrier
 * @param tag who asked ("api", "drill:12"); kept with the call, never sent to the carrier
 */
public record CallRequest(String to, String from, String tenant, String agent, String region, String tag) {

  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /** A request field that cannot be used; the message names the field, the value and what is expected. */
  public static final class InvalidField extends IllegalArgumentException {
    private final String field;

    public InvalidField(String field, String message) {
      super(field + ": " + message);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  /** Reads and checks the API's fields; throws {@link InvalidField} on the first bad one. */
  public static CallRequest of(Map<String, String> fields, String tag) {
    String to = required(fields, "to");
    String from = required(fields, "from");
    if (!E164.matcher(to).matches()) {
      throw new InvalidField("to", "'" + to + "' is not an E.164 number: use + and 7 to 15 digits, e.g. +14155550100");
    }
    if (!E164.matcher(from).matches()) {
      throw new InvalidField("from", "'" + from + "' is not an E.164 number: use a number your carrier account owns, "
          + "e.g. +14155550199");
    }
    String tenant = name(fields, "tenant", true);
    return new CallRequest(to, from, tenant, name(fields, "agent", false), name(fields, "region", false), tag);
  }

  private static String required(Map<String, String> fields, String name) {
    String v = fields.get(name);
    if (v == null || v.isBlank()) {
      throw new InvalidField(name, "required");
    }
    return v.trim();
  }

  private static String name(Map<String, String> fields, String name, boolean required) {
    String v = fields.get(name);
    if (v == null || v.isBlank()) {
      if (required) {
        throw new InvalidField(name, "required");
      }
      return null;
    }
    v = v.trim();
    if (!NAME.matcher(v).matches()) {
      throw new InvalidField(name, "'" + v + "' is not a name: use 1 to 64 letters, digits, '.', '_', ':' or '-'");
    }
    return v;
  }
}
