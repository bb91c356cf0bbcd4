package org.telops.quality.incidents;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * What on-call does to an incident: acknowledge and resolve, each with who, when and an optional note,
 * on the timeline and in audit_log. Runs inside the caller's transaction; the incident row is locked
 * first, so an evaluation running at the same moment waits instead of interleaving.
 */
public final class IncidentActions {

    /** HTTP-shaped result: 200 with the incident, or 404/409 with a sentence. */
    public record Outcome(int status, String error, JsonObject incident) {
        static Outcome ok(JsonObject incident) {
            return new Outcome(200, null, incident);
        }

        static Outcome fail(int status, String error) {
            return new Outcome(status, error, null);
        }
    }

    private final IncidentStore store;

    public IncidentActions(IncidentStore store) {
        this.store = store;
    }

    public Outcome acknowledge(Connection c, long incidentId, String by, String note, Instant now, Changes changes)
            throws SQLException {
        JsonObject incident = store.lock(c, incidentId);
        if (incident == null) {
            return Outcome.fail(404, "no incident with id " + incidentId);
        }
        switch (incident.getString("status")) {
            case "acknowledged" -> {
                return Outcome.fail(409, "incident " + incidentId + " was already acknowledged by "
                        + incident.getString("acknowledgedBy") + " at " + incident.getString("acknowledgedAt"));
            }
            case "resolved" -> {
                return Outcome.fail(409, "incident " + incidentId + " is resolved (by " + incident.getString("resolvedBy")
                        + " at " + incident.getString("resolvedAt") + "): there is nothing to acknowledge");
            }
            default -> { }
        }
        try (PreparedStatement ps = c.prepareStatement(IncidentSql.ACKNOWLEDGE_INCIDENT)) {
            ps.setObject(1, IncidentStore.at(now));
            ps.setString(2, by);
            ps.setLong(3, incidentId);
            ps.executeUpdate();
        }
        IncidentStore.event(c, incidentId, now, "acknowledged", by, new JsonObject().put("note", note));
        audit(c, now, by, "incident.acknowledge", incidentId, note, "open", "acknowledged");
        changes.incident("acknowledged", incidentId);
        return Outcome.ok(IncidentReads.incidentDetail(c, incidentId).orElseThrow());
    }

    /** Resolves by hand; alerts still firing stay open (the data says so) and are named on the timeline. */
    public Outcome resolve(Connection c, long incidentId, String by, String note, Instant now, Changes changes)
            throws SQLException {
        JsonObject incident = store.lock(c, incidentId);
        if (incident == null) {
            return Outcome.fail(404, "no incident with id " + incidentId);
        }
        String status = incident.getString("status");
        if ("resolved".equals(status)) {
            return Outcome.fail(409, "incident " + incidentId + " was already resolved by "
                    + incident.getString("resolvedBy") + " at " + incident.getString("resolvedAt"));
        }
        int stillFiring = store.openAlerts(c, incidentId);
        store.setResolved(c, incidentId, by, now);
        IncidentStore.event(c, incidentId, now, "resolved", by, new JsonObject().put("note", note)
                .put("alertsStillOpen", stillFiring));
        audit(c, now, by, "incident.resolve", incidentId, note, status, "resolved");
        changes.incident("resolved", incidentId);
        store.queue(c, "resolved", incidentId, now, changes);
        return Outcome.ok(IncidentReads.incidentDetail(c, incidentId).orElseThrow());
    }

    private static void audit(Connection c, Instant now, String actor, String action, long incidentId, String note,
                              String from, String to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(IncidentSql.INSERT_AUDIT)) {
            ps.setObject(1, IncidentStore.at(now));
            ps.setString(2, actor);
            ps.setString(3, action);
            ps.setString(4, "incident:" + incidentId);
            ps.setString(5, note);
            ps.setString(6, new JsonObject().put("incidentId", incidentId).put("from", from).put("to", to).encode());
            ps.executeUpdate();
        }
    }
}
