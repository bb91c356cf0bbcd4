package org.telops.quality.notify;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Queues incident notifications inside the caller's transaction and leases them for the sender. Plain JDBC. */
public final class Outbox {
    /** notification_outbox.target of the one webhook this module sends to. */
    public static final String WEBHOOK = "webhook";
    /** notification_outbox.target of finance's notifications (cost alerts): never the on-call webhook. */
    public static final String FINANCE = "finance";

    private final boolean enabled;

    /** @param enabled false when no webhook is configured: nothing is queued (no backlog to flood a later URL with) */
    public Outbox(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Queues the notification for an incident event (opened, breached, resolved) once; true when a row was added. */
    public boolean incidentEvent(Connection c, String event, JsonObject incident, JsonArray alerts, Instant now)
            throws SQLException {
        if (!enabled) {
            return false;
        }
        String key = "incident:" + incident.getLong("incidentId") + ":" + event;
        try (PreparedStatement ps = c.prepareStatement(OutboxSql.ENQUEUE)) {
            OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
            ps.setString(1, key);
            ps.setString(2, WEBHOOK);
            ps.setString(3, WebhookMessages.incident(event, key, incident, alerts).encode());
            ps.setObject(4, at);
            ps.setObject(5, at);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Queues a cost alert for finance (target {@value #FINANCE}), once per alert. Always queued: finance reads the
     * outbox (and {@code GET /api/v1/alerts}) even without a finance webhook, and a webhook set later gets it.
     */
    public void financeAlert(Connection c, JsonObject payload, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OutboxSql.ENQUEUE)) {
            OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
            ps.setString(1, "alert:" + payload.getLong("alertId") + ":finance");
            ps.setString(2, FINANCE);
            ps.setString(3, payload.encode());
            ps.setObject(4, at);
            ps.setObject(5, at);
            ps.executeUpdate();
        }
    }

    /** A leased row: send it, then call {@link #sent} or {@link #failed}. */
    public record Pending(long id, String dedupeKey, String payload, int attempts) {}

    public static List<Pending> lease(Connection c, Instant now, Duration lease, int limit) throws SQLException {
        return lease(c, WEBHOOK, now, lease, limit);
    }

    public static List<Pending> lease(Connection c, String target, Instant now, Duration lease, int limit) throws SQLException {
        List<Pending> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(OutboxSql.LEASE)) {
            ps.setObject(1, OffsetDateTime.ofInstant(now.plus(lease), ZoneOffset.UTC));
            ps.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            ps.setString(3, target);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Pending(rs.getLong("notification_id"), rs.getString("dedupe_key"),
                            rs.getString("payload"), rs.getInt("attempts")));
                }
            }
        }
        out.sort((a, b) -> Long.compare(a.id(), b.id()));
        return out;
    }

    public static void sent(Connection c, long id, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OutboxSql.SENT)) {
            ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    public static void failed(Connection c, long id, Instant retryAt, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OutboxSql.FAILED)) {
            ps.setObject(1, OffsetDateTime.ofInstant(retryAt, ZoneOffset.UTC));
            ps.setString(2, error);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    public static void giveUp(Connection c, long id, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OutboxSql.GIVE_UP)) {
            ps.setString(1, error);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }
}
