package org.telops.quality.incidents;

/**
 * Statements on alerts, incidents, incident_events and audit_log (this module is their one writer).
 * Times are bound from the evaluator's clock, not now(), so one evaluation writes one instant.
 */
final class IncidentSql {
    private IncidentSql() {}

    static final String ALERT_COLUMNS = "alert_id, rule, tenant_id, carrier, region, status, opened_at, last_seen_at, "
            + "resolved_at, value, threshold, window_seconds, evidence::text AS evidence, incident_id";

    static final String INCIDENT_COLUMNS = "incident_id, stack, title, status, tenant_id, carrier, region, opened_at, "
            + "target_resolution_minutes, acknowledged_at, acknowledged_by, resolved_at, resolved_by, sla_breached";

    static final String OPEN_ALERTS = """
            SELECT alert_id, rule, tenant_id, carrier, region, incident_id,
                   coalesce((evidence ->> 'cleanEvaluations')::int, 0) AS clean_evaluations
            FROM alerts WHERE status = 'open'
            """;

    static final String INSERT_ALERT = """
            INSERT INTO alerts (rule, tenant_id, carrier, region, status, opened_at, last_seen_at, value, threshold,
                                window_seconds, evidence)
            VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?::jsonb)
            RETURNING alert_id
            """;

    /** Still firing (or in the hysteresis band): latest figures, streak back to 0, last_seen_at only when breaching. */
    static final String ALERT_FIRING = """
            UPDATE alerts SET value = ?, last_seen_at = CASE WHEN ? THEN ? ELSE last_seen_at END,
                   evidence = jsonb_set(jsonb_set(evidence, '{latest}', ?::jsonb), '{cleanEvaluations}', to_jsonb(0))
            WHERE alert_id = ? AND status = 'open'
            """;

    static final String ALERT_CLEARING = """
            UPDATE alerts SET evidence = jsonb_set(jsonb_set(evidence, '{latest}', ?::jsonb), '{cleanEvaluations}',
                                                   to_jsonb(?::int))
            WHERE alert_id = ? AND status = 'open'
            """;

    static final String ALERT_RESOLVE = """
            UPDATE alerts SET status = 'resolved', resolved_at = ?,
                   evidence = jsonb_set(jsonb_set(evidence, '{latest}', ?::jsonb), '{cleanEvaluations}', to_jsonb(?::int))
            WHERE alert_id = ? AND status = 'open'
            """;

    static final String ALERT_SET_INCIDENT = "UPDATE alerts SET incident_id = ? WHERE alert_id = ?";

    /** The correlation key: carrier and region (see the module README). Locked so a human action waits for us. */
    static final String ACTIVE_INCIDENT_FOR_KEY = """
            SELECT incident_id, stack, tenant_id FROM incidents
            WHERE status IN ('open', 'acknowledged') AND carrier IS NOT DISTINCT FROM ? AND region IS NOT DISTINCT FROM ?
            ORDER BY opened_at, incident_id
            LIMIT 1
            FOR UPDATE
            """;

    static final String INSERT_INCIDENT = """
            INSERT INTO incidents (stack, title, status, tenant_id, carrier, region, opened_at, target_resolution_minutes)
            VALUES (?, ?, 'open', ?, ?, ?, ?, ?)
            RETURNING incident_id
            """;

    static final String RECLASSIFY = "UPDATE incidents SET stack = ?, title = ?, target_resolution_minutes = ? "
            + "WHERE incident_id = ?";

    /** An alert of another tenant (or a tenant-less probe alert) joined: the incident spans tenants. */
    static final String WIDEN_TENANT = "UPDATE incidents SET tenant_id = NULL WHERE incident_id = ? "
            + "AND tenant_id IS DISTINCT FROM ?";

    static final String OPEN_ALERTS_OF_INCIDENT = "SELECT count(*) FROM alerts WHERE incident_id = ? AND status = 'open'";

    static final String LOCK_INCIDENT = "SELECT " + INCIDENT_COLUMNS + " FROM incidents WHERE incident_id = ? FOR UPDATE";

    static final String RESOLVE_INCIDENT = """
            UPDATE incidents SET status = 'resolved', resolved_at = ?, resolved_by = ?
            WHERE incident_id = ? AND status <> 'resolved'
            """;

    static final String ACKNOWLEDGE_INCIDENT = """
            UPDATE incidents SET status = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?
            WHERE incident_id = ? AND status = 'open'
            """;

    /** Open or acknowledged past opened_at + target: flag once. */
    static final String BREACH_OVERDUE = """
            UPDATE incidents SET sla_breached = true
            WHERE status IN ('open', 'acknowledged') AND NOT sla_breached
              AND opened_at + target_resolution_minutes * INTERVAL '1 minute' <= ?
            RETURNING incident_id, target_resolution_minutes
            """;

    static final String INSERT_EVENT = "INSERT INTO incident_events (incident_id, at, kind, actor, detail) "
            + "VALUES (?, ?, ?, ?, ?::jsonb)";

    static final String INSERT_AUDIT = "INSERT INTO audit_log (at, actor, action, target, reason, details) "
            + "VALUES (?, ?, ?, ?, ?, ?::jsonb)";

    static final String INCIDENT = "SELECT " + INCIDENT_COLUMNS + " FROM incidents WHERE incident_id = ?";

    static final String ALERT = "SELECT " + ALERT_COLUMNS + " FROM alerts WHERE alert_id = ?";

    static final String ALERTS_OF_INCIDENT = "SELECT " + ALERT_COLUMNS + " FROM alerts WHERE incident_id = ? "
            + "ORDER BY opened_at, alert_id";

    static final String TIMELINE = "SELECT event_id, at, kind, actor, detail::text AS detail FROM incident_events "
            + "WHERE incident_id = ? ORDER BY at, event_id";

    /** Lists: the WHERE clause comes from {@link ListQuery}. */
    static String listAlerts(String where) {
        return "SELECT " + ALERT_COLUMNS + " FROM alerts" + where + " ORDER BY opened_at DESC, alert_id DESC LIMIT ?";
    }

    static String listIncidents(String where) {
        return "SELECT " + INCIDENT_COLUMNS + " FROM incidents" + where
                + " ORDER BY opened_at DESC, incident_id DESC LIMIT ?";
    }
}
