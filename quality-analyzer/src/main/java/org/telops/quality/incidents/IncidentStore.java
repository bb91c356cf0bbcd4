package org.telops.quality.incidents;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.telops.quality.alerting.OpenAlert;
import org.telops.quality.alerting.RuleKind;
import org.telops.quality.alerting.Scope;
import org.telops.quality.notify.Outbox;
import org.telops.quality.triage.Stack;

/**
 * Writes alerts, incidents and their timeline, inside the caller's transaction, and queues the
 * notifications of the same change in the outbox of that transaction. Plain JDBC: call it off the event loop.
 *
 * <p>Correlation key: an alert joins the open or acknowledged incident of the same carrier and region,
 * whatever its rule, stack or tenant — carriers and regions are shared, so one carrier fault is one
 * incident and not one per symptom or tenant. The incident's stack is the first (Telephony → Audio →
 * Intelligence → Output) among its alerts: a higher-priority alert joining reclassifies it; it is never
 * downgraded.
 */
public final class IncidentStore {
    /** Actor of what the evaluator does by itself (auto-resolve, breach). */
    public static final String SYSTEM_ACTOR = "quality-analyzer";

    private final Outbox outbox;

    public IncidentStore(Outbox outbox) {
        this.outbox = outbox;
    }

    public long openAlert(Connection c, String rule, Scope scope, double value, double threshold, int windowSeconds,
                          JsonObject evidence, Instant now, Changes changes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(IncidentSql.INSERT_ALERT)) {
            ps.setString(1, rule);
            ps.setString(2, scope.tenantId());
            ps.setString(3, scope.carrier());
            ps.setString(4, scope.region());
            ps.setObject(5, at(now));
            ps.setObject(6, at(now));
            setDouble(ps, 7, value);
            ps.setDouble(8, threshold);
            ps.setInt(9, windowSeconds);
            ps.setString(10, evidence.encode());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                changes.alert("opened", id);
                return id;
            }
        }
    }

    /** Every open alert of a rule this build knows (others are left as they are). */
    public List<OpenAlert> openAlerts(Connection c) throws SQLException {
        List<OpenAlert> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(IncidentSql.OPEN_ALERTS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                RuleKind kind = RuleKind.byId(rs.getString("rule"));
                if (kind != null) {
                    out.add(new OpenAlert(rs.getLong("alert_id"), kind,
                            new Scope(rs.getString("tenant_id"), rs.getString("carrier"), rs.getString("region")),
                            rs.getInt("clean_evaluations"), (Long) rs.getObject("incident_id")));
                }
            }
        }
        return out;
    }

    public void alertFiring(Connection c, long alertId, double value, boolean breaching, JsonObject latest, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(IncidentSql.ALERT_FIRING)) {
            setDouble(ps, 1, value);
            ps.setBoolean(2, breaching);
            ps.setObject(3, at(now));
            ps.setString(4, latest.encode());
            ps.setLong(5, alertId);
            ps.executeUpdate();
        }
    }

    public void alertClearing(Connection c, long alertId, JsonObject latest, int cleanEvaluations) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(IncidentSql.ALERT_CLEARING)) {
            ps.setString(1, latest.encode());
            ps.setInt(2, cleanEvaluations);
            ps.setLong(3, alertId);
            ps.executeUpdate();
        }
    }

    /** Resolves the alert; when it was its incident's last open alert, the incident resolves too. */
    public void resolveAlert(Connection c, long alertId, Long incidentId, String rule, JsonObject latest,
                             int cleanEvaluations, Instant now, Changes changes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(IncidentSql.ALERT_RESOLVE)) {
            ps.setObject(1, at(now));
            ps.setString(2, latest.encode());
            ps.setInt(3, cleanEvaluations);
            ps.setLong(4, alertId);
            if (ps.executeUpdate() == 0) {
                return;
            }
        }
        changes.alert("resolved", alertId);
        if (incidentId == null) {
            return;
        }
        JsonObject incident = lock(c, incidentId);
        event(c, incidentId, now, "alert-resolved", SYSTEM_ACTOR, new JsonObject().put("alertId", alertId)
                .put("rule", rule).put("cleanEvaluations", cleanEvaluations));
        if (incident == null || "resolved".equals(incident.getString("status")) || openAlerts(c, incidentId) > 0) {
            return;
        }
        setResolved(c, incidentId, SYSTEM_ACTOR, now);
        event(c, incidentId, now, "resolved", SYSTEM_ACTOR, new JsonObject().put("reason", "all alerts cleared"));
        changes.incident("resolved", incidentId);
        queue(c, "resolved", incidentId, now, changes);
    }

    /** Where a new alert went: the incident it joined or opened. */
    public record Correlation(long incidentId, boolean opened) {}

    public Correlation correlate(Connection c, long alertId, String rule, Scope scope, Stack stack, String title,
                                 JsonObject detail, Instant now, Changes changes) throws SQLException {
        Long existing = null;
        Stack existingStack = null;
        try (PreparedStatement ps = c.prepareStatement(IncidentSql.ACTIVE_INCIDENT_FOR_KEY)) {
            ps.setString(1, scope.carrier());
            ps.setString(2, scope.region());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    existing = rs.getLong("incident_id");
                    existingStack = Stack.byId(rs.getString("stack"));
                }
            }
        }
        JsonObject eventDetail = detail.copy().put("alertId", alertId).put("rule", rule).put("stack", stack.id());
        if (existing == null) {
            long id;
            try (PreparedStatement ps = c.prepareStatement(IncidentSql.INSERT_INCIDENT)) {
                ps.setString(1, stack.id());
                ps.setString(2, title);
                ps.setString(3, scope.tenantId());
                ps.setString(4, scope.carrier());
                ps.setString(5, scope.region());
                ps.setObject(6, at(now));
                ps.setInt(7, stack.targetResolutionMinutes());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            setIncident(c, alertId, id);
            event(c, id, now, "opened", SYSTEM_ACTOR, eventDetail);
            changes.incident("opened", id);
            return new Correlation(id, true);
        }
        setIncident(c, alertId, existing);
        event(c, existing, now, "alert-joined", SYSTEM_ACTOR, eventDetail);
        try (PreparedStatement ps = c.prepareStatement(IncidentSql.WIDEN_TENANT)) {
            ps.setLong(1, existing);
            ps.setString(2, scope.tenantId());
            ps.executeUpdate();
        }
        if (existingStack == null || stack.before(existingStack)) {
            try (PreparedStatement ps = c.prepareStatement(IncidentSql.RECLASSIFY)) {
                ps.setString(1, stack.id());
                ps.setString(2, title);
                ps.setInt(3, stack.targetResolutionMinutes());
                ps.setLong(4, existing);
                ps.executeUpdate();
            }
            event(c, existing, now, "reclassified", SYSTEM_ACTOR, new JsonObject()
                    .put("from", existingStack == null ? null : existingStack.id()).put("to", stack.id())
                    .put("targetResolutionMinutes", stack.targetResolutionMinutes()).put("alertId", alertId)
                    .put("reason", detail.getString("triage")));
            changes.incident("reclassified", existing);
        } else {
            changes.incident("alert-joined", existing);
        }
        return new Correlation(existing, false);
    }

    /** Queues the "opened" notification (after every alert of this evaluation has joined, so it lists them all). */
    /** Queues the finance notification of a cost alert (target "finance"), once per alert. */
    public void notifyFinance(Connection c, long alertId, String rule, Scope scope, String summary, String reason,
                              java.util.List<String> callIds, Instant now) throws SQLException {
        outbox.financeAlert(c, new JsonObject().put("text", "telops cost alert: " + summary + " on " + scope
                + (reason == null ? "" : " — " + reason)).put("event", "cost-anomaly").put("alertId", alertId).put("rule", rule)
                .put("tenant", scope.tenantId()).put("carrier", scope.carrier()).put("summary", summary).put("reason", reason)
                .put("exampleCalls", new io.vertx.core.json.JsonArray(new java.util.ArrayList<>(callIds)))
                .put("at", now.toString()), now);
    }

    public void notifyOpened(Connection c, long incidentId, Instant now, Changes changes) throws SQLException {
        queue(c, "opened", incidentId, now, changes);
    }

    /** Flags open or acknowledged incidents past their target resolution time, once each. */
    public int breachOverdue(Connection c, Instant now, Changes changes) throws SQLException {
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement(IncidentSql.BREACH_OVERDUE)) {
            ps.setObject(1, at(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong("incident_id");
                    event(c, id, now, "breached", SYSTEM_ACTOR, new JsonObject()
                            .put("targetResolutionMinutes", rs.getInt("target_resolution_minutes")));
                    changes.incident("breached", id);
                    queue(c, "breached", id, now, changes);
                    n++;
                }
            }
        }
        return n;
    }

    JsonObject lock(Connection c, long incidentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(IncidentSql.LOCK_INCIDENT)) {
            ps.setLong(1, incidentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? IncidentJson.incident(rs) : null;
            }
        }
    }

    int openAlerts(Connection c, long incidentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(IncidentSql.OPEN_ALERTS_OF_INCIDENT)) {
            ps.setLong(1, incidentId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    void setResolved(Connection c, long incidentId, String by, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(IncidentSql.RESOLVE_INCIDENT)) {
            ps.setObject(1, at(now));
            ps.setString(2, by);
            ps.setLong(3, incidentId);
            ps.executeUpdate();
        }
    }

    void queue(Connection c, String event, long incidentId, Instant now, Changes changes) throws SQLException {
        if (!outbox.enabled()) {
            return;
        }
        JsonObject incident = IncidentReads.incident(c, incidentId).orElseThrow();
        JsonArray alerts = IncidentReads.alertsOf(c, incidentId);
        if (outbox.incidentEvent(c, event, incident, alerts, now)) {
            changes.notificationQueued();
        }
    }

    static void event(Connection c, long incidentId, Instant now, String kind, String actor, JsonObject detail)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(IncidentSql.INSERT_EVENT)) {
            ps.setLong(1, incidentId);
            ps.setObject(2, at(now));
            ps.setString(3, kind);
            ps.setString(4, actor);
            ps.setString(5, detail == null ? null : detail.encode());
            ps.executeUpdate();
        }
    }

    private static void setIncident(Connection c, long alertId, long incidentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(IncidentSql.ALERT_SET_INCIDENT)) {
            ps.setLong(1, incidentId);
            ps.setLong(2, alertId);
            ps.executeUpdate();
        }
    }

    static OffsetDateTime at(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static void setDouble(PreparedStatement ps, int i, double v) throws SQLException {
        if (Double.isNaN(v)) {
            ps.setNull(i, java.sql.Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }
}
