package org.telops.admin.calls;

import com.vaadin.flow.router.QueryParameters;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CDR search as the URL holds it ({@code /calls?preset=24h&carrier=twilio&mosBelow=3.5&number=555}), so a search
 * is a link an engineer can paste into the incident channel. Times are instants; the screen shows them in the
 * browser's zone. A call id searches that one call whatever the window.
 */
public record CallQuery(String preset, Instant from, Instant to, String carrier, String region, String direction,
                        String outcome, String hangupCause, Double mosBelow, String number, String callId) {

  public static final List<String> PRESETS = List.of("15m", "1h", "6h", "24h", "7d", "30d", "custom");

  public static CallQuery defaults() {
    return new CallQuery("24h", null, null, null, null, null, null, null, null, null, null);
  }

  /** The window [from, to) this query covers at {@code now}. */
  public Instant effectiveFrom(Instant now) {
    if ("custom".equals(preset) && from != null) {
      return from;
    }
    return effectiveTo(now).minus(presetDuration(preset));
  }

  public Instant effectiveTo(Instant now) {
    return "custom".equals(preset) && to != null ? to : now;
  }

  static Duration presetDuration(String p) {
    return switch (p == null ? "24h" : p) {
      case "15m" -> Duration.ofMinutes(15);
      case "1h" -> Duration.ofHours(1);
      case "6h" -> Duration.ofHours(6);
      case "7d" -> Duration.ofDays(7);
      case "30d" -> Duration.ofDays(30);
      default -> Duration.ofHours(24);
    };
  }

  public static CallQuery from(QueryParameters qp) {
    Map<String, List<String>> m = qp.getParameters();
    String preset = one(m, "preset");
    if (preset == null || !PRESETS.contains(preset)) {
      preset = one(m, "from") != null ? "custom" : "24h";
    }
    return new CallQuery(preset, instant(one(m, "from")), instant(one(m, "to")), one(m, "carrier"), one(m, "region"),
        one(m, "direction"), one(m, "outcome"), one(m, "cause"), number(one(m, "mosBelow")), one(m, "number"), one(m, "callId"));
  }

  public QueryParameters toParameters() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    put(m, "preset", preset);
    if ("custom".equals(preset)) {
      put(m, "from", from == null ? null : from.toString());
      put(m, "to", to == null ? null : to.toString());
    }
    put(m, "carrier", carrier);
    put(m, "region", region);
    put(m, "direction", direction);
    put(m, "outcome", outcome);
    put(m, "cause", hangupCause);
    put(m, "mosBelow", mosBelow == null ? null : String.valueOf(mosBelow));
    put(m, "number", number);
    put(m, "callId", callId);
    return new QueryParameters(m);
  }

  /** WHERE clause and its arguments (appended to {@code args}). */
  String where(Instant now, List<Object> args) {
    if (callId != null) {
      args.add(callId);
      return " WHERE call_id = ?";
    }
    StringBuilder w = new StringBuilder(" WHERE attempted_at >= ? AND attempted_at < ?");
    args.add(effectiveFrom(now));
    args.add(effectiveTo(now));
    eq(w, args, "carrier", carrier);
    eq(w, args, "region", region);
    eq(w, args, "direction", direction);
    eq(w, args, "outcome", outcome);
    eq(w, args, "hangup_cause", hangupCause);
    if (mosBelow != null) {
      w.append(" AND mos < ?");
      args.add(mosBelow);
    }
    if (number != null) {
      // Partial match on either party: digits as typed, anywhere in the number ("555" finds +14155550100).
      String like = "%" + number.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
      w.append(" AND (from_number LIKE ? OR to_number LIKE ?)");
      args.add(like);
      args.add(like);
    }
    return w.toString();
  }

  private static void eq(StringBuilder w, List<Object> args, String column, String value) {
    if (value != null) {
      w.append(" AND ").append(column).append(" = ?");
      args.add(value);
    }
  }

  private static String one(Map<String, List<String>> m, String k) {
    List<String> l = m.get(k);
    String v = l == null || l.isEmpty() ? null : l.get(0);
    return v == null || v.isBlank() ? null : v.trim();
  }

  private static void put(Map<String, List<String>> m, String k, String v) {
    if (v != null && !v.isBlank()) {
      m.put(k, new ArrayList<>(List.of(v)));
    }
  }

  private static Instant instant(String s) {
    try {
      return s == null ? null : Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Double number(String s) {
    try {
      return s == null ? null : Double.valueOf(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
