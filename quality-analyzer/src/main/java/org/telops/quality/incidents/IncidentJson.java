package org.telops.quality.incidents;

import io.vertx.core.json.JsonObject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * Rows as the JSON of the REST API and the event bus ({@code telops.alerts}, {@code telops.incidents}):
 * camelCase, times as ISO-8601 UTC, absent values as null.
 */
public final class IncidentJson {
    private IncidentJson() {}

    static JsonObject alert(ResultSet rs) throws SQLException {
        String evidence = rs.getString("evidence");
        return new JsonObject()
                .put("alertId", rs.getLong("alert_id"))
                .put("rule", rs.getString("rule"))
                .put("tenantId", rs.getString("tenant_id"))
                .put("carrier", rs.getString("carrier"))
                .put("region", rs.getString("region"))
                .put("status", rs.getString("status"))
                .put("openedAt", time(rs, "opened_at"))
                .put("lastSeenAt", time(rs, "last_seen_at"))
                .put("resolvedAt", time(rs, "resolved_at"))
                .put("value", dbl(rs, "value"))
                .put("threshold", dbl(rs, "threshold"))
                .put("windowSeconds", (Integer) rs.getObject("window_seconds"))
                .put("incidentId", (Long) rs.getObject("incident_id"))
                .put("evidence", evidence == null ? null : new JsonObject(evidence));
    }

    static JsonObject incident(ResultSet rs) throws SQLException {
        OffsetDateTime opened = rs.getObject("opened_at", OffsetDateTime.class);
        int target = rs.getInt("target_resolution_minutes");
        return new JsonObject()
                .put("incidentId", rs.getLong("incident_id"))
                .put("stack", rs.getString("stack"))
                .put("title", rs.getString("title"))
                .put("status", rs.getString("status"))
                .put("tenantId", rs.getString("tenant_id"))
                .put("carrier", rs.getString("carrier"))
                .put("region", rs.getString("region"))
                .put("openedAt", opened.toInstant().toString())
                .put("targetResolutionMinutes", target)
                .put("dueAt", opened.toInstant().plusSeconds(60L * target).toString())
                .put("acknowledgedAt", time(rs, "acknowledged_at"))
                .put("acknowledgedBy", rs.getString("acknowledged_by"))
                .put("resolvedAt", time(rs, "resolved_at"))
                .put("resolvedBy", rs.getString("resolved_by"))
                .put("slaBreached", rs.getBoolean("sla_breached"));
    }

    static JsonObject event(ResultSet rs) throws SQLException {
        String detail = rs.getString("detail");
        return new JsonObject()
                .put("eventId", rs.getLong("event_id"))
                .put("at", time(rs, "at"))
                .put("kind", rs.getString("kind"))
                .put("actor", rs.getString("actor"))
                .put("detail", detail == null ? null : new JsonObject(detail));
    }

    private static String time(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant().toString();
    }

    private static Double dbl(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
