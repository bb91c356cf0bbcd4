package org.telops.admin.carriers;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.telops.admin.Db;
import org.telops.admin.Services;

/**
 * One carrier as the console shows it: the stored state (mode, reason, who, when) and the last health figures
 * the carrier router published (circuit, calls in flight, CPS queue, API errors and latency, connect success).
 */
public record CarrierRow(String name, int priority, String circuit, String mode, String reason, String changedBy,
                         Instant changedAt, JsonObject health) {

  /** available, forced-open, draining, circuit-open, half-open: the same words as GET /api/v1/carriers. */
  public String state() {
    String m = health != null && health.getString("mode") != null ? health.getString("mode") : mode;
    String c = health != null && health.getString("circuit") != null ? health.getString("circuit") : circuit;
    if (m != null && !m.equals("normal")) {
      return m;
    }
    if ("open".equals(c)) {
      return "circuit-open";
    }
    if ("half-open".equals(c)) {
      return "half-open";
    }
    return "available";
  }

  public boolean available() {
    return state().equals("available");
  }

  public Number figure(String key) {
    return health == null ? null : (Number) health.getValue(key);
  }

  public static List<CarrierRow> load() {
    Map<String, JsonObject> health = Services.get().live().carrierHealth();
    Map<String, CarrierRow> rows = new LinkedHashMap<>();
    for (CarrierRow r : Db.list("SELECT carrier, priority, circuit, mode, reason, changed_by, changed_at FROM carrier_state ORDER BY priority, carrier",
        rs -> new CarrierRow(rs.getString("carrier"), rs.getInt("priority"), rs.getString("circuit"), rs.getString("mode"),
            rs.getString("reason"), rs.getString("changed_by"), Db.instant(rs, "changed_at"), null))) {
      JsonObject h = health.get(r.name());
      boolean newer = h != null && h.getString("changedAt") != null;
      rows.put(r.name(), new CarrierRow(r.name(), r.priority(), r.circuit(), r.mode(),
          newer ? h.getString("reason") : r.reason(), newer ? h.getString("changedBy") : r.changedBy(),
          newer ? Instant.parse(h.getString("changedAt")) : r.changedAt(), h));
    }
    health.forEach((name, h) -> rows.computeIfAbsent(name, n -> new CarrierRow(n, 100, h.getString("circuit"),
        h.getString("mode"), h.getString("reason"), h.getString("changedBy"),
        h.getString("changedAt") == null ? null : Instant.parse(h.getString("changedAt")), h)));
    return new ArrayList<>(rows.values());
  }

  public record FailoverEvent(Instant at, String from, String to, String trigger, String reason, Integer detectionMs) {}

  static List<FailoverEvent> failovers(int limit) {
    return Db.list("SELECT at, from_carrier, to_carrier, trigger, reason, detection_ms FROM failover_events ORDER BY at DESC LIMIT ?",
        rs -> new FailoverEvent(Db.instant(rs, "at"), rs.getString("from_carrier"), rs.getString("to_carrier"),
            rs.getString("trigger"), rs.getString("reason"), (Integer) rs.getObject("detection_ms")), limit);
  }
}
