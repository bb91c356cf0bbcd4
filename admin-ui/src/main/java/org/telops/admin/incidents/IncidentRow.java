package org.telops.admin.incidents;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.telops.admin.Db;

/** An incident with its SLA clock: target minutes per stack (telephony 5, audio 10, intelligence 15, output 10). */
public record IncidentRow(long id, String stack, String title, String status, String carrier, String region,
                         String tenant, Instant openedAt, int targetMinutes, Instant acknowledgedAt,
                         String acknowledgedBy, Instant resolvedAt, String resolvedBy, boolean slaBreached) {

  public static final List<String> STACKS = List.of("telephony", "audio", "intelligence", "output");

  private static final String COLUMNS = "incident_id, stack, title, status, carrier, region, tenant_id, opened_at, "
      + "target_resolution_minutes, acknowledged_at, acknowledged_by, resolved_at, resolved_by, sla_breached";

  /** Time left to the resolution target (negative = overdue); for a resolved incident, how long it took. */
  public Duration slaLeft(Instant now) {
    return Duration.between(now, openedAt.plus(Duration.ofMinutes(targetMinutes)));
  }

  public Duration timeToResolve() {
    return resolvedAt == null ? null : Duration.between(openedAt, resolvedAt);
  }

  public boolean open() {
    return !"resolved".equals(status);
  }

  public static List<IncidentRow> active() {
    return Db.list("SELECT " + COLUMNS + " FROM incidents WHERE status <> 'resolved' ORDER BY opened_at", IncidentRow::map);
  }

  static List<IncidentRow> recentResolved(int limit) {
    return Db.list("SELECT " + COLUMNS + " FROM incidents WHERE status = 'resolved' ORDER BY resolved_at DESC LIMIT ?",
        IncidentRow::map, limit);
  }

  static IncidentRow find(long id) {
    return Db.one("SELECT " + COLUMNS + " FROM incidents WHERE incident_id = ?", IncidentRow::map, id);
  }

  /** Incidents whose alerts name this call as an example. */
  public static List<IncidentRow> citing(String callId) {
    return Db.list("SELECT DISTINCT " + prefixed() + ", i.opened_at AS o FROM incidents i JOIN alerts a ON a.incident_id = i.incident_id "
        + "WHERE a.evidence -> 'opened' -> 'callIds' @> jsonb_build_array(?::text) "
        + "OR a.evidence -> 'latest' -> 'callIds' @> jsonb_build_array(?::text) ORDER BY o DESC LIMIT 20",
        IncidentRow::map, callId, callId);
  }

  private static String prefixed() {
    return "i." + COLUMNS.replace(", ", ", i.");
  }

  public record Event(Instant at, String kind, String actor, String detail) {}

  static List<Event> timeline(long id) {
    return Db.list("SELECT at, kind, actor, detail::text AS detail FROM incident_events WHERE incident_id = ? ORDER BY at, event_id",
        rs -> new Event(Db.instant(rs, "at"), rs.getString("kind"), rs.getString("actor"), rs.getString("detail")), id);
  }

  public record Alert(long id, String rule, String status, String carrier, String region, Instant openedAt,
                      Double value, Double threshold, String summary, String triage, List<String> callIds) {}

  static List<Alert> alerts(long incidentId) {
    return Db.list("SELECT alert_id, rule, status, carrier, region, opened_at, value, threshold, evidence::text AS evidence "
        + "FROM alerts WHERE incident_id = ? ORDER BY opened_at", rs -> {
          JsonObject ev = rs.getString("evidence") == null ? new JsonObject() : new JsonObject(rs.getString("evidence"));
          JsonObject latest = ev.getJsonObject("latest", ev.getJsonObject("opened", new JsonObject()));
          Set<String> ids = new LinkedHashSet<>();
          for (String k : List.of("opened", "latest")) {
            JsonArray a = ev.getJsonObject(k, new JsonObject()).getJsonArray("callIds", new JsonArray());
            a.forEach(o -> ids.add(String.valueOf(o)));
          }
          return new Alert(rs.getLong("alert_id"), rs.getString("rule"), rs.getString("status"), rs.getString("carrier"),
              rs.getString("region"), Db.instant(rs, "opened_at"), Db.dbl(rs, "value"), Db.dbl(rs, "threshold"),
              latest.getString("summary"), ev.getString("triage"), new ArrayList<>(ids));
        }, incidentId);
  }

  private static IncidentRow map(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new IncidentRow(rs.getLong("incident_id"), rs.getString("stack"), rs.getString("title"), rs.getString("status"),
        rs.getString("carrier"), rs.getString("region"), rs.getString("tenant_id"), Db.instant(rs, "opened_at"),
        rs.getInt("target_resolution_minutes"), Db.instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"),
        Db.instant(rs, "resolved_at"), rs.getString("resolved_by"), rs.getBoolean("sla_breached"));
  }
}
