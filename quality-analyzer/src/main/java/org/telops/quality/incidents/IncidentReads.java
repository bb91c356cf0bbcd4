package org.telops.quality.incidents;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Reads alerts and incidents as API/bus JSON. Plain JDBC: call it off the event loop. */
public final class IncidentReads {
    private IncidentReads() {}

    public static Optional<JsonObject> incident(Connection c, long incidentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(IncidentSql.INCIDENT)) {
            ps.setLong(1, incidentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(IncidentJson.incident(rs)) : Optional.empty();
            }
        }
    }

    /** The incident with its alerts and timeline, as {@code GET /api/v1/incidents/{id}} returns it. */
    public static Optional<JsonObject> incidentDetail(Connection c, long incidentId) throws SQLException {
        Optional<JsonObject> incident = incident(c, incidentId);
        if (incident.isPresent()) {
            incident.get().put("alerts", alertsOf(c, incidentId)).put("timeline", timeline(c, incidentId));
        }
        return incident;
    }

    public static Optional<JsonObject> alert(Connection c, long alertId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(IncidentSql.ALERT)) {
            ps.setLong(1, alertId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(IncidentJson.alert(rs)) : Optional.empty();
            }
        }
    }

    public static JsonArray alertsOf(Connection c, long incidentId) throws SQLException {
        return list(c, IncidentSql.ALERTS_OF_INCIDENT, List.of(incidentId), Kind.ALERT);
    }

    public static JsonArray timeline(Connection c, long incidentId) throws SQLException {
        return list(c, IncidentSql.TIMELINE, List.of(incidentId), Kind.EVENT);
    }

    public static JsonArray alerts(Connection c, ListQuery q) throws SQLException {
        return list(c, IncidentSql.listAlerts(q.where()), q.args(), Kind.ALERT);
    }

    public static JsonArray incidents(Connection c, ListQuery q) throws SQLException {
        return list(c, IncidentSql.listIncidents(q.where()), q.args(), Kind.INCIDENT);
    }

    private enum Kind { ALERT, INCIDENT, EVENT }

    private static JsonArray list(Connection c, String sql, List<Object> args, Kind kind) throws SQLException {
        JsonArray out = new JsonArray();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(switch (kind) {
                        case ALERT -> IncidentJson.alert(rs);
                        case INCIDENT -> IncidentJson.incident(rs);
                        case EVENT -> IncidentJson.event(rs);
                    });
                }
            }
        }
        return out;
    }
}
